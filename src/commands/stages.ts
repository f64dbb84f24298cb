import type { OptionsOf } from '../command-table.js';
import { colourFor, print, printJson } from '../lib/output.js';
import { loadToolkit } from '../toolkit/load.js';

export async function run(options: OptionsOf<'stages'>): Promise<void> {
  const toolkit = loadToolkit(options.toolkit);
  if (options.json) {
    printJson(toolkit.stages);
    return;
  }
  const chalk = colourFor();
  for (const stage of toolkit.stages) {
    const count = [...toolkit.techniques.values()].filter((t) => t.value.stages.includes(stage.number)).length;
    print(`${chalk.bold(`${stage.number}  ${stage.name}`)} ${chalk.dim(`(${stage.id}, ${count} techniques)`)}`);
    print(`   ${stage.summary}`);
    for (const activity of stage.activities) {
      print(`   - ${chalk.cyan(activity.name)} ${chalk.dim(`[${activity.id}]`)}: ${activity.description}`);
    }
    print();
  }
  print(chalk.dim('Next: ptk techniques list --stage 1, or ptk wizard 1'));
}
