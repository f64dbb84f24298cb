/**
 * plan.yaml: the structured engagement plan (documented in docs/plan-schema.md).
 * `objectives` and `metrics` keep the exact shape `ptk evaluate` reads.
 * Unknown fields are errors so typos surface with their line.
 */
import { z } from 'zod';
import { AUDIENCES, COST_LEVELS, ID_PATTERN } from '../toolkit/schema.js';

export const METRIC_KINDS = ['reach', 'impressions', 'engagement', 'clicks', 'signups', 'responses', 'downloads', 'views'] as const;
export const ANALYSIS_METHODS = ['coding-frame', 'thematic', 'quantitative', 'mixed'] as const;

const text = z.string().trim().min(1, 'must not be empty');
const id = z.string().regex(ID_PATTERN, 'must be lower-case words joined by hyphens, e.g. obj-1');
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar date as YYYY-MM-DD; YAML timestamps are turned back into that form. */
export const day = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value),
  z.string().refine((v) => DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'expected a date as YYYY-MM-DD'),
);
const weeks = z.number().min(0, 'weeks must be 0 or more');
/** A response route: its name, or its name and the date it is ready to take responses. */
export const route = z.union([text, z.object({ route: text, ready: day }).strict()]);
export type Route = z.infer<typeof route>;
export const routeName = (r: Route) => (typeof r === 'string' ? r : r.route);

export const plannedTechniqueSchema = z
  .object({
    id: z.string().min(1),
    owner: text.optional(),
    channels: z.array(text).default([]),
    /** Preparation (the technique's lead time) starts here; it runs from start to end. */
    prepare_from: day.optional(),
    start: day.optional(),
    end: day.optional(),
  })
  .strict();

export const planStageSchema = z
  .object({
    stage: z.number().int().min(1, 'stage must be 1 to 4').max(4, 'stage must be 1 to 4'),
    start: day.optional(),
    end: day.optional(),
    activities: z.array(id).default([]),
    techniques: z.array(plannedTechniqueSchema).default([]),
  })
  .strict();

export const consultationSchema = z
  .object({
    purpose: text.optional(),
    questions: z.array(text).optional(),
    impact_assessment: text.optional(),
    duration_weeks: weeks.optional(),
    opens: day.optional(),
    closes: day.optional(),
    published_online: z.boolean().optional(),
    formats: z.array(text).optional(),
    response_routes: z
      .object({ online: z.array(route).optional(), offline: z.array(route).optional() })
      .strict()
      .optional(),
    who_consulted: z.array(text).optional(),
    digital_reach: text.optional(),
    timing_checked: z.boolean().optional(),
    analysis: z
      .object({
        method: text.optional(),
        campaign_responses: text.optional(),
        organisations_vs_individuals: text.optional(),
      })
      .strict()
      .optional(),
    publish_responses: z.boolean().optional(),
    summary_of_responses_weeks: weeks.optional(),
    government_response_weeks: weeks.optional(),
    privacy_notice: text.optional(),
    election_period_checked: z.boolean().optional(),
    equality_duty: text.optional(),
    legal_duty: z.object({ finding: text, checked_by: text, date: day }).strict().optional(),
    collective_agreement: z.object({ agreed_by: text, date: day }).strict().optional(),
    pre_election_periods: z.array(z.object({ name: text, from: day, to: day }).strict()).optional(),
    /** Fields the wizard suggested and the official has not confirmed: `formats: true`. */
    assumed: z.record(z.string().regex(/^[a-z_]+(\.[a-z_]+)*$/, 'a field of consultation, e.g. formats or analysis.method'), z.boolean()).optional(),
  })
  .strict();

export const planSchema = z
  .object({
    version: z.literal(1).default(1),
    policy: z.object({ title: text, area: text.optional(), problem: text }).strict(),
    start: day.optional(),
    objectives: z.array(z.object({ id, text }).strict()).default([]),
    audiences: z.array(z.enum(AUDIENCES)).default([]),
    offline_share: z.number().min(0).max(100).optional(),
    stages: z.array(planStageSchema).default([]),
    timeline: z.array(z.object({ date: day, milestone: text }).strict()).default([]),
    owners: z.array(z.object({ name: text, role: text }).strict()).default([]),
    channels: z.array(text).default([]),
    metrics: z
      .array(
        z
          .object({
            id,
            objective: z.string().min(1),
            channel: text,
            metric: z.enum(METRIC_KINDS, { error: `use one of ${METRIC_KINDS.join(', ')}` }),
            target: z.number().positive('target must be more than 0'),
            start: day.optional(),
            by: day,
          })
          .strict(),
      )
      .default([]),
    risks: z.array(z.object({ risk: text, mitigation: text }).strict()).default([]),
    accessibility: z.array(text).default([]),
    budget: z.object({ level: z.enum(COST_LEVELS), amount: z.number().min(0).optional(), notes: text.optional() }).strict().optional(),
    consultation: consultationSchema.optional(),
    /** Stage 3: how many responses there are to analyse. */
    responses_to_analyse: z.number().int().positive('responses_to_analyse must be 1 or more').optional(),
    /** Why each technique is in the plan, as the recommender gave it (kept so the choice can be reviewed). */
    recommendations: z
      .array(
        z
          .object({
            id: z.string().min(1),
            role: text.optional(),
            score: z.number().optional(),
            reasons: z.array(text).default([]),
          })
          .strict(),
      )
      .optional(),
  })
  .strict()
  .superRefine((plan, ctx) => {
    const objectives = new Set(plan.objectives.map((o) => o.id));
    plan.metrics.forEach((m, i) => {
      if (!objectives.has(m.objective)) {
        ctx.addIssue({ code: 'custom', path: ['metrics', i, 'objective'], message: `no objective with id "${m.objective}"` });
      }
      const start = m.start ?? plan.start;
      if (start && start > m.by) ctx.addIssue({ code: 'custom', path: ['metrics', i, 'by'], message: `the deadline ${m.by} is before the start ${start}` });
    });
    const ids = plan.metrics.map((m) => m.id);
    ids.forEach((mid, i) => {
      if (ids.indexOf(mid) !== i) ctx.addIssue({ code: 'custom', path: ['metrics', i, 'id'], message: `metric id "${mid}" is used twice` });
    });
    plan.stages.forEach((s, i) =>
      s.techniques.forEach((t, j) => {
        const at = (field: string) => ['stages', i, 'techniques', j, field];
        if (t.start && t.end && t.start > t.end) ctx.addIssue({ code: 'custom', path: at('end'), message: `ends ${t.end}, before it starts ${t.start}` });
        if (t.prepare_from && t.start && t.prepare_from > t.start) ctx.addIssue({ code: 'custom', path: at('prepare_from'), message: `preparation starts ${t.prepare_from}, after the technique starts ${t.start}` });
        if (s.start && (t.prepare_from ?? t.start) && (t.prepare_from ?? t.start)! < s.start) ctx.addIssue({ code: 'custom', path: at(t.prepare_from ? 'prepare_from' : 'start'), message: `${t.prepare_from ?? t.start} is before the stage starts ${s.start}` });
        if (s.end && t.end && t.end > s.end) ctx.addIssue({ code: 'custom', path: at('end'), message: `ends ${t.end}, after the stage ends ${s.end}` });
      }),
    );
    const c = plan.consultation;
    if (c?.opens && c.closes && c.opens > c.closes) ctx.addIssue({ code: 'custom', path: ['consultation', 'closes'], message: `closes ${c.closes}, before it opens ${c.opens}` });
  });

export type Plan = z.infer<typeof planSchema>;
export type PlanInput = z.input<typeof planSchema>;
export type Consultation = z.infer<typeof consultationSchema>;

/** Every dotted field path plan.yaml can hold, so standards can be checked for paths that do not exist. */
export function planFieldPaths(): Set<string> {
  const out = new Set<string>();
  const unwrap = (schema: z.ZodType): z.ZodType => {
    let s = schema;
    for (;;) {
      const def = (s as unknown as { _zod: { def: { type: string; innerType?: z.ZodType; in?: z.ZodType } } })._zod.def;
      if (['optional', 'default', 'nullable', 'prefault'].includes(def.type) && def.innerType) s = def.innerType;
      else if (def.type === 'pipe' && def.in) s = def.in;
      else return s;
    }
  };
  const walk = (schema: z.ZodType, prefix: string) => {
    const s = unwrap(schema);
    if (!(s instanceof z.ZodObject)) return;
    for (const [key, child] of Object.entries(s.shape as Record<string, z.ZodType>)) {
      const path = prefix ? `${prefix}.${key}` : key;
      out.add(path);
      walk(child, path);
    }
  };
  walk(planSchema, '');
  return out;
}
