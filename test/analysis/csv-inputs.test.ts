/**
 * One CSV reader for every command: each CSV input command reads the same rows from a UTF-8 comma
 * file and from its semicolon (Excel, CRLF), UTF-16 LE, Latin-1 and UTF-8-with-BOM copies
 * (test/fixtures/csv-inputs, written by make.py there), through the built binary. The oracle for
 * each variant is the command's own output on the plain UTF-8 comma file, and row counts are
 * checked against Python's csv module (counts below).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { openCsv, parseCsvBytes, parseCsvText, readCsvStreamed } from '../../src/analysis/ingest/reader.js';
import { ROOT, runPtk, tempDir } from '../helpers/cli.js';

const DIR = join(ROOT, 'test/fixtures/csv-inputs');
const EVIDENCE = join(ROOT, 'test/fixtures/evidence');
const THEMES = join(ROOT, 'test/fixtures/themes');
const VARIANTS = [
  ['semicolon', 'UTF-8', ';'],
  ['utf16le', 'UTF-16 LE', ','],
  ['latin1', 'Windows-1252', ','],
  ['bom', 'UTF-8', ','],
] as const;
// data rows, from python3: len(list(csv.reader(open(name + '.csv', newline='', encoding='utf-8')))) - 1
const ROWS = { posts: 32, metrics: 64, responses: 13 } as const;

/** Run a command with --json in the fixtures folder; the output with the input file's name taken out. */
function json(args: string[], nameField: string): Record<string, unknown> {
  // themes suggest prints and writes nothing else; the evidence commands also write report files
  const out = args[0] === 'themes' ? [] : ['--out', join(tempDir(), 'out')];
  const run = runPtk([...args, '--json', ...out], { cwd: DIR });
  expect(run.stderr).not.toMatch(/ptk: /);
  expect(run.code).toBe(0);
  const data = JSON.parse(run.stdout) as Record<string, unknown>;
  expect(typeof data[nameField]).toBe('string');
  delete data[nameField];
  return data;
}

describe('the reader', () => {
  it.each(Object.keys(ROWS) as (keyof typeof ROWS)[])('%s: every variant gives the plain file\'s header, rows and lines', (name) => {
    const plain = parseCsvBytes(readFileSync(join(DIR, `${name}.csv`)), `${name}.csv`);
    expect(plain.rows).toHaveLength(ROWS[name]);
    // independently: csv-parse agrees on the plain file
    const independent = parse(readFileSync(join(DIR, `${name}.csv`)), { relax_column_count: true }) as string[][];
    expect([plain.header, ...plain.rows]).toEqual(independent);
    for (const [variant, encoding, delimiter] of VARIANTS) {
      const table = parseCsvBytes(readFileSync(join(DIR, `${name}-${variant}.csv`)), 'x.csv');
      expect(table.encoding.encoding === 'utf-16le' ? 'UTF-16 LE' : table.encoding.encoding === 'windows-1252' ? 'Windows-1252' : 'UTF-8', variant).toBe(encoding);
      expect(table.delimiter, variant).toBe(delimiter);
      expect(table.header, variant).toEqual(plain.header);
      expect(table.rows, variant).toEqual(plain.rows);
      expect(table.lines, variant).toEqual(plain.lines);
    }
  });

  it('streams the same records as it reads a file whole, across chunk boundaries, with the start line of each', async () => {
    // 3 MB: more than the head and several 1 MB chunks; quoted cells with line breaks, delimiters and quotes
    const lines = ['id;answer;note'];
    for (let i = 0, length = 0; length < 3_000_000; i++) {
      lines.push(i % 7 === 0 ? `${i};"line one\nline two; with ""quotes""";n${i}` : `${i};plain answer ${'x'.repeat(i % 300)};n${i}`);
      length += lines[lines.length - 1]!.length + 2;
    }
    const file = join(tempDir(), 'big.csv');
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);
    const whole = parseCsvBytes(readFileSync(file), 'big.csv');
    const streamed = await readCsvStreamed(file, { name: 'big.csv' });
    expect(streamed.rows.length).toBe(lines.length - 1);
    expect(streamed.rows).toEqual(whole.rows);
    expect(streamed.lines).toEqual(whole.lines);
    const independent = parse(readFileSync(file), { delimiter: ';', info: true }) as unknown as { record: string[]; info: { lines: number } }[];
    expect(streamed.rows).toEqual(independent.slice(1).map((r) => r.record));
    // csv-parse counts the line a record ends on; a record with a line break inside starts one line earlier
    expect(streamed.lines).toEqual(independent.slice(1).map((r) => r.info.lines - (r.record[1]!.includes('\n') ? 1 : 0)));
  });

  it('reads title rows, header line breaks, NUL bytes, CR-only endings and ragged rows as ptk analyse does', () => {
    const table = parseCsvText('My consultation,,,\n"Q1\nagree?",region,area,\n1,north,a,\n2\n3,south,b,x,y\n', 't.csv');
    expect(table.header).toEqual(['Q1 agree?', 'region', 'area', 'column 4']);
    expect(table.headerLine).toBe(2);
    expect(table.rows).toEqual([['1', 'north', 'a', ''], ['2'], ['3', 'south', 'b', 'x', 'y']]);
    expect(table.lines).toEqual([4, 5, 6]);
    expect(table.notes.join('\n')).toMatch(/skipped a title row/);
    const nul = parseCsvBytes(Buffer.from('a,b\r1,x\u0000y\r2,z\r'), 'n.csv');
    expect(nul.rows).toEqual([['1', 'xy'], ['2', 'z']]);
    expect(nul.notes).toContain('1 NUL byte removed');
  });

  it('gives one-line errors naming the file and line', async () => {
    expect(() => parseCsvText('a,b\n1,"never closed\n2,x\n', 'q.csv')).toThrow(/^q\.csv:2: a quoted cell starting on this line is never closed/);
    expect(() => parseCsvText('', 'e.csv')).toThrow(/^e\.csv: the file is empty/);
    expect(() => parseCsvText('a,b\n', 'h.csv')).toThrow('h.csv: no data rows under the header: expected at least one row.');
    expect(parseCsvText('a,b\n', 'h.csv', { allowNoRows: true }).rows).toEqual([]);
    expect(() => parseCsvBytes(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2]), 'w.csv')).toThrow(/^w\.csv: this is an Excel workbook \(\.xlsx\)/);
    const file = join(tempDir(), 'q.csv');
    writeFileSync(file, 'a,b\n1,"never closed\n2,x\n');
    const reader = await openCsv(file, { name: 'q.csv' });
    await expect(async () => {
      for await (const batch of reader.batches()) void batch;
    }).rejects.toThrow(/^q\.csv:2: a quoted cell starting on this line is never closed/);
  });
});

describe('every CSV input command reads the semicolon, UTF-16, Latin-1 and BOM files', () => {
  const topics = join(EVIDENCE, 'topics.yaml');
  const plan = join(EVIDENCE, 'plan');
  const commands: Record<string, { args: (suffix: string) => string[]; nameField: string }> = {
    influence: { args: (s) => ['influence', `posts${s}.csv`], nameField: 'source' },
    monitor: { args: (s) => ['monitor', `posts${s}.csv`, '--topics', topics], nameField: 'source' },
    evaluate: { args: (s) => ['evaluate', `metrics${s}.csv`, '--plan', plan], nameField: 'metricsFile' },
    'themes suggest': { args: (s) => ['themes', 'suggest', `responses${s}.csv`, '--question', 'improve'], nameField: 'file' },
  };

  it.each(Object.keys(commands))('ptk %s: each variant gives the output of the plain file', (name) => {
    const command = commands[name]!;
    const plain = json(command.args(''), command.nameField);
    if (name === 'influence') expect(JSON.stringify(plain)).toContain('café_owner');
    if (name === 'monitor') expect(plain.postsInPeriod).toBe(ROWS.posts);
    if (name === 'themes suggest') expect(plain.rows).toBe(ROWS.responses);
    for (const [variant] of VARIANTS) expect(json(command.args(`-${variant}`), command.nameField), variant).toEqual(plain);
  });

  it('ptk analyse reads each variant to the same summary', () => {
    const summary = (file: string): Record<string, unknown> => {
      const out = join(tempDir(), 'r');
      const run = runPtk(['analyse', file, '--config', join(THEMES, 'analysis-with-codeframe.yaml'), '--out', out], { cwd: DIR });
      expect(run.code, run.stderr).toBe(0);
      const data = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Record<string, unknown>;
      delete data.input; // names the file, its encoding and delimiter
      delete data.title; // names the file
      return data;
    };
    const plain = summary('responses.csv');
    expect(plain.rows).toMatchObject({ read: ROWS.responses, analysed: ROWS.responses, rejected: 0 });
    for (const [variant] of VARIANTS) expect(summary(`responses-${variant}.csv`), variant).toEqual(plain);
  });

  it('ptk analyse --review applies a review file Excel saved with semicolons as the comma one', () => {
    const analyse = (review: string): { summary: Record<string, unknown>; responses: string } => {
      const out = join(tempDir(), 'r');
      const run = runPtk(['analyse', 'responses.csv', '--config', join(THEMES, 'analysis-with-codeframe.yaml'), '--review', review, '--out', out], { cwd: DIR });
      expect(run.code, run.stderr).toBe(0);
      const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { themes: { review: { file: string } } } & Record<string, unknown>;
      summary.themes.review.file = 'review';
      return { summary, responses: readFileSync(join(out, 'responses.csv'), 'utf8') };
    };
    const semicolon = analyse('review-semicolon.csv');
    const comma = analyse(join(THEMES, 'review.csv'));
    expect(semicolon).toEqual(comma);
    // the fixture's four review rows (a hand count), all matching a response
    expect((semicolon.summary.themes as { review: unknown }).review).toEqual({ file: 'review', entries: 4, matched: 4, unmatched: 0 });
  });
});
