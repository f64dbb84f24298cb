/**
 * Spreadsheet-safe CSV cells: a cell starting with = + - @ (or their full-width forms), tab or CR could
 * run as a formula when the file is opened in a spreadsheet, also after leading spaces, no-break or
 * zero-width characters or a byte-order mark, which spreadsheets skip; such a cell gets a leading '.
 * Cells holding ; or a tab are quoted too, not only those with a comma: in much of Europe Excel's list
 * separator is ;, and a file may be opened with tab as separator, either of which would otherwise cut
 * the cell and start a new one at the formula.
 */
import { stringify } from 'csv-stringify/sync';

const FORMULA_START = /^[\t\r]|^[ \u00a0\u1680\u2000-\u200d\u202f\u205f\u2060\u3000\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20]/;

/** Characters that make a cell need quotes under any of the separators , ; and tab. */
export const QUOTE_TRIGGERS = /[",;\t\r\n]/;

export function safeCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Header plus rows as CSV text, every cell neutralised. Numbers stay numbers unless negative. */
export function toSafeCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return stringify([header.map(safeCell), ...rows.map((row) => row.map(safeCell))], { quoted_match: /[;\t]/ });
}
