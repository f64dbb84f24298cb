/**
 * The masterclass module format (toolkit/masterclasses/*.yaml), checked on every load. Unknown fields
 * are errors so that typos surface. Cross-checks that need more than one field or other files (run
 * sheet minutes, quiz answers, linked techniques, data files, commands) live in load.ts.
 */
import { z } from 'zod';
import { ID_PATTERN } from '../toolkit/schema.js';

/** Who a module is for. */
export const ROLES = ['policy', 'comms', 'stakeholder', 'customer-service', 'leadership'] as const;
export const DIFFICULTIES = ['introductory', 'intermediate', 'advanced'] as const;

const id = z.string().regex(ID_PATTERN, 'must be lower-case words joined by hyphens, e.g. crisis-communication');
const text = z.string().trim().min(1, 'must not be empty');
const count = (what: string, max: number) =>
  z.number().int(`${what} must be a whole number`).min(1, `${what} must be at least 1`).max(max, `${what} must be ${max} at most`);

/**
 * A data file an exercise needs: a path relative to the package root (or, for a module in an
 * organisation overlay, to that overlay folder) that stays inside it, so a session pack can copy it.
 */
export const dataPath = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .refine((p) => !p.startsWith('/') && !/^[a-zA-Z]:/.test(p) && !p.includes('\\'), 'must be a relative path with forward slashes, e.g. examples/social/posts.csv')
  .refine((p) => !p.split('/').some((part) => part === '..' || part === '.' || part === ''), 'must not contain "..", "." or empty parts: name the file from the package root');

export const runSheetItemSchema = z
  .object({
    minutes: count('minutes', 480),
    title: text,
    activity: text,
  })
  .strict();

export const exerciseSchema = z
  .object({
    title: text,
    brief: text,
    steps: z.array(text).min(1, 'list at least one step'),
    /** Command lines participants run, each starting with `ptk`. */
    commands: z.array(z.string().trim().regex(/^ptk\s+\S/, 'a command must start with "ptk " and name a command')).default([]),
    /** Files the exercise uses; each must exist and is copied into a session pack. */
    data: z.array(dataPath).default([]),
    /** What participants should find: shown to the facilitator only. */
    look_for: z.array(text).default([]),
  })
  .strict();

export const quizQuestionSchema = z
  .object({
    id,
    question: text,
    options: z.array(text).min(2, 'a question needs at least two options').max(6, 'at most six options, so each has a letter A to F'),
    /** The correct option, written exactly as in `options`. */
    answer: text,
    explanation: text,
  })
  .strict();

export const masterclassSchema = z
  .object({
    id,
    title: text,
    summary: text.max(300, 'summary must be short (300 characters at most)'),
    audience: z.array(z.enum(ROLES, { error: `audience must be one of ${ROLES.join(', ')}` })).min(1),
    difficulty: z.enum(DIFFICULTIES, { error: `difficulty must be one of ${DIFFICULTIES.join(', ')}` }),
    duration_minutes: count('duration_minutes', 480),
    max_participants: count('max_participants', 200),
    trainers_needed: count('trainers_needed', 10),
    learning_outcomes: z.array(text).min(1, 'list at least one learning outcome'),
    /** Room, kit and preparation. */
    resources: z.array(text).default([]),
    run_sheet: z.array(runSheetItemSchema).min(1, 'the run sheet needs at least one section'),
    exercises: z.array(exerciseSchema).min(1, 'a module needs at least one exercise'),
    quiz: z.array(quizQuestionSchema).min(3, 'a quiz needs at least three questions'),
    techniques: z.array(id).min(1, 'link at least one technique'),
    case_studies: z.array(id).default([]),
    facilitator_notes: z.array(text).min(1, 'give the facilitator at least one note'),
  })
  .strict();

export type Role = (typeof ROLES)[number];
export type Difficulty = (typeof DIFFICULTIES)[number];
export type RunSheetItem = z.infer<typeof runSheetItemSchema>;
export type Exercise = z.infer<typeof exerciseSchema>;
export type QuizQuestion = z.infer<typeof quizQuestionSchema>;
export type Masterclass = z.infer<typeof masterclassSchema>;
