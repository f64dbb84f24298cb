import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, runPtk, tempDir } from '../helpers/cli.js';
import { parseYaml, truncatedByComment } from '../../src/toolkit/yaml-file.js';

const MINI = join(ROOT, 'test/fixtures/toolkit-mini');

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

/** A copy of the mini toolkit with one file changed by `edit`. */
function brokenToolkit(file: string, edit: (text: string) => string): string {
  const dir = tempDir();
  dirs.push(dir);
  cpSync(MINI, dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
  return dir;
}

function lineOf(dir: string, file: string, needle: string): number {
  return readFileSync(join(dir, file), 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;
}

describe('ptk toolkit validate', () => {
  it('accepts the built-in toolkit', () => {
    const result = runPtk(['toolkit', 'validate', 'toolkit']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/toolkit is valid: \d+ techniques/);
  });

  it('accepts a valid fixture folder', () => {
    const result = runPtk(['toolkit', 'validate', MINI]);
    expect(result.code).toBe(0);
  });

  const cases: { name: string; file: string; edit: (t: string) => string; needle: string; expected: RegExp }[] = [
    {
      name: 'a YAML syntax error',
      file: 'techniques/webinars.yaml',
      edit: (t) => t.replace('cost: none', 'cost: none: low'),
      needle: 'cost: none: low',
      expected: /YAML syntax error/,
    },
    {
      name: 'an unknown field',
      file: 'techniques/webinars.yaml',
      edit: (t) => t.replace('cost: none', 'cost: none\ncots: low'),
      needle: 'cots: low',
      expected: /cots: unknown field/,
    },
    {
      name: 'a value of the wrong type (not reported as missing)',
      file: 'techniques/webinars.yaml',
      edit: (t) => t.replace('lead_time_weeks: 1', 'lead_time_weeks: soon'),
      needle: 'lead_time_weeks: soon',
      expected: /lead_time_weeks: Invalid input: expected number, received string/,
    },
    {
      name: 'a missing required field',
      file: 'techniques/webinars.yaml',
      edit: (t) => t.replace(/^accessibility: .*\n/m, ''),
      needle: 'id: webinars',
      expected: /accessibility: required field is missing/,
    },
    {
      name: 'a duplicate id',
      file: 'techniques/webinars.yaml',
      edit: (t) => t.replace('id: webinars', 'id: online-surveys'),
      needle: 'id: online-surveys',
      expected: /id: duplicate id "online-surveys", also used in/,
    },
    {
      name: 'a link to a technique that does not exist',
      file: 'techniques/webinars.yaml',
      edit: (t) => t.replace('related: [online-surveys]', 'related:\n  - online-survey'),
      needle: '- online-survey',
      expected: /related\.0: no technique with id "online-survey"/,
    },
    {
      name: 'a link to a case study that does not exist',
      file: 'techniques/online-surveys.yaml',
      edit: (t) => t.replace('case_studies: [example-survey]', 'case_studies:\n  - no-such-study'),
      needle: '- no-such-study',
      expected: /case_studies\.0: no case study with id "no-such-study"/,
    },
    {
      name: 'a stage number outside 1 to 4',
      file: 'techniques/webinars.yaml',
      edit: (t) => t.replace('stages: [2]', 'stages:\n  - 5'),
      needle: '- 5',
      expected: /stages\.0: stage must be 1 to 4/,
    },
  ];

  for (const c of cases) {
    it(`reports ${c.name} with file and line, exit 2`, () => {
      const dir = brokenToolkit(c.file, c.edit);
      const result = runPtk(['toolkit', 'validate', dir]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      const line = lineOf(dir, c.file, c.needle);
      const problem = result.stderr.split('\n').find((l) => l.includes(c.file));
      expect(problem, result.stderr).toBeDefined();
      expect(problem).toContain(`${c.file}:${line}: `);
      expect(problem).toMatch(c.expected);
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    });
  }

  it('shows a stack trace only with --debug', () => {
    const dir = brokenToolkit('techniques/webinars.yaml', (t) => t.replace('cost: none', 'cost: [none'));
    expect(runPtk(['toolkit', 'validate', dir, '--debug']).stderr).toMatch(/\n\s+at /);
  });

  it('stops every other command with the same problems when --toolkit points at a broken folder', () => {
    const overlay = tempDir();
    dirs.push(overlay);
    cpSync(join(MINI, 'techniques'), join(overlay, 'techniques'), { recursive: true });
    writeFileSync(join(overlay, 'techniques/webinars.yaml'), 'id: webinars\nname: [\n');
    const result = runPtk(['techniques', 'list', '--toolkit', overlay]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/techniques\/webinars\.yaml:\d+: YAML syntax error/);
  });

  it('prints machine-readable problems with --json', () => {
    const dir = brokenToolkit('techniques/webinars.yaml', (t) => t.replace('cost: none', 'cost: expensive'));
    const result = runPtk(['toolkit', 'validate', dir, '--json']);
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout);
    expect(report.valid).toBe(false);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ field: 'cost', line: lineOf(dir, 'techniques/webinars.yaml', 'cost: expensive') });
  });
});

describe('text cut short by a " #" comment', () => {
  it.each([
    ['a hashtag in a question', 'question: In the #WeNurses case study, who hosted the chats?\n', 1, 'In the'],
    ['a hashtag in a list item', 'steps:\n  - Read the #WeNurses case study.\n', 2, 'Read the'],
    ['a spaced comment after prose', 'summary: Hosted chats with nurses # and more\n', 1, 'Hosted chats with nurses'],
  ])('%s is reported with its line and exit 2', (_name, yaml, line, kept) => {
    const dir = tempDir();
    mkdirSync(join(dir, 'masterclasses'));
    writeFileSync(join(dir, 'masterclasses', 'notes.yaml'), yaml);
    const r = runPtk(['toolkit', 'validate', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr + r.stdout).toContain(`notes.yaml:${line}: text after " #" was read as a YAML comment, so the value ends at "${kept}": put the whole text in quotes`);
  });

  it.each([
    ['quoted text', 'question: "In the #WeNurses case study?"\n'],
    ['a comment after a number', 'lead_time_weeks: 3   # weeks of preparation\n'],
    ['a comment after a one-word id', 'id: online-surveys  # the file name\n'],
    ['a hash inside a block', 'story: |\n  Share before they delete this. #FormulaScare\n'],
  ])('%s is not reported', (_name, yaml) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.yaml'), yaml);
    const { parsed } = parseYaml(yaml, 'notes.yaml');
    expect(truncatedByComment(parsed!)).toEqual([]);
  });

  it('the built-in toolkit has none', () => {
    const r = runPtk(['toolkit', 'validate']);
    expect(r.stdout + r.stderr).not.toContain('read as a YAML comment');
    expect(r.code).toBe(0);
  });
});
