/**
 * Aggregates: everything the reports need, built per chunk and merged. Memory is bounded by the
 * number of groups and answer values, never by the number of rows. `mergeAggregates(a, b)` is
 * associative, so chunks can be processed in any order or in parallel and merged in input order.
 */
import { mergeRedactionCounts, type RedactionCounts } from '../redact.js';

/** Sentiment totals for one open question within one group. */
export interface OpenTotals {
  answered: number;
  negative: number;
  neutral: number;
  positive: number;
  sumScore: number;
  sumComparative: number;
}

export interface GroupTotals {
  rows: number;
  /** Per closed question: answer value -> count; NOT_ANSWERED for blank cells. */
  closed: Map<string, number>[];
  open: OpenTotals[];
}

/** A candidate example quote; the most positive and most negative few are kept per open question. */
export interface Example {
  line: number;
  score: number;
  comparative: number;
  respondentType: string;
  text: string;
  /** The row's values in its personal-data columns, when it has any (redacted from the text). */
  personal?: string[];
}

export interface Aggregate {
  read: number;
  /** What --redact-responses replaced in the text written to responses.csv and review.csv, per type. */
  responseRedactions: RedactionCounts;
  analysed: number;
  rejected: number;
  paddedShortRows: number;
  trimmedEmptyCells: number;
  blankLines: number;
  replacementCharacters: number;
  rejectReasons: Map<string, number>;
  /** Lower-case name words from the personal-data name columns (at most PERSONAL_NAMES_KEPT), to redact across the file. */
  personalNames: Set<string>;
  /**
   * Group key -> totals. OVERALL, `t:<type>` per respondent type, `s<i>:<value>` per segment value;
   * with campaign detection also EXCLUDING and `x:<type>`: the same figures without campaign copies.
   */
  groups: Map<string, GroupTotals>;
  /** Per open question: best examples, most positive first, then most negative. */
  positiveExamples: Example[][];
  negativeExamples: Example[][];
}

export const OVERALL = '*';
/** All responses except campaign copies (each campaign's template row stays). */
export const EXCLUDING = 'x*';
export const NOT_ANSWERED = '';
/** Answer values beyond this many per question and group are counted together (bounded memory). */
export const MAX_VALUES = 500;
export const OTHER_VALUES = '(other values)';
export const EXAMPLES_KEPT = 3;
/** Distinct name words kept from the personal-data columns (bounded memory on huge files). */
export const PERSONAL_NAMES_KEPT = 200_000;
export const EXAMPLE_MIN_LENGTH = 40;
export const EXAMPLE_MAX_LENGTH = 600;

export const typeKey = (value: string): string => `t:${value}`;
export const segmentKey = (segment: number, value: string): string => `s${segment}:${value}`;
export const excludingTypeKey = (value: string): string => `x:${value}`;

export function emptyAggregate(openQuestions: number): Aggregate {
  return {
    read: 0,
    responseRedactions: {},
    analysed: 0,
    rejected: 0,
    paddedShortRows: 0,
    trimmedEmptyCells: 0,
    blankLines: 0,
    replacementCharacters: 0,
    rejectReasons: new Map(),
    personalNames: new Set(),
    groups: new Map(),
    positiveExamples: Array.from({ length: openQuestions }, () => []),
    negativeExamples: Array.from({ length: openQuestions }, () => []),
  };
}

export function emptyGroup(closedQuestions: number, openQuestions: number): GroupTotals {
  return {
    rows: 0,
    closed: Array.from({ length: closedQuestions }, () => new Map()),
    open: Array.from({ length: openQuestions }, () => ({ answered: 0, negative: 0, neutral: 0, positive: 0, sumScore: 0, sumComparative: 0 })),
  };
}

export function addCount(map: Map<string, number>, key: string, by = 1): void {
  const current = map.get(key);
  if (current !== undefined) map.set(key, current + by);
  else if (map.size < MAX_VALUES || key === NOT_ANSWERED) map.set(key, by);
  else map.set(OTHER_VALUES, (map.get(OTHER_VALUES) ?? 0) + by);
}

/** What orders examples. */
type Ranked = Pick<Example, 'line' | 'score' | 'comparative'>;

/**
 * Order examples: strongest per word first (so long answers do not always win), ties by line so
 * results do not depend on chunking.
 */
const byPositive = (a: Ranked, b: Ranked): number => b.comparative - a.comparative || b.score - a.score || a.line - b.line;
const byNegative = (a: Ranked, b: Ranked): number => a.comparative - b.comparative || a.score - b.score || a.line - b.line;

/** Would offerExample look at an answer ranked so (so that it is worth building the example)? */
export function mayOfferExample(list: readonly Example[], positive: boolean, candidate: Ranked): boolean {
  return list.length < EXAMPLES_KEPT || (positive ? byPositive : byNegative)(candidate, list[list.length - 1] as Example) < 0;
}

export function offerExample(list: Example[], example: Example, positive: boolean): void {
  if (!mayOfferExample(list, positive, example)) return;
  // identical answers (campaign copies) are quoted once: keep the earliest line
  const same = list.findIndex((e) => e.text === example.text);
  if (same >= 0) {
    if ((list[same] as Example).line > example.line) list[same] = example;
    return;
  }
  list.push(example);
  list.sort(positive ? byPositive : byNegative);
  if (list.length > EXAMPLES_KEPT) list.length = EXAMPLES_KEPT;
}

function mergeGroup(into: GroupTotals, from: GroupTotals): void {
  into.rows += from.rows;
  from.closed.forEach((counts, i) => {
    const target = into.closed[i] as Map<string, number>;
    for (const [value, count] of counts) addCount(target, value, count);
  });
  from.open.forEach((totals, i) => {
    const target = into.open[i] as OpenTotals;
    target.answered += totals.answered;
    target.negative += totals.negative;
    target.neutral += totals.neutral;
    target.positive += totals.positive;
    target.sumScore += totals.sumScore;
    target.sumComparative += totals.sumComparative;
  });
}

/** Merge `from` into `into` (mutates and returns `into`). */
export function mergeAggregates(into: Aggregate, from: Aggregate): Aggregate {
  into.read += from.read;
  mergeRedactionCounts(into.responseRedactions, from.responseRedactions);
  into.analysed += from.analysed;
  into.rejected += from.rejected;
  into.paddedShortRows += from.paddedShortRows;
  into.trimmedEmptyCells += from.trimmedEmptyCells;
  into.blankLines += from.blankLines;
  into.replacementCharacters += from.replacementCharacters;
  for (const name of from.personalNames) if (into.personalNames.size < PERSONAL_NAMES_KEPT) into.personalNames.add(name);
  for (const [reason, count] of from.rejectReasons) into.rejectReasons.set(reason, (into.rejectReasons.get(reason) ?? 0) + count);
  for (const [key, group] of from.groups) {
    const target = into.groups.get(key);
    if (target) mergeGroup(target, group);
    else into.groups.set(key, group);
  }
  from.positiveExamples.forEach((list, i) => list.forEach((e) => offerExample(into.positiveExamples[i] as Example[], e, true)));
  from.negativeExamples.forEach((list, i) => list.forEach((e) => offerExample(into.negativeExamples[i] as Example[], e, false)));
  return into;
}
