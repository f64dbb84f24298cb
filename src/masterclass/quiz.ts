/**
 * Quiz answers and scoring, pure. An answers file maps a question (its number from 1, or its id) to
 * the chosen option: the option's text, its letter (A, B, ...) or its number (1, 2, ...).
 */
import type { Masterclass, QuizQuestion } from './schema.js';

export function optionLetter(index: number): string {
  return String.fromCharCode(65 + index);
}

/** Index of the option `raw` names, or undefined. Text first, then a letter, then a number. */
export function resolveChoice(question: QuizQuestion, raw: unknown): number | undefined {
  if (raw === null || raw === undefined) return undefined;
  const value = String(raw).trim();
  if (value === '') return undefined;
  const byText = question.options.findIndex((o) => o.trim().toLowerCase() === value.toLowerCase());
  if (byText >= 0) return byText;
  if (/^[a-z]$/i.test(value)) {
    const index = value.toUpperCase().charCodeAt(0) - 65;
    return index < question.options.length ? index : undefined;
  }
  if (/^\d+$/.test(value)) {
    const index = Number(value) - 1;
    return index >= 0 && index < question.options.length ? index : undefined;
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

/**
 * Read an answers map. Empty answers (`3:` with nothing after it) count as not answered, so a
 * trainer's template can be filled in part.
 */
export function readAnswerMap(quiz: readonly QuizQuestion[], data: Record<string, unknown>): { choices: Choices; problems: AnswerProblem[] } {
  const choices: Choices = new Map();
  const problems: AnswerProblem[] = [];
  const keyFor = new Map<number, string>();
  for (const [key, raw] of Object.entries(data)) {
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
    const choice = resolveChoice(question, raw);
    if (choice === undefined) {
      const letters = question.options.map((_, i) => optionLetter(i));
      problems.push({ key, message: `"${String(raw)}" is not one of the options; answer ${letters[0]} to ${letters[letters.length - 1]} or with an option's text` });
      continue;
    }
    choices.set(index, choice);
  }
  return { choices, problems };
}

/** Numbers (from 1) of the questions without an answer. */
export function missingQuestions(quiz: readonly QuizQuestion[], choices: Choices): number[] {
  return quiz.map((_, i) => i).filter((i) => !choices.has(i)).map((i) => i + 1);
}

export interface QuizItem {
  number: number;
  id: string;
  question: string;
  chosen: string;
  chosen_letter: string;
  answer: string;
  answer_letter: string;
  correct: boolean;
  explanation: string;
}

export interface QuizResult {
  module: string;
  title: string;
  score: number;
  total: number;
  percent: number;
  questions: QuizItem[];
}

/** Score a fully answered quiz. */
export function scoreQuiz(module: Masterclass, choices: Choices): QuizResult {
  const missing = missingQuestions(module.quiz, choices);
  if (missing.length > 0) throw new Error(`scoreQuiz: questions ${missing.join(', ')} have no answer`);
  const questions = module.quiz.map((q, i): QuizItem => {
    const chosen = choices.get(i)!;
    const answer = q.options.indexOf(q.answer);
    return {
      number: i + 1,
      id: q.id,
      question: q.question,
      chosen: q.options[chosen]!,
      chosen_letter: optionLetter(chosen),
      answer: q.answer,
      answer_letter: optionLetter(answer),
      correct: chosen === answer,
      explanation: q.explanation,
    };
  });
  const score = questions.filter((q) => q.correct).length;
  return {
    module: module.id,
    title: module.title,
    score,
    total: questions.length,
    percent: Math.round((score / questions.length) * 100),
    questions,
  };
}
