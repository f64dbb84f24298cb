/**
 * Compiles the built-in toolkit at build time (scripts/compile-toolkit.js): the same checks as
 * `ptk toolkit validate` (schemas, links, and the standards, maturity model, scenarios and
 * masterclasses), then stages, techniques and case studies written as JSON for src/toolkit/load.ts.
 */
import { resolve } from 'node:path';
import { writeFileAtomic } from '../lib/fs.js';
import { byName, COMPILED_FORMAT, fileStamps, relativeFile, toolkitFingerprint, type CompiledEntry, type CompiledToolkit } from './compiled.js';
import { EXTRA_CHECKS } from './extra-checks.js';
import type { Entry } from './load.js';
import { loadToolkitFolders } from './load-yaml.js';
import type { Problem } from './yaml-file.js';

export async function compileToolkit(folder: string): Promise<{ compiled?: CompiledToolkit; problems: Problem[] }> {
  // taken before the files are read: if one changes meanwhile, the copy is stale rather than wrongly current
  const stamps = fileStamps(folder);
  const fingerprint = toolkitFingerprint(folder);
  const { toolkit, problems } = loadToolkitFolders([folder]);
  for (const check of EXTRA_CHECKS) await check([folder], toolkit, problems);
  if (problems.length > 0) return { problems };
  const root = resolve(folder);
  // source.file is the display path (relative to the working folder when shorter)
  const entries = <T>(map: Map<string, Entry<T>>): CompiledEntry<T>[] =>
    [...map.values()].map((e) => ({ file: relativeFile(root, resolve(e.source.file)), value: e.value }));
  const compiled: CompiledToolkit = {
    format: COMPILED_FORMAT,
    fingerprint,
    stamps,
    stages: toolkit.stages,
    techniques: entries(toolkit.techniques),
    caseStudies: entries(toolkit.caseStudies),
    techniquesByName: [...toolkit.techniques.values()].map((e) => e.value).sort(byName).map((t) => t.id),
  };
  return { compiled, problems };
}

export async function writeCompiledToolkit(compiled: CompiledToolkit, path: string): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(compiled)}\n`, { force: true });
}
