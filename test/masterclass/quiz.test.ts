import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { quiz as quizCommand } from '../../src/commands/masterclass.js';
import { missingQuestions, optionOrder, readAnswerMap, resolveChoice, scoreQuiz } from '../../src/masterclass/quiz.js';
import type { Masterclass } from '../../src/masterclass/schema.js';
import { setPrompter, type Choice, type Prompter } from '../../src/prompts.js';
import { ROOT, runPtk, tempDir } from '../helpers/cli.js';
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
    expect(scoreQuiz(module, new Map([[0, 1]]))).toMatchObject({ score: 1, percent: 25, answered: 1, not_answered: [2, 3, 4] });
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

  it('blanks count as not answered, as the template says: scored, never an error', () => {
    const r = run('partial.yaml', ['--json']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as QuizJson & { answered: number; not_answered: number[] };
    // partial.yaml: 1: B (right), 3: blank, 2 and 4 absent
    expect([json.score, json.total, json.percent, json.answered, json.not_answered]).toEqual([1, 4, 25, 1, [2, 3, 4]]);
    expect(json.questions.map((q) => [q.chosen, q.correct])).toEqual([['Blue', true], [null, false], [null, false], [null, false]]);
    const text = run('partial.yaml');
    expect(text.stdout).toMatch(/^Fixture module for tests: 1 of 4 correct \(25%\); 3 not answered/);
    expect(text.stdout).toContain('– not answered  3. What is the capital of the United Kingdom?\n   Your answer: (blank)\n   Correct answer: C. London');
    const none = runPtk(['--toolkit', VALID, 'masterclass', 'quiz', 'fixture-module', '--yes']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^ptk: no answers: give --answers FILE/);
  });

  it('group scores from several files, counted by hand', () => {
    const r = runPtk(['--toolkit', VALID, 'masterclass', 'quiz', 'fixture-module', '--json', '--answers', ...['perfect.yaml', 'partly-wrong.yaml', 'partial.yaml'].map((f) => join(ANSWERS, f))]);
    expect(r.code, r.stderr).toBe(0);
    const { group } = JSON.parse(r.stdout) as { group: { count: number; mean_percent: number; people: { name: string; score: number }[]; questions: { correct: number; wrong: number; not_answered: number; percent_correct: number }[] } };
    expect(group.people.map((p) => [p.name, p.score])).toEqual([['perfect', 4], ['partly-wrong', 2], ['partial', 1]]);
    expect(group.count).toBe(3);
    expect(group.mean_percent).toBe(58.3); // (100 + 50 + 25) / 3
    expect(group.questions.map((q) => [q.correct, q.wrong, q.not_answered, q.percent_correct])).toEqual([
      [2, 1, 0, 66.7],
      [2, 0, 1, 66.7],
      [2, 0, 1, 66.7],
      [1, 1, 1, 33.3],
    ]);
  });

  it('before and after: the group mean, each question and each person in both, counted by hand', () => {
    const files = (...names: string[]) => names.map((f) => join(ANSWERS, f));
    const args = ['--toolkit', VALID, 'masterclass', 'quiz', 'fixture-module', '--before', ...files('before-asha.yaml', 'before-ben.yaml'), '--answers', ...files('after-asha.yaml', 'partly-wrong.yaml')];
    const r = runPtk([...args, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const { comparison } = JSON.parse(r.stdout) as { comparison: { before: { mean_percent: number }; after: { mean_percent: number }; change: number; questions: { before: number; after: number; change: number }[]; paired: unknown[] } };
    expect([comparison.before.mean_percent, comparison.after.mean_percent, comparison.change]).toEqual([37.5, 75, 37.5]);
    expect(comparison.questions.map((q) => [q.before, q.after, q.change])).toEqual([
      [50, 50, 0],
      [50, 100, 50],
      [50, 100, 50],
      [0, 50, 50],
    ]);
    expect(comparison.paired).toEqual([{ name: 'Asha', before: 25, after: 100, change: 75 }]);
    const text = runPtk(args);
    expect(text.stdout).toContain('Before: 2 people, mean 37.5%. After: 2 people, mean 75% (+37.5 points).');
    expect(text.stdout).toContain('Asha: 25% -> 100% (+75)');
  });

  it('a seed shuffles the options the same way every time; letters in a seeded file follow that order', () => {
    const module = fixtureModule();
    const orders = (seed: string) => module.quiz.map((q) => optionOrder(q, seed));
    expect(orders('4821')).toEqual(orders('4821'));
    for (const order of orders('4821')) expect([...order].sort()).toEqual(order.map((_, i) => i));
    // some seed among a few moves the right answer of question 1 away from B
    const seeds = ['1', '2', '3', '4', '5', '6'];
    expect(seeds.some((seed) => optionOrder(module.quiz[0]!, seed)[1] !== 1)).toBe(true);
    expect(optionOrder(module.quiz[0]!, null)).toEqual(module.quiz[0]!.options.map((_, i) => i));
    // the letter of each right answer under seed 77, worked out from the order
    const letters = module.quiz.map((q) => String.fromCharCode(65 + optionOrder(q, '77').indexOf(q.options.indexOf(q.answer))));
    const dir = tempDir();
    writeFileSync(join(dir, 'seeded.yaml'), `seed: 77\n${letters.map((l, i) => `${i + 1}: ${l}`).join('\n')}\n`);
    const r = runPtk(['--toolkit', VALID, 'masterclass', 'quiz', 'fixture-module', '--answers', join(dir, 'seeded.yaml'), '--json']);
    const json = JSON.parse(r.stdout) as QuizJson & { seed: string };
    expect([json.score, json.seed]).toEqual([4, '77']);
    // the same letters read in the authored order are not all right
    writeFileSync(join(dir, 'unseeded.yaml'), `${letters.map((l, i) => `${i + 1}: ${l}`).join('\n')}\n`);
    const plain = JSON.parse(runPtk(['--toolkit', VALID, 'masterclass', 'quiz', 'fixture-module', '--answers', join(dir, 'unseeded.yaml'), '--json']).stdout) as QuizJson;
    expect(plain.score).toBe(module.quiz.filter((q, i) => letters[i] === String.fromCharCode(65 + q.options.indexOf(q.answer))).length);
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

  it('asks every question with its options in the order of the seed, and scores them', async () => {
    const asked: { message: string; names: string[] }[] = [];
    const fake: Prompter = {
      input: () => Promise.reject(new Error('unexpected input prompt')),
      number: () => Promise.reject(new Error('unexpected number prompt')),
      confirm: () => Promise.reject(new Error('unexpected confirm prompt')),
      checkbox: () => Promise.reject(new Error('unexpected checkbox prompt')),
      select: <T,>(message: string, choices: Choice<T>[]) => {
        asked.push({ message, names: choices.map((c) => c.name) });
        // choose by text: the right answer to 1, 2 and 4; Cardiff for 3
        const want = ['Blue', '4', 'Cardiff', 'Seven'][asked.length - 1]!;
        return Promise.resolve(choices.find((c) => c.name.endsWith(`. ${want}`))!.value);
      },
    };
    restore = setPrompter(fake);
    const stderr: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
    await quizCommand('fixture-module', { toolkit: [VALID], seed: '4821', json: true });
    expect(stderr.join('')).toContain('Options shuffled with seed 4821: give everyone --seed 4821 to share one order.');
    const module = fixtureModule();
    expect(asked).toEqual(
      module.quiz.map((q, i) => ({ message: `${i + 1} of 4. ${q.question}`, names: optionOrder(q, '4821').map((authored, j) => `${String.fromCharCode(65 + j)}. ${q.options[authored]}`) })),
    );
    expect(asked.some((a, i) => a.names.join() !== module.quiz[i]!.options.map((o, j) => `${String.fromCharCode(65 + j)}. ${o}`).join())).toBe(true);
    const json = JSON.parse(out) as QuizJson & { seed: string };
    expect([json.score, json.total, json.percent, json.seed]).toEqual([3, 4, 75, '4821']);
    expect(json.questions.map((q) => q.correct)).toEqual([true, true, false, true]);
  });
});
