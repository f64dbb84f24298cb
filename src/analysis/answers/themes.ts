/** Theme codes of each answer to a coded question: the coding frame's rules (themes/matcher.ts), before any review. */
import type { Theme } from '../themes/codeframe.js';
import { QuestionMatcher, type ThemeCode } from '../themes/matcher.js';
import type { FusedAnswerAnalysis } from './contract.js';

/** One matcher per coding frame's themes (the reference implementation builds it once). */
const matchers = new WeakMap<readonly Theme[], QuestionMatcher>();

export const themesAnalysis = {
  id: 'themes',
  title: 'Themes',
  kind: 'fused',
  // QuestionMatcher.lastCodes' layout, per code
  record: [{ name: 'codes', type: 'i32', size: { list: 4 }, parts: ['theme index', 'evidence start', 'evidence end', 'via theme index (-1: none)'] }],
  analyse: (text, question): ThemeCode[] => {
    if (!question.themes) return [];
    let matcher = matchers.get(question.themes);
    if (!matcher) matchers.set(question.themes, (matcher = new QuestionMatcher([...question.themes])));
    return matcher.codeResponse(text);
  },
  columns: (question) => (question.themes ? [`${question.column}: themes`, `${question.column}: evidence`, `${question.column}: review`] : []),
} as const satisfies FusedAnswerAnalysis<ThemeCode[]>;
