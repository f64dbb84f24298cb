/**
 * The plain analyses' tallies of a block (or of the whole file once merged): per analysis id, per
 * open question, one tally over all analysed rows and one without campaign copies (with campaign
 * detection). Plain data, so a worker's tallies reach the main thread as they are.
 */
import type { AnswerQuestion, PlainAnswerAnalysis } from './contract.js';

export interface QuestionTallies {
  all: unknown;
  excludingCampaignCopies: unknown;
}

export type AnswerTallies = Record<string, Record<string, QuestionTallies>>;

export function emptyAnswerTallies(analyses: readonly PlainAnswerAnalysis[], questions: readonly AnswerQuestion[], excluding: boolean): AnswerTallies {
  const tallies: AnswerTallies = {};
  for (const analysis of analyses) {
    const byQuestion: Record<string, QuestionTallies> = {};
    for (const question of questions) byQuestion[question.column] = { all: analysis.emptyTally(), excludingCampaignCopies: excluding ? analysis.emptyTally() : null };
    tallies[analysis.id] = byQuestion;
  }
  return tallies;
}

/** Add a block's tallies into the merged ones (made on first use). */
export function mergeAnswerTallies(analyses: readonly PlainAnswerAnalysis[], into: AnswerTallies, from: AnswerTallies): void {
  for (const analysis of analyses) {
    const source = from[analysis.id];
    if (!source) continue;
    const target = (into[analysis.id] ??= {});
    for (const [question, tallies] of Object.entries(source)) {
      const kept = target[question];
      if (!kept) {
        target[question] = tallies;
        continue;
      }
      analysis.merge(kept.all, tallies.all);
      if (kept.excludingCampaignCopies !== null && tallies.excludingCampaignCopies !== null) analysis.merge(kept.excludingCampaignCopies, tallies.excludingCampaignCopies);
    }
  }
}
