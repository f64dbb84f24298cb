/**
 * The built-in toolkit compiled at build time (scripts/compile-toolkit.js): its stages, techniques and
 * case studies already parsed and checked, as JSON in dist/, so a command need not parse and validate
 * every YAML file on each start. The JSON carries a fingerprint of the YAML it was made from; a copy
 * whose fingerprint does not match the files on disk (a checkout edited since the last build) is not
 * used. Reading it needs neither the YAML parser nor zod.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { listYamlFiles } from './list-files.js';
import type { CaseStudy, Stage, Technique } from './schema.js';

/** Bumped whenever the JSON layout changes, so an older build's file is ignored. */
export const COMPILED_FORMAT = 3;

export interface CompiledEntry<T> {
  /** The source file, relative to the toolkit folder, with `/` separators. */
  file: string;
  value: T;
}

export interface CompiledToolkit {
  format: typeof COMPILED_FORMAT;
  fingerprint: string;
  /** `fileStamps` of the source files when they were compiled. */
  stamps: string;
  stages: Stage[];
  techniques: CompiledEntry<Technique>[];
  caseStudies: CompiledEntry<CaseStudy>[];
  /** Technique ids in `byName` order, sorted by the build. */
  techniquesByName: string[];
}

/** The order of `techniqueList`: by name, as people read them. */
export function byName(a: Technique, b: Technique): number {
  return a.name.localeCompare(b.name);
}

/** The files the compiled toolkit is made from, in a fixed order. */
export function compiledSourceFiles(folder: string): string[] {
  return [join(folder, 'stages.yaml'), ...listYamlFiles(join(folder, 'techniques')), ...listYamlFiles(join(folder, 'case-studies'))];
}

export function relativeFile(folder: string, path: string): string {
  return relative(folder, path).split(sep).join('/');
}

/**
 * SHA-256 over each source file's relative name, length and bytes: what decides whether the compiled
 * copy is current. Content, not times: npm gives every file of a packed tarball one fixed date, so
 * times never match after an install.
 */
export function toolkitFingerprint(folder: string): string {
  const hash = createHash('sha256');
  for (const path of compiledSourceFiles(folder)) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      bytes = Buffer.alloc(0);
      hash.update('missing:');
    }
    hash.update(`${relativeFile(folder, path)}\0${bytes.length}\0`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

/**
 * Each source file's name, size, modification and change times and inode, in one string. While it is
 * unchanged no file has been written since (a write moves the change time, which utimes cannot set back,
 * and a save by rename gives a new inode), so the content need not be read. When it differs (after
 * an install, a checkout or a touch) the content hash decides.
 */
export function fileStamps(folder: string): string {
  return compiledSourceFiles(folder)
    .map((path) => {
      const stat = statSync(path, { bigint: true, throwIfNoEntry: false });
      return stat ? `${relativeFile(folder, path)}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}:${stat.ino}` : `${relativeFile(folder, path)}:missing`;
    })
    .join('\n');
}

/**
 * The compiled toolkit at `jsonPath` when it was made from the YAML now in `folder`; undefined when it
 * is missing, unreadable, of another format or out of date (the caller then reads the YAML).
 */
export function readCompiledToolkit(folder: string, jsonPath: string): CompiledToolkit | undefined {
  let compiled: CompiledToolkit;
  try {
    compiled = JSON.parse(readFileSync(jsonPath, 'utf8')) as CompiledToolkit;
  } catch {
    return undefined;
  }
  if (compiled?.format !== COMPILED_FORMAT || typeof compiled.fingerprint !== 'string') return undefined;
  if (compiled.stamps === fileStamps(folder)) return compiled;
  return compiled.fingerprint === toolkitFingerprint(folder) ? compiled : undefined;
}
