/** CSV outputs: responses.csv header and rejects.csv rows. Every cell is Excel-safe. */
import { csvCell } from '../pipeline/rows.js';
import type { Plan } from '../pipeline/plan.js';
import type { RejectedRow } from '../pipeline/rows.js';

/**
 * responses.csv columns: line (where the response starts in the input), id, then a sentiment score
 * and comparative score per open question. Text cells are neutralised; the scores are plain numbers.
 */
export function responsesHeader(plan: Plan): string {
  const columns = ['line', 'id'];
  for (const question of plan.open) columns.push(`${question.column}: sentiment score`, `${question.column}: sentiment comparative`);
  return `${columns.map(csvCell).join(',')}\n`;
}

export const REJECTS_HEADER = 'line,reason,cells\n';

/** One line per rejected row: its line number, the reason and the raw cells joined by " | ". */
export function rejectsLines(rows: readonly RejectedRow[]): string {
  return rows.map((row) => `${row.line},${csvCell(row.reason)},${csvCell(row.cells.join(' | '))}\n`).join('');
}
