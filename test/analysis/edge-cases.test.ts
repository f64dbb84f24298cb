/**
 * Every file in ../shared/data/csv_edge_cases either analyses with sensible counts (exit 0) or
 * fails with one clear line naming the file (exit 2): never a crash or garbled text. Part of the
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

describe.runIf(HAVE_SHARED)('conformance: csv edge cases', () => {
  const files = HAVE_SHARED ? allFiles(EDGE) : [];
  it('finds the edge-case files', () => expect(files.length).toBeGreaterThan(40));

  it.each(files.map((file) => [relative(EDGE, file), file]))('%s: analyses or fails with one clear line', (_name, file) => {
    const result = analyse(file);
    expect([0, 2]).toContain(result.code);
    expect(result.stderr).not.toMatch(/internal error|    at /);
    if (result.code === 0) {
      const rows = result.summary?.rows;
      expect(rows).toBeDefined();
      expect(rows?.read).toBeGreaterThan(0);
      expect(rows?.read).toBe((rows?.analysed ?? 0) + (rows?.rejected ?? 0));
      // no mojibake from a wrong decoding: UTF-8 read as Latin-1 shows up as Ã or Â
      expect(JSON.stringify(result.summary)).not.toMatch(/Ã|Â/);
    } else {
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(basename(file));
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
