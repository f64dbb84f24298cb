/**
 * The analysis config (`analysis.yaml`): which column is what. Written by `ptk analyse init` with
 * every guess commented, edited by the analyst, read by `ptk analyse --config`.
 * Optional sections: `codeframe` (themes per open question, docs/codeframes.md) and `campaigns`
 * (campaign detection settings).
 */
import { z } from 'zod';
import { codeframeSchema } from './themes/codeframe.js';

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
  /** Themes per open question (same format as a `--codeframe` file). */
  codeframe: codeframeSchema.optional(),
  /** Campaign detection: on by default over all open questions. */
  campaigns: z
    .strictObject({
      detect: z.boolean().default(true),
      /** Open questions whose text, joined, identifies copies (default: all open questions). */
      columns: z.array(z.string().min(1)).optional(),
      /** Estimated Jaccard similarity of 3-word shingles at or above which two texts are near-duplicates. */
      similarity: z.number().gt(0).lte(1).default(0.8),
      /** Fewest responses that make a campaign. */
      minSize: z.number().int().min(2).default(5),
      /** Fewest words a response needs to be part of a campaign. */
      minWords: z.number().int().min(1).default(8),
    })
    .optional(),
});

export type AnalysisConfig = z.infer<typeof analysisConfigSchema>;
export type ClosedQuestionConfig = z.infer<typeof closedQuestionSchema>;
export type CampaignsConfig = NonNullable<AnalysisConfig['campaigns']>;

export const DEFAULT_CAMPAIGNS: CampaignsConfig = { detect: true, similarity: 0.8, minSize: 5, minWords: 8 };

/** Every column name a config refers to, with the config path that names it. */
export function configColumns(config: AnalysisConfig): { path: (string | number)[]; column: string }[] {
  const refs: { path: (string | number)[]; column: string }[] = [];
  if (config.id) refs.push({ path: ['id'], column: config.id });
  if (config.respondentType) refs.push({ path: ['respondentType'], column: config.respondentType });
  config.segments.forEach((column, i) => refs.push({ path: ['segments', i], column }));
  config.closed.forEach((q, i) => refs.push({ path: ['closed', i, 'column'], column: q.column }));
  config.open.forEach((q, i) => refs.push({ path: ['open', i, 'column'], column: q.column }));
  for (const question of Object.keys(config.codeframe?.questions ?? {})) refs.push({ path: ['codeframe', 'questions', question], column: question });
  config.campaigns?.columns?.forEach((column, i) => refs.push({ path: ['campaigns', 'columns', i], column }));
  return refs;
}
