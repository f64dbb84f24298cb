/**
 * The per-answer analyses, in order: their responses.csv columns, summary.json parts and report
 * sections come in this order. A new analysis is one file (a descriptor that `satisfies
 * PlainAnswerAnalysis`) and one line here; see docs/architecture.md.
 */
import { campaignSignatureAnalysis } from './campaign-signature.js';
import type { AnswerAnalysis, PlainAnswerAnalysis } from './contract.js';
import { sentimentAnalysis } from './sentiment.js';
import { themesAnalysis } from './themes.js';

export const ANSWER_ANALYSES: readonly AnswerAnalysis[] = [
  sentimentAnalysis,
  themesAnalysis,
  campaignSignatureAnalysis,
];

/** The registered analyses the pipeline runs itself through their `analyse` (all but the scanner's). */
export function plainAnalyses(analyses: readonly AnswerAnalysis[] = ANSWER_ANALYSES): PlainAnswerAnalysis[] {
  return analyses.filter((analysis): analysis is PlainAnswerAnalysis => analysis.kind === 'plain');
}
