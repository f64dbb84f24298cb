/** `ptk analyse init FILE.csv`: write an editable analysis config guessed from the header and a sample. */
import { basename } from 'node:path';
import type { OptionsOf } from '../command-table.js';
import { STDOUT, writeFileAtomic } from '../lib/fs.js';
import { print, printJson } from '../lib/output.js';
import { inferConfig, renderConfigYaml } from '../analysis/infer.js';
import { sampleFile } from '../analysis/pipeline/run.js';

export type AnalyseInitOptions = OptionsOf<'analyse init'>;

export async function run(file: string, options: AnalyseInitOptions): Promise<void> {
  const head = await sampleFile(file);
  const inferred = inferConfig(head.header.columns, head.sample);
  if (options.json) {
    printJson({ config: inferred.config, guesses: inferred.guesses, sampledRows: inferred.sampledRows });
    return;
  }
  const output = options.out ?? 'analysis.yaml';
  const yaml = renderConfigYaml(inferred, basename(file));
  if (output === STDOUT) {
    print(yaml);
    return;
  }
  await writeFileAtomic(output, yaml, { force: options.force === true });
  const { config } = inferred;
  print(`Wrote ${output}: ${config.closed.length} closed and ${config.open.length} open questions, ${config.segments.length} segment column${config.segments.length === 1 ? '' : 's'}${config.respondentType ? `, respondent type "${config.respondentType}"` : ', no respondent-type column found'}.`);
  for (const note of head.header.notes) print(`note: ${note}`);
  print(`Check the guesses (comments in the file), then run: ptk analyse ${file} --config ${output}`);
}
