/**
 * The one typed result every reporter renders, built from the pipeline's aggregates. Pure.
 * `toSummary` projects it onto the stable summary.json schema (docs/summary-schema.md).
 */
import { redact } from '../redact.js';
import {
  NOT_ANSWERED,
  OTHER_VALUES,
  OVERALL,
  segmentKey,
  typeKey,
  type Example,
  type GroupTotals,
  type OpenTotals,
} from '../pipeline/aggregate.js';
import type { RunOutcome, InputInfo } from '../pipeline/run.js';
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
}

export interface OpenQuestionResult {
  column: string;
  overall: SentimentBreakdown;
  byRespondentType: Record<string, SentimentBreakdown>;
  examples: { positive: Quote[]; negative: Quote[] };
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

export interface AnalysisResult {
  title: string;
  input: Omit<InputInfo, 'path'>;
  configSource: string;
  rows: { read: number; analysed: number; rejected: number; paddedShortRows: number; blankLinesSkipped: number };
  respondentTypes: { column: string; counts: ValueCount[] } | null;
  closedQuestions: ClosedQuestionResult[];
  openQuestions: OpenQuestionResult[];
  segments: SegmentResult[];
  rejects: { count: number; reasons: { reason: string; count: number }[]; sample: RejectedRow[] };
  redaction: { applied: boolean; counts: Record<string, number> };
  workers: number;
}

const percent = (count: number, base: number): number => (base > 0 ? Math.round((count / base) * 1000) / 10 : 0);
const round = (value: number, places = 4): number => {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor || 0;
};
export const NOT_STATED = '(not stated)';

function closedBreakdown(counts: Map<string, number> | undefined, base: number, options: string[]): ClosedBreakdown {
  const map = counts ?? new Map<string, number>();
  const notAnswered = map.get(NOT_ANSWERED) ?? 0;
  const values: ValueCount[] = [];
  const listed = new Set<string>();
  for (const option of options) {
    listed.add(option);
    const count = map.get(option) ?? 0;
    values.push({ value: option, count, percent: percent(count, base) });
  }
  const others = [...map.entries()]
    .filter(([value]) => value !== NOT_ANSWERED && !listed.has(value))
    .sort((a, b) => (a[0] === OTHER_VALUES ? 1 : b[0] === OTHER_VALUES ? -1 : b[1] - a[1] || a[0].localeCompare(b[0])));
  for (const [value, count] of others) values.push({ value, count, percent: percent(count, base) });
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
}

export function buildResult(outcome: RunOutcome, options: BuildOptions): AnalysisResult {
  const { aggregate, plan } = outcome;
  const overall = aggregate.groups.get(OVERALL);
  const base = overall?.rows ?? 0;
  const groupsWithPrefix = (prefix: string): [string, GroupTotals][] =>
    [...aggregate.groups.entries()].filter(([key]) => key.startsWith(prefix)).map(([key, totals]) => [key.slice(prefix.length), totals]);
  const label = (value: string): string => (value === '' ? NOT_STATED : value);
  const byCount = (a: [string, GroupTotals], b: [string, GroupTotals]): number => b[1].rows - a[1].rows || a[0].localeCompare(b[0]);

  const typeGroups = plan.typeIndex >= 0 ? groupsWithPrefix(typeKey('')).sort(byCount) : [];
  const redactionCounts: Record<string, number> = {};
  const quote = (example: Example): Quote => {
    let text = example.text;
    if (options.redact) {
      const redacted = redact(text);
      text = redacted.text;
      for (const [type, count] of Object.entries(redacted.counts)) redactionCounts[type] = (redactionCounts[type] ?? 0) + (count ?? 0);
    }
    return { line: example.line, respondentType: label(example.respondentType), score: example.score, text };
  };

  const closedQuestions = plan.closed.map((question, q) => {
    const breakdown = (totals: GroupTotals | undefined): ClosedBreakdown => closedBreakdown(totals?.closed[q], totals?.rows ?? 0, question.options);
    return {
      column: question.column,
      multi: question.multi,
      overall: breakdown(overall),
      byRespondentType: Object.fromEntries(typeGroups.map(([value, totals]) => [label(value), breakdown(totals)])),
    };
  });
  const openQuestions = plan.open.map((question, o) => ({
    column: question.column,
    overall: sentimentBreakdown(overall?.open[o], base),
    byRespondentType: Object.fromEntries(typeGroups.map(([value, totals]) => [label(value), sentimentBreakdown(totals.open[o], totals.rows)])),
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
        closed: Object.fromEntries(plan.closed.map((question, q) => [question.column, closedBreakdown(totals.closed[q], totals.rows, question.options)])),
        open: Object.fromEntries(plan.open.map((question, o) => [question.column, sentimentBreakdown(totals.open[o], totals.rows)])),
      })),
  }));
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
    respondentTypes: plan.typeIndex >= 0 && outcome.config.respondentType
      ? { column: outcome.config.respondentType, counts: typeGroups.map(([value, totals]) => ({ value: label(value), count: totals.rows, percent: percent(totals.rows, base) })) }
      : null,
    closedQuestions,
    openQuestions,
    segments,
    rejects: {
      count: aggregate.rejected,
      reasons: [...aggregate.rejectReasons.entries()].sort((a, b) => b[1] - a[1]).map(([reason, count]) => ({ reason, count })),
      sample: outcome.rejectsSample,
    },
    redaction: { applied: options.redact, counts: redactionCounts },
    workers: outcome.workers,
  };
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
  };
}
