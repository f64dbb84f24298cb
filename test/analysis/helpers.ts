/** Independent counting for the analysis tests: csv-parse, not the project's own parser. */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

export interface ParsedCsv {
  header: string[];
  rows: string[][];
}

/** Parse with csv-parse; header cells flattened to one line as the tool documents. */
export function parseWithCsvParse(file: string, delimiter = ','): ParsedCsv {
  const records = parse(readFileSync(file), { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true }) as string[][];
  const [header = [], ...rows] = records;
  return { header: header.map((cell) => cell.replace(/[\s\u0000-\u001f]+/g, ' ').trim()), rows };
}

/** Rows the tool analyses: rows longer than the header with a non-empty extra cell are rejected. */
export function analysable(csv: ParsedCsv): string[][] {
  return csv.rows.filter((row) => row.slice(csv.header.length).every((cell) => cell.trim() === ''));
}

export interface CountedQuestion {
  total: Map<string, number>;
  notAnswered: number;
}

export function countColumn(rows: string[][], index: number, separator?: string): CountedQuestion {
  const total = new Map<string, number>();
  let notAnswered = 0;
  for (const row of rows) {
    const cell = (row[index] ?? '').trim();
    if (cell === '') {
      notAnswered++;
      continue;
    }
    const answers = separator ? [...new Set(cell.split(separator).map((a) => a.trim()).filter(Boolean))] : [cell];
    for (const answer of answers) total.set(answer, (total.get(answer) ?? 0) + 1);
  }
  return { total, notAnswered };
}

interface SummaryBreakdown {
  base: number;
  notAnswered: number;
  counts: { value: string; count: number }[];
}

/** The non-zero counts of a summary breakdown as a Map. */
export function summaryCounts(breakdown: SummaryBreakdown): Map<string, number> {
  return new Map(breakdown.counts.filter((c) => c.count > 0).map((c) => [c.value, c.count]));
}
