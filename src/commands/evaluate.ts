import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { OptionsOf } from '../command-table.js';
import { FindingsError, InputError } from '../errors.js';
import { evaluationHtml, evaluationJson, evaluationMarkdown } from '../evidence/evaluate-report.js';
import { evaluateTargets, planTargetsSchema, toMetricRows } from '../evidence/metrics.js';
import { dayOption, readCsvFile, readMappingConfig, readYamlWith } from '../lib/evidence-io.js';
import { writeReportFolder } from '../lib/fs.js';
import { colourFor, info, print, table } from '../lib/output.js';
import { checkSchema, displayPath } from '../toolkit/yaml-file.js';

type EvaluateOptions = OptionsOf<'evaluate'>;

/** Today in UTC, matching the UTC days of the data. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export async function run(metricsFile: string, options: EvaluateOptions): Promise<void> {
  const asOf = dayOption(options.asOf, '--as-of') ?? today();
  const planFile = existsSync(options.plan) && statSync(options.plan).isDirectory() ? join(options.plan, 'plan.yaml') : options.plan;
  if (!existsSync(planFile)) throw new InputError(displayPath(planFile), 'no such file: --plan takes a plan folder holding plan.yaml (see `ptk plan init`).');
  const plan = readYamlWith(planFile, (parsed) => checkSchema(parsed, planTargetsSchema));
  const { config } = readMappingConfig(options.config);
  const data = toMetricRows(readCsvFile(metricsFile), config);
  const result = evaluateTargets(plan, data, asOf, { plan: displayPath(planFile), metricsFile: displayPath(metricsFile) });

  const json = evaluationJson(result);
  await writeReportFolder(options.out, options.force, [
    ['evaluation.json', json],
    ['evaluation.md', evaluationMarkdown(result)],
    ['evaluation.html', evaluationHtml(result)],
  ]);

  if (options.json) {
    process.stdout.write(json);
  } else {
    const chalk = colourFor();
    const paint = (status: string) =>
      status === 'missed' ? chalk.red(status) : status === 'behind' ? chalk.yellow(status) : status === 'met' ? chalk.green(status) : status;
    print(chalk.bold(`Targets as of ${result.asOf}: ${result.counts.met} met, ${result.counts['on track']} on track, ${result.counts.behind} behind, ${result.counts.missed} missed`));
    const rows = result.objectives.flatMap((o) =>
      o.targets.map((t) => [o.id, t.id, `${t.channel} ${t.metric}`, `${Math.round(t.actual)}/${t.target}`, t.by, paint(t.status)]),
    );
    print(table(['Objective', 'Target', 'Measure', 'Actual/target', 'Deadline', 'Status'], rows, chalk));
  }
  info(`Wrote evaluation.md, evaluation.html and evaluation.json to ${options.out}`);
  // a target missed after its deadline is a finding (exit 1); the table says so, and with --json stderr does
  if (result.counts.missed > 0) throw new FindingsError(options.json ? `${result.counts.missed} target${result.counts.missed === 1 ? ' was' : 's were'} missed after the deadline.` : '');
}
