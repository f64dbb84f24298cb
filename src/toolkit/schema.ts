/**
 * The toolkit's data model, checked on every load. One schema per kind of file; unknown
 * fields are errors so typos surface instead of being silently ignored.
 */
import { z } from 'zod';

export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const id = z.string().regex(ID_PATTERN, 'must be lower-case words joined by hyphens, e.g. online-surveys');
const text = z.string().trim().min(1, 'must not be empty');
const stageNumber = z.number().int().min(1, 'stage must be 1 to 4').max(4, 'stage must be 1 to 4');

export const COST_LEVELS = ['none', 'low', 'medium', 'high'] as const;
export const SKILL_LEVELS = ['basic', 'intermediate', 'specialist'] as const;
export const REACH = ['targeted', 'broad', 'both'] as const;
export const MODES = ['online', 'blended', 'offline'] as const;
export const IAP2_LEVELS = ['inform', 'consult', 'involve', 'collaborate', 'empower'] as const;
/** Who a technique reaches. `rarely-online` marks people with little or no internet use. */
export const AUDIENCES = [
  'public',
  'patients',
  'carers',
  'young-people',
  'older-people',
  'rarely-online',
  'professionals',
  'organisations',
  'experts',
  'media',
  'staff',
] as const;

export const activitySchema = z
  .object({
    id,
    name: text,
    description: text,
  })
  .strict();

export const stageSchema = z
  .object({
    number: stageNumber,
    id,
    name: text,
    summary: text,
    activities: z.array(activitySchema).min(1),
  })
  .strict();

export const stagesFileSchema = z.object({ stages: z.array(stageSchema).length(4, 'there must be exactly four stages') }).strict();

export const riskSchema = z.object({ risk: text, mitigation: text }).strict();
/** Words that mark a made-up quote; a government toolkit quotes only what someone really said. */
const INVENTED = /\b(illustrative|hypothetical|fictional|invented|made[- ]up|example quote)\b/i;

/**
 * Someone's own words: what they said, who said it (as the source attributes it) and where it was
 * published, so a reader can check it. A quote without a source is an error.
 */
export const quoteSchema = z
  .object({
    quote: text,
    who: text.refine((who) => !INVENTED.test(who), 'an invented or illustrative quote is not allowed: quote only what someone said, or write the point as guidance'),
    source: text,
  })
  .strict();
/** A technique's testimonials are quotes too, with the same rules. */
export const testimonialSchema = quoteSchema;

export const techniqueSchema = z
  .object({
    id,
    name: text,
    summary: text.max(200, 'summary must be one line (200 characters at most)'),
    stages: z.array(stageNumber).min(1),
    activities: z.array(id).min(1),
    mode: z.enum(MODES),
    iap2: z.enum(IAP2_LEVELS),
    methodology: text,
    when_to_use: z.array(text).min(1),
    when_not_to_use: z.array(text).min(1),
    audiences: z.array(z.enum(AUDIENCES)).min(1),
    reach: z.enum(REACH),
    cost: z.enum(COST_LEVELS),
    lead_time_weeks: z.number().min(0).max(104),
    skills: z.enum(SKILL_LEVELS),
    skills_needed: z.array(text).min(1),
    channels: z.array(text).min(1),
    sensitive_policy_ok: z.boolean(),
    risks: z.array(riskSchema).min(1),
    accessibility: text,
    assisted_digital: text,
    metrics: z.array(text).min(1),
    related: z.array(id).default([]),
    case_studies: z.array(id).default([]),
    testimonials: z.array(testimonialSchema).default([]),
  })
  .strict();

export const figureSchema = z.object({ label: text, value: z.union([z.number(), text]) }).strict();

export const caseStudySchema = z
  .object({
    id,
    title: text,
    organisation: text,
    year: z.number().int().min(1990).max(2100).optional(),
    summary: text,
    story: text,
    figures: z.array(figureSchema).default([]),
    techniques: z.array(id).min(1),
    lessons: z.array(text).min(1),
    quotes: z.array(quoteSchema).default([]),
    /** Where the case study is told, e.g. the publication and the case study's heading in it. */
    source: text.optional(),
  })
  .strict();

export type Activity = z.infer<typeof activitySchema>;
export type Stage = z.infer<typeof stageSchema>;
export type Technique = z.infer<typeof techniqueSchema>;
export type CaseStudy = z.infer<typeof caseStudySchema>;
export type Quote = z.infer<typeof quoteSchema>;
export type Audience = (typeof AUDIENCES)[number];
export type CostLevel = (typeof COST_LEVELS)[number];
export type SkillLevel = (typeof SKILL_LEVELS)[number];
