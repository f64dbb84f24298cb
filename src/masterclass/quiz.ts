/**
 * Quiz answers and scoring, pure. An answers file maps a question (its number from 1, or its id) to
 * the chosen option: the option's text, its letter (A, B, ...) or its number (1, 2, ...). Letters and
 * numbers follow the order the options were shown in: the authored order, or a shuffle by a seed
 * (`seed:` in the file, or --seed) that a whole group can share.
 */
import { seededRandom } from '../lib/random.js';
import type { Masterclass, QuizQuestion } from './schema.js';

export function optionLetter(index: number): string {
  return String.fromCharCode(65 + index);
}

/** FNV-1a: a seed's text to 32 bits, so any word or number can be a seed. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}


/**
 * The order a question's options are shown in, as authored indices: the authored order without a
 * seed, else a Fisher-Yates shuffle drawn from the seed and the question's id (so each question is
 * shuffled on its own and adding a question does not reorder the others).
 */
export function optionOrder(question: QuizQuestion, seed: string | null | undefined): number[] {
  const order = question.options.map((_, i) => i);
  if (seed === null || seed === undefined) return order;
  const next = seededRandom(hash(`${seed}\u0000${question.id}`));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** A seed to print for a run: four digits, easy to read out to a room. */
export function randomSeed(random: () => number = Math.random): string {
  return String(1000 + Math.floor(random() * 9000));
}

/**
 * Authored index of the option `raw` names, or undefined. Text first, then a letter, then a number;
 * a letter or number is a position in `order` (the order shown).
 */
export function resolveChoice(question: QuizQuestion, raw: unknown, order: readonly number[] = question.options.map((_, i) => i)): number | undefined {
  if (raw === null || raw === undefined) return undefined;
  const value = String(raw).trim();
  if (value === '') return undefined;
  const byText = question.options.findIndex((o) => o.trim().toLowerCase() === value.toLowerCase());
  if (byText >= 0) return byText;
  if (/^[a-z]$/i.test(value)) {
    const index = value.toUpperCase().charCodeAt(0) - 65;
    return index < question.options.length ? order[index] : undefined;
  }
  if (/^\d+$/.test(value)) {
    const index = Number(value) - 1;
    return index >= 0 && index < question.options.length ? order[index] : undefined;
  }
  return undefined;
}

/** Question index for an answers-file key: a number from 1 or a question id. */
export function questionIndex(quiz: readonly QuizQuestion[], key: string): number | undefined {
  if (/^\d+$/.test(key)) {
    const index = Number(key) - 1;
    return index >= 0 && index < quiz.length ? index : undefined;
  }
  const index = quiz.findIndex((q) => q.id === key);
  return index >= 0 ? index : undefined;
}

export interface AnswerProblem {
  /** The key in the answers file. */
  key: string;
  message: string;
}

/** question index -> option index */
export type Choices = Map<number, number>;

/** Keys of an answers file that are not questions (unless a question has that id). */
export const SEED_KEY = 'seed';
export const NAME_KEY = 'name';

/**
 * Read an answers map. Empty answers (`3:` with nothing after it) count as not answered, so a
 * trainer's template can be filled in part. `seed:` (the order the options were shown in) and
 * `name:` (whose answers) are read as such; letters follow the seed's order (`seed`, else the file's).
 */
export function readAnswerMap(
  quiz: readonly QuizQuestion[],
  data: Record<string, unknown>,
  seed?: string | null,
): { choices: Choices; problems: AnswerProblem[]; seed: string | null; name?: string } {
  const choices: Choices = new Map();
  const problems: AnswerProblem[] = [];
  const keyFor = new Map<number, string>();
  const reserved = (key: string) => (key === SEED_KEY || key === NAME_KEY) && !quiz.some((q) => q.id === key);
  const fileSeed = reserved(SEED_KEY) && data[SEED_KEY] !== null && data[SEED_KEY] !== undefined && String(data[SEED_KEY]).trim() !== '' ? String(data[SEED_KEY]).trim() : null;
  const usedSeed = fileSeed ?? seed ?? null;
  const name = reserved(NAME_KEY) && typeof data[NAME_KEY] === 'string' && data[NAME_KEY].trim() !== '' ? data[NAME_KEY].trim() : undefined;
  for (const [key, raw] of Object.entries(data)) {
    if (reserved(key)) continue;
    const index = questionIndex(quiz, key);
    if (index === undefined) {
      problems.push({ key, message: `unknown question; use a number from 1 to ${quiz.length} or one of the ids ${quiz.map((q) => q.id).join(', ')}` });
      continue;
    }
    const earlier = keyFor.get(index);
    if (earlier !== undefined) {
      problems.push({ key, message: `question ${index + 1} is already answered under "${earlier}"` });
      continue;
    }
    keyFor.set(index, key);
    if (raw === null || raw === undefined || String(raw).trim() === '') continue;
    if (typeof raw === 'object') {
      problems.push({ key, message: 'give one answer: a letter, a number or the text of an option' });
      continue;
    }
    const question = quiz[index]!;
    const choice = resolveChoice(question, raw, optionOrder(question, usedSeed));
    if (choice === undefined) {
      const letters = question.options.map((_, i) => optionLetter(i));
      problems.push({ key, message: `"${String(raw)}" is not one of the options; answer ${letters[0]} to ${letters[letters.length - 1]} or with an option's text` });
      continue;
    }
    choices.set(index, choice);
  }
  return { choices, problems, seed: usedSeed, ...(name === undefined ? {} : { name }) };
}

/** Numbers (from 1) of the questions without an answer. */
export function missingQuestions(quiz: readonly QuizQuestion[], choices: Choices): number[] {
  return quiz.map((_, i) => i).filter((i) => !choices.has(i)).map((i) => i + 1);
}

export interface QuizItem {
  number: number;
  id: string;
  question: string;
  /** The chosen option, or null when the question was left blank (not answered). */
  chosen: string | null;
  chosen_letter: string | null;
  answer: string;
  /** Letters in the order the options were shown (see seed). */
  answer_letter: string;
  correct: boolean;
  explanation: string;
}

export interface QuizResult {
  module: string;
  title: string;
  /** Whose answers: the file's name: or its file name; absent for one person in a terminal. */
  name?: string;
  /** The seed the options were shuffled with; null for the authored order. */
  seed: string | null;
  score: number;
  total: number;
  /** Correct answers out of all questions: a blank counts as not answered, never as right. */
  percent: number;
  answered: number;
  not_answered: number[];
  questions: QuizItem[];
}

/** Score a quiz; questions without an answer count as not answered. */
export function scoreQuiz(module: Masterclass, choices: Choices, seed: string | null = null, name?: string): QuizResult {
  const questions = module.quiz.map((q, i): QuizItem => {
    const order = optionOrder(q, seed);
    const shown = (authored: number) => optionLetter(order.indexOf(authored));
    const chosen = choices.get(i);
    const answer = q.options.indexOf(q.answer);
    return {
      number: i + 1,
      id: q.id,
      question: q.question,
      chosen: chosen === undefined ? null : q.options[chosen]!,
      chosen_letter: chosen === undefined ? null : shown(chosen),
      answer: q.answer,
      answer_letter: shown(answer),
      correct: chosen === answer,
      explanation: q.explanation,
    };
  });
  const score = questions.filter((q) => q.correct).length;
  return {
    module: module.id,
    title: module.title,
    ...(name === undefined ? {} : { name }),
    seed,
    score,
    total: questions.length,
    percent: Math.round((score / questions.length) * 100),
    answered: questions.filter((q) => q.chosen !== null).length,
    not_answered: questions.filter((q) => q.chosen === null).map((q) => q.number),
    questions,
  };
}

export interface GroupQuestion {
  number: number;
  id: string;
  question: string;
  correct: number;
  wrong: number;
  not_answered: number;
  /** Of everyone in the group, blanks included. */
  percent_correct: number;
}

export interface GroupResult {
  module: string;
  title: string;
  people: { name: string; score: number; total: number; percent: number; not_answered: number[] }[];
  count: number;
  /** Mean of the people's percentages, one decimal place. */
  mean_percent: number;
  questions: GroupQuestion[];
}

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

/** A group's results: each person, and each question's share of right, wrong and blank answers. */
export function groupScores(module: Masterclass, results: readonly QuizResult[]): GroupResult {
  if (results.length === 0) throw new Error('groupScores: no results');
  const questions = module.quiz.map((q, i): GroupQuestion => {
    const items = results.map((r) => r.questions[i]!);
    const correct = items.filter((x) => x.correct).length;
    const blank = items.filter((x) => x.chosen === null).length;
    return { number: i + 1, id: q.id, question: q.question, correct, wrong: items.length - correct - blank, not_answered: blank, percent_correct: oneDecimal((correct / items.length) * 100) };
  });
  const people = results.map((r, i) => ({ name: r.name ?? `person ${i + 1}`, score: r.score, total: r.total, percent: oneDecimal((r.score / r.total) * 100), not_answered: r.not_answered }));
  return {
    module: module.id,
    title: module.title,
    people,
    count: people.length,
    mean_percent: oneDecimal(people.reduce((sum, p) => sum + (p.score / p.total) * 100, 0) / people.length),
    questions,
  };
}

export interface Comparison {
  before: { count: number; mean_percent: number };
  after: { count: number; mean_percent: number };
  /** Percentage points, after minus before. */
  change: number;
  questions: { number: number; id: string; before: number; after: number; change: number }[];
  /** People in both groups, by name. */
  paired: { name: string; before: number; after: number; change: number }[];
}

/** Before and after a session: the group mean, each question, and each person who took both. */
export function compareGroups(before: GroupResult, after: GroupResult): Comparison {
  const earlier = new Map(before.people.map((p) => [p.name, p]));
  return {
    before: { count: before.count, mean_percent: before.mean_percent },
    after: { count: after.count, mean_percent: after.mean_percent },
    change: oneDecimal(after.mean_percent - before.mean_percent),
    questions: after.questions.map((q, i) => ({ number: q.number, id: q.id, before: before.questions[i]!.percent_correct, after: q.percent_correct, change: oneDecimal(q.percent_correct - before.questions[i]!.percent_correct) })),
    paired: after.people
      .filter((p) => earlier.has(p.name))
      .map((p) => ({ name: p.name, before: earlier.get(p.name)!.percent, after: p.percent, change: oneDecimal(p.percent - earlier.get(p.name)!.percent) })),
  };
}
