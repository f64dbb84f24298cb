import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { quiz as quizCommand } from '../../src/commands/masterclass.js';
import { missingQuestions, readAnswerMap, resolveChoice, scoreQuiz } from '../../src/masterclass/quiz.js';
import type { Masterclass } from '../../src/masterclass/schema.js';
import { setPrompter, type Choice, type Prompter } from '../../src/prompts.js';
import { ROOT, runPtk } from '../helpers/cli.js';
import { loadMasterclasses } from '../../src/masterclass/load.js';
import { BUILTIN_TOOLKIT, loadToolkitFolders } from '../../src/toolkit/load.js';

const VALID = join(ROOT, 'test/fixtures/masterclasses/valid');
const ANSWERS = join(ROOT, 'test/fixtures/masterclasses/answers');

function fixtureModule(): Masterclass {
  const { toolkit } = loadToolkitFolders([BUILTIN_TOOLKIT, VALID]);
  return loadMasterclasses(toolkit.folders, toolkit).get('fixture-module')!.value;
}

interface QuizJson {
  module: string;
  score: number;
  total: number;
  percent: number;
  questions: { number: number; id: string; chosen: string; chosen_letter: string; answer: string; correct: boolean; explanation: string }[];
}

describe('quiz scoring (pure)', () => {
  const module = fixtureModule();

  it('resolves a choice by option text, letter or number', () => {
    const sum = module.quiz[1]!; // options "3", "4", "5", "22"
    expect(resolveChoice(sum, '4')).toBe(1); // text wins over the option number
    expect(resolveChoice(sum, 4)).toBe(1);
    expect(resolveChoice(sum, 'd')).toBe(3);
    expect(resolveChoice(sum, '22')).toBe(3);
    expect(resolveChoice(sum, 'E')).toBeUndefined();
    const week = module.quiz[3]!; // Five, Six, Seven
    expect(resolveChoice(week, ' seven ')).toBe(2);
    expect(resolveChoice(week, 3)).toBe(2);
    expect(resolveChoice(week, 4)).toBeUndefined();
    expect(resolveChoice(week, '')).toBeUndefined();
  });

  it('reads keys as question numbers or ids; blank answers are missing; problems name the key', () => {
    const { choices, problems } = readAnswerMap(module.quiz, { '1': 'b', capital: 'London', week: null, '9': 'a', sum: 'Z', colour: 'A' });
    expect([...choices.entries()]).toEqual([
      [0, 1],
      [2, 2],
    ]);
    expect(problems).toEqual([
      { key: '9', message: 'unknown question; use a number from 1 to 4 or one of the ids colour, sum, capital, week' },
      { key: 'sum', message: '"Z" is not one of the options; answer A to D or with an option\'s text' },
      { key: 'colour', message: 'question 1 is already answered under "1"' },
    ]);
    expect(missingQuestions(module.quiz, choices)).toEqual([2, 4]);
  });

  it('scores a perfect and a partly wrong set exactly', () => {
    const perfect = scoreQuiz(module, new Map([[0, 1], [1, 1], [2, 2], [3, 2]]));
    expect([perfect.score, perfect.total, perfect.percent]).toEqual([4, 4, 100]);
    const partly = scoreQuiz(module, new Map([[0, 0], [1, 1], [2, 2], [3, 0]]));
    expect([partly.score, partly.total, partly.percent]).toEqual([2, 4, 50]);
    expect(partly.questions.map((q) => q.correct)).toEqual([false, true, true, false]);
    expect(partly.questions[0]).toMatchObject({ chosen: 'Green', chosen_letter: 'A', answer: 'Blue', answer_letter: 'B' });
    expect(() => scoreQuiz(module, new Map([[0, 1]]))).toThrow(/questions 2, 3, 4 have no answer/);
  });
});

describe('ptk masterclass quiz (built binary)', () => {
  const run = (file: string, extra: string[] = []) => runPtk(['--toolkit', VALID, 'masterclass', 'quiz', 'fixture-module', '--answers', join(ANSWERS, file), ...extra]);

  it('a perfect answers file scores 4 of 4', () => {
    const r = run('perfect.yaml', ['--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as QuizJson;
    expect([json.module, json.score, json.total, json.percent]).toEqual(['fixture-module', 4, 4, 100]);
    expect(json.questions.every((q) => q.correct)).toBe(true);
  });

  it('a partly wrong answers file scores 2 of 4 and explains each answer', () => {
    const r = run('partly-wrong.yaml', ['--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as QuizJson;
    expect([json.score, json.total, json.percent]).toEqual([2, 4, 50]);
    expect(json.questions.map((q) => [q.id, q.chosen, q.correct])).toEqual([
      ['colour', 'Green', false],
      ['sum', '4', true],
      ['capital', 'London', true],
      ['week', 'Five', false],
    ]);
    const text = run('partly-wrong.yaml');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Fixture module for tests: 2 of 4 correct \(50%\)/);
    expect(text.stdout).toContain('✘ wrong  1. What colour is a clear daytime sky?\n   Your answer: A. Green\n   Correct answer: B. Blue\n   Sunlight scatters most at short wavelengths.');
    expect(text.stdout).toContain('✔ right  2. What is two plus two?\n   Your answer: B. 4\n   Two and two make four.');
  });

  it('never waits without a TTY: missing answers exit 2 and are named', () => {
    const r = run('partial.yaml');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(
      'ptk: missing answers for questions 2 (sum), 3 (capital), 4 (week): add them to the --answers file as number: letter, or run in a terminal without --yes.',
    );
    const none = runPtk(['--toolkit', VALID, 'masterclass', 'quiz', 'fixture-module', '--yes']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/missing answers for questions 1 \(colour\), 2 \(sum\), 3 \(capital\), 4 \(week\)/);
  });

  it('a bad answers file is reported with file:line for each problem', () => {
    const r = run('bad.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:2: 2: "Z" is not one of the options; answer A to D or with an option's text/);
    expect(r.stderr).toMatch(/bad\.yaml:3: 9: unknown question; use a number from 1 to 4/);
  });

  it('an unknown module id gives one line with the closest ids', () => {
    const r = runPtk(['masterclass', 'quiz', 'crisis-comms', '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual(['ptk: no masterclass with id "crisis-comms". Did you mean crisis-communication?']);
  });
});

describe('ptk masterclass quiz (interactive, scripted prompter)', () => {
  let restore: (() => void) | undefined;
  let out = '';
  const tty = Object.getOwnPropertyDescriptor(process.stdin, 'isTTY');
  const ci = process.env.CI;
  const toolkitEnv = process.env.PTK_TOOLKIT;

  beforeEach(() => {
    out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    Object.defineProperty(process.stdin, 'isTTY', { value: true, configurable: true });
    delete process.env.CI;
    delete process.env.PTK_TOOLKIT;
  });
  afterEach(() => {
    vi.restoreAllMocks();
    restore?.();
    if (tty) Object.defineProperty(process.stdin, 'isTTY', tty);
    else delete (process.stdin as { isTTY?: boolean }).isTTY;
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
    if (toolkitEnv !== undefined) process.env.PTK_TOOLKIT = toolkitEnv;
  });

  it('asks only the unanswered questions with select prompts, then scores all of them', async () => {
    const asked: { message: string; names: string[] }[] = [];
    const picks = [1, 0, 2]; // question 2: "4" (right); 3: Cardiff (wrong); 4: Seven (right)
    const fake: Prompter = {
      input: () => Promise.reject(new Error('unexpected input prompt')),
      number: () => Promise.reject(new Error('unexpected number prompt')),
      confirm: () => Promise.reject(new Error('unexpected confirm prompt')),
      checkbox: () => Promise.reject(new Error('unexpected checkbox prompt')),
      select: <T,>(message: string, choices: Choice<T>[]) => {
        asked.push({ message, names: choices.map((c) => c.name) });
        return Promise.resolve(choices[picks[asked.length - 1]!]!.value);
      },
    };
    restore = setPrompter(fake);
    await quizCommand('fixture-module', { toolkit: [VALID], answers: join(ANSWERS, 'partial.yaml'), json: true });
    expect(asked).toEqual([
      { message: '2 of 4. What is two plus two?', names: ['A. 3', 'B. 4', 'C. 5', 'D. 22'] },
      { message: '3 of 4. What is the capital of the United Kingdom?', names: ['A. Cardiff', 'B. Edinburgh', 'C. London', 'D. Belfast'] },
      { message: '4 of 4. How many days are there in a week?', names: ['A. Five', 'B. Six', 'C. Seven'] },
    ]);
    const json = JSON.parse(out) as QuizJson;
    expect([json.score, json.total, json.percent]).toEqual([3, 4, 75]);
    expect(json.questions.map((q) => q.correct)).toEqual([true, true, false, true]);
  });
});
