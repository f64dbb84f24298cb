/**
 * Loads the built-in toolkit and any organisation overlays (--toolkit DIR / PTK_TOOLKIT).
 * An overlay adds techniques and case studies, or replaces ones with the same id.
 * Every file is schema-checked and every cross-reference resolved on each load.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { ProblemsError } from '../errors.js';
import { caseStudySchema, stagesFileSchema, techniqueSchema, type CaseStudy, type Stage, type Technique } from './schema.js';
import { checkSchema, displayPath, formatProblem, locate, readYaml, type ParsedYaml, type Problem } from './yaml-file.js';

/** Where each loaded entry came from, for error messages and `show`. */
export interface Source {
  file: string;
  parsed: ParsedYaml;
}

export interface Entry<T> {
  value: T;
  source: Source;
}

export interface Toolkit {
  /** Folders loaded, built-in first. */
  folders: string[];
  stages: Stage[];
  techniques: Map<string, Entry<Technique>>;
  caseStudies: Map<string, Entry<CaseStudy>>;
  /** Ids of entries whose files failed to load; links to them are not reported twice. */
  brokenIds: Set<string>;
}

export const BUILTIN_TOOLKIT = fileURLToPath(new URL('../../toolkit/', import.meta.url));

/** Overlay folders from the --toolkit flag and the PTK_TOOLKIT variable (path-list separated). */
export function overlayFolders(flag?: string | string[]): string[] {
  const fromFlag = flag === undefined ? [] : Array.isArray(flag) ? flag : [flag];
  const fromEnv = (process.env.PTK_TOOLKIT ?? '').split(process.platform === 'win32' ? ';' : ':').filter(Boolean);
  return [...fromEnv, ...fromFlag];
}

export function listYamlFiles(folder: string): string[] {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return [];
  return readdirSync(folder)
    .filter((name) => /\.ya?ml$/i.test(name))
    .sort()
    .map((name) => join(folder, name));
}

/**
 * Load every YAML file of one collection folder with `schema`, keyed by `id`.
 * Duplicate ids inside one folder are problems; ids from a later folder replace earlier ones.
 */
export function loadCollection<S extends z.ZodType<{ id: string }>>(
  folders: string[],
  subfolder: string,
  schema: S,
  problems: Problem[],
  brokenIds?: Set<string>,
): Map<string, Entry<z.infer<S>>> {
  const entries = new Map<string, Entry<z.infer<S>>>();
  for (const folder of folders) {
    const seenHere = new Map<string, string>();
    for (const path of listYamlFiles(join(folder, subfolder))) {
      const { parsed, problems: syntax } = readYaml(path);
      problems.push(...syntax);
      if (!parsed) continue;
      const { value, problems: invalid } = checkSchema(parsed, schema);
      problems.push(...invalid);
      if (!value) {
        // remember the id so links to this entry do not add a second, misleading problem
        const data = parsed.data as { id?: unknown } | null;
        if (data && typeof data.id === 'string') brokenIds?.add(data.id);
        continue;
      }
      const earlier = seenHere.get(value.id);
      if (earlier) {
        problems.push({ file: parsed.file, line: locate(parsed, ['id']), field: 'id', message: `duplicate id "${value.id}", also used in ${earlier}` });
        continue;
      }
      seenHere.set(value.id, parsed.file);
      entries.set(value.id, { value, source: { file: parsed.file, parsed } });
    }
  }
  return entries;
}

function loadStages(folders: string[], problems: Problem[]): Stage[] {
  // the last folder that has a stages.yaml wins
  const path = [...folders].reverse().map((f) => join(f, 'stages.yaml')).find((p) => existsSync(p));
  if (!path) {
    problems.push({ file: displayPath(join(folders[0] ?? '.', 'stages.yaml')), message: 'missing: a toolkit needs stages.yaml' });
    return [];
  }
  const { parsed, problems: syntax } = readYaml(path);
  problems.push(...syntax);
  if (!parsed) return [];
  const { value, problems: invalid } = checkSchema(parsed, stagesFileSchema);
  problems.push(...invalid);
  if (!value) return [];
  value.stages.forEach((stage, index) => {
    if (stage.number !== index + 1) {
      problems.push({ file: parsed.file, line: locate(parsed, ['stages', index, 'number']), field: `stages.${index}.number`, message: `expected stage ${index + 1} here` });
    }
  });
  return value.stages;
}

/** Check links between entries: activities within stages, related techniques and case studies that exist. */
export function checkReferences(toolkit: Toolkit, problems: Problem[]): void {
  const activitiesByStage = new Map(toolkit.stages.map((s) => [s.number, new Set(s.activities.map((a) => a.id))]));
  const allActivities = new Set(toolkit.stages.flatMap((s) => s.activities.map((a) => a.id)));
  const at = (source: Source, path: (string | number)[], message: string): Problem => ({
    file: source.file,
    line: locate(source.parsed, path),
    field: path.join('.'),
    message,
  });
  for (const { value: t, source } of toolkit.techniques.values()) {
    t.activities.forEach((activity, i) => {
      if (!allActivities.has(activity)) {
        problems.push(at(source, ['activities', i], `unknown activity "${activity}"; see \`ptk stages\` for the list`));
      } else if (!t.stages.some((n) => activitiesByStage.get(n)?.has(activity))) {
        problems.push(at(source, ['activities', i], `activity "${activity}" is not part of stage ${t.stages.join(' or ')}`));
      }
    });
    t.related.forEach((id, i) => {
      if (id === t.id) problems.push(at(source, ['related', i], 'a technique cannot be related to itself'));
      else if (!toolkit.techniques.has(id) && !toolkit.brokenIds.has(id)) problems.push(at(source, ['related', i], `no technique with id "${id}"`));
    });
    t.case_studies.forEach((id, i) => {
      if (!toolkit.caseStudies.has(id) && !toolkit.brokenIds.has(id)) problems.push(at(source, ['case_studies', i], `no case study with id "${id}"`));
    });
  }
  for (const { value: c, source } of toolkit.caseStudies.values()) {
    c.techniques.forEach((id, i) => {
      if (!toolkit.techniques.has(id) && !toolkit.brokenIds.has(id)) problems.push(at(source, ['techniques', i], `no technique with id "${id}"`));
    });
  }
}

export interface LoadResult {
  toolkit: Toolkit;
  problems: Problem[];
}

/** Load and check a toolkit made of `folders` in order (built-in first, then overlays). */
export function loadToolkitFolders(folders: string[]): LoadResult {
  const problems: Problem[] = [];
  const resolved = folders.map((f) => resolve(f));
  for (const folder of resolved) {
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
      problems.push({ file: displayPath(folder), message: 'toolkit folder not found' });
    }
  }
  const stages = loadStages(resolved, problems);
  const brokenIds = new Set<string>();
  const techniques = loadCollection(resolved, 'techniques', techniqueSchema, problems, brokenIds);
  const caseStudies = loadCollection(resolved, 'case-studies', caseStudySchema, problems, brokenIds);
  const toolkit: Toolkit = { folders: resolved, stages, techniques, caseStudies, brokenIds };
  checkReferences(toolkit, problems);
  return { toolkit, problems };
}

/**
 * The folders a command's toolkit is made of: the built-in one, then each overlay. An overlay with its own
 * stages.yaml is a complete toolkit, so it replaces everything before it (as `toolkit validate` treats it).
 */
export function toolkitFolders(overlay?: string | string[]): string[] {
  const folders = [BUILTIN_TOOLKIT, ...overlayFolders(overlay)];
  let start = 0;
  folders.forEach((folder, i) => {
    if (i > 0 && existsSync(join(folder, 'stages.yaml'))) start = i;
  });
  return folders.slice(start);
}

/** The toolkit every command uses: built-in plus overlays; any problem stops the command (exit 2). */
export function loadToolkit(overlay?: string | string[]): Toolkit {
  const { toolkit, problems } = loadToolkitFolders(toolkitFolders(overlay));
  if (problems.length > 0) {
    throw new ProblemsError(problems.map(formatProblem), `ptk: the toolkit has ${problems.length} problem${problems.length === 1 ? '' : 's'}; run \`ptk toolkit validate\` on the folder named above.`);
  }
  return toolkit;
}

export function techniqueList(toolkit: Toolkit): Technique[] {
  return [...toolkit.techniques.values()].map((e) => e.value).sort((a, b) => a.name.localeCompare(b.name));
}
