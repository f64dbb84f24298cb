/** Run the built `ptk` binary as a user would (build first: `npm test` does). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'bin/ptk.js');
/** Real data for the conformance suite, beside the checkout (PTK_SHARED_DIR points elsewhere, e.g. at nothing to try a fresh clone). */
export const SHARED = resolve(process.env.PTK_SHARED_DIR ?? join(ROOT, '../shared'));
/** Whether the conformance suite's real data is there; tests that read it run only then (see test/setup/conformance.ts). */
export const HAVE_SHARED = existsSync(join(SHARED, 'data'));

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runPtk(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}): RunResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', PTK_TOOLKIT: '', CI: 'true', ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function tempDir(prefix = 'ptk-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
