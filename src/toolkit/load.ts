/**
 * Loads the built-in toolkit and any organisation overlays (--toolkit DIR / PTK_TOOLKIT).
 * An overlay adds techniques and case studies, or replaces ones with the same id.
 * The built-in toolkit comes from its compiled copy in dist/ (checked when it was built) while that
 * copy matches the YAML files; everything else is read from YAML, schema-checked and cross-referenced
 * on each load (src/toolkit/load-yaml.ts).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { ProblemsError } from '../errors.js';
import { byName, readCompiledToolkit, type CompiledEntry } from './compiled.js';
import type * as YamlLoading from './load-yaml.js';
import type { CaseStudy, Technique } from './schema.js';
import type { Problem } from './yaml-file.js';

export { listYamlFiles } from './list-files.js';
export type { Entry, LoadResult, Source, Toolkit } from './types.js';
import type { Entry, LoadResult, Source, Toolkit } from './types.js';




export const BUILTIN_TOOLKIT = fileURLToPath(new URL('../../toolkit/', import.meta.url));

/** Overlay folders from the --toolkit flag and the PTK_TOOLKIT variable (path-list separated). */
export function overlayFolders(flag?: string | string[]): string[] {
  const fromFlag = flag === undefined ? [] : Array.isArray(flag) ? flag : [flag];
  const fromEnv = (process.env.PTK_TOOLKIT ?? '').split(process.platform === 'win32' ? ';' : ':').filter(Boolean);
  return [...fromEnv, ...fromFlag];
}

/**
 * The YAML parser and zod take longer to import than the rest of `ptk techniques list` together, and the
 * built-in toolkit does not need them while its compiled copy is current. So load-yaml.js is loaded on
 * first use, synchronously (Node 20.19 and later can require an ES module). From the TypeScript sources
 * (the tests) there is no .js file to require, and older Node cannot require ES modules: there it is
 * imported up front.
 */
const importUpFront = import.meta.url.endsWith('.ts') || (process.features as { require_module?: boolean }).require_module !== true;
let yamlLoading: typeof YamlLoading | undefined = importUpFront ? await import('./load-yaml.js') : undefined;

function yaml(): typeof YamlLoading {
  yamlLoading ??= createRequire(import.meta.url)('./load-yaml.js') as typeof YamlLoading;
  return yamlLoading;
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
  return yaml().loadCollection(folders, subfolder, schema, problems, brokenIds);
}

/** Check links between entries: activities within stages, related techniques and case studies that exist. */
export function checkReferences(toolkit: Toolkit, problems: Problem[]): void {
  yaml().checkReferences(toolkit, problems);
}


/** Load and check a toolkit made of `folders` in order (built-in first, then overlays), all from YAML. */
export function loadToolkitFolders(folders: string[]): LoadResult {
  return yaml().loadToolkitFolders(folders);
}

/** Where the build writes the compiled built-in toolkit (the same path from src/ and from dist/). */
export const COMPILED_TOOLKIT = fileURLToPath(new URL('../../dist/toolkit/builtin.json', import.meta.url));

/**
 * The built-in toolkit from its compiled copy, or undefined when there is none that matches the YAML
 * in `folder`. Each entry's source (file name and parsed YAML, for messages) is read only if asked for.
 */
export function compiledBuiltinToolkit(folder = BUILTIN_TOOLKIT, jsonPath = COMPILED_TOOLKIT): Toolkit | undefined {
  const compiled = readCompiledToolkit(folder, jsonPath);
  if (!compiled) return undefined;
  const entries = <T extends { id: string }>(list: CompiledEntry<T>[]) => new Map(list.map((e) => [e.value.id, lazyEntry(e.value, join(folder, e.file))] as const));
  const toolkit: Toolkit = { folders: [resolve(folder)], stages: compiled.stages, techniques: entries<Technique>(compiled.techniques), caseStudies: entries<CaseStudy>(compiled.caseStudies), brokenIds: new Set() };
  const ids = compiled.techniquesByName;
  sortedByBuild.set(toolkit, { ids, names: ids.map((id) => toolkit.techniques.get(id)?.value.name) });
  return toolkit;
}

/** Compiled toolkits and their techniques in name order as the build sorted them, with the names then. */
const sortedByBuild = new WeakMap<Toolkit, { ids: string[]; names: (string | undefined)[] }>();

function lazyEntry<T>(value: T, path: string): Entry<T> {
  let source: Source | undefined;
  return {
    value,
    get source(): Source {
      source ??= readSource(path);
      return source;
    },
  };
}

function readSource(path: string): Source {
  const { parsed, problems } = yaml().readYaml(path);
  // the fingerprint matched moments ago, so this only fails if the file was changed or removed since
  if (!parsed) throw new Error(`${path} changed while ptk was running: ${problems.map(yaml().formatProblem).join('; ')}`);
  return { file: parsed.file, parsed };
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
  const folders = toolkitFolders(overlay);
  const builtin = resolve(folders[0] ?? '') === resolve(BUILTIN_TOOLKIT) ? compiledBuiltinToolkit() : undefined;
  if (builtin && folders.length === 1) return builtin;
  // overlays (and a built-in toolkit without a current compiled copy) are read and checked here
  const { toolkit, problems } = yaml().loadToolkitFolders(folders, builtin);
  if (problems.length > 0) {
    throw new ProblemsError(problems.map(yaml().formatProblem), `ptk: the toolkit has ${problems.length} problem${problems.length === 1 ? '' : 's'}; run \`ptk toolkit validate\` on the folder named above.`);
  }
  return toolkit;
}

export function techniqueList(toolkit: Toolkit): Technique[] {
  // The build's order holds while the toolkit has the same techniques under the same names; using it
  // spares `ptk techniques list` loading the ICU collator, one of the larger costs of its start.
  const sorted = sortedByBuild.get(toolkit);
  if (sorted && sorted.ids.length === toolkit.techniques.size && sorted.ids.every((id, i) => toolkit.techniques.get(id)?.value.name === sorted.names[i])) {
    return sorted.ids.map((id) => toolkit.techniques.get(id)!.value);
  }
  return [...toolkit.techniques.values()].map((e) => e.value).sort(byName);
}
