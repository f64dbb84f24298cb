/**
 * The worked example of docs/architecture.md: a plain per-answer analysis that notes whether an
 * answer asks a question (has a "?"). Registered by test/architecture/answer-registry.test.ts.
 */
import type { PlainAnswerAnalysis } from '../../src/analysis/answers/contract.js';

interface AskingTally {
  answered: number;
  asking: number;
}

const percent = (count: number, base: number): number => (base > 0 ? Math.round((count / base) * 1000) / 10 : 0);
const part = (tally: AskingTally) => ({ answered: tally.answered, asking: tally.asking, percent: percent(tally.asking, tally.answered) });

export const questionMarkAnalysis = {
  id: 'questionMark',
  title: 'Answers that ask a question',
  kind: 'plain',
  record: [{ name: 'asks', type: 'i32', size: 1, parts: ['1 when the answer has a question mark'] }],
  analyse: (text) => text.includes('?'),
  columns: (question) => [`${question.column}: asks a question`],
  cells: (asks) => [asks ? 'yes' : 'no'],
  emptyTally: (): AskingTally => ({ answered: 0, asking: 0 }),
  count: (tally, asks) => {
    tally.answered++;
    if (asks) tally.asking++;
  },
  merge: (into, from) => {
    into.answered += from.answered;
    into.asking += from.asking;
  },
  summary: (tallies) => ({ ...part(tallies.all), excludingCampaignCopies: tallies.excludingCampaignCopies && part(tallies.excludingCampaignCopies) }),
  section: (parts) => [
    '| Question | Answered | Asking a question | % |',
    '| --- | ---: | ---: | ---: |',
    ...parts.map(({ question, summary }) => `| ${question} | ${summary.answered} | ${summary.asking} | ${summary.percent} |`),
  ],
} satisfies PlainAnswerAnalysis<boolean, AskingTally, ReturnType<typeof part> & { excludingCampaignCopies: ReturnType<typeof part> | null }>;
