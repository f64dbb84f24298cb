/**
 * Per-row processing, run in worker threads (or in-process for small files).
 *
 * - `signChunk` (first pass, only with campaign detection): the campaign signature of every analysed
 *   row whose text is long enough to be part of a campaign, packed into one transferable buffer, and
 *   every answer's sentiment and rule codes as numbers (AnswerRecords), all from one scan per answer.
 * - `processChunk` (the analysis pass): tallies, sentiment and theme coding (or the first pass's
 *   records of them) with the review applied, campaign figures (roles come from the first pass
 *   through shared memory), the responses.csv lines and the review.csv template lines.
 *
 * Both passes accept and reject rows identically, so a row's index (its place among analysed rows)
 * is the same in both.
 */
import { signatureWordCount } from '../answers/campaign-signature.js';
import type { PlainAnswerAnalysis } from '../answers/contract.js';
import { plainAnalyses } from '../answers/registry.js';
import { emptyAnswerTallies, type AnswerTallies } from '../answers/tallies.js';
import { SIGNATURE_WORDS, mix32, signatureInto } from '../campaigns/signature.js';
import { StringCache, ownCopy } from '../../lib/string-cache.js';
import { grown } from '../../lib/typed-arrays.js';
import { ROLE_EDITED_COPY, ROLE_NONE, ROLE_STANDARD_COPY, ROLE_TEMPLATE } from '../campaigns/detector.js';
import { redact, mergeRedactionCounts } from '../redact.js';
import { applyReview, reviewKey, type ReviewEntry } from '../review.js';
import { scoreSentiment } from '../sentiment.js';
import { QuestionMatcher } from '../themes/matcher.js';
import { flatCopy, parseBlock } from '../ingest/parse.js';
import {
  OVERALL,
  EXCLUDING,
  NOT_ANSWERED,
  EXAMPLE_MAX_LENGTH,
  EXAMPLE_MIN_LENGTH,
  emptyAggregate,
  emptyGroup,
  mayOfferExample,
  offerExample,
  PERSONAL_NAMES_KEPT,
  type Aggregate,
} from './aggregate.js';
import { AnswerCodes, QUOTE_CANDIDATES, QUOTE_TEXT_KEPT, ThemeCounter, emptyCampaignTally, emptyCoding, emptyReviewCounts, offerQuote, type Coding } from './coding.js';
import { AnswerScanner, beginAnswerSignature, finishAnswerSignatureInto } from './answer-scan.js';
import { BlockTallies } from './cells.js';
import { RepeatedRows } from './repeats.js';
import { CsvWriter, needsQuotes } from './csv-writer.js';
import type { Plan } from './plan.js';

export interface RejectedRow {
  line: number;
  reason: string;
  /** The raw cells, joined back for the rejects file. */
  cells: string[];
}

export interface ChunkResult {
  /** Analysed rows in the block (checked against the first pass). */
  rows: number;
  aggregate: Aggregate;
  coding: Coding;
  /** The plain analyses' tallies (answers/registry.ts). */
  answers: AnswerTallies;
  /** responses.csv lines for the analysed rows, in input order, as UTF-8 pieces (transferred, not copied). */
  responses: Uint8Array<ArrayBuffer>[];
  /** review.csv template lines, in input order, as UTF-8 pieces. */
  reviewLines: Uint8Array<ArrayBuffer>[];
  rejects: RejectedRow[];
  /** False when the block's answers did not match the first pass's records (the file changed in between). */
  recordsMatched: boolean;
}

/**
 * First-pass result: signatures of the block's rows that can be campaign copies, and the sentiment
 * and rule codes of every answer (the analysis pass reads these rather than scanning the text again).
 */
export interface SignedChunk extends AnswerRecords {
  /** Analysed rows in the block. */
  rows: number;
  /** Index within the block of each signed row. */
  rowIndex: Int32Array<ArrayBuffer>;
  /** SIGNATURE_WORDS words per signed row. */
  signatures: Uint32Array<ArrayBuffer>;
}

/**
 * Sentiment and rule codes of a block's answers, worked out in the first pass: one record per
 * non-blank open-question answer of each analysed row, in row order and question order.
 */
export interface AnswerRecords {
  /** Score and comparative score per answer. */
  scores: Float64Array<ArrayBuffer>;
  /** Per answer: its number of rule codes, then four numbers per code (QuestionMatcher.lastCodes). */
  codes: Int32Array<ArrayBuffer>;
}

/** Campaign membership from the first pass, per row index (shared with the workers, never copied). */
export interface CampaignRoles {
  roles: Uint8Array;
  campaignOf: Int32Array;
}

/** What a thread builds once from the plan and reuses for every block. */
export interface RowContext {
  plan: Plan;
  optionLookup: Map<string, string>[];
  /** Per single-choice closed question: label of each answer as written: the lower-cased look-up above, once per distinct value. */
  labelOf: StringCache<string>[];
  /** Per multi-select question: the labels of each distinct answer (a combination of options). */
  labelsOf: StringCache<readonly string[]>[];
  /** Respondent types and segment values as first met (see canonical). */
  typeValues: StringCache<string>;
  segmentValues: StringCache<string>[];
  /** The codes of the answer being coded (reused). */
  answerCodes: AnswerCodes;
  matchers: (QuestionMatcher | null)[];
  /** Per open question: the one-pass scanner for sentiment, codes and signature words (see scannerOf). */
  scanners: (AnswerScanner | undefined)[];
  /**
   * Per campaign column, in campaign order: its open question, when every campaign column is a
   * distinct open question (then the first pass builds signatures while scanning the answers); else null.
   */
  campaignQuestions: number[] | null;
  /** Per open question: theme ids in codeframe order and their indices (empty when not coded). */
  themeIds: string[][];
  themeIndex: Map<string, number>[];
  review: Map<string, ReviewEntry>;
  roles: CampaignRoles | null;
  /** Threshold on a 32-bit hash of (response id, question) for the review.csv template sample. */
  sampleBelow: number;
  /** Per open question: the hash of its column name (see sampleHash). */
  questionHashes: number[];
  /** Writers reused block after block (processChunk takes their lines out before it returns). */
  responsesWriter?: CsvWriter;
  reviewWriter?: CsvWriter;
  /**
   * Per open question and theme (from quoteBase): 1 once the main thread's merged results hold all
   * the theme's quote candidates. Blocks are merged in input order, so a later block's candidates
   * could not be kept: they are not offered (shared memory, set by the main thread).
   */
  quotesTaken: Uint8Array | null;
  quoteBase: number[];
  /** Per open question: theme lists as written, by their theme indices (see themeListOf). */
  themeLists: Map<number, string>[];
  /** First-pass results of rows whose texts repeat (campaign copies), made on first use. */
  repeatedRows?: RepeatedRows;
  /** The registered analyses the pipeline runs through their own `analyse` (none but the scanner's by default). */
  plain: PlainAnswerAnalysis[];
  /** Per open question: the number of responses.csv cells the plain analyses write. */
  plainCells: number[];
}

/** One answer's sentiment and rule codes (codes null without a coding frame). */
interface AnalysedAnswer {
  score: number;
  comparative: number;
  /** Rule codes as numbers (QuestionMatcher.lastCodes layout): `codeCount` codes from codeData[codeAt]; null without a coding frame. */
  codeData: Int32Array | null;
  codeAt: number;
  codeCount: number;
}

const LABELS_CACHED = 10_000;

/** Where each open question's themes start in the quotes-taken flags (see RowContext.quotesTaken), and how many flags there are. */
export function quoteFlagLayout(plan: Plan): { base: number[]; count: number } {
  const base: number[] = [];
  let count = 0;
  for (const question of plan.open) {
    base.push(count);
    count += question.themes?.length ?? 0;
  }
  return { base, count };
}

/** Mark the themes whose quote candidates are all found in `coding` (merged in input order). */
export function markQuotesTaken(plan: Plan, coding: Coding, taken: Uint8Array): void {
  const { base } = quoteFlagLayout(plan);
  plan.open.forEach((question, o) => {
    const byTheme = coding.quotes[question.column];
    if (!byTheme || !question.themes) return;
    question.themes.forEach((theme, t) => {
      if ((byTheme[theme.id]?.length ?? 0) >= QUOTE_CANDIDATES) taken[base[o]! + t] = 1;
    });
  });
}

export function createContext(plan: Plan, roles: CampaignRoles | null = null, quotesTaken: Uint8Array | null = null): RowContext {
  const matchers = plan.open.map((q) => (q.themes ? new QuestionMatcher(q.themes) : null));
  return {
    plan,
    optionLookup: plan.closed.map((q) => new Map(q.options.map((option) => [option.trim().toLowerCase(), option]))),
    labelOf: plan.closed.map(() => new StringCache<string>(LABELS_CACHED)),
    labelsOf: plan.closed.map(() => new StringCache<readonly string[]>(LABELS_CACHED)),
    typeValues: new StringCache<string>(LABELS_CACHED),
    segmentValues: plan.segments.map(() => new StringCache<string>(LABELS_CACHED)),
    answerCodes: new AnswerCodes(),
    matchers,
    scanners: plan.open.map(() => undefined),
    campaignQuestions: campaignQuestions(plan),
    themeIds: plan.open.map((q) => (q.themes ?? []).map((t) => t.id)),
    themeIndex: plan.open.map((q) => new Map((q.themes ?? []).map((t, i) => [t.id, i]))),
    review: new Map(plan.review.map((entry) => [reviewKey(entry.responseId, entry.question), entry])),
    roles,
    sampleBelow: Math.floor(Math.min(1, Math.max(0, plan.reviewSample)) * 2 ** 32),
    questionHashes: plan.open.map((q) => hashString(q.column)),
    quotesTaken,
    quoteBase: quoteFlagLayout(plan).base,
    themeLists: plan.open.map(() => new Map()),
    plain: plainAnalyses(),
    plainCells: plan.open.map((question) => plainAnalyses().reduce((sum, analysis) => sum + analysis.columns(question).length, 0)),
  };
}

function campaignQuestions(plan: Plan): number[] | null {
  if (!plan.campaigns) return null;
  const questions = plan.campaigns.columns.map((column) => plan.open.findIndex((q) => q.index === column));
  return questions.every((o, k) => o >= 0 && questions.indexOf(o) === k) ? questions : null;
}

export const ROLE_LABELS = ['', 'template', 'standard', 'edited'] as const;

interface RowState {
  /** The answer being coded (see codeAnswer). */
  answer: Answer;
  aggregate: Aggregate;
  coding: Coding;
  /** The plain analyses' tallies, per analysis and question. */
  answers: AnswerTallies;
  responses: CsvWriter | null;
  reviewLines: CsvWriter | null;
  rejects: RejectedRow[];
  /** Index (among analysed rows of the file) of the next row. */
  nextRow: number;
  rows: number;
  /** Closed answers, rows and sentiment, by cell (added up into the groups when the block ends). */
  tallies: BlockTallies;
  /** The row's segment values (reused). */
  segmentValues: (string | undefined)[];
  /** Per open question: theme counts over all rows and without campaign copies (null when not coded). */
  counters: ({ all: ThemeCounter; excluding: ThemeCounter } | null)[];
  /**
   * Per open question: themes that need no more quote candidates from this block (all found in it, or
   * taken in the merged results when the block began); at themes.length the block offers none.
   */
  quotesFull: number[];
  /** The first pass's answer records for this block, and where the next answer's are. */
  records: AnswerRecords | null;
  nextScore: number;
  nextCodes: number;
  recordsMatched: boolean;
  /** The answer recordedAnswer last read (one object per block, refilled). */
  recorded: AnalysedAnswer;
}

function newRowState(context: RowContext, firstRow: number, records: AnswerRecords | null = null): RowState {
  const plan = context.plan;
  const aggregate = emptyAggregate(plan.open.length);
  aggregate.groups.set(OVERALL, emptyGroup(plan.closed.length, plan.open.length));
  if (context.roles) aggregate.groups.set(EXCLUDING, emptyGroup(plan.closed.length, plan.open.length));
  return {
    aggregate,
    coding: emptyCoding(),
    answers: emptyAnswerTallies(context.plain, plan.open, context.roles !== null),
    responses: plan.writeResponses ? (context.responsesWriter ??= new CsvWriter()).reset() : null,
    reviewLines: context.sampleBelow > 0 ? (context.reviewWriter ??= new CsvWriter(1 << 16)).reset() : null,
    rejects: [],
    nextRow: firstRow,
    rows: 0,
    tallies: new BlockTallies(plan.closed.length, plan.open.length, plan.typeIndex >= 0, plan.segments.length, context.roles !== null),
    segmentValues: plan.segments.map(() => undefined),
    quotesFull: plan.open.map((q, o) => takenThemes(context, o, q.themes?.length ?? 0)),
    records,
    nextScore: 0,
    nextCodes: 0,
    recordsMatched: true,
    recorded: { score: 0, comparative: 0, codeData: null, codeAt: 0, codeCount: 0 },
    answer: { id: '', line: 0, row: 0, text: '', typeValue: '', role: ROLE_NONE, copy: false, campaignTally: null, rules: context.answerCodes, personal: undefined },
    counters: plan.open.map((q, o) =>
      q.themes
        ? { all: new ThemeCounter(q.column, context.themeIds[o]!, context.themeIndex[o]!), excluding: new ThemeCounter(q.column, context.themeIds[o]!, context.themeIndex[o]!) }
        : null,
    ),
  };
}

/** How many of open question `o`'s `themes` themes have their quote candidates taken (see RowContext.quotesTaken). */
function takenThemes(context: RowContext, o: number, themes: number): number {
  const taken = context.quotesTaken;
  if (!taken) return 0;
  let count = 0;
  for (let t = 0, at = context.quoteBase[o]!; t < themes; t++) count += taken[at + t]!;
  return count;
}

/** Why a record cannot be analysed, or undefined; `fields` may be trimmed of empty trailing cells. */
function rejection(fields: string[], width: number, unterminated: boolean): string | undefined {
  if (unterminated) return 'a quoted field is never closed (missing ")';
  if (fields.length > width) {
    for (let i = width; i < fields.length; i++) if ((fields[i] as string).trim() !== '') return `${fields.length} cells but the header has ${width}`;
  }
  return undefined;
}

/** 32-bit FNV-1a of a string, from `seed` on. */
function hashString(value: string, seed = 0x811c9dc5): number {
  let hash = seed;
  for (let i = 0; i < value.length; i++) hash = Math.imul(hash ^ value.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * Stable hash of (response id, question) for the review.csv template sample: the id hashed from the
 * question's own hash, then mixed (the MurmurHash3 finaliser) so every bit depends on both.
 */
function sampleHash(id: string, questionHash: number): number {
  return mix32(hashString(id, questionHash));
}

function textOf(fields: string[], columns: readonly number[]): string {
  if (columns.length === 1) return fields[columns[0]!] ?? '';
  let text = '';
  for (const column of columns) {
    const cell = fields[column] ?? '';
    if (isBlank(cell)) continue;
    text = text === '' ? cell : `${text}\n${cell}`;
  }
  return text;
}

function analyseRow(input: string[], line: number, context: RowContext, state: RowState, unterminated: boolean): void {
  const { plan } = context;
  const aggregate = state.aggregate;
  aggregate.read++;
  const width = plan.header.length;
  let fields = input;
  const reason = rejection(fields, width, unterminated);
  if (reason !== undefined) {
    aggregate.rejected++;
    aggregate.rejectReasons.set(reason, (aggregate.rejectReasons.get(reason) ?? 0) + 1);
    // rejects.csv and the report's appendix show the cells: redacted unless --no-redact-review
    state.rejects.push({ line, reason, cells: plan.redactReview ? redactCells(fields, personalOf(plan, fields, null)) : fields });
    return;
  }
  if (fields.length > width) {
    aggregate.trimmedEmptyCells += fields.length - width;
    fields = fields.slice(0, width);
  } else if (fields.length < width) {
    aggregate.paddedShortRows++;
  }
  aggregate.analysed++;
  const personal = personalOf(plan, fields, aggregate.personalNames);
  const row = state.nextRow++;
  state.rows++;

  // Campaign membership (from the first pass).
  let role = ROLE_NONE;
  let campaign = -1;
  if (context.roles && row < context.roles.roles.length) {
    role = context.roles.roles[row]!;
    if (role !== ROLE_NONE) campaign = context.roles.campaignOf[row]!;
  }
  const copy = role === ROLE_STANDARD_COPY || role === ROLE_EDITED_COPY;

  const typeValue = plan.typeIndex >= 0 ? canonical(context.typeValues, (fields[plan.typeIndex] ?? '').trim()) : '';
  const tallies = state.tallies;
  const segmentValues = state.segmentValues;
  for (let s = 0; s < plan.segments.length; s++) {
    const segment = plan.segments[s]!;
    segmentValues[s] = segment.index >= 0 ? canonical(context.segmentValues[s]!, (fields[segment.index] ?? '').trim()) : undefined;
  }
  const cell = tallies.cell(typeValue, segmentValues, copy);
  cell.rows++;

  for (let q = 0; q < plan.closed.length; q++) {
    const question = plan.closed[q]!;
    const raw = (fields[question.index] ?? '').trim();
    if (raw === '') {
      tallies.count(cell, q, NOT_ANSWERED);
      continue;
    }
    const lookup = context.optionLookup[q]!;
    if (!question.multi) {
      const labels = context.labelOf[q]!;
      let label = labels.get(raw);
      if (label === undefined) {
        label = lookup.get(raw.toLowerCase()) ?? raw;
        // closed questions have few distinct answers; a column with very many is not all cached
        labels.set(raw, label);
      }
      tallies.count(cell, q, label);
      continue;
    }
    // the labels of each distinct combination of options, worked out once
    const combinations = context.labelsOf[q]!;
    let chosen = combinations.get(raw);
    if (chosen === undefined) {
      const answers = uniqueParts(raw, question.separator);
      chosen = answers.length === 0 ? [NOT_ANSWERED] : answers.map((answer) => (answer === NOT_ANSWERED ? answer : (lookup.get(answer.toLowerCase()) ?? answer)));
      combinations.set(raw, chosen);
    }
    for (const label of chosen) tallies.count(cell, q, label);
  }

  const id = plan.idIndex >= 0 ? (fields[plan.idIndex] ?? '') : String(line);
  const coding = state.coding;
  let campaignTally = null;
  if (campaign >= 0) {
    campaignTally = coding.campaigns[campaign] ??= emptyCampaignTally();
    campaignTally.byType[typeValue] = (campaignTally.byType[typeValue] ?? 0) + 1;
    if (role === ROLE_EDITED_COPY) campaignTally.edited++;
    if (role === ROLE_TEMPLATE && plan.campaigns) {
      const texts: Record<string, string> = {};
      for (const index of plan.campaigns.columns) texts[plan.header[index]!] = fields[index] ?? '';
      campaignTally.template = { row, line, id, texts, codes: {}, ...(personal ? { personal } : {}) };
    }
  }

  const out = state.responses;
  if (out) {
    out.plain(line);
    out.text(id);
    if (campaign >= 0) out.plain(`C${campaign + 1}`);
    else out.empty();
    out.plain(ROLE_LABELS[role]!);
  }
  for (let o = 0; o < plan.open.length; o++) {
    const question = plan.open[o]!;
    const text = fields[question.index] ?? '';
    const blank = isBlank(text);
    if (blank) {
      out?.empty((question.themes ? 5 : 2) + context.plainCells[o]!);
      const counters = state.counters[o];
      if (counters) {
        // counted as blank: neither coded nor uncoded
        counters.all.blank(typeValue);
        if (!copy) counters.excluding.blank(typeValue);
      }
      continue;
    }
    // With campaign detection the first pass has scored and coded every answer already.
    const analysed = state.records ? recordedAnswer(context, state, o, text) : analyseAnswer(context, o, text);
    const { score, comparative } = analysed;
    if (out) {
      out.plain(score);
      out.decimal(comparative);
    }
    tallies.answer(cell, o, score, comparative);
    if (score !== 0 && role === ROLE_NONE && text.length >= EXAMPLE_MIN_LENGTH) {
      const positive = score > 0;
      const examples = (positive ? aggregate.positiveExamples : aggregate.negativeExamples)[o]!;
      if (mayOfferExample(examples, positive, { line, score, comparative })) {
        const example = { line, score, comparative, respondentType: typeValue, text: text.length > EXAMPLE_MAX_LENGTH ? `${text.slice(0, EXAMPLE_MAX_LENGTH)}…` : text, ...(personal ? { personal } : {}) };
        offerExample(examples, example, positive);
      }
    }
    if (question.themes && analysed.codeData) {
      const rules = context.answerCodes.numbers(context.themeIds[o]!, text, analysed.codeData, analysed.codeAt, analysed.codeCount);
      // one Answer object per block, refilled for each answer (a million answers, a million objects saved)
      const answer = state.answer;
      answer.id = id;
      answer.line = line;
      answer.row = row;
      answer.text = text;
      answer.typeValue = typeValue;
      answer.role = role;
      answer.copy = copy;
      answer.campaignTally = campaignTally;
      answer.rules = rules;
      answer.personal = personal;
      codeAnswer(context, state, o, question.column, question.themes, answer);
    }
    if (context.plain.length > 0) analysePlain(context, state, question, text, copy);
  }
  out?.endLine();
}

/** The plain analyses of one non-blank answer: their cells written and their tallies counted. */
function analysePlain(context: RowContext, state: RowState, question: Plan['open'][number], text: string, copy: boolean): void {
  const out = state.responses;
  for (const analysis of context.plain) {
    const result = analysis.analyse(text, question);
    const tallies = state.answers[analysis.id]![question.column]!;
    analysis.count(tallies.all, result);
    if (!copy && tallies.excludingCampaignCopies !== null) analysis.count(tallies.excludingCampaignCopies, result);
    if (!out) continue;
    for (const cell of analysis.cells(result)) {
      if (typeof cell === 'number') out.plain(cell);
      else out.text(cell);
    }
  }
}

/** The next answer's sentiment and codes from the first pass's records. */
function recordedAnswer(context: RowContext, state: RowState, o: number, text: string): AnalysedAnswer {
  const { scores, codes } = state.records!;
  const matcher = context.matchers[o];
  const at = state.nextCodes;
  const count = at < codes.length ? codes[at]! : -1;
  if (state.nextScore + 2 > scores.length || count < 0 || at + 1 + 4 * count > codes.length || (count > 0 && !matcher) || !codesFit(codes, at + 1, count, matcher, text.length)) {
    // records that do not fit this block's answers: the file changed between the passes (the caller says so)
    state.recordsMatched = false;
    return analyseAnswer(context, o, text);
  }
  const score = scores[state.nextScore]!;
  const comparative = scores[state.nextScore + 1]!;
  state.nextScore += 2;
  state.nextCodes += 1 + 4 * count;
  const recorded = state.recorded;
  recorded.score = score;
  recorded.comparative = comparative;
  recorded.codeData = matcher ? codes : null;
  recorded.codeAt = at + 1;
  recorded.codeCount = count;
  return recorded;
}

/** Do `count` encoded codes from `from` name themes of the matcher and evidence inside the text? */
function codesFit(codes: Int32Array, from: number, count: number, matcher: QuestionMatcher | null, textLength: number): boolean {
  const themes = matcher?.themes.length ?? 0;
  for (let k = from, end = from + 4 * count; k < end; k += 4) {
    const theme = codes[k]!;
    const start = codes[k + 1]!;
    const stop = codes[k + 2]!;
    const via = codes[k + 3]!;
    if (theme < 0 || theme >= themes || start < 0 || stop < start || stop > textLength || via < -1 || via >= themes) return false;
  }
  return true;
}

/**
 * The scanner of open question `o`, made on first use: it sets up WebAssembly memory, which runs
 * without a codeframe or campaign detection, and analysis passes reading records, never need.
 */
function scannerOf(context: RowContext, o: number): AnswerScanner {
  return (context.scanners[o] ??= new AnswerScanner(context.matchers[o] ?? null));
}

/** Sentiment and rule codes of one answer: one scan for both, or the reference functions (see answer-scan.ts). */
function analyseAnswer(context: RowContext, o: number, answer: string): AnalysedAnswer {
  const matcher = context.matchers[o];
  // sentiment alone: the sentiment module's own scanner is faster than the token table
  if (matcher) {
    const scanner = scannerOf(context, o);
    if (scanner.scan(answer, false)) return { score: scanner.score, comparative: scanner.comparative, codeData: matcher.lastCodes, codeAt: 0, codeCount: matcher.lastCodeCount };
  }
  // JavaScript reads a flat string much faster than the slice of a block that the parser gives
  const text = flatCopy(answer);
  const sentiment = scoreSentiment(text);
  if (!matcher) return { score: sentiment.score, comparative: sentiment.comparative, codeData: null, codeAt: 0, codeCount: 0 };
  matcher.codeResponse(text);
  return { score: sentiment.score, comparative: sentiment.comparative, codeData: matcher.lastCodes, codeAt: 0, codeCount: matcher.lastCodeCount };
}

interface Answer {
  id: string;
  line: number;
  row: number;
  text: string;
  typeValue: string;
  role: number;
  copy: boolean;
  campaignTally: ReturnType<typeof emptyCampaignTally> | null;
  /** Rule codes (from the scan or the first pass's records), before the review. */
  rules: AnswerCodes;
  /** The row's values in its personal-data columns (undefined when the export has none). */
  personal: string[] | undefined;
}

/**
 * The row's values in its personal-data columns, or undefined when the export has none; name words
 * also go into `names` (the whole file's, bounded) for redaction across the file.
 */
function personalOf(plan: Plan, fields: readonly string[], names: Set<string> | null): string[] | undefined {
  const { names: nameColumns, emails } = plan.personal;
  if (nameColumns.length === 0 && emails.length === 0) return undefined;
  const values: string[] = [];
  for (const index of nameColumns) {
    const value = (fields[index] ?? '').trim();
    if (value === '') continue;
    values.push(value);
    if (names && names.size < PERSONAL_NAMES_KEPT) {
      for (const word of value.split(/[\s,;/]+/)) if (word.length >= 2 && !word.includes('@')) names.add(word.toLowerCase());
    }
  }
  for (const index of emails) {
    const value = (fields[index] ?? '').trim();
    if (value !== '') values.push(value);
  }
  return values.length > 0 ? values : undefined;
}

/** A rejected row's cells, redacted (its own name and e-mail cells become placeholders). */
function redactCells(fields: readonly string[], personal: string[] | undefined): string[] {
  return fields.map((cell) => redact(cell, personal ? { own: personal } : undefined).text);
}

/** Code one non-blank answer, apply its review entry and count it; writes its responses.csv cells. */
function codeAnswer(context: RowContext, state: RowState, o: number, column: string, themes: NonNullable<Plan['open'][number]['themes']>, answer: Answer): void {
  const { plan } = context;
  const coding = state.coding;
  const codes = answer.rules;
  const key = context.review.size > 0 ? reviewKey(answer.id, column) : '';
  const entry = key ? context.review.get(key) : undefined;
  const counts = (coding.review[column] ??= emptyReviewCounts());
  let flagged = false;
  if (entry) {
    const outcome = applyReview(codes.decode(context.matchers[o]!), entry, themes);
    codes.useObjects(outcome.codes);
    flagged = outcome.flagged;
    counts.added += outcome.added;
    counts.removed += outcome.removed;
    counts.reviewed++;
    if (flagged) counts.flagged++;
    for (const code of outcome.codes) {
      if (code.source === 'review') counts.review++;
      else counts.rule++;
    }
    coding.reviewMatched.push(key);
  } else {
    counts.rule += codes.length;
  }

  const counters = state.counters[o]!;
  counters.all.add(answer.typeValue, codes);
  if (!answer.copy) counters.excluding.add(answer.typeValue, codes);
  if (answer.role === ROLE_NONE && !flagged && codes.length > 0 && state.quotesFull[o]! < themes.length) {
    const taken = context.quotesTaken;
    const base = context.quoteBase[o]!;
    for (let c = 0; c < codes.length; c++) {
      if (taken) {
        const index = codes.themeIndex(c, context.themeIndex[o]!);
        if (index !== undefined && taken[base + index]) continue;
      }
      const themeId = codes.themeId(c);
      const quotes = coding.quotes[column]?.[themeId];
      if (quotes && quotes.length >= QUOTE_CANDIDATES) continue;
      // keep the text around the evidence (answers can be long)
      const evidence = codes.evidence(c);
      let text = answer.text;
      if (text.length > QUOTE_TEXT_KEPT) {
        const at = Math.max(0, text.indexOf(evidence) - QUOTE_TEXT_KEPT / 2);
        text = text.slice(at, at + QUOTE_TEXT_KEPT);
      }
      offerQuote(coding, column, themeId, { line: answer.line, respondentType: answer.typeValue, text, evidence, ...(answer.personal ? { personal: answer.personal } : {}) });
      if (coding.quotes[column]![themeId]!.length >= QUOTE_CANDIDATES) state.quotesFull[o]!++;
    }
  }
  if (answer.campaignTally) {
    if (answer.role === ROLE_EDITED_COPY) {
      const counted = (answer.campaignTally.editedThemes[column] ??= {});
      for (let c = 0; c < codes.length; c++) counted[codes.themeId(c)] = (counted[codes.themeId(c)] ?? 0) + 1;
    } else if (answer.role === ROLE_TEMPLATE && answer.campaignTally.template) {
      const ids: string[] = [];
      for (let c = 0; c < codes.length; c++) ids.push(codes.themeId(c));
      answer.campaignTally.template.codes[column] = ids;
    }
  }

  const themeList = themeListOf(context, o, codes);
  const review = state.reviewLines;
  if (review && (entry || sampleHash(answer.id, context.questionHashes[o]!) < context.sampleBelow)) {
    let text = answer.text;
    if (plan.redactReview || plan.redactResponses) {
      const redacted = redact(text, answer.personal ? { own: answer.personal } : undefined);
      text = redacted.text;
      mergeRedactionCounts(state.aggregate.responseRedactions, redacted.counts);
    }
    for (const cell of [answer.id, column, themeList, entry?.add.join('; ') ?? '', entry?.remove.join('; ') ?? '', entry?.flagNote ?? '', text]) review.text(cell);
    review.endLine();
  }
  const out = state.responses;
  if (!out) return;
  let evidence = '';
  // Theme ids are plain (codeframe.ts), so the cell needs quoting only if a phrase does: each short
  // phrase is checked once here rather than the whole cell again when it is written.
  let quoted = false;
  for (let c = 0; c < codes.length; c++) {
    if (codes.inherited(c)) continue;
    const raw = codes.evidence(c);
    let phrase = raw;
    if (SPACING_OR_QUOTING.test(raw)) {
      if (BROKEN_SPACING.test(raw)) phrase = raw.replace(/\s+/g, ' ');
      quoted ||= needsQuotes(phrase);
    }
    if (plan.redactResponses) {
      // the matched words are the answer's own words
      const redacted = redact(phrase, answer.personal ? { own: answer.personal } : undefined);
      phrase = redacted.text;
      mergeRedactionCounts(state.aggregate.responseRedactions, redacted.counts);
      quoted ||= needsQuotes(phrase);
    }
    evidence = evidence === '' ? `${codes.themeId(c)}: ${phrase}` : `${evidence} | ${codes.themeId(c)}: ${phrase}`;
  }
  let reviewed = '';
  if (entry) {
    const parts: string[] = [];
    if (entry.add.length > 0) parts.push(`added ${entry.add.join('; ')}`);
    if (entry.remove.length > 0) parts.push(`removed ${entry.remove.join('; ')}`);
    if (entry.flag) parts.push(`flagged${entry.flagNote && !/^(?:yes|y|1|true)$/i.test(entry.flagNote) ? `: ${entry.flagNote}` : ''}`);
    reviewed = parts.join(', ') || 'reviewed';
  }
  // theme lists are ids and '; ' only, and both cells start with an id's letter or digit
  out.plain(themeList);
  if (quoted) out.text(evidence);
  else out.plain(evidence);
  out.text(reviewed);
}

/**
 * The first string met with this value: cells are new strings on every row, and the Maps keyed by
 * them (groups, theme counts) find a string they have seen far faster than an equal new one.
 */
function canonical(cache: StringCache<string>, value: string): string {
  const known = cache.get(value);
  if (known !== undefined) return known;
  const copy = ownCopy(value);
  cache.set(copy, copy);
  return copy;
}

/** Is the cell empty or only whitespace? (Most answers start with a printable ASCII character: no trim needed.) */
function isBlank(cell: string): boolean {
  const first = cell.charCodeAt(0);
  if (first > 32 && first < 127) return false;
  return cell.trim() === '';
}

const THEME_LISTS_CACHED = 4096;

/**
 * The answer's themes as written in responses.csv ("a; b; c"). Answers share few distinct lists, so
 * each is made once per thread, keyed by its theme indices (digits in base themes + 1).
 */
function themeListOf(context: RowContext, o: number, codes: AnswerCodes): string {
  if (codes.length === 0) return '';
  const indexOf = context.themeIndex[o]!;
  const base = context.themeIds[o]!.length + 1;
  let key = 0;
  for (let c = 0; c < codes.length && key >= 0; c++) {
    const index = codes.themeIndex(c, indexOf);
    key = index === undefined || key > Number.MAX_SAFE_INTEGER / base - base ? -1 : key * base + index + 1;
  }
  const cache = context.themeLists[o]!;
  if (key >= 0) {
    const known = cache.get(key);
    if (known !== undefined) return known;
  }
  let list = codes.themeId(0);
  for (let c = 1; c < codes.length; c++) list = `${list}; ${codes.themeId(c)}`;
  if (key >= 0 && cache.size < THEME_LISTS_CACHED) cache.set(key, ownCopy(list));
  return list;
}

/** Evidence that spans a line break, a tab or a double space (and is then written on one line, single-spaced). */
const BROKEN_SPACING = /[\n\r\t]| {2}/;
/** Broken spacing, or a character that makes a CSV cell need quotes (a quick first test for both). */
const SPACING_OR_QUOTING = /[\n\r\t",]| {2}/;

function uniqueParts(raw: string, separator: string): string[] {
  const parts: string[] = [];
  for (const part of raw.split(separator)) {
    const answer = part.trim();
    if (answer !== '' && !parts.includes(answer)) parts.push(answer);
  }
  return parts;
}

const REPLACEMENT_BYTES = Buffer.from([0xef, 0xbf, 0xbd]);

/**
 * Decode and analyse a block of complete records starting at physical line `firstLine`; `firstRow` is
 * the index of its first analysed row; `pieceEnds` say where to cut it for parsing (see parseBlock).
 */
export function processChunk(bytes: Uint8Array, firstLine: number, context: RowContext, firstRow = 0, records: AnswerRecords | null = null, pieceEnds: Int32Array | null = null): ChunkResult {
  const state = newRowState(context, firstRow, records);
  const countReplacements = (text: string, piece: Uint8Array): void => {
    // U+FFFD in the text that was not already in the bytes marks an invalid UTF-8 sequence
    let replacements = 0;
    for (let at = text.indexOf('\uFFFD'); at >= 0; at = text.indexOf('\uFFFD', at + 1)) replacements++;
    if (replacements > 0) {
      const bytesView = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
      for (let at = bytesView.indexOf(REPLACEMENT_BYTES); at >= 0; at = bytesView.indexOf(REPLACEMENT_BYTES, at + 3)) replacements--;
      state.aggregate.replacementCharacters += Math.max(0, replacements);
    }
  };
  const outcome = parseBlock(bytes, context.plan.delimiter, firstLine, (fields, line, unterminated) => analyseRow(fields, line, context, state, unterminated), countReplacements, undefined, pieceEnds);
  state.aggregate.blankLines += outcome.blankLines;
  state.tallies.finishInto(state.aggregate);
  if (records && (state.nextScore !== records.scores.length || state.nextCodes !== records.codes.length)) state.recordsMatched = false;
  for (const counters of state.counters) {
    if (!counters) continue;
    counters.all.addTo(state.coding.all);
    if (context.roles) counters.excluding.addTo(state.coding.excluding);
  }
  return {
    rows: state.rows,
    aggregate: state.aggregate,
    coding: state.coding,
    answers: state.answers,
    responses: state.responses?.takePieces() ?? [],
    reviewLines: state.reviewLines?.takePieces() ?? [],
    rejects: state.rejects,
    recordsMatched: state.recordsMatched,
  };
}

/**
 * First pass: the campaign signature of each analysed row with at least `minWords` words, and the
 * sentiment and rule codes of every answer (AnswerRecords). When the campaign columns are open
 * questions, one scan of each answer gives all three; otherwise the signature is computed apart.
 */
export function signChunk(bytes: Uint8Array, firstLine: number, context: RowContext, pieceEnds: Int32Array | null = null): SignedChunk {
  const plan = context.plan;
  const campaigns = plan.campaigns;
  if (!campaigns) throw new Error('signChunk needs campaign detection in the plan');
  const width = plan.header.length;
  const fused = context.campaignQuestions;
  let rows = 0;
  let signed = 0;
  let rowIndex = new Int32Array(1024);
  let signatures = new Uint32Array(1024 * SIGNATURE_WORDS);
  // the records (see AnswerRecords), grown as needed
  let scores = new Float64Array(8192);
  let scoresUsed = 0;
  let codes = new Int32Array(32768);
  let codesUsed = 0;
  // per open question: whether the row's answer is done, its score, comparative and encoded codes
  const done = new Uint8Array(plan.open.length);
  const staged = new Float64Array(plan.open.length * 2);
  const encoded: Int32Array<ArrayBuffer>[] = plan.open.map(() => new Int32Array(64));
  const encodedLength = new Int32Array(plan.open.length);
  const keep = (o: number, score: number, comparative: number): void => {
    done[o] = 1;
    staged[2 * o] = score;
    staged[2 * o + 1] = comparative;
    const matcher = context.matchers[o];
    const length = matcher ? 4 * matcher.lastCodeCount : 0;
    if (length > encoded[o]!.length) encoded[o] = grown(encoded[o]!, length);
    const into = encoded[o]!;
    for (let k = 0; k < length; k++) into[k] = matcher!.lastCodes[k]!;
    encodedLength[o] = length;
  };
  const read = [...new Set([...plan.open.map((q) => q.index), ...campaigns.columns])].filter((c) => c >= 0);
  const repeats = (context.repeatedRows ??= new RepeatedRows(read));
  // only the open answers and campaign columns are read here: the other cells are not cut out
  const wanted = new Uint8Array(width);
  for (const column of read) wanted[column] = 1;
  parseBlock(bytes, plan.delimiter, firstLine, (fields, _line, unterminated) => {
    if (rejection(fields, width, unterminated) !== undefined) return;
    const row = rows++;
    if (signed >= rowIndex.length) {
      rowIndex = grown(rowIndex);
      signatures = grown(signatures);
    }
    const offset = signed * SIGNATURE_WORDS;
    const repeated = repeats.find(fields);
    if (repeated) {
      if (scoresUsed + repeated.scores.length > scores.length) scores = grown(scores, scoresUsed + repeated.scores.length);
      scores.set(repeated.scores, scoresUsed);
      scoresUsed += repeated.scores.length;
      if (codesUsed + repeated.codes.length > codes.length) codes = grown(codes, codesUsed + repeated.codes.length);
      codes.set(repeated.codes, codesUsed);
      codesUsed += repeated.codes.length;
      signatures.set(repeated.signature, offset);
    } else {
      const scoresFrom = scoresUsed;
      const codesFrom = codesUsed;
      signRow(fields, offset);
      if (repeats.worthRemembering()) {
        repeats.remember(fields, { scores: scores.subarray(scoresFrom, scoresUsed), codes: codes.subarray(codesFrom, codesUsed), signature: signatures.subarray(offset, offset + SIGNATURE_WORDS) });
      }
    }
    if (signatureWordCount(signatures, offset) < campaigns.minWords) return;
    rowIndex[signed] = row;
    signed++;
  }, undefined, wanted, pieceEnds);
  return {
    rows,
    rowIndex: rowIndex.slice(0, signed),
    signatures: signatures.slice(0, signed * SIGNATURE_WORDS),
    scores: scores.slice(0, scoresUsed),
    codes: codes.slice(0, codesUsed),
  };

  /** Score, code and sign one row: its records appended, its signature written at `offset`. */
  function signRow(fields: string[], offset: number): void {
    done.fill(0);
    // Campaign columns first, in campaign order: their words make the signature as they are scanned.
    let signatureBuilt = fused !== null;
    if (fused) {
      beginAnswerSignature();
      for (const o of fused) {
        const cell = fields[plan.open[o]!.index] ?? '';
        if (isBlank(cell)) continue;
        const scanner = scannerOf(context, o);
        if (signatureBuilt && scanner.scan(cell, true)) keep(o, scanner.score, scanner.comparative);
        else {
          signatureBuilt = false;
          const analysed = analyseAnswer(context, o, cell);
          keep(o, analysed.score, analysed.comparative);
        }
      }
    }
    for (let o = 0; o < plan.open.length; o++) {
      const cell = fields[plan.open[o]!.index] ?? '';
      if (!done[o]) {
        if (isBlank(cell)) continue;
        const analysed = analyseAnswer(context, o, cell);
        keep(o, analysed.score, analysed.comparative);
      }
      const numbers = encoded[o]!;
      const length = encodedLength[o]!;
      if (scoresUsed + 2 > scores.length) scores = grown(scores);
      scores[scoresUsed++] = staged[2 * o]!;
      scores[scoresUsed++] = staged[2 * o + 1]!;
      if (codesUsed + 1 + length > codes.length) codes = grown(codes, codesUsed + 1 + length);
      codes[codesUsed++] = length / 4;
      for (let k = 0; k < length; k++) codes[codesUsed++] = numbers[k]!;
    }
    if (signatureBuilt) finishAnswerSignatureInto(signatures, offset);
    else signatureInto(flatCopy(textOf(fields, campaigns!.columns)), signatures, offset);
  }
}
