/** `ptk site -o DIR`: the toolkit as a static website, written file by file atomically. */
import { resolve } from 'node:path';
import type { OptionsOf } from '../command-table.js';
import { writeReportFolder } from '../lib/fs.js';
import { info, printJson } from '../lib/output.js';
import { loadMasterclasses } from '../masterclass/load.js';
import { loadMaturityModel } from '../maturity/model.js';
import { loadStandard } from '../plan/standard.js';
import { buildSite } from '../site/build.js';
import { loadToolkit } from '../toolkit/load.js';

export async function run(options: OptionsOf<'site'>): Promise<void> {
  const toolkit = loadToolkit(options.toolkit);
  const folders = toolkit.folders;
  const masterclasses = [...loadMasterclasses(folders, toolkit).values()].map((m) => m.value).sort((x, y) => x.title.localeCompare(y.title));
  const files = buildSite({ toolkit, masterclasses, standard: loadStandard(folders), maturity: loadMaturityModel(folders) });
  const written = await writeReportFolder(options.out, options.force, files.map((f) => [f.path, f.html]));
  const bytes = files.reduce((sum, f) => sum + Buffer.byteLength(f.html), 0);
  if (options.json) {
    printJson({ out: options.out, index: resolve(options.out, 'index.html'), files: written.length, bytes, pages: written });
    return;
  }
  info(`Wrote ${written.length} pages (${Math.round(bytes / 1024)} KB) to ${options.out}. Open ${resolve(options.out, 'index.html')} in a browser; it needs no server.`);
}
