/**
 * The one typed result every reporter renders, built from the pipeline's aggregates. Pure.
 * `toSummary` projects it onto the stable summary.json schema (docs/summary-schema.md).
 */
import { mergeRedactionCounts, redact, type RedactionCounts } from '../redact.js';
import { reviewKey } from '../review.js';
import { quoteAround, summariseThemes } from '../themes/aggregate.js';
import type { Codeframe } from '../themes/codeframe.js';
import { plainAnalyses } from '../answers/registry.js';
import {
  EXCLUDING,
  NOT_ANSWERED,
  OTHER_VALUES,
  OVERALL,
  excludingTypeKey,
  segmentKey,
  typeKey,
  type Example,
  type GroupTotals,
  type OpenTotals,
} from '../pipeline/aggregate.js';
import type { CampaignOutcome, RunOutcome, InputInfo } from '../pipeline/run.js';
import type { RejectedRow } from '../pipeline/rows.js';

export const SCHEMA_VERSION = 1;

export interface ValueCount {
  value: string;
  count: number;
  /** Percent of the base (all analysed rows in the group), one decimal place. */
  percent: number;
}

export interface ClosedBreakdown {
  base: number;
  answered: number;
  notAnswered: number;
  notAnsweredPercent: number;
  counts: ValueCount[];
}

export interface SentimentBreakdown {
  base: number;
  answered: number;
  notAnswered: number;
  negative: number;
  neutral: number;
  positive: number;
  negativePercent: number;
  neutralPercent: number;
  positivePercent: number;
  meanScore: number;
  meanComparative: number;
}

export interface Quote {
  line: number;
  respondentType: string;
  score: number;
  text: string;
}

export interface ClosedQuestionResult {
  column: string;
  multi: boolean;
  overall: ClosedBreakdown;
  byRespondentType: Record<string, ClosedBreakdown>;
  /** The same counts without campaign copies; null when campaign detection was off. */
  excludingCampaignCopies: { overall: ClosedBreakdown; byRespondentType: Record<string, ClosedBreakdown> } | null;
}

export interface OpenQuestionResult {
  column: string;
  overall: SentimentBreakdown;
  byRespondentType: Record<string, SentimentBreakdown>;
  excludingCampaignCopies: { overall: SentimentBreakdown; byRespondentType: Record<string, SentimentBreakdown> } | null;
  examples: { positive: Quote[]; negative: Quote[] };
}

export interface CountPercent {
  count: number;
  /** Percent of answered (non-blank) responses to the question in the group, one decimal place. */
  percent: number;
}

export interface ThemeQuote {
  line: number;
  respondentType: string;
  text: string;
}

export interface ThemeResult extends CountPercent {
  id: string;
  label: string;
  parent: string | null;
  byRespondentType: Record<string, CountPercent>;
  excludingCampaignCopies: CountPercent | null;
  quotes: ThemeQuote[];
}

export interface ThemeQuestionResult {
  column: string;
  answered: number;
  blank: number;
  uncoded: CountPercent;
  byRespondentType: Record<string, { answered: number; blank: number; uncoded: CountPercent }>;
  themes: ThemeResult[];
  cooccurrence: { a: string; b: string; count: number }[];
  /** Final codes by who assigned them. */
  codes: { rule: number; review: number };
  review: { responsesReviewed: number; added: number; removed: number; flagged: number };
  excludingCampaignCopies: { answered: number; blank: number; uncoded: CountPercent } | null;
}

export interface ThemesResult {
  source: string;
  review: { file: string; entries: number; matched: number; unmatched: { responseId: string; question: string; line: number }[] } | null;
  questions: ThemeQuestionResult[];
}

export interface CampaignView {
  id: string;
  size: number;
  percent: number;
  standardCopies: number;
  editedCopies: number;
  distinctTexts: number;
  templateLine: number | null;
  templateResponseId: string | null;
  /** The template row's text per compared question, redacted unless --no-redact; not in summary.json. */
  template: { column: string; text: string }[];
  byRespondentType: Record<string, number>;
  /** Per coded question: the template's themes, and themes edited copies added (with counts). */
  templateThemes: Record<string, string[]>;
  editedCopiesAddedThemes: Record<string, { id: string; count: number }[]>;
}

export interface CampaignsResult {
  columns: string[];
  similarity: number;
  minSize: number;
  minWords: number;
  responsesCompared: number;
  count: number;
  responsesInCampaigns: number;
  copies: number;
  responsesExcludingCopies: number;
  campaigns: CampaignView[];
}

export interface SegmentValueResult {
  value: string;
  count: number;
  percent: number;
  closed: Record<string, ClosedBreakdown>;
  open: Record<string, SentimentBreakdown>;
}

export interface SegmentResult {
  column: string;
  values: SegmentValueResult[];
}

/** One plain analysis's summary per open question, and its report section. */
export interface AnswerAnalysisResult {
  id: string;
  title: string;
  questions: { question: string; summary: unknown }[];
  /** Its report.md section (Markdown lines under its title). */
  section: string[];
}

export interface AnalysisResult {
  title: string;
  input: Omit<InputInfo, 'path'>;
  configSource: string;
  rows: { read: number; analysed: number; rejected: number; paddedShortRows: number; blankLinesSkipped: number };
  respondentTypes: { column: string; counts: ValueCount[]; excludingCampaignCopies: ValueCount[] | null } | null;
  closedQuestions: ClosedQuestionResult[];
  openQuestions: OpenQuestionResult[];
  segments: SegmentResult[];
  themes: ThemesResult | null;
  campaigns: CampaignsResult | null;
  /** The plain analyses' parts (answers/registry.ts), in registry order; empty when none is registered. */
  answers: AnswerAnalysisResult[];
  rejects: { count: number; reasons: { reason: string; count: number }[]; sample: RejectedRow[] };
  /** Counts per type, never values: quotes in the reports; and what --redact-responses replaced. */
  redaction: { applied: boolean; counts: RedactionCounts; responses: { applied: boolean; counts: RedactionCounts }; sheets: boolean };
  workers: number;
}

const percent = (count: number, base: number): number => (base > 0 ? Math.round((count / base) * 1000) / 10 : 0);
const round = (value: number, places = 4): number => {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor || 0;
};
export const NOT_STATED = '(not stated)';

/**
 * Answer values shown as labels (closed options, respondent types, segment values), redacted once per
 * distinct value. Two values that redact alike stay apart ("[email]", "[email] (2)"), so no count is
 * lost where labels are keys.
 */
export class LabelCleaner {
  private readonly cleaned = new Map<string, string>();
  private readonly taken = new Set<string>();
  constructor(private readonly clean: (text: string) => string) {}
  of(value: string): string {
    let label = this.cleaned.get(value);
    if (label !== undefined) return label;
    label = this.clean(value);
    if (label !== value) {
      const base = label;
      for (let n = 2; this.taken.has(label); n++) label = `${base} (${n})`;
    }
    this.cleaned.set(value, label);
    this.taken.add(label);
    return label;
  }
}

function closedBreakdown(counts: Map<string, number> | undefined, base: number, options: string[], labels?: LabelCleaner): ClosedBreakdown {
  const map = counts ?? new Map<string, number>();
  const notAnswered = map.get(NOT_ANSWERED) ?? 0;
  const values: ValueCount[] = [];
  const listed = new Set<string>();
  for (const option of options) {
    listed.add(option);
    const count = map.get(option) ?? 0;
    values.push({ value: labels ? labels.of(option) : option, count, percent: percent(count, base) });
  }
  const others = [...map.entries()]
    .filter(([value]) => value !== NOT_ANSWERED && !listed.has(value))
    .sort((a, b) => (a[0] === OTHER_VALUES ? 1 : b[0] === OTHER_VALUES ? -1 : b[1] - a[1] || a[0].localeCompare(b[0])));
  for (const [value, count] of others) values.push({ value: labels && value !== OTHER_VALUES ? labels.of(value) : value, count, percent: percent(count, base) });
  return { base, answered: base - notAnswered, notAnswered, notAnsweredPercent: percent(notAnswered, base), counts: values };
}

function sentimentBreakdown(totals: OpenTotals | undefined, base: number): SentimentBreakdown {
  const t = totals ?? { answered: 0, negative: 0, neutral: 0, positive: 0, sumScore: 0, sumComparative: 0 };
  return {
    base,
    answered: t.answered,
    notAnswered: base - t.answered,
    negative: t.negative,
    neutral: t.neutral,
    positive: t.positive,
    negativePercent: percent(t.negative, t.answered),
    neutralPercent: percent(t.neutral, t.answered),
    positivePercent: percent(t.positive, t.answered),
    meanScore: t.answered > 0 ? round(t.sumScore / t.answered) : 0,
    meanComparative: t.answered > 0 ? round(t.sumComparative / t.answered) : 0,
  };
}

export interface BuildOptions {
  title?: string;
  configSource: string;
  redact: boolean;
  /** Where the codeframe came from (file name, or the config), when there is one. */
  codeframeSource?: string;
  codeframe?: Codeframe;
  /** The review file's name and entries, when one was applied. */
  review?: { file: string; entries: { responseId: string; question: string; line: number }[] };
}

export function buildResult(outcome: RunOutcome, options: BuildOptions): AnalysisResult {
  const { aggregate, plan } = outcome;
  const overall = aggregate.groups.get(OVERALL);
  const base = overall?.rows ?? 0;
  const groupsWithPrefix = (prefix: string): [string, GroupTotals][] =>
    [...aggregate.groups.entries()].filter(([key]) => key.startsWith(prefix)).map(([key, totals]) => [key.slice(prefix.length), totals]);
  // where text enters the result: every quote, label and rejected cell is redacted here (unless --no-redact)
  const redactionCounts: RedactionCounts = {};
  const known = aggregate.personalNames;
  const clean = (text: string, personal?: readonly string[]): string => {
    if (!options.redact) return text;
    const redacted = redact(text, { known, ...(personal ? { own: personal } : {}) });
    mergeRedactionCounts(redactionCounts, redacted.counts);
    return redacted.text;
  };
  const valueLabels = new LabelCleaner((text) => clean(text));
  const label = (value: string): string => (value === '' ? NOT_STATED : valueLabels.of(value));
  const byCount = (a: [string, GroupTotals], b: [string, GroupTotals]): number => b[1].rows - a[1].rows || a[0].localeCompare(b[0]);

  const typeGroups = plan.typeIndex >= 0 ? groupsWithPrefix(typeKey('')).sort(byCount) : [];
  const detected = outcome.campaigns !== null;
  const excluding = aggregate.groups.get(EXCLUDING);
  const excludingBase = excluding?.rows ?? 0;
  const excludingTypes = new Map(detected ? groupsWithPrefix(excludingTypeKey('')) : []);
  const quote = (example: Example): Quote => ({ line: example.line, respondentType: label(example.respondentType), score: example.score, text: clean(example.text, example.personal) });

  const closedQuestions = plan.closed.map((question, q) => {
    const breakdown = (totals: GroupTotals | undefined): ClosedBreakdown => closedBreakdown(totals?.closed[q], totals?.rows ?? 0, question.options, valueLabels);
    return {
      column: question.column,
      multi: question.multi,
      overall: breakdown(overall),
      byRespondentType: Object.fromEntries(typeGroups.map(([value, totals]) => [label(value), breakdown(totals)])),
      excludingCampaignCopies: detected
        ? { overall: breakdown(excluding), byRespondentType: Object.fromEntries(typeGroups.map(([value]) => [label(value), breakdown(excludingTypes.get(value))])) }
        : null,
    };
  });
  const openQuestions = plan.open.map((question, o) => ({
    column: question.column,
    overall: sentimentBreakdown(overall?.open[o], base),
    byRespondentType: Object.fromEntries(typeGroups.map(([value, totals]) => [label(value), sentimentBreakdown(totals.open[o], totals.rows)])),
    excludingCampaignCopies: detected
      ? {
          overall: sentimentBreakdown(excluding?.open[o], excludingBase),
          byRespondentType: Object.fromEntries(typeGroups.map(([value]) => [label(value), sentimentBreakdown(excludingTypes.get(value)?.open[o], excludingTypes.get(value)?.rows ?? 0)])),
        }
      : null,
    examples: {
      positive: (aggregate.positiveExamples[o] ?? []).map(quote),
      negative: (aggregate.negativeExamples[o] ?? []).map(quote),
    },
  }));
  const segments = plan.segments.map((segment, s) => ({
    column: segment.column,
    values: groupsWithPrefix(segmentKey(s, ''))
      .sort(byCount)
      .map(([value, totals]) => ({
        value: label(value),
        count: totals.rows,
        percent: percent(totals.rows, base),
        closed: Object.fromEntries(plan.closed.map((question, q) => [question.column, closedBreakdown(totals.closed[q], totals.rows, question.options, valueLabels)])),
        open: Object.fromEntries(plan.open.map((question, o) => [question.column, sentimentBreakdown(totals.open[o], totals.rows)])),
      })),
  }));
  const themes = buildThemes(outcome, options, label, clean, detected);
  const campaigns = outcome.campaigns ? buildCampaigns(outcome.campaigns, outcome, base, excludingBase, label, clean) : null;
  const { path: _path, ...input } = outcome.input;
  return {
    title: options.title ?? outcome.config.title ?? `Consultation analysis: ${outcome.input.file}`,
    input,
    configSource: options.configSource,
    rows: {
      read: aggregate.read,
      analysed: aggregate.analysed,
      rejected: aggregate.rejected,
      paddedShortRows: aggregate.paddedShortRows,
      blankLinesSkipped: aggregate.blankLines,
    },
    respondentTypes:
      plan.typeIndex >= 0 && outcome.config.respondentType
        ? {
            column: outcome.config.respondentType,
            counts: typeGroups.map(([value, totals]) => ({ value: label(value), count: totals.rows, percent: percent(totals.rows, base) })),
            excludingCampaignCopies: detected
              ? typeGroups.map(([value]) => {
                  const count = excludingTypes.get(value)?.rows ?? 0;
                  return { value: label(value), count, percent: percent(count, excludingBase) };
                })
              : null,
          }
        : null,
    closedQuestions,
    openQuestions,
    segments,
    themes,
    campaigns,
    answers: buildAnswers(outcome),
    rejects: {
      count: aggregate.rejected,
      reasons: [...aggregate.rejectReasons.entries()].sort((a, b) => b[1] - a[1]).map(([reason, count]) => ({ reason, count })),
      // already redacted in the pipeline unless --no-redact-review; the report redacts them anyway
      sample: outcome.rejectsSample.map((row) => {
        const personal = [...plan.personal.names, ...plan.personal.emails].map((index) => row.cells[index] ?? '').filter((cell) => cell.trim() !== '');
        return { ...row, cells: row.cells.map((cell) => clean(cell, personal)) };
      }),
    },
    redaction: { applied: options.redact, counts: redactionCounts, responses: { applied: outcome.plan.redactResponses, counts: aggregate.responseRedactions }, sheets: outcome.plan.redactReview },
    workers: outcome.workers,
  };
}

const countPercent = (count: number, of: number): CountPercent => ({ count, percent: percent(count, of) });

type Clean = (text: string, personal?: readonly string[]) => string;

function buildThemes(outcome: RunOutcome, options: BuildOptions, label: (value: string) => string, clean: Clean, detected: boolean): ThemesResult | null {
  const codeframe = options.codeframe;
  if (!codeframe) return null;
  const { coding } = outcome;
  const all = summariseThemes(coding.all, codeframe);
  const excluding = detected ? summariseThemes(coding.excluding, codeframe) : null;
  const order = (type: string): string => label(type);
  const questions = all.map((question, q) => {
    const exclusive = excluding?.[q];
    const counts = coding.review[question.question];
    const types = Object.keys(question.byType).sort((a, b) => (question.byType[b]!.answered - question.byType[a]!.answered) || a.localeCompare(b));
    return {
      column: question.question,
      answered: question.answered,
      blank: question.blank,
      uncoded: countPercent(question.uncoded.count, question.answered),
      byRespondentType: Object.fromEntries(
        types.map((type) => {
          const group = question.byType[type]!;
          return [order(type), { answered: group.answered, blank: group.blank, uncoded: countPercent(group.uncoded.count, group.answered) }];
        }),
      ),
      themes: question.themes.map((theme, t) => ({
        id: theme.id,
        label: theme.label,
        parent: theme.parent ?? null,
        ...countPercent(theme.count, question.answered),
        byRespondentType: Object.fromEntries(types.map((type) => [order(type), countPercent(theme.byType[type]?.count ?? 0, question.byType[type]!.answered)])),
        excludingCampaignCopies: exclusive ? countPercent(exclusive.themes[t]?.count ?? 0, exclusive.answered) : null,
        quotes: (coding.quotes[question.question]?.[theme.id] ?? []).map((candidate) => ({
          line: candidate.line,
          respondentType: label(candidate.respondentType),
          text: quoteAround(clean(candidate.text, candidate.personal), candidate.evidence),
        })),
      })),
      cooccurrence: question.cooccurrence,
      codes: { rule: counts?.rule ?? 0, review: counts?.review ?? 0 },
      review: { responsesReviewed: counts?.reviewed ?? 0, added: counts?.added ?? 0, removed: counts?.removed ?? 0, flagged: counts?.flagged ?? 0 },
      excludingCampaignCopies: exclusive ? { answered: exclusive.answered, blank: exclusive.blank, uncoded: countPercent(exclusive.uncoded.count, exclusive.answered) } : null,
    };
  });
  let review: ThemesResult['review'] = null;
  if (options.review) {
    const matched = new Set(coding.reviewMatched);
    const unmatched = options.review.entries.filter((entry) => !matched.has(reviewKey(entry.responseId, entry.question)));
    review = { file: options.review.file, entries: options.review.entries.length, matched: options.review.entries.length - unmatched.length, unmatched };
  }
  return { source: options.codeframeSource ?? 'config', review, questions };
}

function buildCampaigns(found: CampaignOutcome, outcome: RunOutcome, base: number, excludingBase: number, label: (value: string) => string, clean: Clean): CampaignsResult {
  const coded = outcome.plan.open.filter((q) => q.themes !== null).map((q) => q.column);
  return {
    columns: found.columns,
    similarity: found.threshold,
    minSize: found.minSize,
    minWords: found.minWords,
    responsesCompared: found.rowsCompared,
    count: found.campaigns.length,
    responsesInCampaigns: found.rowsInCampaigns,
    copies: found.copies,
    responsesExcludingCopies: excludingBase,
    campaigns: found.campaigns.map((campaign, index) => {
      const tally = outcome.coding.campaigns[index];
      const template = tally?.template;
      const templateThemes: Record<string, string[]> = {};
      const added: Record<string, { id: string; count: number }[]> = {};
      for (const column of coded) {
        const own = template?.codes[column] ?? [];
        templateThemes[column] = own;
        added[column] = Object.entries(tally?.editedThemes[column] ?? {})
          .filter(([id]) => !own.includes(id))
          .map(([id, count]) => ({ id, count }))
          .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
      }
      return {
        id: campaign.id,
        size: campaign.size,
        percent: percent(campaign.size, base),
        standardCopies: campaign.standardCopies,
        editedCopies: campaign.editedCopies,
        distinctTexts: campaign.distinctTexts,
        templateLine: template?.line ?? null,
        templateResponseId: template?.id ?? null,
        template: Object.entries(template?.texts ?? {})
          .filter(([, text]) => text.trim() !== '')
          .map(([column, text]) => ({ column, text: clean(text, template?.personal) })),
        byRespondentType: Object.fromEntries(Object.entries(tally?.byType ?? {}).sort((a, b) => b[1] - a[1]).map(([type, n]) => [label(type), n])),
        templateThemes,
        editedCopiesAddedThemes: added,
      };
    }),
  };
}

/** The plain analyses' summaries and sections from their merged tallies. */
function buildAnswers(outcome: RunOutcome): AnswerAnalysisResult[] {
  return plainAnalyses().map((analysis) => {
    const questions = outcome.plan.open.map((question) => {
      const tallies = outcome.answers[analysis.id]?.[question.column];
      const all = tallies?.all ?? analysis.emptyTally();
      const excluding = outcome.campaigns ? (tallies?.excludingCampaignCopies ?? analysis.emptyTally()) : null;
      return { question: question.column, summary: analysis.summary({ all, excludingCampaignCopies: excluding }, question) };
    });
    return { id: analysis.id, title: analysis.title, questions, section: analysis.section(questions) };
  });
}

/** summary.json: the stable, documented projection of the result (no quotes, no row data). */
export function toSummary(result: AnalysisResult, version: string): unknown {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'ptk', version },
    title: result.title,
    input: {
      file: result.input.file,
      sha256: result.input.sha256,
      bytes: result.input.bytes,
      encoding: result.input.encoding,
      bom: result.input.bom,
      delimiter: result.input.delimiter,
      lineEndings: result.input.lineEndings,
      columns: result.input.columns,
      notes: result.input.notes,
    },
    config: { source: result.configSource },
    rows: result.rows,
    respondentTypes: result.respondentTypes,
    closedQuestions: result.closedQuestions,
    openQuestions: result.openQuestions.map(({ examples: _examples, ...rest }) => rest),
    segments: result.segments,
    rejects: { count: result.rejects.count, reasons: result.rejects.reasons },
    themes: result.themes && {
      source: result.themes.source,
      review: result.themes.review && {
        file: result.themes.review.file,
        entries: result.themes.review.entries,
        matched: result.themes.review.matched,
        unmatched: result.themes.review.unmatched.length,
      },
      questions: result.themes.questions.map((question) => ({
        ...question,
        themes: question.themes.map(({ quotes: _quotes, ...theme }) => theme),
      })),
    },
    campaigns: result.campaigns && {
      ...result.campaigns,
      campaigns: result.campaigns.campaigns.map(({ template: _template, ...campaign }) => campaign),
    },
    redaction: {
      reports: result.redaction.applied,
      counts: result.redaction.counts,
      responsesCsv: result.redaction.responses.applied,
      responsesCsvCounts: result.redaction.responses.counts,
      // review.csv answers and rejects.csv cells (false with --no-redact-review)
      workingSheets: result.redaction.sheets,
    },
    // the plain analyses' parts, by id (none by default: the summary is then as it always was)
    ...(result.answers.length > 0 ? { answers: Object.fromEntries(result.answers.map((answer) => [answer.id, answer.questions])) } : {}),
  };
}
