/** The one writer for plan folders: all files at the end, so Ctrl-C or an error leaves nothing half-written. */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkOutputDir, insideDir, writeFileAtomic } from '../lib/fs.js';

export const PLAN_TEMPLATES = fileURLToPath(new URL('../../templates/plan/', import.meta.url));

export function readTemplate(name: string): string {
  return readFileSync(join(PLAN_TEMPLATES, name), 'utf8');
}

/**
 * Write `files` (name -> content) into `dir`. A new folder is built beside it under a temporary
 * name and renamed into place; an existing (empty, or forced) folder gets each file atomically.
 */
export async function writePlanFolder(dir: string, files: Record<string, string>, force: boolean | undefined): Promise<string[]> {
  checkOutputDir(dir, force);
  const targets = Object.keys(files).map((name) => insideDir(dir, name));
  if (!existsSync(dir)) {
    const temp = join(dirname(resolve(dir)), `.${basename(resolve(dir))}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      for (const [name, content] of Object.entries(files)) await writeFileAtomic(insideDir(temp, name), content);
      await rename(temp, dir);
    } catch (error) {
      await rm(temp, { recursive: true, force: true });
      throw error;
    }
    return targets;
  }
  await mkdir(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFileAtomic(insideDir(dir, name), content, { force: true });
  return targets;
}
