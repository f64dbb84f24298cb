/**
 * Every command in every built-in exercise runs, as printed, from the data/ folder of that module's
 * session pack: the pack holds every file the commands need. Exit 1 is allowed (a check that finds a
 * missed target or a failed criterion is part of the lesson); exit 2 (bad usage or input) is not.
 * `ptk simulate` runs for an hour of simulated time, so for it only the scenario is checked.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMasterclasses, splitCommandLine } from '../../src/masterclass/load.js';
import { BUILTIN_TOOLKIT, loadToolkitFolders } from '../../src/toolkit/load.js';
import { runPtk, tempDir } from '../helpers/cli.js';

const { toolkit } = loadToolkitFolders([BUILTIN_TOOLKIT]);
const modules = loadMasterclasses([BUILTIN_TOOLKIT], toolkit);

describe('exercise commands run from a session pack', () => {
  for (const { value: module } of modules.values()) {
    it(`${module.id}`, { timeout: 180_000 }, () => {
      const dir = join(tempDir(), 'pack');
      expect(runPtk(['masterclass', 'pack', module.id, '-o', dir]).code).toBe(0);
      // modules without data files run from the pack folder itself
      const where = existsSync(join(dir, 'data')) ? join(dir, 'data') : dir;
      for (const line of module.exercises.flatMap((e) => e.commands)) {
        const argv = splitCommandLine(line).slice(1);
        if (argv[0] === 'simulate') {
          expect(existsSync(join(BUILTIN_TOOLKIT, 'scenarios', `${argv[1]}.yaml`)), `${line}: no such scenario`).toBe(true);
          expect(runPtk([...argv, '--help']).code, line).toBe(0);
          continue;
        }
        const r = runPtk(argv, { cwd: where });
        expect([0, 1], `${line}\n${r.stderr}`).toContain(r.code);
        expect(r.stderr, line).not.toMatch(/^ptk: /m);
      }
    });
  }
});
