/**
 * The masterclass checks, called directly (`ptk toolkit validate` coverage is wired by the lead in
 * src/toolkit/extra-checks.ts): the built-in modules are valid, and every kind of problem in the broken
 * fixture is reported with its file and line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCommandLine, checkMasterclasses, loadMasterclasses, PACKAGE_ROOT, splitCommandLine } from '../../src/masterclass/load.js';
import { BUILTIN_TOOLKIT, loadToolkitFolders } from '../../src/toolkit/load.js';
import { formatProblem, type Problem } from '../../src/toolkit/yaml-file.js';
import { ROOT } from '../helpers/cli.js';

const FIXTURES = join(ROOT, 'test/fixtures/masterclasses');
const BROKEN = join(FIXTURES, 'broken');
const VALID = join(FIXTURES, 'valid');
const MINI = join(ROOT, 'test/fixtures/toolkit-mini');

/** 1-based line of the first line in a fixture file containing `needle`. */
function lineOf(file: string, needle: string): number {
  const index = readFileSync(join(BROKEN, 'masterclasses', file), 'utf8').split('\n').findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`${needle} not in ${file}`);
  return index + 1;
}

function brokenProblems(): Problem[] {
  const { toolkit, problems: toolkitProblems } = loadToolkitFolders([MINI]);
  expect(toolkitProblems).toEqual([]);
  const problems: Problem[] = [];
  checkMasterclasses([BROKEN], toolkit, problems);
  return problems;
}

/** "file.yaml:line: field: message" with the folder stripped. */
function short(problem: Problem): string {
  return formatProblem(problem).replace(/^[^:]*masterclasses\//, '');
}

describe('built-in masterclasses', () => {
  const { toolkit, problems: toolkitProblems } = loadToolkitFolders([BUILTIN_TOOLKIT]);

  it('pass every check against the built-in toolkit', () => {
    expect(toolkitProblems).toEqual([]);
    const problems: Problem[] = [];
    checkMasterclasses([BUILTIN_TOOLKIT], toolkit, problems);
    expect(problems.map(formatProblem)).toEqual([]);
  });

  it('cover the seven required modules, each with everything a trainer needs', () => {
    const modules = loadMasterclasses([BUILTIN_TOOLKIT], toolkit);
    expect([...modules.keys()].sort()).toEqual([
      'analysing-responses',
      'crisis-communication',
      'digital-consultation',
      'listening',
      'measuring-impact',
      'open-policymaking',
      'social-media-for-officials',
    ]);
    for (const { value: m } of modules.values()) {
      expect(m.run_sheet.reduce((sum, s) => sum + s.minutes, 0), m.id).toBe(m.duration_minutes);
      expect(m.exercises.length, m.id).toBeGreaterThan(0);
      expect(m.quiz.length, m.id).toBeGreaterThanOrEqual(5);
      expect(m.facilitator_notes.length, m.id).toBeGreaterThan(0);
      for (const q of m.quiz) expect(q.options, `${m.id} ${q.id}`).toContain(q.answer);
    }
  });

  it('use the bundled samples and commands the brief names', () => {
    const modules = loadMasterclasses([BUILTIN_TOOLKIT], toolkit);
    const commands = (id: string) => modules.get(id)!.value.exercises.flatMap((e) => e.commands);
    const data = (id: string) => modules.get(id)!.value.exercises.flatMap((e) => e.data);
    expect(commands('analysing-responses')).toContain(
      'ptk analyse examples/consultation/responses.csv --config examples/consultation/analysis.yaml --out report',
    );
    expect(data('analysing-responses')).toEqual(expect.arrayContaining(['examples/consultation/responses.csv', 'examples/consultation/analysis.yaml']));
    expect(commands('measuring-impact').some((c) => c.startsWith('ptk evaluate examples/social/metrics.csv'))).toBe(true);
    expect(commands('measuring-impact').some((c) => c.startsWith('ptk monitor examples/social/posts.csv'))).toBe(true);
    expect(commands('crisis-communication').some((c) => c.startsWith('ptk simulate contaminated-product'))).toBe(true);
    expect(commands('listening').some((c) => c.startsWith('ptk influence examples/social/posts.csv'))).toBe(true);
  });
});

describe('checkMasterclasses on a broken fixture', () => {
  it('reports every problem with file:line and field', () => {
    const problems = brokenProblems();
    const S = 'schema-errors.yaml';
    const C = 'cross-checks.yaml';
    expect(problems.map(short).sort()).toEqual(
      [
        `dup-b.yaml:1: id: duplicate id "duplicate-module", also used in ${join('test/fixtures/masterclasses/broken/masterclasses', 'dup-a.yaml')}`,
        `${S}:${lineOf(S, 'marketing')}: audience.1: audience must be one of policy, comms, stakeholder, customer-service, leadership`,
        `${S}:${lineOf(S, 'difficulty: expert')}: difficulty: difficulty must be one of introductory, intermediate, advanced`,
        `${S}:${lineOf(S, 'max_participants: 0')}: max_participants: max_participants must be at least 1`,
        `${S}:${lineOf(S, '../outside.csv')}: exercises.0.data.0: must not contain "..", "." or empty parts: name the file from the package root`,
        `${S}:${lineOf(S, 'options: [Yes]')}: quiz.0.options: a question needs at least two options`,
        `${S}:${lineOf(S, 'colour: blue')}: colour: unknown field; check the spelling or remove it`,
        `syntax.yaml:3: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]`,
        `${C}:${lineOf(C, '- minutes: 20')}: run_sheet: the run sheet adds up to 50 minutes but duration_minutes is 60; make them match`,
        `${C}:${lineOf(C, 'options: [A, B, A]')}: quiz.0.options.2: option "A" appears twice`,
        `${C}:${lineOf(C, 'answer: Purple')}: quiz.1.answer: the answer "Purple" is not one of the options; copy the correct option exactly`,
        `${C}:${lineOf(C, 'question: Third?') - 1}: quiz.2.id: duplicate question id "first", also question 1`,
        `${C}:${lineOf(C, 'techniques: [')}: techniques.1: no technique with id "online-survey"; did you mean online-surveys?`,
        `${C}:${lineOf(C, 'case_studies: [')}: case_studies.0: no case study with id "no-such-study"`,
        `${C}:${lineOf(C, 'files/missing.csv')}: exercises.0.data.0: no such file: files/missing.csv (paths are relative to the package root or the overlay folder)`,
        `${C}:${lineOf(C, '- examples/social')}: exercises.0.data.1: examples/social is a folder: list the files in it instead`,
        `${C}:${lineOf(C, '--confg')}: exercises.0.commands.0: unknown option --confg for "ptk analyse"; see \`ptk analyse --help\``,
        `${C}:${lineOf(C, '--confg')}: exercises.0.commands.0: examples/consultation/responses.csv is used here but is not in this exercise's data list, so a session pack would not include it`,
        `${C}:${lineOf(C, 'analyze-it')}: exercises.0.commands.1: unknown command "ptk analyze-it"; did you mean ptk analyse?`,
        `${C}:${lineOf(C, '- ptk masterclass')}: exercises.0.commands.2: "ptk masterclass" needs a subcommand: one of list, show, handout, quiz, pack`,
      ].sort(),
    );
  });

  it('loadMasterclasses stops with every problem listed (exit 2)', () => {
    expect(() => loadMasterclasses([BROKEN])).toThrowError(/the masterclasses have \d+ problems/);
    try {
      loadMasterclasses([BROKEN]);
    } catch (error) {
      const lines = (error as { problems: string[] }).problems;
      expect(lines.some((l) => /schema-errors\.yaml:\d+: colour: unknown field/.test(l))).toBe(true);
      expect((error as { exitCode: number }).exitCode).toBe(2);
    }
  });

  it('a valid overlay module passes, with data found in the overlay folder and the package', () => {
    const { toolkit, problems } = loadToolkitFolders([BUILTIN_TOOLKIT, VALID]);
    checkMasterclasses(toolkit.folders, toolkit, problems);
    expect(problems).toEqual([]);
    const modules = loadMasterclasses([BUILTIN_TOOLKIT, VALID], toolkit);
    expect(modules.get('fixture-module')?.folder).toBe(VALID);
    expect(modules.size).toBe(8);
  });
});

describe('exercise command lines', () => {
  it('split like a shell, keeping quoted words together', () => {
    expect(splitCommandLine(`ptk themes suggest a.csv --question "Q5. Please explain" -n 3 'x y'`)).toEqual([
      'ptk',
      'themes',
      'suggest',
      'a.csv',
      '--question',
      'Q5. Please explain',
      '-n',
      '3',
      'x y',
    ]);
  });

  it('accept real commands with global and local options, aliases and files listed in data', () => {
    const roots = [PACKAGE_ROOT];
    expect(checkCommandLine('ptk --toolkit extra techniques list --stage 2 --json', [], roots)).toEqual([]);
    expect(checkCommandLine('ptk analyze examples/consultation/responses.csv --no-redact -q', ['examples/consultation/responses.csv'], roots)).toEqual([]);
    expect(checkCommandLine('ptk --toolkit extra nonsense', [], roots)).toEqual(['unknown command "ptk nonsense"']);
    expect(checkCommandLine('ptk --colour techniques list', [], roots)).toEqual(['unknown option --colour for "ptk techniques list"; see `ptk techniques list --help`']);
    expect(checkCommandLine('ptk evaluate examples/social/metrics.csv --plan examples/social/plan --as-of=2027-02-14', ['examples/social/metrics.csv', 'examples/social/plan/plan.yaml'], roots)).toEqual([]);
    expect(checkCommandLine('ptk evaluate examples/social/metrics.csv --plan examples/social/plan', ['examples/social/metrics.csv'], roots)).toEqual([
      "examples/social/plan is used here but is not in this exercise's data list, so a session pack would not include it",
    ]);
  });
});
