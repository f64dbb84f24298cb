import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { OptionsOf } from '../command-table.js';
import { ProblemsError, PtkError } from '../errors.js';
import { colourFor, print, printJson } from '../lib/output.js';
import { validateToolkitFolder } from '../toolkit/validate.js';
import { displayPath, formatProblem } from '../toolkit/yaml-file.js';

export async function run(dir: string | undefined, options: OptionsOf<'toolkit validate'>): Promise<void> {
  const folder = resolve(dir ?? 'toolkit');
  const target = dir === undefined && !existsSync(join(folder, 'stages.yaml')) ? undefined : folder;
  const report = await validateToolkitFolder(target);
  if (options.json) {
    printJson({ folder: displayPath(report.folder), valid: report.problems.length === 0, counts: report.counts, problems: report.problems });
    if (report.problems.length > 0) throw new PtkError(`${displayPath(report.folder)}: ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'} found (listed in the JSON).`);
    return;
  }
  if (report.problems.length > 0) {
    throw new ProblemsError(
      report.problems.map(formatProblem),
      `${displayPath(report.folder)}: ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'} found.`,
    );
  }
  const chalk = colourFor();
  const counts = Object.entries(report.counts).filter(([, n]) => n > 0).map(([kind, n]) => `${n} ${n === 1 ? kind.replace(/ies$/, 'y').replace(/s$/, '') : kind}`).join(', ');
  print(`${chalk.green('✔')} ${displayPath(report.folder)} is valid: ${counts}.`);
}
