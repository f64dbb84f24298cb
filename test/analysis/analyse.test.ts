/** End-to-end: the built `ptk analyse` on the bundled example and fixtures, checked independently. */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runPtk, tempDir } from '../helpers/cli.js';
import { analysable, countColumn, parseWithCsvParse, summaryCounts, type ParsedCsv } from './helpers.js';

const require = createRequire(import.meta.url);
const Sentiment = require('sentiment') as new () => { analyze(text: string): { score: number; comparative: number } };

const DEMO = join(ROOT, 'examples/consultation/responses.csv');
const DEMO_CONFIG = join(ROOT, 'examples/consultation/analysis.yaml');
const FIXTURE = join(ROOT, 'test/analysis/fixtures/semicolon-bom.csv');

interface Breakdown {
  base: number;
  answered: number;
  notAnswered: number;
  counts: { value: string; count: number; percent: number }[];
}
interface Sentiments {
  base: number;
  answered: number;
  negative: number;
  neutral: number;
  positive: number;
  meanScore: number;
}
interface Summary {
  schemaVersion: number;
  input: { file: string; sha256: string; bytes: number; encoding: string; bom: boolean; delimiter: string; columns: string[] };
  rows: { read: number; analysed: number; rejected: number };
  respondentTypes: { column: string; counts: { value: string; count: number }[] } | null;
  closedQuestions: { column: string; multi: boolean; overall: Breakdown; byRespondentType: Record<string, Breakdown> }[];
  openQuestions: { column: string; overall: Sentiments; byRespondentType: Record<string, Sentiments> }[];
  segments: { column: string; values: { value: string; count: number; closed: Record<string, Breakdown> }[] }[];
}

function analyse(file: string, extra: string[] = []): { out: string; summary: Summary; stdout: string; stderr: string } {
  const out = join(tempDir('ptk-analyse-'), 'report');
  const result = runPtk(['analyse', file, '--out', out, ...extra]);
  expect(result.stderr.match(/internal error/)).toBeNull();
  expect(result.code, result.stderr).toBe(0);
  return { out, summary: JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary, stdout: result.stdout, stderr: result.stderr };
}

/** Compare every closed question's tallies (overall and per respondent type) with independent counts. */
function checkTallies(summary: Summary, csv: ParsedCsv, separators: Record<string, string>): void {
  const rows = analysable(csv);
  expect(summary.rows.analysed).toBe(rows.length);
  expect(summary.rows.read).toBe(csv.rows.length);
  const typeIndex = summary.respondentTypes ? csv.header.indexOf(summary.respondentTypes.column) : -1;
  expect(summary.closedQuestions.length).toBeGreaterThan(1);
  for (const question of summary.closedQuestions) {
    const index = csv.header.indexOf(question.column);
    expect(index, question.column).toBeGreaterThanOrEqual(0);
    const counted = countColumn(rows, index, question.multi ? separators[question.column] : undefined);
    expect(summaryCounts(question.overall)).toEqual(counted.total);
    expect(question.overall.notAnswered).toBe(counted.notAnswered);
    expect(question.overall.base).toBe(rows.length);
    if (typeIndex >= 0) {
      for (const [type, breakdown] of Object.entries(question.byRespondentType)) {
        const ofType = rows.filter((row) => (row[typeIndex] ?? '').trim() === (type === '(not stated)' ? '' : type));
        const countedType = countColumn(ofType, index, question.multi ? separators[question.column] : undefined);
        expect(summaryCounts(breakdown)).toEqual(countedType.total);
        expect(breakdown.notAnswered).toBe(countedType.notAnswered);
      }
    }
  }
  for (const question of summary.openQuestions) {
    const index = csv.header.indexOf(question.column);
    const answered = rows.filter((row) => (row[index] ?? '').trim() !== '');
    expect(question.overall.answered).toBe(answered.length);
    const sentiment = new Sentiment();
    const scores = answered.map((row) => sentiment.analyze(row[index] ?? '').score);
    expect(question.overall.negative).toBe(scores.filter((s) => s < 0).length);
    expect(question.overall.positive).toBe(scores.filter((s) => s > 0).length);
    expect(question.overall.neutral).toBe(scores.filter((s) => s === 0).length);
    expect(question.overall.meanScore).toBeCloseTo(scores.reduce((a, b) => a + b, 0) / scores.length, 3);
  }
}

describe('ptk analyse on the bundled example', () => {
  let demo: { out: string; summary: Summary };
  const csv = parseWithCsvParse(DEMO);
  beforeAll(() => {
    demo = analyse(DEMO, ['--config', DEMO_CONFIG]);
  });

  it('writes all six outputs (review.csv because the config has a codeframe)', () => {
    expect(readdirSync(demo.out).sort()).toEqual(['rejects.csv', 'report.html', 'report.md', 'responses.csv', 'review.csv', 'summary.json']);
    expect(demo.summary.schemaVersion).toBe(1);
    expect(demo.summary.input).toMatchObject({ file: 'responses.csv', encoding: 'UTF-8', delimiter: ',', bom: false, bytes: readFileSync(DEMO).length });
    expect(demo.summary.input.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('tallies equal independent counts, overall and by respondent type', () => {
    checkTallies(demo.summary, csv, { 'Q3. Which of these would help most? (select all that apply)': ';' });
    expect(demo.summary.respondentTypes?.counts.map((c) => c.value).sort()).toEqual(['As an individual', 'On behalf of an organisation']);
  });

  it('keeps Likert options in scale order', () => {
    const q1 = demo.summary.closedQuestions[0];
    expect(q1?.overall.counts.map((c) => c.value)).toEqual(['Strongly agree', 'Agree', 'Neither agree nor disagree', 'Disagree', 'Strongly disagree', "Don't know"]);
  });

  it('segments count every analysed row once', () => {
    const region = demo.summary.segments.find((s) => s.column === 'Region');
    expect(region?.values.reduce((sum, v) => sum + v.count, 0)).toBe(demo.summary.rows.analysed);
    const index = csv.header.indexOf('Region');
    for (const value of region?.values ?? []) expect(value.count).toBe(csv.rows.filter((r) => r[index] === value.value).length);
  });

  it('responses.csv has one row per response with the sentiment package scores', () => {
    const responses = parse(readFileSync(join(demo.out, 'responses.csv')), { columns: true }) as Record<string, string>[];
    expect(responses).toHaveLength(csv.rows.length);
    const idIndex = csv.header.indexOf('Response ID');
    const sentiment = new Sentiment();
    const open = demo.summary.openQuestions.map((q) => q.column);
    responses.forEach((response, i) => {
      const row = csv.rows[i] as string[];
      expect(response.id).toBe(row[idIndex]);
      for (const column of open) {
        const text = row[csv.header.indexOf(column)] ?? '';
        if (text.trim() === '') {
          expect(response[`${column}: sentiment score`]).toBe('');
          continue;
        }
        const expected = sentiment.analyze(text);
        expect(Number(response[`${column}: sentiment score`])).toBe(expected.score);
        expect(Number(response[`${column}: sentiment comparative`])).toBe(expected.comparative);
      }
    });
  });

  it('refuses to write into a non-empty report folder without --force', () => {
    const again = runPtk(['analyse', DEMO, '--config', DEMO_CONFIG, '--out', demo.out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/not empty: pass --force/);
  });

  it('--json prints summary.json and --format limits the files written', () => {
    const out = join(tempDir(), 'r');
    const result = runPtk(['analyse', DEMO, '--config', DEMO_CONFIG, '--out', out, '--format', 'json,md', '--json']);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as Summary;
    expect(result.stderr).not.toMatch(/analysing \[/); // no progress bar without a terminal
    expect(printed.rows).toEqual(demo.summary.rows);
    expect(readdirSync(out).sort()).toEqual(['report.md', 'summary.json']);
    const wrong = runPtk(['analyse', DEMO, '--out', join(tempDir(), 'r'), '--format', 'pdf']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/argument 'pdf' is invalid. expected one of md \(markdown\), html, csv, json/);
  });
});

describe('ptk analyse on a semicolon-delimited, BOM-prefixed file with multi-line headers', () => {
  it('detects the format and tallies equal independent counts', () => {
    const { summary, out } = analyse(FIXTURE);
    expect(summary.input).toMatchObject({ encoding: 'UTF-8', bom: true, delimiter: ';' });
    expect(summary.input.columns).toEqual(['Response ID', 'Responding as', 'Region', 'Q1 Do you agree? (choose one)', 'Q2 Which apply? (select all)', 'Q3 Comments; please explain']);
    const csv = parseWithCsvParse(FIXTURE, ';');
    checkTallies(summary, csv, { 'Q2 Which apply? (select all)': '|' });
    expect(summary.rows).toMatchObject({ read: 60, analysed: 59, rejected: 1 });
    expect(summary.openQuestions.map((q) => q.column)).toEqual(['Q3 Comments; please explain']);
    expect(readFileSync(join(out, 'rejects.csv'), 'utf8')).toMatch(/^38,7 cells but the header has 6,/m);
  });
});

describe('config', () => {
  it('analyse init writes a commented config that analyse accepts', () => {
    const dir = tempDir();
    const config = join(dir, 'analysis.yaml');
    const init = runPtk(['analyse', 'init', DEMO, '-o', config]);
    expect(init.code, init.stderr).toBe(0);
    const text = readFileSync(config, 'utf8');
    expect(text).toMatch(/respondentType: "Are you responding as an individual or on behalf of an organisation\?"  # guessed: /);
    expect(text).toMatch(/multi: true/);
    expect(text).toMatch(/# guessed: \d+ distinct values|# guessed: answers fit the scale/);
    expect(runPtk(['analyse', 'init', DEMO, '-o', config]).code).toBe(2); // no overwrite without --force
    expect(runPtk(['analyse', 'init', DEMO, '-o', config, '--force']).code).toBe(0);
    const jsonDir = tempDir();
    const json = runPtk(['analyse', 'init', DEMO, '--json'], { cwd: jsonDir });
    expect((JSON.parse(json.stdout) as { config: { id: string } }).config.id).toBe('Response ID');
    expect(readdirSync(jsonDir)).toEqual([]); // --json prints, writes nothing
    const run = runPtk(['analyse', DEMO, '--config', config, '--out', join(dir, 'r')]);
    expect(run.code, run.stderr).toBe(0);
  });

  it('names the config line of a column that is not in the file', () => {
    const dir = tempDir();
    const config = join(dir, 'bad.yaml');
    writeFileSync(config, 'version: 1\nrespondentType: "Respondent type"\nopen:\n  - column: "Q5. Please explain your answer to question 1"\n');
    const result = runPtk(['analyse', DEMO, '--config', config, '--out', join(dir, 'r')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bad\.yaml:4: open\.0\.column: no column "Q5\. Please explain your answer to question 1" in responses\.csv; did you mean "Q5\. Please explain your answer to question 1\."\?/);
    expect(existsSync(join(dir, 'r', 'summary.json'))).toBe(false);
  });
});

describe('worker threads', () => {
  it('give exactly the same outputs as in-process analysis, and CSV cells are Excel-safe', async () => {
    const { responses, csvLine, COLUMNS } = (await import('../../bench/synthetic.js')) as {
      responses: (n: number, o: object) => Iterable<string[]>;
      csvLine: (row: string[]) => string;
      COLUMNS: string[];
    };
    const dir = tempDir('ptk-workers-');
    const file = join(dir, 'generated.csv');
    let text = `${COLUMNS.map((c) => `"${c}"`).join(',')}\r\n`;
    let n = 0;
    for (const row of responses(4000, { seed: 11, wordsMax: 200, formula: 5 })) {
      text += csvLine(row);
      if (++n === 2500) text += 'R-bad,2025-01-01,As an individual,,London,Agree,Yes,,,text,text,EXTRA CELL\r\n';
      if (n === 3000) text += '-R-minus,+2025,@individual,,London\r\n';
    }
    writeFileSync(file, text);
    const inProcess = analyse(file);
    const workers = analyse(file, ['--workers', '2', '--debug']);
    expect(workers.stderr).toMatch(/debug: 2 worker threads, 2 passes, \d+ blocks/);
    expect(Number(/(\d+) blocks/.exec(workers.stderr)?.[1])).toBeGreaterThan(4);
    expect(workers.summary).toEqual(inProcess.summary);
    for (const name of ['responses.csv', 'rejects.csv', 'report.md', 'report.html']) {
      expect(readFileSync(join(workers.out, name), 'utf8')).toBe(readFileSync(join(inProcess.out, name), 'utf8'));
    }
    expect(inProcess.summary.rows).toEqual({ read: 4002, analysed: 4001, rejected: 1, paddedShortRows: 1, blankLinesSkipped: 0 });
    const responsesCsv = readFileSync(join(inProcess.out, 'responses.csv'), 'utf8');
    expect(responsesCsv).toContain(`,"'=HYPERLINK(""http://example.com"",""click"")",`);
    expect(responsesCsv).toMatch(/^\d+,'-R-minus,/m);
    // no text cell starts with a formula character
    const cells = (parse(responsesCsv, { columns: true }) as Record<string, string>[]).map((r) => r.id ?? '');
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
  });
});
