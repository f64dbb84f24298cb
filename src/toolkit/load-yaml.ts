/**
 * Reading toolkit folders from their YAML files: every file parsed and schema-checked, every link
 * between entries resolved. This module brings in the YAML parser and zod, so src/toolkit/load.ts
 * loads it only when it has YAML to read (an overlay, a toolkit validation, or a built-in toolkit
 * whose compiled copy is missing or out of date).
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { z } from 'zod';
import type { Entry, LoadResult, Source, Toolkit } from './types.js';
import { listYamlFiles } from './list-files.js';
import { caseStudySchema, stagesFileSchema, techniqueSchema, type Stage } from './schema.js';
import { checkSchema, displayPath, locate, readYaml, type Problem } from './yaml-file.js';

export { displayPath, formatProblem, readYaml } from './yaml-file.js';

/**
 * Load every YAML file of one collection folder with `schema`, keyed by `id`.
 * Duplicate ids inside one folder are problems; ids from a later folder replace earlier ones.
 * `start` holds entries already loaded (the compiled built-in toolkit) that the folders add to.
 */
export function loadCollection<S extends z.ZodType<{ id: string }>>(
  folders: string[],
  subfolder: string,
  schema: S,
  problems: Problem[],
  brokenIds?: Set<string>,
  start?: Map<string, Entry<z.infer<S>>>,
): Map<string, Entry<z.infer<S>>> {
  const entries = new Map<string, Entry<z.infer<S>>>(start);
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

/** The stages of the last folder that has a stages.yaml, or `start` when none of them has one. */
function loadStages(folders: string[], problems: Problem[], start?: Stage[]): Stage[] {
  const path = [...folders].reverse().map((f) => join(f, 'stages.yaml')).find((p) => existsSync(p));
  if (!path) {
    if (start) return start;
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
  for (const entry of toolkit.techniques.values()) {
    const t = entry.value;
    t.activities.forEach((activity, i) => {
      if (!allActivities.has(activity)) {
        problems.push(at(entry.source, ['activities', i], `unknown activity "${activity}"; see \`ptk stages\` for the list`));
      } else if (!t.stages.some((n) => activitiesByStage.get(n)?.has(activity))) {
        problems.push(at(entry.source, ['activities', i], `activity "${activity}" is not part of stage ${t.stages.join(' or ')}`));
      }
    });
    t.related.forEach((id, i) => {
      if (id === t.id) problems.push(at(entry.source, ['related', i], 'a technique cannot be related to itself'));
      else if (!toolkit.techniques.has(id) && !toolkit.brokenIds.has(id)) problems.push(at(entry.source, ['related', i], `no technique with id "${id}"`));
    });
    t.case_studies.forEach((id, i) => {
      if (!toolkit.caseStudies.has(id) && !toolkit.brokenIds.has(id)) problems.push(at(entry.source, ['case_studies', i], `no case study with id "${id}"`));
    });
  }
  for (const entry of toolkit.caseStudies.values()) {
    entry.value.techniques.forEach((id, i) => {
      if (!toolkit.techniques.has(id) && !toolkit.brokenIds.has(id)) problems.push(at(entry.source, ['techniques', i], `no technique with id "${id}"`));
    });
  }
}

/**
 * Load and check a toolkit made of `folders` in order (built-in first, then overlays). With `builtin`
 * (the compiled built-in toolkit, already checked when it was built) the first folder is taken from it
 * instead of its YAML, and the other folders are read and merged on top as usual.
 */
export function loadToolkitFolders(folders: string[], builtin?: Toolkit): LoadResult {
  const problems: Problem[] = [];
  const resolved = folders.map((f) => resolve(f));
  const seeded = builtin !== undefined && builtin.folders.length === 1 && resolved[0] === builtin.folders[0];
  const toRead = seeded ? resolved.slice(1) : resolved;
  for (const folder of toRead) {
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
      problems.push({ file: displayPath(folder), message: 'toolkit folder not found' });
    }
  }
  const start = seeded ? builtin : undefined;
  const stages = loadStages(toRead, problems, start?.stages);
  const brokenIds = new Set<string>(start?.brokenIds);
  const techniques = loadCollection(toRead, 'techniques', techniqueSchema, problems, brokenIds, start?.techniques);
  const caseStudies = loadCollection(toRead, 'case-studies', caseStudySchema, problems, brokenIds, start?.caseStudies);
  const toolkit: Toolkit = { folders: resolved, stages, techniques, caseStudies, brokenIds };
  checkReferences(toolkit, problems);
  return { toolkit, problems };
}
