/**
 * Delimiter detection and header reading from the first records of a file. Pure.
 */
import { parseAll } from './parse.js';

export const DELIMITERS = [',', ';', '\t', '|'] as const;

export const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

/**
 * The delimiter that splits the first records into the most consistent number of fields (more
 * than one). `sample` should end on a record boundary.
 */
export function detectDelimiter(sample: string): string {
  let best: { delimiter: string; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of DELIMITERS) {
    const { records } = parseAll(sample, delimiter);
    const widths = records.slice(0, 50).map((r) => r.length);
    if (widths.length === 0) continue;
    const frequency = new Map<number, number>();
    for (const width of widths) frequency.set(width, (frequency.get(width) ?? 0) + 1);
    const [modeWidth, modeCount] = [...frequency.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] as [number, number];
    if (modeWidth < 2) continue;
    // consistency first, then more columns; the header row itself must split too
    const headerSplits = (widths[0] ?? 0) >= 2 ? 1 : 0;
    const score = headerSplits * 1000 + (modeCount / widths.length) * 100 + Math.min(modeWidth, 50);
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

export interface HeaderInfo {
  /** Column names, one line each, unique. */
  columns: string[];
  /** Records before the data (title row + header). */
  headerRecords: number;
  /** Physical line of the first data record (1-based). */
  dataLine: number;
  notes: string[];
  titleRow?: string;
}

/** Header cells may hold line breaks and control characters: flatten them to single spaces. */
export function flattenHeaderCell(cell: string): string {
  return cell.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim();
}

const nonEmpty = (record: readonly string[]): number => record.filter((cell) => cell.trim() !== '').length;

/**
 * Read the header from the first records. `records`/`lines` come from parsing the start of the file.
 * Returns undefined when there is no record at all.
 */
export function readHeader(records: readonly string[][], lines: readonly number[]): HeaderInfo | undefined {
  if (records.length === 0) return undefined;
  const notes: string[] = [];
  let headerAt = 0;
  let titleRow: string | undefined;
  const first = records[0] as string[];
  const second = records[1];
  // A title row above the header: one filled cell where the next row has several.
  if (second && nonEmpty(first) <= 1 && nonEmpty(second) >= 3 && nonEmpty(second) >= nonEmpty(first) * 3) {
    headerAt = 1;
    titleRow = flattenHeaderCell(first.find((c) => c.trim() !== '') ?? '');
    notes.push(`line ${lines[0]}: skipped a title row above the header ("${titleRow.slice(0, 60)}")`);
  }
  const raw = records[headerAt] as string[];
  const columns: string[] = [];
  const seen = new Map<string, number>();
  raw.forEach((cell, i) => {
    let name = flattenHeaderCell(cell);
    if (name !== cell) {
      if (/[\r\n]/.test(cell)) notes.push(`header cell ${i + 1} contained line breaks: read as "${name}"`);
      else if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(cell)) notes.push(`header cell ${i + 1} contained control characters: read as "${name}"`);
    }
    if (name === '') {
      name = `column ${i + 1}`;
      notes.push(`header cell ${i + 1} is empty: named "${name}"`);
    }
    const count = seen.get(name.toLowerCase()) ?? 0;
    if (count > 0) {
      let unique = `${name} (${count + 1})`;
      while (seen.has(unique.toLowerCase())) unique = `${unique}'`;
      notes.push(`duplicate column name "${name}" (column ${i + 1}) renamed "${unique}"`);
      seen.set(name.toLowerCase(), count + 1);
      name = unique;
    }
    seen.set(name.toLowerCase(), (seen.get(name.toLowerCase()) ?? 0) + 1);
    columns.push(name);
  });
  const dataLine = lines[headerAt + 1] ?? Number.POSITIVE_INFINITY;
  return { columns, headerRecords: headerAt + 1, dataLine, notes, ...(titleRow !== undefined ? { titleRow } : {}) };
}
