/**
 * The human review loop: a review.csv from an earlier run says, per response and question, which
 * themes a person added or removed and whether the response is flagged. Re-runs apply it on top of
 * the rule-based codes, and every final code says whether a rule or a person assigned it.
 *
 * review.csv columns: response_id, question, add_themes, remove_themes, flag (themes separated by ";";
 * other columns such as a reviewer's note are ignored). Several rows for one response and question
 * combine.
 *
 * Rules when applying:
 * - Removing a theme also removes its descendants (a person saying "not transport" rules out "roads").
 *   A parent that was only coded through removed children goes too.
 * - Adding a theme also adds its ancestors that are missing. An added theme the rules had already
 *   assigned becomes `source: 'review'` (a person confirmed it).
 * - Added codes have the evidence "(added in review)".
 */
import { InputError } from '../errors.js';
import type { CsvTable } from './ingest/reader.js';
import type { Codeframe } from './themes/codeframe.js';
import type { ThemeCode } from './themes/matcher.js';

export interface ReviewEntry {
  responseId: string;
  question: string;
  add: string[];
  remove: string[];
  flag: boolean;
  /** The flag cell as written ("yes", "offensive", ...), empty when not flagged. */
  flagNote: string;
  /** review.csv line of the (first) row, for messages. */
  line: number;
}

export interface ReviewSet {
  file: string;
  /** Keyed by reviewKey(responseId, question). */
  entries: Map<string, ReviewEntry>;
}

export type CodeSource = 'rule' | 'review';
export interface ReviewedCode extends ThemeCode {
  source: CodeSource;
}

export interface ReviewOutcome {
  codes: ReviewedCode[];
  /** Codes a person added or confirmed. */
  added: number;
  /** Rule codes a person removed (descendants and orphaned parents included). */
  removed: number;
  flagged: boolean;
}

export const REVIEW_COLUMNS = ['response_id', 'question', 'add_themes', 'remove_themes', 'flag'] as const;
export const ADDED_EVIDENCE = '(added in review)';
const NOT_FLAGGED = new Set(['', '0', 'no', 'n', 'false']);

export function reviewKey(responseId: string, question: string): string {
  return `${question}\u0000${responseId}`;
}

/**
 * Check a review file, read by the project's CSV reader (so any delimiter and encoding the analysis
 * reads, such as Excel's semicolon CSV), against the codeframe; the first problem is thrown as an
 * InputError with its line. Cells are trimmed.
 */
export function parseReview(table: CsvTable, codeframe: Codeframe): ReviewSet {
  const file = table.file;
  for (const required of ['response_id', 'question']) {
    if (!table.header.includes(required)) {
      throw new InputError(`${file}:${table.headerLine}`, `missing the "${required}" column; review.csv needs the columns ${REVIEW_COLUMNS.join(', ')}`);
    }
  }
  const entries = new Map<string, ReviewEntry>();
  for (const [i, row] of table.rows.entries()) {
    // a row of empty cells (a spreadsheet's trailing ;;;;) says nothing
    if (row.every((cell) => cell.trim() === '')) continue;
    const record: Record<string, string> = Object.fromEntries(table.header.map((name, column) => [name, (row[column] ?? '').trim()]));
    const line = table.lines[i]!;
    const where = `${file}:${line}`;
    const responseId = record.response_id ?? '';
    const question = record.question ?? '';
    if (responseId === '') throw new InputError(where, 'response_id is empty');
    const themes = codeframe.questions[question];
    if (!themes) {
      throw new InputError(where, `unknown question "${question}"; the codeframe has ${Object.keys(codeframe.questions).join(', ') || 'no questions'}`);
    }
    const known = new Set(themes.map((t) => t.id));
    const list = (cell: string | undefined, column: string): string[] => {
      const ids = (cell ?? '').split(';').map((s) => s.trim()).filter((s) => s !== '');
      for (const id of ids) {
        if (!known.has(id)) throw new InputError(where, `${column}: unknown theme "${id}" for ${question}; known themes: ${[...known].join(', ')}`);
      }
      return ids;
    };
    const add = list(record.add_themes, 'add_themes');
    const remove = list(record.remove_themes, 'remove_themes');
    const flagNote = (record.flag ?? '').trim();
    const key = reviewKey(responseId, question);
    const entry = entries.get(key) ?? { responseId, question, add: [], remove: [], flag: false, flagNote: '', line };
    for (const id of add) if (!entry.add.includes(id)) entry.add.push(id);
    for (const id of remove) if (!entry.remove.includes(id)) entry.remove.push(id);
    const both = entry.add.find((id) => entry.remove.includes(id));
    if (both) throw new InputError(where, `theme "${both}" is both added and removed for response ${responseId}`);
    if (!NOT_FLAGGED.has(flagNote.toLowerCase())) {
      entry.flag = true;
      entry.flagNote ||= flagNote;
    }
    entries.set(key, entry);
  }
  return { file, entries };
}

/** Apply a review entry (or none) to a response's rule codes; codes come back in codeframe order. */
export function applyReview(codes: readonly ThemeCode[], entry: ReviewEntry | undefined, themes: Codeframe['questions'][string]): ReviewOutcome {
  if (!entry) return { codes: codes.map((c) => ({ ...c, source: 'rule' })), added: 0, removed: 0, flagged: false };
  const parentOf = new Map(themes.map((t) => [t.id, t.parent]));
  const order = new Map(themes.map((t, i) => [t.id, i]));
  const ancestorsOf = (id: string): string[] => {
    const chain: string[] = [];
    for (let p = parentOf.get(id); p !== undefined && !chain.includes(p); p = parentOf.get(p)) chain.push(p);
    return chain;
  };
  const removedIds = new Set(entry.remove);
  const isRemoved = (id: string) => removedIds.has(id) || ancestorsOf(id).some((a) => removedIds.has(a));

  const kept = new Map<string, ReviewedCode>();
  for (const code of codes) if (!isRemoved(code.themeId) && code.via === undefined) kept.set(code.themeId, { ...code, source: 'rule' });
  // Inherited parents stay only while some descendant is still coded.
  for (const code of codes) {
    if (code.via === undefined || isRemoved(code.themeId) || kept.has(code.themeId)) continue;
    const child = [...kept.values()].find((k) => ancestorsOf(k.themeId).includes(code.themeId));
    if (child) kept.set(code.themeId, { ...code, via: child.via ?? child.themeId, source: 'rule' });
  }
  const removed = codes.length - kept.size;
  let added = 0;
  for (const id of entry.add) {
    const existing = kept.get(id);
    kept.set(id, existing ? { ...existing, source: 'review' } : { themeId: id, evidence: ADDED_EVIDENCE, source: 'review' });
    added++;
    for (const ancestor of ancestorsOf(id)) {
      if (!kept.has(ancestor)) {
        kept.set(ancestor, { themeId: ancestor, evidence: ADDED_EVIDENCE, via: id, source: 'review' });
        added++;
      }
    }
  }
  const final = [...kept.values()].sort((a, b) => (order.get(a.themeId) ?? 0) - (order.get(b.themeId) ?? 0));
  return { codes: final, added, removed, flagged: entry.flag };
}

/** How many final codes came from rules and how many from people. */
export function countSources(codes: readonly ReviewedCode[]): Record<CodeSource, number> {
  let review = 0;
  for (const code of codes) if (code.source === 'review') review++;
  return { rule: codes.length - review, review };
}
