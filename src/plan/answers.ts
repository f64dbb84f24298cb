/**
 * The answers file shared by `ptk wizard --answers` and `ptk plan init --answers`.
 * Every wizard question has a key here; see examples/answers-stage*.yaml.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { checkSchema, formatProblem, readYaml, type Problem } from '../toolkit/yaml-file.js';
import { IAP2_LEVELS } from '../toolkit/schema.js';
import { consultationSchema, day, METRIC_KINDS } from './schema.js';

const text = z.string().trim().min(1, 'must not be empty');

export const answersSchema = z
  .object({
    stage: z.union([z.number(), text]).optional(),
    policy: z.object({ title: text.optional(), area: text.optional(), problem: text.optional() }).strict().optional(),
    objectives: z.array(text).optional(),
    audiences: z.array(text).optional(),
    // "12%" as well as 12: a percentage is written either way
    offline_share: z
      .preprocess((v) => (typeof v === 'string' && /^\s*\d+(\.\d+)?\s*%?\s*$/.test(v) ? Number(v.replace('%', '').trim()) : v), z.number({ error: 'offline_share must be a percentage from 0 to 100, e.g. 12 or 12%' }).min(0, 'offline_share must be 0 to 100').max(100, 'offline_share must be 0 to 100'))
      .optional(),
    start: day.optional(),
    weeks: z.number().min(0, 'weeks must be 0 or more').optional(),
    budget: text.optional(),
    skills: text.optional(),
    reach: text.optional(),
    sensitive: z.boolean().optional(),
    /** What the official needs from people (IAP2): inform, consult, involve, collaborate or empower. */
    intent: z.enum(IAP2_LEVELS, { error: `use one of ${IAP2_LEVELS.join(', ')}` }).optional(),
    activities: z.array(text).optional(),
    techniques: z.array(text).optional(),
    pick: z.number().int().min(1, 'pick must be 1 or more').optional(),
    owner: text.optional(),
    team: z.array(z.object({ name: text, role: text }).strict()).optional(),
    target: z.number().positive('target must be more than 0').optional(),
    /** Stage 3: how many responses there are to analyse. */
    responses_to_analyse: z.number().int().positive('responses_to_analyse must be 1 or more').optional(),
    metrics: z
      .array(
        z
          .object({
            id: text,
            objective: text,
            channel: text,
            metric: z.enum(METRIC_KINDS),
            target: z.number().positive(),
            start: day.optional(),
            by: day,
          })
          .strict(),
      )
      .optional(),
    include_consultation: z.boolean().optional(),
    consultation: consultationSchema.optional(),
  })
  .strict();

export type Answers = z.infer<typeof answersSchema>;

/** Read and check an answers file; the first problem becomes one `file:line: field: problem` line. */
export function readAnswers(path: string): Answers {
  const { parsed, problems } = readYaml(path);
  const fail = (list: Problem[]) => {
    const line = formatProblem(list[0]!);
    const cut = line.indexOf(': ');
    return new InputError(line.slice(0, cut), line.slice(cut + 2));
  };
  if (!parsed) throw fail(problems);
  if (parsed.data === null || parsed.data === undefined) return {};
  const { value, problems: invalid } = checkSchema(parsed, answersSchema);
  if (!value) throw fail(invalid);
  return value;
}
