/**
 * Excel-safe CSV cells: a cell starting with = + - @ tab or CR could run as a formula when the file is
 * opened in a spreadsheet, so it is prefixed with a single quote.
 */
import { stringify } from 'csv-stringify/sync';

const FORMULA_START = /^[=+\-@\t\r]/;

export function safeCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Header plus rows as CSV text, every cell neutralised. Numbers stay numbers unless negative. */
export function toSafeCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return stringify([header.map(safeCell), ...rows.map((row) => row.map(safeCell))]);
}
