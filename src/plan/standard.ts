/**
 * The minimum digital standard for consultations, as data (toolkit/standards/*.yaml), and the
 * small rule language its criteria use. A rule names a field path in plan.yaml and one check:
 *   present        the value exists and is not empty, false or a "TODO" placeholder
 *   is_true        the value is the boolean true
 *   min_items: n   a list with at least n entries
 *   max_items: n   a list with at most n entries
 *   min_value: n   a number at least n
 *   max_value: n   a number at most n
 * and the content checks in ./content-checks.ts (window, routes_ready, accessible_formats,
 * document_reference, clear_questions, readable_questions, attested, agreed_before_opening,
 * holidays, election_launch, election_overlap), which read the rest of the plan too.
 * A value that is missing (or a placeholder) is "not stated"; a stated value that fails the check
 * is "fail"; a value the wizard suggested and nobody confirmed (consultation.assumed) fails until
 * it is confirmed. A required criterion that is not a pass counts as failed (exit 1): the standard
 * asks for it to be written down, and decided.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ProblemsError } from '../errors.js';
import { BUILTIN_TOOLKIT, listYamlFiles } from '../toolkit/load.js';
import { checkSchema, formatProblem, locate, readYaml, type Problem } from '../toolkit/yaml-file.js';
import { ID_PATTERN } from '../toolkit/schema.js';
import { planFieldPaths, type Plan } from './schema.js';
import { CONTENT_CHECKS, runContentCheck, type CheckContext } from './content-checks.js';
import { loadCalendar } from './calendar.js';

export const PRINCIPLES = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K'] as const;
export const VALUE_CHECKS = ['min_items', 'max_items', 'min_value', 'max_value'] as const;
export const CHECKS = ['present', 'is_true', ...VALUE_CHECKS, ...CONTENT_CHECKS] as const;

const ruleSchema = z
  .object({
    path: z.string().regex(/^[a-z_]+(\.[a-z_]+)*$/, 'a dotted field path in plan.yaml, e.g. consultation.response_routes.offline'),
    check: z.enum(CHECKS),
    value: z.number().optional(),
  })
  .strict()
  .superRefine((rule, ctx) => {
    const needsValue = (VALUE_CHECKS as readonly string[]).includes(rule.check);
    if (needsValue && rule.value === undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: `check ${rule.check} needs a value` });
    if (!needsValue && rule.value !== undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: `check ${rule.check} takes no value` });
  });

export const criterionSchema = z
  .object({
    id: z.string().regex(ID_PATTERN, 'must be lower-case words joined by hyphens'),
    principle: z.enum(PRINCIPLES, { error: 'principle must be a letter of the Consultation Principles, A to K' }),
    title: z.string().trim().min(1),
    required: z.boolean(),
    why: z.string().trim().min(1),
    rule: ruleSchema,
  })
  .strict();

export const standardSchema = z
  .object({
    id: z.string().regex(ID_PATTERN),
    name: z.string().trim().min(1),
    source: z.string().trim().min(1),
    criteria: z.array(criterionSchema).min(1),
  })
  .strict();

export type Criterion = z.infer<typeof criterionSchema>;
export type Standard = z.infer<typeof standardSchema>;
export type Status = 'pass' | 'fail' | 'not stated';

export interface CriterionResult {
  id: string;
  principle: string;
  title: string;
  required: boolean;
  status: Status;
  reason: string;
}

export interface StandardResult {
  standard: string;
  plan: string;
  results: CriterionResult[];
  counts: { pass: number; fail: number; notStated: number; requiredFailing: number };
  passed: boolean;
}

/** Validate every standards file in the toolkit folders; problems carry file:line. */
export function checkStandards(folders: string[], problems: Problem[]): void {
  for (const folder of folders) {
    for (const path of listYamlFiles(join(folder, 'standards'))) {
      const { parsed, problems: syntax } = readYaml(path);
      problems.push(...syntax);
      if (!parsed) continue;
      const { value, problems: invalid } = checkSchema(parsed, standardSchema);
      problems.push(...invalid);
      if (!value) continue;
      const seen = new Set<string>();
      const fields = planFieldPaths();
      value.criteria.forEach((c, i) => {
        if (!fields.has(c.rule.path)) {
          problems.push({ file: parsed.file, line: locate(parsed, ['criteria', i, 'rule', 'path']), field: `criteria.${i}.rule.path`, message: `plan.yaml has no field ${c.rule.path}; see docs/plan-schema.md` });
        }
        if (seen.has(c.id)) problems.push({ file: parsed.file, line: locate(parsed, ['criteria', i, 'id']), field: `criteria.${i}.id`, message: `duplicate criterion id "${c.id}"` });
        seen.add(c.id);
      });
    }
  }
}

/** The consultation standard from the last toolkit folder that has one. */
export function loadStandard(folders: string[] = [BUILTIN_TOOLKIT], name = 'consultation'): Standard {
  // a complete toolkit without its own standard falls back to the built-in one
  const path = [BUILTIN_TOOLKIT, ...folders].reverse().map((f) => join(f, 'standards', `${name}.yaml`)).find((p) => existsSync(p));
  const problems: Problem[] = [];
  if (!path) throw new ProblemsError([`${join(folders[0] ?? '.', 'standards', `${name}.yaml`)}: missing`], 'ptk: the toolkit has no consultation standard.');
  const { parsed, problems: syntax } = readYaml(path);
  problems.push(...syntax);
  const checked = parsed ? checkSchema(parsed, standardSchema) : { problems: [] };
  problems.push(...checked.problems);
  if (!checked.value || problems.length > 0) {
    throw new ProblemsError(problems.map(formatProblem), 'ptk: the consultation standard is invalid; run `ptk toolkit validate`.');
  }
  return checked.value;
}

function valueAt(data: unknown, path: string): unknown {
  let here: unknown = data;
  for (const key of path.split('.')) {
    if (here === null || typeof here !== 'object' || Array.isArray(here)) return undefined;
    here = (here as Record<string, unknown>)[key];
  }
  return here;
}

const isPlaceholder = (v: unknown) => typeof v === 'string' && /^\s*(TODO|TBC|TBD)\b/i.test(v);

function notStated(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || isPlaceholder(v) || (Array.isArray(v) && v.length > 0 && v.every(isPlaceholder));
}

/** The assumed field (relative to consultation) that covers this rule's path, if any. */
function assumedField(plan: unknown, path: string): string | undefined {
  const assumed = valueAt(plan, 'consultation.assumed');
  if (!assumed || typeof assumed !== 'object' || !path.startsWith('consultation.')) return undefined;
  const field = path.slice('consultation.'.length);
  return Object.entries(assumed as Record<string, unknown>).find(([key, on]) => on === true && (key === field || key.startsWith(`${field}.`) || field.startsWith(`${key}.`)))?.[0];
}

/** Evaluate one criterion against a plan; pure given the context (calendar, toolkit roles). */
export function evaluateCriterion(c: Criterion, plan: unknown, context: Partial<CheckContext> = {}): CriterionResult {
  const base = { id: c.id, principle: c.principle, title: c.title, required: c.required };
  const v = valueAt(plan, c.rule.path);
  const field = c.rule.path;
  if (notStated(v)) return { ...base, status: 'not stated', reason: `${field} is not stated` };
  const assumed = assumedField(plan, field);
  if (assumed) {
    return { ...base, status: 'fail', reason: `consultation.${assumed} was suggested by the wizard and not confirmed (assumed: true): check it, then remove it from consultation.assumed` };
  }
  const n = c.rule.value ?? 0;
  const result = (ok: boolean, why: string): CriterionResult => ({ ...base, status: ok ? 'pass' : 'fail', reason: why });
  switch (c.rule.check) {
    case 'present':
      return Array.isArray(v) && v.length === 0 ? result(false, `${field} is an empty list`) : result(v !== false, v === false ? `${field} is false` : `${field} is stated`);
    case 'is_true':
      return result(v === true, v === true ? `${field} is yes` : `${field} is ${JSON.stringify(v)}, not yes`);
    case 'min_items':
    case 'max_items': {
      if (!Array.isArray(v)) return result(false, `${field} should be a list`);
      const items = v.filter((x) => !isPlaceholder(x)).length;
      const ok = c.rule.check === 'min_items' ? items >= n : items <= n;
      return result(ok, `${field} has ${items} entr${items === 1 ? 'y' : 'ies'}; ${c.rule.check === 'min_items' ? 'at least' : 'at most'} ${n} expected`);
    }
    case 'min_value':
    case 'max_value': {
      if (typeof v !== 'number') return result(false, `${field} should be a number`);
      const ok = c.rule.check === 'min_value' ? v >= n : v <= n;
      return result(ok, `${field} is ${v}; ${c.rule.check === 'min_value' ? 'at least' : 'at most'} ${n} expected`);
    }
    default: {
      const outcome = runContentCheck(c.rule.check, v, plan as Plan, { calendar: context.calendar ?? loadCalendar(), roleOf: context.roleOf }, field);
      return { ...base, ...outcome };
    }
  }
}

export function checkPlanAgainst(standard: Standard, plan: Plan, planFile: string, context: Partial<CheckContext> = {}): StandardResult {
  const full = { ...context, calendar: context.calendar ?? loadCalendar() };
  const results = standard.criteria.map((c) => evaluateCriterion(c, plan, full));
  const counts = {
    pass: results.filter((r) => r.status === 'pass').length,
    fail: results.filter((r) => r.status === 'fail').length,
    notStated: results.filter((r) => r.status === 'not stated').length,
    requiredFailing: results.filter((r) => r.required && r.status !== 'pass').length,
  };
  return { standard: standard.name, plan: planFile, results, counts, passed: counts.requiredFailing === 0 };
}
