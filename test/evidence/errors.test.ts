import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runPtk, tempDir } from '../helpers/cli.js';

const FIXTURES = join(ROOT, 'test/fixtures/evidence');

/** Run in the fixtures folder so messages name files relative to it. */
function fails(args: string[]): string {
  const run = runPtk([...args, '--out', join(tempDir(), 'out')], { cwd: FIXTURES });
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  return lines[0]!;
}

const MONITOR = ['monitor', '--topics', 'topics.yaml'];

describe('bad input gives one clear line and exit 2', () => {
  it.each([
    ['influence', ['influence']],
    ['monitor', MONITOR],
  ])('%s: empty file and header without rows', (_name, command) => {
    expect(fails([command[0]!, 'empty.csv', ...command.slice(1)])).toBe('ptk: empty.csv: the file is empty: expected a header row and at least one data row.');
    expect(fails([command[0]!, 'header-only.csv', ...command.slice(1)])).toBe('ptk: header-only.csv: no data rows under the header: expected at least one row.');
  });

  it('evaluate: empty metrics file', () => {
    expect(fails(['evaluate', 'empty.csv', '--plan', 'plan'])).toBe('ptk: empty.csv: the file is empty: expected a header row and at least one data row.');
  });

  it('a malformed date names the file, line, column, value and the expected format', () => {
    const line = fails(['monitor', 'bad-date.csv', '--topics', 'topics.yaml']);
    expect(line).toMatch(/^ptk: bad-date\.csv:4: date: "2027-13-45" is not a date: expected YYYY-MM-DD/);
    expect(fails(['influence', 'bad-date.csv'])).toBe(line);
  });

  it('a malformed date in a metrics file', () => {
    const dir = tempDir();
    const file = join(dir, 'metrics.csv');
    writeFileSync(file, 'date,channel,metric,value\n2027-01-01,web,clicks,4\n31/02/2027,web,clicks,5\n');
    const run = runPtk(['evaluate', file, '--plan', join(FIXTURES, 'plan'), '--out', join(dir, 'out')]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([`ptk: ${file}:3: date: "31/02/2027" is not a date: expected YYYY-MM-DD (optionally with a time, e.g. 2026-03-14T09:30:00Z) or DD/MM/YYYY; set dateFormat in the --config file for other orders.`]);
  });

  it('a missing column lists the columns that are there', () => {
    const line = fails(['influence', 'missing-columns.csv']);
    expect(line).toContain('missing-columns.csv: no author column');
    expect(line).toContain('the columns are "user_id", "body", "when"');
    expect(fails(['evaluate', 'bad-date.csv', '--plan', 'plan'])).toMatch(/bad-date\.csv: no channel column .* the columns are "author", "text", "date"/);
  });

  it('a mapping config naming a column that is not there', () => {
    const dir = tempDir();
    const config = join(dir, 'map.yaml');
    writeFileSync(config, 'columns:\n  author: Author Handle\n');
    const run = runPtk(['influence', join(FIXTURES, 'bad-date.csv'), '--config', config, '--out', join(dir, 'out')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^ptk: .*bad-date\.csv: no column "Author Handle" \(mapped to author in the config\); the columns are "author", "text", "date"\.\n$/);
  });

  it('a missing file', () => {
    expect(fails(['influence', 'nothere.csv'])).toBe('ptk: nothere.csv: no such file: check the path.');
  });
});
