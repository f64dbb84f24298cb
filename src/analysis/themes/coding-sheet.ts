/**
 * Coding sheets: one analyst's codes per answer, and the agreement between several analysts'
 * sheets of the same answers.
 *
 * A sheet is a CSV with an answer id column (`response_id` or `id`), optionally `question`, and a
 * codes column (`analyst_codes`, `codes` or `themes`, or the one named): theme ids separated by ";"
 * (or ","). An empty cell means the answer was not coded (yet) and is left out; `none` or `-` means
 * the analyst read it and gave it no theme. `ptk themes sample` writes sheets in this shape.
 *
 * Agreement is per theme over the yes/no decision "this answer has this theme", and overall over
 * every (answer, theme) decision pooled: Cohen's kappa for two coders (answers both coded), and
 * Krippendorff's alpha (nominal) for any number, which also takes answers only some coded.
 */
import { InputError } from '../../errors.js';
import { binaryKappa, krippendorffAlphaNominal } from '../../lib/agreement.js';
import type { CsvTable } from '../ingest/reader.js';

export const SHEET_CODE_COLUMNS = ['analyst_codes', 'codes', 'themes'] as const;
const NO_THEME = new Set(['none', '-']);

export interface CodingSheet {
  file: string;
  /** Per answer key (question + id): the themes given; only coded answers are here. */
  codes: Map<string, string[]>;
}

function unitKey(question: string, id: string): string {
  return question === '' ? id : `${question}\u0000${id}`;
}

export function readCodingSheet(table: CsvTable, codesColumn?: string): CodingSheet {
  const header = table.header;
  const idAt = header.indexOf('response_id') >= 0 ? header.indexOf('response_id') : header.indexOf('id');
  if (idAt < 0) throw new InputError(`${table.file}:${table.headerLine}`, 'no "response_id" or "id" column: a coding sheet needs the answer id and its codes');
  const column = codesColumn ?? SHEET_CODE_COLUMNS.find((name) => header.includes(name));
  const codesAt = column === undefined ? -1 : header.indexOf(column);
  if (codesAt < 0) {
    throw new InputError(`${table.file}:${table.headerLine}`, `no ${codesColumn ? `"${codesColumn}"` : SHEET_CODE_COLUMNS.map((c) => `"${c}"`).join(' or ')} column with the codes; name it with --column`);
  }
  const questionAt = header.indexOf('question');
  const codes = new Map<string, string[]>();
  table.rows.forEach((row, i) => {
    if (row.every((cell) => cell.trim() === '')) return;
    const id = (row[idAt] ?? '').trim();
    const cell = (row[codesAt] ?? '').trim();
    if (cell === '') return;
    if (id === '') throw new InputError(`${table.file}:${table.lines[i]}`, 'the answer id is empty');
    const key = unitKey(questionAt >= 0 ? (row[questionAt] ?? '').trim() : '', id);
    if (codes.has(key)) throw new InputError(`${table.file}:${table.lines[i]}`, `answer ${id} is coded twice in this sheet`);
    const themes = NO_THEME.has(cell.toLowerCase()) ? [] : [...new Set(cell.split(/[;,]/).map((s) => s.trim()).filter((s) => s !== ''))];
    codes.set(key, themes);
  });
  return { file: table.file, codes };
}

export interface ThemeReliability {
  /** Answers that every coder coded (two coders: the ones kappa is over). */
  codedByAll: number;
  /** Share of those answers where all coders agree on this theme. */
  agreement: number;
  /** Cohen's kappa (two coders only); null when undefined or more than two coders. */
  kappa: number | null;
  /** Krippendorff's alpha (nominal); null when undefined (no variation). */
  alpha: number | null;
  /** Codes of this theme given per coder, on the answers every coder coded. */
  given: number[];
}

export interface Reliability {
  coders: string[];
  /** Answers coded by at least two coders. */
  pairable: number;
  codedByAll: number;
  themes: Record<string, ThemeReliability>;
  overall: Omit<ThemeReliability, 'given'>;
}

export function intercoderAgreement(sheets: readonly CodingSheet[]): Reliability {
  const keys = [...new Set(sheets.flatMap((s) => [...s.codes.keys()]))];
  const pairableKeys = keys.filter((k) => sheets.filter((s) => s.codes.has(k)).length >= 2);
  const allKeys = keys.filter((k) => sheets.every((s) => s.codes.has(k)));
  const themeIds = [...new Set(sheets.flatMap((s) => [...s.codes.values()].flat()))].sort();
  const two = sheets.length === 2;

  const decisions = (theme: string) => {
    const units = pairableKeys.map((k) => sheets.map((s) => (s.codes.has(k) ? String(s.codes.get(k)!.includes(theme)) : undefined)));
    const complete = allKeys.map((k) => sheets.map((s) => s.codes.get(k)!.includes(theme)));
    return { units, complete };
  };
  const summarise = (units: (string | undefined)[][], complete: boolean[][]): Omit<ThemeReliability, 'given'> => {
    const agreeing = complete.filter((row) => row.every((v) => v === row[0])).length;
    return {
      codedByAll: complete.length,
      agreement: complete.length === 0 ? Number.NaN : agreeing / complete.length,
      kappa: two ? finiteOrNull(binaryKappa(complete.map((r) => r[0]!), complete.map((r) => r[1]!))) : null,
      alpha: finiteOrNull(krippendorffAlphaNominal(units)),
    };
  };
  const themes: Record<string, ThemeReliability> = {};
  const pooledUnits: (string | undefined)[][] = [];
  const pooledComplete: boolean[][] = [];
  for (const theme of themeIds) {
    const { units, complete } = decisions(theme);
    pooledUnits.push(...units);
    pooledComplete.push(...complete);
    themes[theme] = { ...summarise(units, complete), given: sheets.map((_, c) => complete.filter((row) => row[c]).length) };
  }
  return { coders: sheets.map((s) => s.file), pairable: pairableKeys.length, codedByAll: allKeys.length, themes, overall: summarise(pooledUnits, pooledComplete) };
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
