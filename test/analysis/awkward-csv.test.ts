/**
 * The project's own awkward CSVs (test/fixtures/csv, written by make.py there): each pitfall of real
 * exports gives the counts and values counted by hand from make.py, or one clear line with exit 2.
 * The same behaviours run on real-world files in test/conformance when ../shared is present.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runPtk, tempDir } from '../helpers/cli.js';

const FIXTURES = join(ROOT, 'test/fixtures/csv');

interface Summary {
  rows: { read: number; analysed: number; rejected: number; paddedShortRows: number };
  input: { encoding: string; delimiter: string; columns: string[]; notes: string[] };
  closedQuestions: { column: string; overall: { counts: { value: string; count: number }[] } }[];
}

function analyse(name: string): { code: number; stderr: string; summary?: Summary; out: string } {
  const out = join(tempDir('ptk-awkward-'), 'report');
  const result = runPtk(['analyse', join(FIXTURES, name), '--out', out]);
  const summaryFile = join(out, 'summary.json');
  return {
    code: result.code,
    stderr: result.stderr,
    out,
    ...(existsSync(summaryFile) ? { summary: JSON.parse(readFileSync(summaryFile, 'utf8')) as Summary } : {}),
  };
}

const counts = (summary: Summary | undefined, column: string): Record<string, number> =>
  Object.fromEntries(summary?.closedQuestions.find((q) => q.column === column)?.overall.counts.filter((c) => c.count > 0).map((c) => [c.value, c.count]) ?? []);

// make.py's four responses: choice "Très bien" twice, "ʤ ok" and "Pas du tout" once each
const CHOICES = { 'Très bien': 2, 'ʤ ok': 1, 'Pas du tout': 1 };

describe('awkward CSV exports (own fixtures)', () => {
  it.each([
    ['utf8.csv', 'UTF-8', ','],
    ['utf8-bom.csv', 'UTF-8', ','],
    ['utf16le-bom.csv', 'UTF-16 LE', ','],
    ['utf16be-bom.csv', 'UTF-16 BE', ','],
    ['crlf.csv', 'UTF-8', ','],
    ['semicolon.csv', 'UTF-8', ';'],
    ['tab.tsv', 'UTF-8', '\t'],
  ])('%s: read as %s with delimiter %j, every response and value intact', (name, encoding, delimiter) => {
    const { code, summary } = analyse(name);
    expect(code).toBe(0);
    expect(summary?.input.encoding).toBe(encoding);
    expect(summary?.input.delimiter).toBe(delimiter);
    // a byte-order mark must not end up in the first column's name
    expect(summary?.input.columns).toEqual(['id', 'type', 'choice', 'answer']);
    expect(summary?.rows).toMatchObject({ read: 4, analysed: 4, rejected: 0 });
    expect(counts(summary, 'choice')).toEqual(CHOICES);
    // quoted comma, doubled quotes and a line break inside a quoted cell survive
    expect(Object.keys(counts(summary, 'answer')).sort()).toEqual(["Line one\nline two", 'Nothing to add', 'We said "no", twice', "café £5 — it's fine"]);
  });

  it('decodes Windows-1252 (the euro sign is 0x80 there) and says so', () => {
    const { summary } = analyse('windows-1252.csv');
    expect(summary?.input.encoding).toBe('Windows-1252');
    expect(summary?.input.notes.join('\n')).toMatch(/Windows-1252/);
    expect(counts(summary, 'choice')).toEqual({ '© Crown': 2, 'Déjà vu': 1 });
    expect(Object.keys(counts(summary, 'answer'))).toContain('Coût: 5 €');
    expect(JSON.stringify(summary)).not.toMatch(/Ã|Â/);
  });

  it('reads CR-only line ends as three responses', () => {
    const { summary } = analyse('cr-only.csv');
    expect(summary?.rows).toMatchObject({ read: 3, analysed: 3, rejected: 0 });
    expect(counts(summary, 'choice')).toEqual({ 'Très bien': 1, 'Pas du tout': 2 });
  });

  it('removes a NUL byte, counts it, and keeps both rows', () => {
    const { summary } = analyse('nul-byte.csv');
    expect(summary?.rows).toMatchObject({ read: 2, analysed: 2 });
    expect(summary?.input.notes.join('\n')).toMatch(/1 NUL byte removed/);
    expect(counts(summary, 'choice')).toEqual({ 'Tres bien': 1, 'Pas du tout': 1 });
  });

  it('pads a short row and rejects a long one with its line number', () => {
    const { summary, out } = analyse('ragged.csv');
    expect(summary?.rows).toMatchObject({ read: 4, analysed: 3, rejected: 1, paddedShortRows: 1 });
    expect(counts(summary, 'choice')).toEqual({ Yes: 1, No: 2 });
    expect(readFileSync(join(out, 'rejects.csv'), 'utf8')).toMatch(/^line,reason,cells\n4,5 cells but the header has 4,/);
  });

  it('flattens a header line break and renames the duplicate it makes', () => {
    const { summary } = analyse('multiline-header.csv');
    expect(summary?.input.columns).toEqual(['id', 'Q1. How satisfied are you?', 'Q1. How satisfied are you? (2)', 'answer']);
    expect(summary?.rows.read).toBe(2);
  });

  it('skips a title row above the header and says so', () => {
    const { summary } = analyse('title-row.csv');
    expect(summary?.input.columns).toEqual(['id', 'type', 'choice', 'answer']);
    expect(summary?.rows.read).toBe(2);
    expect(summary?.input.notes.join('\n')).toMatch(/line 1: skipped a title row/);
  });

  it.each([
    ['empty.csv', /^ptk: .*empty\.csv: the file is empty/],
    ['header-only.csv', /^ptk: .*header-only\.csv: has a header row \(4 columns\) but no responses/],
    ['workbook.xlsx', /^ptk: .*workbook\.xlsx: this is an Excel workbook/],
  ])('%s: exit 2 with one line naming the file', (name, message) => {
    const { code, stderr, summary } = analyse(name);
    expect(code).toBe(2);
    expect(summary).toBeUndefined();
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });
});
