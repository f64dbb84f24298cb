/**
 * Every file in ../shared/data/csv_edge_cases has its own expected outcome: exit 0 with the rows read,
 * analysed and rejected, the delimiter and the encoding, or exit 2 with one clear line naming the file;
 * never a crash or garbled text. Part of the
 * conformance suite: runs when ../shared is there (test/fixtures/csv covers the same pitfalls always).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAVE_SHARED, SHARED, runPtk, tempDir } from '../helpers/cli.js';

const EDGE = join(SHARED, 'data/csv_edge_cases');

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

interface Summary {
  rows: { read: number; analysed: number; rejected: number };
  input: { encoding: string; delimiter: string; columns: string[]; notes: string[] };
  closedQuestions: { column: string; overall: { counts: { value: string; count: number }[] } }[];
}

function analyse(file: string): { code: number; stderr: string; summary?: Summary; out: string } {
  const out = join(tempDir('ptk-edge-'), 'report');
  const result = runPtk(['analyse', file, '--out', out]);
  const summaryFile = join(out, 'summary.json');
  return {
    code: result.code,
    stderr: result.stderr,
    out,
    ...(existsSync(summaryFile) ? { summary: JSON.parse(readFileSync(summaryFile, 'utf8')) as Summary } : {}),
  };
}

const values = (summary: Summary | undefined, column: string): string[] =>
  summary?.closedQuestions.find((q) => q.column === column)?.overall.counts.filter((c) => c.count > 0).map((c) => c.value) ?? [];

type Expected =
  | { code: 0; rows: { read: number; analysed: number; rejected: number }; delimiter: string; encoding: string }
  | { code: 2; error: RegExp };

/*
 * Row counts and exits counted independently, once, by edge-cases-count.py beside this file (Python's
 * csv module: BOM / UTF-16 / strict UTF-8 else cp1252 decoding, NUL bytes dropped, CR-only endings as
 * LF, csv.Sniffer over , ; tab |, blank lines skipped, the documented title-row rule, a row rejected
 * when it has a non-empty cell beyond the header's width); its output matched ptk's for all 66 files
 * on 2026-12-02. The encodings are those of the files' bytes (UTF-16 and Latin-1 named so by csvkit,
 * csvlint's invalid-byte-sequence in Windows-1252); every other file is UTF-8 or ASCII.
 */
const EXPECTED: Record<string, Expected> = {
  'csv-spectrum/csvs/comma_in_quotes.csv': { code: 0, rows: { read: 1, analysed: 1, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csv-spectrum/csvs/empty.csv': { code: 0, rows: { read: 2, analysed: 2, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csv-spectrum/csvs/empty_crlf.csv': { code: 0, rows: { read: 2, analysed: 2, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csv-spectrum/csvs/escaped_quotes.csv': { code: 0, rows: { read: 2, analysed: 2, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csv-spectrum/csvs/json.csv': { code: 0, rows: { read: 1, analysed: 1, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csv-spectrum/csvs/location_coordinates.csv': { code: 0, rows: { read: 1, analysed: 1, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csv-spectrum/csvs/newlines.csv': { code: 0, rows: { read: 3, analysed: 3, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csv-spectrum/csvs/newlines_crlf.csv': { code: 0, rows: { read: 3, analysed: 3, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csv-spectrum/csvs/quotes_and_newlines.csv': { code: 0, rows: { read: 2, analysed: 2, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csv-spectrum/csvs/simple.csv': { code: 0, rows: { read: 1, analysed: 1, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csv-spectrum/csvs/simple_crlf.csv': { code: 0, rows: { read: 1, analysed: 1, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csv-spectrum/csvs/utf8.csv': { code: 0, rows: { read: 2, analysed: 2, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csv-spectrum/json/comma_in_quotes.json': { code: 0, rows: { read: 8, analysed: 7, rejected: 1 }, delimiter: ',', encoding: 'UTF-8' },
  'csv-spectrum/json/empty.json': { code: 0, rows: { read: 2, analysed: 2, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csv-spectrum/json/empty_crlf.json': { code: 0, rows: { read: 2, analysed: 2, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csv-spectrum/json/escaped_quotes.json': { code: 0, rows: { read: 9, analysed: 9, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csv-spectrum/json/json.json': { code: 0, rows: { read: 5, analysed: 4, rejected: 1 }, delimiter: ',', encoding: 'UTF-8' },
  'csv-spectrum/json/location_coordinates.json': { code: 0, rows: { read: 5, analysed: 5, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csv-spectrum/json/newlines.json': { code: 0, rows: { read: 16, analysed: 16, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csv-spectrum/json/newlines_crlf.json': { code: 0, rows: { read: 16, analysed: 16, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csv-spectrum/json/quotes_and_newlines.json': { code: 0, rows: { read: 9, analysed: 9, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csv-spectrum/json/simple.json': { code: 0, rows: { read: 6, analysed: 6, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csv-spectrum/json/simple_crlf.json': { code: 0, rows: { read: 6, analysed: 6, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csv-spectrum/json/utf8.json': { code: 0, rows: { read: 11, analysed: 11, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csv-spectrum/package.json': { code: 0, rows: { read: 18, analysed: 18, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csv-spectrum/readme.md': { code: 0, rows: { read: 33, analysed: 30, rejected: 3 }, delimiter: ',', encoding: 'UTF-8' },
  'csvkit/COPYING': { code: 0, rows: { read: 16, analysed: 6, rejected: 10 }, delimiter: ',', encoding: 'UTF-8' },
  'csvkit/bad.csv': { code: 0, rows: { read: 3, analysed: 2, rejected: 1 }, delimiter: ',', encoding: 'UTF-8' },
  'csvkit/bad_skip_lines.csv': { code: 0, rows: { read: 3, analysed: 2, rejected: 1 }, delimiter: ',', encoding: 'UTF-8' },
  'csvkit/blanks.csv': { code: 0, rows: { read: 1, analysed: 1, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csvkit/dummy.tsv': { code: 0, rows: { read: 1, analysed: 1, rejected: 0 }, delimiter: '\t', encoding: 'UTF-8' },
  'csvkit/dummy.xlsx': { code: 2, error: /Excel workbook \(\.xlsx\), not a CSV file: open it in Excel and save it as CSV \(UTF-8\)/ },
  'csvkit/dummy_col_shuffled_ragged.csv': { code: 0, rows: { read: 1, analysed: 1, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csvkit/empty.csv': { code: 2, error: /the file is empty: expected a header row and at least one data row\./ },
  'csvkit/mac_newlines.csv': { code: 0, rows: { read: 2, analysed: 2, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csvkit/no_header_row.csv': { code: 2, error: /has a header row \(3 columns\) but no responses/ },
  'csvkit/null_byte.csv': { code: 0, rows: { read: 1, analysed: 1, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csvkit/optional_quote_characters.csv': { code: 0, rows: { read: 1, analysed: 1, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csvkit/sheets.xlsx': { code: 2, error: /Excel workbook \(\.xlsx\), not a CSV file: open it in Excel and save it as CSV \(UTF-8\)/ },
  'csvkit/sniff_limit.csv': { code: 0, rows: { read: 1, analysed: 1, rejected: 0 }, delimiter: ';', encoding: 'UTF-8' },
  'csvkit/test.xlsx': { code: 2, error: /Excel workbook \(\.xlsx\), not a CSV file: open it in Excel and save it as CSV \(UTF-8\)/ },
  'csvkit/test_empty_columns.csv': { code: 0, rows: { read: 3, analysed: 3, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csvkit/test_empty_columns_long_row.csv': { code: 0, rows: { read: 1, analysed: 1, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csvkit/test_empty_columns_short_row.csv': { code: 0, rows: { read: 1, analysed: 1, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csvkit/test_extra_header.csv': { code: 0, rows: { read: 1, analysed: 1, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csvkit/test_header_newline.csv': { code: 0, rows: { read: 1, analysed: 1, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csvkit/test_latin1.csv': { code: 0, rows: { read: 2, analysed: 2, rejected: 0 }, delimiter: ',', encoding: 'Windows-1252' },
  'csvkit/test_locale.csv': { code: 0, rows: { read: 1, analysed: 1, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csvkit/test_skip_lines.csv': { code: 0, rows: { read: 1, analysed: 1, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csvkit/test_utf16_big.csv': { code: 0, rows: { read: 2, analysed: 2, rejected: 0 }, delimiter: ',', encoding: 'UTF-16 BE' },
  'csvkit/test_utf16_little.csv': { code: 0, rows: { read: 2, analysed: 2, rejected: 0 }, delimiter: ',', encoding: 'UTF-16 LE' },
  'csvkit/test_utf8.csv': { code: 0, rows: { read: 2, analysed: 2, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csvkit/test_utf8_bom.csv': { code: 0, rows: { read: 2, analysed: 2, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csvlint/LICENSE.md': { code: 0, rows: { read: 17, analysed: 7, rejected: 10 }, delimiter: ',', encoding: 'UTF-8' },
  'csvlint/cr-line-endings.csv': { code: 0, rows: { read: 2, analysed: 2, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csvlint/crlf-line-endings.csv': { code: 0, rows: { read: 2, analysed: 2, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csvlint/inconsistent-line-endings-unquoted.csv': { code: 0, rows: { read: 2, analysed: 2, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csvlint/inconsistent-line-endings.csv': { code: 0, rows: { read: 2, analysed: 2, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csvlint/invalid-byte-sequence.csv': { code: 0, rows: { read: 23, analysed: 23, rejected: 0 }, delimiter: ',', encoding: 'Windows-1252' },
  'csvlint/invalid_many_rows.csv': { code: 0, rows: { read: 10, analysed: 10, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csvlint/lf-line-endings.csv': { code: 0, rows: { read: 2, analysed: 2, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csvlint/spreadsheet.xlsx': { code: 2, error: /Excel workbook \(\.xlsx\), not a CSV file: open it in Excel and save it as CSV \(UTF-8\)/ },
  'csvlint/title-row.csv': { code: 0, rows: { read: 2, analysed: 2, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csvlint/valid.csv': { code: 0, rows: { read: 2, analysed: 2, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csvlint/valid_many_rows.csv': { code: 0, rows: { read: 6, analysed: 6, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
  'csvlint/windows-line-endings.csv': { code: 0, rows: { read: 1, analysed: 1, rejected: 0 }, delimiter: ',', encoding: 'UTF-8' },
};

describe.runIf(HAVE_SHARED)('conformance: csv edge cases', () => {
  const files = HAVE_SHARED ? allFiles(EDGE) : [];
  it('has an expected outcome for every edge-case file, and every expected file is there', () => {
    expect(files.map((file) => relative(EDGE, file)).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(files.map((file) => [relative(EDGE, file), file]))('%s: gives its expected outcome', (name, file) => {
    const expected = EXPECTED[name]!;
    const result = analyse(file);
    expect(result.stderr).not.toMatch(/internal error|    at /);
    expect(result.code, result.stderr).toBe(expected.code);
    if (expected.code === 0) {
      expect(result.summary?.rows).toMatchObject(expected.rows);
      expect(result.summary?.input.delimiter).toBe(expected.delimiter);
      expect(result.summary?.input.encoding).toBe(expected.encoding);
      // no mojibake from a wrong decoding: UTF-8 read as Latin-1 shows up as Ã or Â
      expect(JSON.stringify(result.summary)).not.toMatch(/Ã|Â/);
    } else {
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(basename(file));
      expect(lines[0]).toMatch(expected.error);
    }
  });

  it('decodes Latin-1 and Windows-1252 text correctly', () => {
    const latin1 = analyse(join(EDGE, 'csvkit/test_latin1.csv'));
    expect(latin1.summary?.input.encoding).toBe('Windows-1252');
    expect(values(latin1.summary, 'c')).toContain('©');
    const invalid = analyse(join(EDGE, 'csvlint/invalid-byte-sequence.csv'));
    expect(invalid.summary?.input.columns).toEqual(expect.arrayContaining(['Histórico', 'Número do documento']));
  });

  it('reads UTF-16 LE and BE (with byte-order marks) to the same values as the UTF-8 file', () => {
    const utf8 = analyse(join(EDGE, 'csvkit/test_utf8.csv'));
    const little = analyse(join(EDGE, 'csvkit/test_utf16_little.csv'));
    const big = analyse(join(EDGE, 'csvkit/test_utf16_big.csv'));
    expect(little.summary?.input.encoding).toBe('UTF-16 LE');
    expect(big.summary?.input.encoding).toBe('UTF-16 BE');
    expect(little.summary?.input.columns).toEqual(['a', 'b', 'c']);
    expect(big.summary?.input.columns).toEqual(['a', 'b', 'c']);
    expect(values(little.summary, 'c')).toEqual(values(utf8.summary, 'baz'));
    expect(values(big.summary, 'c')).toEqual(values(utf8.summary, 'baz'));
    expect(values(utf8.summary, 'baz')).toContain('ʤ');
  });

  it('reports ragged rows: short rows padded, long rows with extra cells rejected with the line', () => {
    const bad = analyse(join(EDGE, 'csvkit/bad.csv'));
    expect(bad.summary?.rows).toMatchObject({ read: 3, analysed: 2, rejected: 1 });
    const rejects = readFileSync(join(bad.out, 'rejects.csv'), 'utf8');
    expect(rejects).toMatch(/^line,reason,cells\n2,4 cells but the header has 3,/);
  });

  it('skips a title row above the header and says so', () => {
    const title = analyse(join(EDGE, 'csvlint/title-row.csv'));
    expect(title.summary?.input.columns).toEqual(['Foo', 'Bsr', 'Baz']);
    expect(title.summary?.rows.read).toBe(2);
    expect(title.summary?.input.notes.join('\n')).toMatch(/title row/);
  });

  it('handles CR-only line endings, NUL bytes, header line breaks and tabs', () => {
    expect(analyse(join(EDGE, 'csvkit/mac_newlines.csv')).summary?.rows.read).toBe(2);
    const nul = analyse(join(EDGE, 'csvkit/null_byte.csv'));
    expect(nul.summary?.input.notes.join('\n')).toMatch(/1 NUL byte removed/);
    expect(analyse(join(EDGE, 'csvkit/test_header_newline.csv')).summary?.input.columns).toEqual(['start end', 'b', 'c']);
    expect(analyse(join(EDGE, 'csvkit/dummy.tsv')).summary?.input.delimiter).toBe('\t');
    expect(analyse(join(EDGE, 'csvkit/sniff_limit.csv')).summary?.input.delimiter).toBe(';');
  });

  it('refuses an Excel workbook, an empty file and a header-only file with one line, exit 2', () => {
    const xlsx = runPtk(['analyse', join(EDGE, 'csvkit/test.xlsx'), '--out', join(tempDir(), 'r')]);
    expect(xlsx.code).toBe(2);
    expect(xlsx.stderr).toMatch(/Excel workbook.*save it as CSV \(UTF-8\)/);
    const empty = runPtk(['analyse', join(EDGE, 'csvkit/empty.csv'), '--out', join(tempDir(), 'r')]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/empty\.csv: the file is empty/);
    const headerOnly = runPtk(['analyse', join(EDGE, 'csvkit/no_header_row.csv'), '--out', join(tempDir(), 'r')]);
    expect(headerOnly.code).toBe(2);
    expect(headerOnly.stderr).toMatch(/no_header_row\.csv: has a header row \(3 columns\) but no responses/);
  });
});
