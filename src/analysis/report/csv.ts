/** CSV outputs: responses.csv and review.csv headers, rejects.csv rows. Every cell is Excel-safe. */
import type { AnswerAnalysis } from '../answers/contract.js';
import { ANSWER_ANALYSES } from '../answers/registry.js';
import { csvCell } from '../pipeline/csv-writer.js';
import type { Plan } from '../pipeline/plan.js';
import type { RejectedRow } from '../pipeline/rows.js';

/**
 * responses.csv columns: line (where the response starts in the input), id, campaign and campaign
 * role, then per open question its sentiment score and comparative score, and for coded questions
 * the themes, the evidence (the words that matched) and what a review changed. The answers
 * themselves are not copied (they are in the input, joined by id or line: no second copy of
 * personal data). Text cells are neutralised; the scores are plain numbers.
 */
export function responsesHeader(plan: Plan, analyses: readonly AnswerAnalysis[] = ANSWER_ANALYSES): string {
  const columns = ['line', 'id', 'campaign', 'campaign role'];
  for (const question of plan.open) for (const analysis of analyses) columns.push(...analysis.columns(question));
  return `${columns.map(csvCell).join(',')}\n`;
}

/** review.csv template: the columns `--review` reads, plus the assigned themes and the text to read. */
export const REVIEW_HEADER = 'response_id,question,themes,add_themes,remove_themes,flag,text\n';

export const REJECTS_HEADER = 'line,reason,cells\n';

/** One line per rejected row: its line number, the reason and the raw cells joined by " | ". */
export function rejectsLines(rows: readonly RejectedRow[]): string {
  return rows.map((row) => `${row.line},${csvCell(row.reason)},${csvCell(row.cells.join(' | '))}\n`).join('');
}
