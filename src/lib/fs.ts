import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, basename, join, relative, resolve, isAbsolute } from 'node:path';
import { UsageError, WouldOverwriteError } from '../errors.js';

export interface WriteOptions {
  force?: boolean;
}

/** Write a file atomically (temp file + rename), refusing to replace an existing one without force. */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: WriteOptions = {}): Promise<void> {
  if (!options.force && existsSync(path)) throw new WouldOverwriteError(path);
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** True when `dir` does not exist or has no entries. */
export function isEmptyDir(dir: string): boolean {
  if (!existsSync(dir)) return true;
  if (!statSync(dir).isDirectory()) throw new UsageError(`${dir} is a file, expected a folder.`);
  return readdirSync(dir).length === 0;
}

/** Resolve `name` inside `dir`, refusing anything that would land outside it (e.g. `../x`). */
export function insideDir(dir: string, name: string): string {
  const root = resolve(dir);
  const target = resolve(root, name);
  const rel = relative(root, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new UsageError(`Refusing to write ${name}: it is outside ${dir}.`);
  }
  return target;
}

/** Output folder for a multi-file command: refuses a non-empty folder unless forced. */
export function checkOutputDir(dir: string, force: boolean | undefined): void {
  if (!force && !isEmptyDir(dir)) {
    throw new UsageError(`${dir} is not empty: pass --force to write into it, or choose another folder with --out.`);
  }
}

/**
 * Write a report folder: refuse a non-empty `dir` without `force`, then write each file atomically.
 * Returns the file names, for the closing "Wrote …" line.
 */
export async function writeReportFolder(dir: string, force: boolean | undefined, files: [name: string, content: string][]): Promise<string[]> {
  checkOutputDir(dir, force);
  for (const [name, content] of files) await writeFileAtomic(insideDir(dir, name), content, { force: true });
  return files.map(([name]) => name);
}

/** `-o -` names standard output. */
export const STDOUT = '-';

/** Write `text` to `output` atomically (refusing to overwrite without `force`), or to stdout when no file (or `-`) is named. */
export async function writeToFileOrStdout(text: string, output: string | undefined, force: boolean | undefined, announce: (line: string) => void): Promise<void> {
  if (!output || output === STDOUT) {
    process.stdout.write(text);
    return;
  }
  await writeFileAtomic(output, text, { force });
  announce(`Wrote ${output}`);
}
