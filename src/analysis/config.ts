/**
 * The analysis config (`analysis.yaml`): which column is what. Written by `ptk analyse init` with
 * every guess commented, edited by the analyst, read by `ptk analyse --config`.
 * Later features (coding frames, campaign detection) add their own sections to this schema.
 */
import { z } from 'zod';

export const closedQuestionSchema = z.strictObject({
  column: z.string().min(1),
  /** Several answers in one cell, split on `separator`; counted per option, never per combination. */
  multi: z.boolean().default(false),
  separator: z.string().min(1).optional(),
  /** Answer options in display order (Likert scales in scale order). Other values seen are added after. */
  options: z.array(z.string()).optional(),
});

export const openQuestionSchema = z.strictObject({
  column: z.string().min(1),
});

export const analysisConfigSchema = z.strictObject({
  version: z.literal(1).default(1),
  title: z.string().optional(),
  /** Column holding each response's id; line numbers are used when absent. */
  id: z.string().nullable().optional(),
  /** Column saying whether the response is from an organisation or an individual. */
  respondentType: z.string().nullable().optional(),
  /** Other columns to break results down by (region, country, capacity...). */
  segments: z.array(z.string()).default([]),
  closed: z.array(closedQuestionSchema).default([]),
  open: z.array(openQuestionSchema).default([]),
  /** Columns deliberately not analysed (listed so the analyst sees every column accounted for). */
  ignore: z.array(z.string()).default([]),
});

export type AnalysisConfig = z.infer<typeof analysisConfigSchema>;
export type ClosedQuestionConfig = z.infer<typeof closedQuestionSchema>;

/** Every column name a config refers to, with the config path that names it. */
export function configColumns(config: AnalysisConfig): { path: (string | number)[]; column: string }[] {
  const refs: { path: (string | number)[]; column: string }[] = [];
  if (config.id) refs.push({ path: ['id'], column: config.id });
  if (config.respondentType) refs.push({ path: ['respondentType'], column: config.respondentType });
  config.segments.forEach((column, i) => refs.push({ path: ['segments', i], column }));
  config.closed.forEach((q, i) => refs.push({ path: ['closed', i, 'column'], column: q.column }));
  config.open.forEach((q, i) => refs.push({ path: ['open', i, 'column'], column: q.column }));
  return refs;
}
