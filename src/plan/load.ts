/** Read plan.yaml (a folder or the file itself), check it, and resolve its technique ids. */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import type { Toolkit } from '../toolkit/load.js';
import { closest } from '../lib/suggest.js';
import { checkSchema, displayPath, formatProblem, locate, readYaml, type ParsedYaml, type Problem } from '../toolkit/yaml-file.js';
import { planSchema, type Plan } from './schema.js';

export interface LoadedPlan {
  file: string;
  plan: Plan;
  parsed: ParsedYaml;
}

export function planFileFor(dirOrFile: string): string {
  return existsSync(dirOrFile) && statSync(dirOrFile).isDirectory() ? join(dirOrFile, 'plan.yaml') : dirOrFile;
}

/** One line for the first problem, with a count of the rest. */
function firstProblem(problems: Problem[]): InputError {
  const [first, ...rest] = problems;
  const line = formatProblem(first!);
  const more = rest.length > 0 ? ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'})` : '';
  const cut = line.indexOf(': ');
  return new InputError(line.slice(0, cut), `${line.slice(cut + 2)}${more}`);
}

/** Activity and technique ids in a plan that the toolkit does not have, located by line. */
export function unknownTechniques(plan: Plan, parsed: ParsedYaml, toolkit: Toolkit): Problem[] {
  const problems: Problem[] = [];
  plan.stages.forEach((stage, i) => {
    const known = toolkit.stages.find((s) => s.number === stage.stage)?.activities.map((a) => a.id) ?? [];
    stage.activities.forEach((activity, j) => {
      if (known.includes(activity)) return;
      problems.push({
        file: parsed.file,
        line: locate(parsed, ['stages', i, 'activities', j]),
        field: `stages.${i}.activities.${j}`,
        message: `stage ${stage.stage} has no activity "${activity}"; use one of ${known.join(', ')}`,
      });
    });
    stage.techniques.forEach((t, j) => {
      if (toolkit.techniques.has(t.id)) return;
      const hint = closest(t.id, toolkit.techniques.keys());
      problems.push({
        file: parsed.file,
        line: locate(parsed, ['stages', i, 'techniques', j, 'id']),
        field: `stages.${i}.techniques.${j}.id`,
        message: `no technique with id "${t.id}"${hint.length ? `; did you mean ${hint.join(', ')}?` : '; see `ptk techniques list`'}`,
      });
    });
  });
  return problems;
}

export function readPlan(dirOrFile: string, toolkit?: Toolkit): LoadedPlan {
  const file = planFileFor(dirOrFile);
  if (!existsSync(file)) throw new InputError(displayPath(file), 'no such file: give a plan folder holding plan.yaml or the plan.yaml itself (see `ptk plan init`).');
  const { parsed, problems } = readYaml(file);
  if (!parsed) throw firstProblem(problems);
  if (parsed.data === null || typeof parsed.data !== 'object' || Array.isArray(parsed.data)) {
    throw new InputError(`${parsed.file}:1`, 'a plan must be a YAML mapping with policy:, objectives:, stages: ... (see docs/plan-schema.md)');
  }
  const { value, problems: invalid } = checkSchema(parsed, planSchema);
  if (!value) throw firstProblem(invalid);
  if (toolkit) {
    const unknown = unknownTechniques(value, parsed, toolkit);
    if (unknown.length > 0) throw firstProblem(unknown);
  }
  return { file: parsed.file, plan: value, parsed };
}
