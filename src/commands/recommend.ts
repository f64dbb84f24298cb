import type { OptionsOf } from '../command-table.js';
import { colourFor, printJson } from '../lib/output.js';
import { balancedToTerminal, leftOutToTerminal, recommendationsToTerminal } from '../recommend/format.js';
import { balancedSet, leftOut, parseSituation, recommend } from '../recommend/recommend.js';
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
    intent: options.intent,
    problem: options.problem,
  });
  const recs = recommend(toolkit, situation);
  const balanced = balancedSet(toolkit, situation, recs);
  const excluded = leftOut(toolkit, situation);
  if (options.json) {
    printJson({ situation, recommendations: recs.slice(0, options.top), balanced, leftOut: excluded });
    return;
  }
  const chalk = colourFor();
  process.stdout.write(recommendationsToTerminal(recs, situation, chalk, options.top));
  const balancedText = balancedToTerminal(balanced, chalk);
  if (balancedText) process.stdout.write(`\n${balancedText}`);
  const leftText = leftOutToTerminal(excluded, chalk);
  if (leftText) process.stdout.write(`\n${leftText}`);
}
