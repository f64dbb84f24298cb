/**
 * Crisis simulation data: scenarios (toolkit/scenarios/*.yaml) and response scripts (--script).
 * Unknown fields are errors. Checks that need the whole file (time order, ids, duration) live in
 * load.ts so that they can name the line of the offending inject.
 */
import { z } from 'zod';
import { ID_PATTERN } from '../toolkit/schema.js';

export const CHANNELS = ['social', 'phone', 'email', 'news', 'minister', 'web'] as const;
export type Channel = (typeof CHANNELS)[number];

const id = z.string().regex(ID_PATTERN, 'must be lower-case words joined by hyphens, e.g. first-post');
const text = z.string().trim().min(1, 'must not be empty');
const minutes = z.number({ error: 'must be a number of minutes' }).min(0, 'must be 0 minutes or more');

export const roleSchema = z
  .object({
    name: text,
    responsibilities: text,
  })
  .strict();

export const injectSchema = z
  .object({
    id,
    /** Minutes from the start of the exercise. */
    at: minutes,
    channel: z.enum(CHANNELS, { error: `channel must be one of ${CHANNELS.join(', ')}` }),
    from: text,
    text,
    /** Mentions of the story so far, for a feed that shows the story growing. */
    mention_count: z.number().int('must be a whole number').min(0, 'must be 0 or more').optional(),
    expects_response: z.boolean({ error: 'must be true or false' }),
    /** What a good response looks like; shown in the debrief, never during the exercise. */
    guidance: text,
  })
  .strict();

/** An inject the facilitator can add during the run (`/inject ID`): no scheduled minute. */
export const reserveInjectSchema = injectSchema.omit({ at: true }).strict();

export const scenarioSchema = z
  .object({
    id,
    title: text,
    summary: text,
    roles: z.array(roleSchema).min(1, 'name at least one role'),
    duration_minutes: z.number().int('must be a whole number of minutes').min(1, 'must be at least 1 minute').max(24 * 60, 'must be at most 1440 minutes (a day)'),
    /** Markdown read out or shown before the clock starts. */
    briefing: text,
    injects: z.array(injectSchema).min(1, 'a scenario needs at least one inject'),
    /** Injects the facilitator may add live, to raise the pressure or steer the exercise. */
    reserve_injects: z.array(reserveInjectSchema).optional(),
    debrief_questions: z.array(text).min(1, 'add at least one debrief question'),
    good_practice: z.array(text).min(1, 'add at least one good-practice note'),
  })
  .strict();

export type Role = z.infer<typeof roleSchema>;
export type Inject = z.infer<typeof injectSchema>;
export type ReserveInject = z.infer<typeof reserveInjectSchema>;
export type Scenario = z.infer<typeof scenarioSchema>;

/**
 * One scripted participant response: at a fixed minute, or a delay after an inject. It answers
 * `reply_to`, else the `after_inject` inject, else the latest inject still waiting (as a reply that
 * names none does). A text of `/end` ends the exercise at that moment, as typing it would.
 */
export const scriptEntrySchema = z
  .object({
    at: minutes.optional(),
    after_inject: id.optional(),
    delay_minutes: minutes.optional(),
    reply_to: id.optional(),
    text,
  })
  .strict()
  .superRefine((entry, ctx) => {
    if (entry.at === undefined && entry.after_inject === undefined) {
      ctx.addIssue({ code: 'custom', path: [], message: 'give either at: (minutes) or after_inject: (an inject id)' });
    }
    if (entry.at !== undefined && entry.after_inject !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['after_inject'], message: 'give either at: or after_inject:, not both' });
    }
    if (entry.delay_minutes !== undefined && entry.after_inject === undefined) {
      ctx.addIssue({ code: 'custom', path: ['delay_minutes'], message: 'delay_minutes only goes with after_inject' });
    }
  });

export const scriptSchema = z.array(scriptEntrySchema, { error: 'a script is a list of responses, each with at: or after_inject:, and text:' });

export type ScriptEntry = z.infer<typeof scriptEntrySchema>;
