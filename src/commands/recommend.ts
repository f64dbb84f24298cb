import type { OptionsOf } from '../command-table.js';
import { colourFor, printJson } from '../lib/output.js';
import { recommendationsToTerminal } from '../recommend/format.js';
import { leftOut, parseSituation, recommend } from '../recommend/recommend.js';
import { loadToolkit } from '../toolkit/load.js';

type RecommendOptions = OptionsOf<'recommend'>;

export async function run(options: RecommendOptions): Promise<void> {
  const toolkit = loadToolkit(options.toolkit);
  const situation = parseSituation(toolkit, {
    stage: options.stage,
    activity: options.activity,
    audiences: options.audience,
    budget: options.budget,
    weeks: options.weeks,
    skills: options.skills,
    reach: options.reach,
    offlineShare: options.offlineShare,
    sensitive: options.sensitive,
  });
  const recs = recommend(toolkit, situation);
  const excluded = leftOut(toolkit, situation);
  if (options.json) {
    printJson({ situation, recommendations: recs.slice(0, options.top), leftOut: excluded });
    return;
  }
  const chalk = colourFor();
  process.stdout.write(recommendationsToTerminal(recs, situation, chalk, options.top));
  if (excluded.length > 0) process.stdout.write(`\n${chalk.bold('Left out')} (ruled out by your situation):\n${excluded.map((x) => `  ${x.name} [${x.id}]: ${x.reason}`).join('\n')}\n`);
}
