/**
 * Per-row processing. `analyseRow(fields, line, plan, state)` turns one record into its
 * responses.csv line and adds it to the aggregate; `processChunk` does that for a block of complete
 * records (the unit a worker thread receives). Later features (themes, campaigns, redacted text)
 * add columns here and totals in aggregate.ts.
 */
import { scoreSentiment } from '../sentiment.js';
import { parseRecords } from '../ingest/parse.js';
import {
  OVERALL,
  NOT_ANSWERED,
  EXAMPLE_MAX_LENGTH,
  EXAMPLE_MIN_LENGTH,
  addCount,
  emptyAggregate,
  emptyGroup,
  offerExample,
  segmentKey,
  typeKey,
  type Aggregate,
  type GroupTotals,
} from './aggregate.js';
import type { Plan } from './plan.js';

export interface RejectedRow {
  line: number;
  reason: string;
  /** The raw cells, joined back for the rejects file. */
  cells: string[];
}

export interface ChunkResult {
  aggregate: Aggregate;
  /** responses.csv lines for the analysed rows, in input order. */
  responses: string;
  rejects: RejectedRow[];
}

/** Lookup from lower-cased answer to the configured option label, per closed question. */
export interface RowState {
  optionLookup: Map<string, string>[];
  aggregate: Aggregate;
  responses: string[];
  rejects: RejectedRow[];
}

export function newRowState(plan: Plan): RowState {
  return {
    optionLookup: plan.closed.map((q) => new Map(q.options.map((option) => [option.trim().toLowerCase(), option]))),
    aggregate: emptyAggregate(plan.open.length),
    responses: [],
    rejects: [],
  };
}

function group(aggregate: Aggregate, key: string, plan: Plan): GroupTotals {
  let totals = aggregate.groups.get(key);
  if (!totals) {
    totals = emptyGroup(plan.closed.length, plan.open.length);
    aggregate.groups.set(key, totals);
  }
  return totals;
}

/** A CSV cell for responses.csv: Excel-safe (formula starts neutralised) and quoted when needed. */
export function csvCell(value: string): string {
  let text = value;
  const first = text.charCodeAt(0);
  // = + - @ tab CR
  if (first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13) text = `'${text}`;
  if (/[",\r\n]/.test(text)) return `"${text.replace(/"/g, '""')}"`;
  return text;
}

export function analyseRow(input: string[], line: number, plan: Plan, state: RowState, unterminated = false): void {
  const aggregate = state.aggregate;
  aggregate.read++;
  const width = plan.header.length;
  let fields = input;
  if (unterminated) {
    reject(state, line, 'a quoted field is never closed (missing ")', fields);
    return;
  }
  if (fields.length > width) {
    let extra = 0;
    for (let i = width; i < fields.length; i++) if ((fields[i] as string).trim() !== '') extra++;
    if (extra > 0) {
      reject(state, line, `${fields.length} cells but the header has ${width}`, fields);
      return;
    }
    aggregate.trimmedEmptyCells += fields.length - width;
    fields = fields.slice(0, width);
  } else if (fields.length < width) {
    aggregate.paddedShortRows++;
  }
  aggregate.analysed++;

  const typeValue = plan.typeIndex >= 0 ? (fields[plan.typeIndex] ?? '').trim() : '';
  const groups: GroupTotals[] = [group(aggregate, OVERALL, plan)];
  if (plan.typeIndex >= 0) groups.push(group(aggregate, typeKey(typeValue), plan));
  for (let s = 0; s < plan.segments.length; s++) {
    const segment = plan.segments[s];
    if (segment && segment.index >= 0) groups.push(group(aggregate, segmentKey(s, (fields[segment.index] ?? '').trim()), plan));
  }
  for (const totals of groups) totals.rows++;

  for (let q = 0; q < plan.closed.length; q++) {
    const question = plan.closed[q];
    if (!question) continue;
    const raw = (fields[question.index] ?? '').trim();
    const lookup = state.optionLookup[q] as Map<string, string>;
    if (raw === '') {
      for (const totals of groups) addCount(totals.closed[q] as Map<string, number>, NOT_ANSWERED);
      continue;
    }
    const answers = question.multi ? uniqueParts(raw, question.separator) : [raw];
    if (answers.length === 0) answers.push(NOT_ANSWERED);
    for (const answer of answers) {
      const label = answer === NOT_ANSWERED ? answer : (lookup.get(answer.toLowerCase()) ?? answer);
      for (const totals of groups) addCount(totals.closed[q] as Map<string, number>, label);
    }
  }

  let out = plan.writeResponses ? `${line},${csvCell(plan.idIndex >= 0 ? (fields[plan.idIndex] ?? '') : String(line))}` : '';
  for (let o = 0; o < plan.open.length; o++) {
    const question = plan.open[o];
    if (!question) continue;
    const text = fields[question.index] ?? '';
    if (text.trim() === '') {
      if (plan.writeResponses) out += ',,';
      continue;
    }
    const { score, comparative } = scoreSentiment(text);
    if (plan.writeResponses) out += `,${score},${comparative}`;
    for (const totals of groups) {
      const open = totals.open[o];
      if (!open) continue;
      open.answered++;
      if (score < 0) open.negative++;
      else if (score > 0) open.positive++;
      else open.neutral++;
      open.sumScore += score;
      open.sumComparative += comparative;
    }
    if (score !== 0 && text.length >= EXAMPLE_MIN_LENGTH) {
      const example = { line, score, comparative, respondentType: typeValue, text: text.length > EXAMPLE_MAX_LENGTH ? `${text.slice(0, EXAMPLE_MAX_LENGTH)}…` : text };
      if (score > 0) offerExample(aggregate.positiveExamples[o]!, example, true);
      else offerExample(aggregate.negativeExamples[o]!, example, false);
    }
  }
  if (plan.writeResponses) state.responses.push(out);
}

function uniqueParts(raw: string, separator: string): string[] {
  const parts: string[] = [];
  for (const part of raw.split(separator)) {
    const answer = part.trim();
    if (answer !== '' && !parts.includes(answer)) parts.push(answer);
  }
  return parts;
}

function reject(state: RowState, line: number, reason: string, cells: string[]): void {
  const aggregate = state.aggregate;
  aggregate.rejected++;
  aggregate.rejectReasons.set(reason, (aggregate.rejectReasons.get(reason) ?? 0) + 1);
  state.rejects.push({ line, reason, cells });
}

const decoder = new TextDecoder('utf-8');
const REPLACEMENT_BYTES = Buffer.from([0xef, 0xbf, 0xbd]);

/** Decode and analyse a block of complete records starting at physical line `firstLine`. */
export function processChunk(bytes: Uint8Array, firstLine: number, plan: Plan): ChunkResult {
  const text = decoder.decode(bytes);
  const state = newRowState(plan);
  // U+FFFD in the text that was not already in the bytes marks an invalid UTF-8 sequence
  let replacements = 0;
  for (let at = text.indexOf('\uFFFD'); at >= 0; at = text.indexOf('\uFFFD', at + 1)) replacements++;
  if (replacements > 0) {
    const bytesView = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let at = bytesView.indexOf(REPLACEMENT_BYTES); at >= 0; at = bytesView.indexOf(REPLACEMENT_BYTES, at + 3)) replacements--;
    state.aggregate.replacementCharacters += Math.max(0, replacements);
  }
  const outcome = parseRecords(text, plan.delimiter, firstLine, (fields, line, unterminated) => analyseRow(fields, line, plan, state, unterminated));
  state.aggregate.blankLines += outcome.blankLines;
  return {
    aggregate: state.aggregate,
    responses: state.responses.length > 0 ? `${state.responses.join('\n')}\n` : '',
    rejects: state.rejects,
  };
}
