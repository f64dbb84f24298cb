/**
 * Consultation questions linted the way a reviewer would read them: is each one a real question of a
 * readable length, does it ask one thing, does it lead? Pure, and deliberately simple: each finding
 * names the question so the official can judge it.
 */

export const MAX_QUESTION_WORDS = 40;
/** Flesch reading ease below this is "difficult" (college level) on the usual scale. */
export const MIN_READING_EASE = 30;

export interface QuestionFinding {
  index: number;
  question: string;
  problem: 'not a question' | 'too long' | 'double-barrelled' | 'leading' | 'hard to read';
  detail: string;
}

const words = (s: string) => s.match(/[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)?/g) ?? [];

/** Syllables by vowel groups, less a silent final e: close enough to rank readability. */
export function syllables(word: string): number {
  const w = word.toLowerCase().replace(/['’]/g, '');
  if (w.length <= 3) return 1;
  const groups = w.replace(/(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$/, '').replace(/^y/, '').match(/[aeiouy]{1,2}/g);
  return Math.max(1, groups?.length ?? 1);
}

/** Flesch reading ease of one text (higher is easier; 60 to 70 is plain English). */
export function readingEase(text: string): number {
  const ws = words(text);
  if (ws.length === 0) return 0;
  const sentences = Math.max(1, (text.match(/[.!?]+(\s|$)/g) ?? []).length);
  const syl = ws.reduce((n, w) => n + syllables(w), 0);
  return 206.835 - 1.015 * (ws.length / sentences) - 84.6 * (syl / ws.length);
}

// a second question joined on: "..., and how ...", "... or would you ..."
const DOUBLE = /\b(?:and|or)\s+(?:how|what|which|why|when|where|who|whether|do|does|did|is|are|was|were|would|should|could|can|will|have|has)\b|\band\/or\b/i;
// wording that tells people which answer is wanted
const LEADING =
  /\b(?:don['’]?t|do not|wouldn['’]?t|would not|isn['’]?t|aren['’]?t|shouldn['’]?t|should not)\s+you\s+(?:agree|think|accept|support)\b|\b(?:surely|obviously)\b|\bhow (?:much|strongly) do you (?:support|agree|welcome)\b|\bwould you agree\b|\b(?:this|these|our) (?:welcome|excellent|vital|much-needed) \w+/i;

export function lintQuestions(questions: readonly string[]): QuestionFinding[] {
  const findings: QuestionFinding[] = [];
  questions.forEach((question, index) => {
    const add = (problem: QuestionFinding['problem'], detail: string) => findings.push({ index, question, problem, detail });
    const ws = words(question);
    if (ws.length < 3) {
      add('not a question', `has ${ws.length} word${ws.length === 1 ? '' : 's'}; write the question in full`);
      return;
    }
    if (ws.length > MAX_QUESTION_WORDS) add('too long', `has ${ws.length} words; keep a question under ${MAX_QUESTION_WORDS}`);
    const double = question.match(DOUBLE);
    if (double) add('double-barrelled', `asks two things ("${double[0]}"); split it into two questions`);
    const leading = question.match(LEADING);
    if (leading) add('leading', `suggests the answer ("${leading[0]}"); ask neutrally, e.g. "What do you think of ..."`);
  });
  return findings;
}

/** Questions whose reading ease is below the threshold (a good-practice finding, not a failure). */
export function hardQuestions(questions: readonly string[]): QuestionFinding[] {
  return questions.flatMap((question, index) => {
    if (words(question).length < 3) return [];
    const ease = readingEase(question);
    return ease < MIN_READING_EASE ? [{ index, question, problem: 'hard to read' as const, detail: `reading ease ${Math.round(ease)} (aim for 60 or more)` }] : [];
  });
}
