/**
 * The contract every per-answer analysis meets (a descriptor object per analysis that `satisfies
 * AnswerAnalysis`, listed in order in registry.ts): what one answer's result is, as named fields;
 * a plain reference implementation over one answer's text; its tallies per group, with their merge;
 * its responses.csv columns; its part of summary.json; and its section of report.md.
 *
 * The pipeline runs the registered analyses on every non-blank open answer of every analysed row.
 * Sentiment, theme codes and campaign signatures (the first three descriptors) are `fused`: one
 * WebAssembly scan per answer gives all three (pipeline/answer-scan.ts), checked against their
 * reference implementations by test/analysis/answer-scan.test.ts, and their tallies, summary and
 * report sections are the pipeline's own (aggregate.ts, coding.ts, report/). Any other analysis is
 * `plain`: the pipeline calls its `analyse`, writes its cells, keeps its tallies and renders its
 * part with nothing else to change (see docs/architecture.md).
 */

import type { Theme } from '../themes/codeframe.js';

/** A number type of a result field, as stored between passes and in workers' messages. */
export type FieldType = 'f64' | 'i32' | 'u32';

/**
 * One named field of an answer's result record: `size` numbers per answer, or a list (a count, then
 * `stride` numbers per item) for results whose length varies (theme codes).
 */
export interface RecordField {
  name: string;
  type: FieldType;
  size: number | { list: number };
  /** What the numbers are, in order (for the reader of the record, not by convention). */
  parts: readonly string[];
}

/** What an analysis knows of the open question an answer belongs to. */
export interface AnswerQuestion {
  /** The column's name in the input (and the prefix of its responses.csv columns). */
  column: string;
  /** The codeframe's themes for the question, or null when it is not coded. */
  themes: readonly Theme[] | null;
}

/** Groups each question's tallies are kept for: all analysed rows, and the same without campaign copies (with campaign detection). */
export const TALLY_GROUPS = ['all', 'excludingCampaignCopies'] as const;
export type TallyGroup = (typeof TALLY_GROUPS)[number];

/** A cell of responses.csv: numbers are written as they are, text is quoted and neutralised as needed. */
export type Cell = string | number;

interface Descriptor<Result> {
  /** Stable id: summary.json's key for the analysis's part. */
  id: string;
  /** Heading of its report section. */
  title: string;
  /** The fields of one answer's result record. */
  record: readonly RecordField[];
  /** Reference implementation over one answer's text. */
  analyse(text: string, question: AnswerQuestion): Result;
  /** responses.csv columns for one question, in the order its cells are written (none for a question it does not apply to). */
  columns(question: AnswerQuestion): readonly string[];
}

/**
 * Computed by the pipeline's one-pass scanner, which stands behind this contract: sentiment, theme
 * codes and campaign signatures. Their tallies (pipeline/aggregate.ts, cells.ts, coding.ts) and
 * their parts of summary.json and the reports (report/result.ts, markdown.ts, html.ts) are the
 * core's, which every report was built around.
 */
export interface FusedAnswerAnalysis<Result = unknown> extends Descriptor<Result> {
  kind: 'fused';
}

/** Any other analysis: the pipeline calls `analyse` on each answer and does the rest from here. */
export interface PlainAnswerAnalysis<Result = unknown, Tally = unknown, Summary = unknown> extends Descriptor<Result> {
  kind: 'plain';
  /** One answer's cells (as many as `columns`); a blank answer gets empty cells. */
  cells(result: Result): readonly Cell[];
  /** Tallies of one question within one group (named fields; plain, structured-clone-safe data). */
  emptyTally(): Tally;
  /** Count one answer's result. */
  count(tally: Tally, result: Result): void;
  /** Add `from` into `into` (blocks are merged in input order). */
  merge(into: Tally, from: Tally): void;
  /** Its part of summary.json for one question; `excludingCampaignCopies` is null without campaign detection. */
  summary(tallies: { all: Tally; excludingCampaignCopies: Tally | null }, question: AnswerQuestion): Summary;
  /** Its section of report.md (Markdown lines under its title), over every question's summary. */
  section(parts: readonly { question: string; summary: Summary }[]): string[];
}

// `any` here only: the registry holds descriptors of different result and tally types side by side.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnswerAnalysis = FusedAnswerAnalysis<any> | PlainAnswerAnalysis<any, any, any>;

/** Numbers one answer's record holds in a fixed-size field (undefined for a list). */
export function fieldSize(field: RecordField): number | undefined {
  return typeof field.size === 'number' ? field.size : undefined;
}
