import type { OptionsOf } from '../command-table.js';
import { colourFor, printJson } from '../lib/output.js';
import { recommendationsToTerminal } from '../recommend/format.js';
import { parseSituation, recommend } from '../recommend/recommend.js';
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
  if (options.json) {
    printJson({ situation, recommendations: recs.slice(0, options.top) });
    return;
  }
  process.stdout.write(recommendationsToTerminal(recs, situation, colourFor(), options.top));
}
