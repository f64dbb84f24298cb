/**
 * A compiled analysis plan: the config resolved to column indices, plain data so it can be sent
 * to worker threads.
 */
import type { AnalysisConfig } from '../config.js';

export interface ClosedPlan {
  column: string;
  index: number;
  multi: boolean;
  separator: string;
  /** Configured options in order; answers are matched to them case-insensitively. */
  options: string[];
}

export interface OpenPlan {
  column: string;
  index: number;
}

export interface SegmentPlan {
  column: string;
  index: number;
}

export interface Plan {
  delimiter: string;
  header: string[];
  idIndex: number;
  typeIndex: number;
  segments: SegmentPlan[];
  closed: ClosedPlan[];
  open: OpenPlan[];
  /** Build responses.csv lines (skipped when csv output is not wanted). */
  writeResponses: boolean;
}

export function compilePlan(config: AnalysisConfig, header: string[], delimiter: string, writeResponses: boolean): Plan {
  const indexOf = (column: string | null | undefined): number => (column ? header.indexOf(column) : -1);
  return {
    delimiter,
    header,
    idIndex: indexOf(config.id),
    typeIndex: indexOf(config.respondentType),
    segments: config.segments.map((column) => ({ column, index: indexOf(column) })),
    closed: config.closed.map((q) => ({ column: q.column, index: indexOf(q.column), multi: q.multi, separator: q.separator ?? ';', options: q.options ?? [] })),
    open: config.open.map((q) => ({ column: q.column, index: indexOf(q.column) })),
    writeResponses,
  };
}
