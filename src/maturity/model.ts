/**
 * The digital maturity self-assessment (European Digital Capability Framework levels 1-5), pure.
 * A dimension's level is the median of its answers (rounded down): one unusually good answer does not
 * lift the dimension. The overall level is the median of the five dimension levels, rounded down: it
 * describes where most of the organisation is, and the weakest dimensions are reported separately and
 * drive the next steps, so a low minimum is never hidden.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ProblemsError } from '../errors.js';
import { BUILTIN_TOOLKIT, type Toolkit } from '../toolkit/load.js';
import { ID_PATTERN, SKILL_LEVELS, COST_LEVELS, type Technique } from '../toolkit/schema.js';
import { checkSchema, formatProblem, locate, readYaml, type Problem } from '../toolkit/yaml-file.js';

export const DIMENSIONS = ['leadership', 'skills', 'culture', 'services', 'metrics'] as const;
const text = z.string().trim().min(1);
const id = z.string().regex(ID_PATTERN, 'must be lower-case words joined by hyphens');

export const maturityModelSchema = z
  .object({
    levels: z
      .array(z.object({ level: z.number().int().min(1).max(5), name: text, description: text, framework: text.optional() }).strict())
      .length(5, 'there must be exactly five levels'),
    dimensions: z
      .array(
        z
          .object({
            id: z.enum(DIMENSIONS, { error: `dimension id must be one of ${DIMENSIONS.join(', ')}` }),
            name: text,
            questions: z.array(z.object({ id, text, options: z.array(text).length(5, 'each question needs five options, one per level') }).strict()).min(1),
            next_steps: z.object({ activities: z.array(id).min(1) }).strict(),
          })
          .strict(),
      )
      .length(5, 'there must be five dimensions: leadership, skills, culture, services, metrics'),
  })
  .strict();

export type MaturityModel = z.infer<typeof maturityModelSchema>;

/** Validate toolkit/maturity.yaml in each folder that has one (file:line problems). */
export function checkMaturityModel(folders: string[], problems: Problem[]): void {
  for (const folder of folders) {
    const path = join(folder, 'maturity.yaml');
    if (!existsSync(path)) continue;
    const { parsed, problems: syntax } = readYaml(path);
    problems.push(...syntax);
    if (!parsed) continue;
    const { value, problems: invalid } = checkSchema(parsed, maturityModelSchema);
    problems.push(...invalid);
    if (!value) continue;
    value.levels.forEach((l, i) => {
      if (l.level !== i + 1) problems.push({ file: parsed.file, line: locate(parsed, ['levels', i, 'level']), field: `levels.${i}.level`, message: `expected level ${i + 1} here` });
    });
    const seenDims = new Set<string>();
    const seenQuestions = new Set<string>();
    value.dimensions.forEach((d, i) => {
      if (seenDims.has(d.id)) problems.push({ file: parsed.file, line: locate(parsed, ['dimensions', i, 'id']), field: `dimensions.${i}.id`, message: `duplicate dimension "${d.id}"` });
      seenDims.add(d.id);
      d.questions.forEach((q, j) => {
        if (seenQuestions.has(q.id)) problems.push({ file: parsed.file, line: locate(parsed, ['dimensions', i, 'questions', j, 'id']), field: `dimensions.${i}.questions.${j}.id`, message: `duplicate question id "${q.id}"` });
        seenQuestions.add(q.id);
      });
    });
  }
}

export function loadMaturityModel(folders: string[] = [BUILTIN_TOOLKIT]): MaturityModel {
  const path = [BUILTIN_TOOLKIT, ...folders].reverse().map((f) => join(f, 'maturity.yaml')).find((p) => existsSync(p));
  if (!path) throw new ProblemsError([`${join(folders[0] ?? '.', 'maturity.yaml')}: missing`], 'ptk: the toolkit has no maturity model.');
  const { parsed, problems } = readYaml(path);
  const checked = parsed ? checkSchema(parsed, maturityModelSchema) : { problems: [] as Problem[] };
  const all = [...problems, ...checked.problems];
  if (!checked.value || all.length > 0) throw new ProblemsError(all.map(formatProblem), 'ptk: the maturity model is invalid; run `ptk toolkit validate`.');
  return checked.value;
}

export interface DimensionResult {
  id: string;
  name: string;
  level: number;
  levelName: string;
  answers: Record<string, number>;
}

export interface NextStep {
  dimension: string;
  techniques: { id: string; name: string; summary: string; why: string }[];
}

export interface MaturityResult {
  overall: number;
  overallName: string;
  /** The framework's own descriptor of the overall level, as the source strategy gives it. */
  overallDescriptor: string;
  method: string;
  dimensions: DimensionResult[];
  weakest: string[];
  nextSteps: NextStep[];
}

/** Median rounded down, so a level is only claimed when at least half the evidence reaches it. */
export function lowerMedian(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/**
 * Techniques that fit a weak dimension: serve one of its activities, easiest first for the level the team
 * is at (basic skills at levels 1-2, intermediate at 3), then cheaper, then by id. A technique that
 * needs more skill than the level suggests still appears when nothing easier serves the activities.
 */
export function techniquesFor(toolkit: Toolkit, activities: string[], level: number, limit = 3): Technique[] {
  const maxSkill = level <= 2 ? 0 : level === 3 ? 1 : 2;
  const stretch = (t: Technique) => Math.max(0, SKILL_LEVELS.indexOf(t.skills) - maxSkill);
  return [...toolkit.techniques.values()]
    .map((e) => e.value)
    .filter((t) => t.activities.some((a) => activities.includes(a)))
    .sort((a, b) => stretch(a) - stretch(b) || COST_LEVELS.indexOf(a.cost) - COST_LEVELS.indexOf(b.cost) || SKILL_LEVELS.indexOf(a.skills) - SKILL_LEVELS.indexOf(b.skills) || (a.id < b.id ? -1 : 1))
    .slice(0, limit);
}

export function assess(model: MaturityModel, answers: Record<string, number>, toolkit: Toolkit): MaturityResult {
  const levelName = (n: number) => model.levels[n - 1]!.name;
  const dimensions = model.dimensions.map((d) => {
    const own = Object.fromEntries(d.questions.map((q) => [q.id, answers[q.id]!]));
    const level = lowerMedian(Object.values(own));
    return { id: d.id, name: d.name, level, levelName: levelName(level), answers: own };
  });
  const overall = lowerMedian(dimensions.map((d) => d.level));
  const lowest = Math.min(...dimensions.map((d) => d.level));
  const weakest = dimensions.filter((d) => d.level === lowest).map((d) => d.id);
  const nextSteps = model.dimensions
    .filter((d) => weakest.includes(d.id))
    .map((d) => ({
      dimension: d.id,
      techniques: techniquesFor(toolkit, d.next_steps.activities, lowest).map((t) => ({
        id: t.id,
        name: t.name,
        summary: t.summary,
        why: `serves ${t.activities.filter((a) => d.next_steps.activities.includes(a)).join(', ')}; ${t.skills} skills, ${t.cost} cost`,
      })),
    }));
  return {
    overall,
    overallName: levelName(overall),
    overallDescriptor: model.levels.find((l) => l.level === overall)?.framework ?? '',
    method: 'dimension level = median of its answers, rounded down; overall = median of the five dimension levels, rounded down; next steps target the weakest dimensions',
    dimensions,
    weakest,
    nextSteps,
  };
}
