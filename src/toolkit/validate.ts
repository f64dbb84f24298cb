/**
 * `ptk toolkit validate`: a folder with its own stages.yaml is checked on its own; a folder
 * without one is an organisation overlay, checked on top of the built-in toolkit.
 */
import { existsSync, readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_TOOLKIT, listYamlFiles, loadToolkitFolders } from './load.js';
import { readYaml, truncatedByComment, type Problem } from './yaml-file.js';
import type { ExtraCheck } from './extra-checks.js';

/** Every YAML file in a folder and its subfolders, sorted. */
function yamlFilesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return (readdirSync(folder, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

export interface ValidationReport {
  folder: string;
  counts: Record<string, number>;
  problems: Problem[];
}

// declared beside the checks, so the lazily loaded list does not import this module back (no cycle)
export type { ExtraCheck } from './extra-checks.js';

async function extraChecks(): Promise<ExtraCheck[]> {
  // loaded lazily so `validate` only pays for the kinds that exist
  return (await import('./extra-checks.js')).EXTRA_CHECKS;
}

export async function validateToolkitFolder(folder: string | undefined): Promise<ValidationReport> {
  const target = folder ?? BUILTIN_TOOLKIT;
  const standalone = existsSync(join(target, 'stages.yaml'));
  const folders = standalone ? [target] : [BUILTIN_TOOLKIT, target];
  const { toolkit, problems } = loadToolkitFolders(folders);
  for (const check of await extraChecks()) await check(folders, toolkit, problems);
  // text cut short by a " #" comment parses and validates, so it is looked for in every file
  for (const path of yamlFilesUnder(target)) {
    const { parsed } = readYaml(path);
    if (parsed) problems.push(...truncatedByComment(parsed));
  }
  return {
    folder: target,
    counts: {
      techniques: toolkit.techniques.size,
      'case studies': toolkit.caseStudies.size,
      stages: toolkit.stages.length,
      // files of the other kinds checked in the folder itself (an overlay may have none)
      standards: listYamlFiles(join(target, 'standards')).length,
      masterclasses: listYamlFiles(join(target, 'masterclasses')).length,
      scenarios: listYamlFiles(join(target, 'scenarios')).length,
    },
    problems,
  };
}
