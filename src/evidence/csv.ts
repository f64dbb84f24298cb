/**
 * CSV text to a header and rows, with the problems real exports have reported as one clear line
 * (`file:line: problem`). Pure: the caller reads the bytes.
 */
import { parse } from 'csv-parse/sync';
import { InputError } from '../errors.js';

export interface CsvTable {
  file: string;
  header: string[];
  /** Data rows; `lines[i]` is the 1-based line in the file where row i starts. */
  rows: string[][];
  lines: number[];
}

/** Decode bytes: UTF-8 (with or without a byte-order mark) or UTF-16 with a byte-order mark. */
export function decodeCsvBytes(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Exports from older spreadsheet tools are often Windows-1252; that decodes every byte.
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

export function parseCsvText(text: string, file: string): CsvTable {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new InputError(file, 'the file is empty: expected a header row and at least one data row.');
  if (body.includes('\u0000')) throw new InputError(file, 'the file contains NUL bytes: save it again as UTF-8 CSV.');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(body, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: false,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const err = error as Error & { lines?: number };
    const line = err.lines ? `:${err.lines}` : '';
    throw new InputError(`${file}${line}`, `not valid CSV (${err.message.replace(/^.*?: /, '').split('\n')[0]}).`);
  }
  const [first, ...rest] = records;
  if (!first) throw new InputError(file, 'the file is empty: expected a header row and at least one data row.');
  const header = first.record.map((cell) => cell.trim());
  const rows: string[][] = [];
  const lines: number[] = [];
  for (const { record, info } of rest) {
    if (record.every((cell) => cell.trim() === '')) continue;
    rows.push(record);
    // csv-parse gives the line where a record ends; a quoted cell may span lines
    const inner = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    lines.push(info.lines - inner);
  }
  if (rows.length === 0) throw new InputError(file, 'no data rows under the header: expected at least one row.');
  return { file, header, rows, lines };
}
