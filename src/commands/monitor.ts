import { resolve } from 'node:path';
import { redact } from '../analysis/redact.js';
import { scoreSentiment } from '../analysis/sentiment.js';
import type { OptionsOf } from '../command-table.js';
import { UsageError } from '../errors.js';
import { buildBriefing } from '../evidence/monitor.js';
import { briefingHtml, briefingJson, briefingMarkdown } from '../evidence/monitor-report.js';
import { toPosts } from '../evidence/posts.js';
import { compileTopics, topicsFileSchema } from '../evidence/topics.js';
import { dayOption, readAccounts, readCsvFile, readMappingConfig, readYamlWith } from '../lib/evidence-io.js';
import { writeReportFolder } from '../lib/fs.js';
import { colourFor, info, print, table } from '../lib/output.js';
import { checkSchema, displayPath } from '../toolkit/yaml-file.js';

type MonitorOptions = OptionsOf<'monitor'>;


export async function run(postsFile: string, options: MonitorOptions): Promise<void> {
  const since = dayOption(options.since, '--since');
  const until = dayOption(options.until, '--until');
  if (since && until && since > until) throw new UsageError(`--since ${since} is after --until ${until}.`);
  const topics = compileTopics(readYamlWith(options.topics, (parsed) => checkSchema(parsed, topicsFileSchema)));
  const { config, dir } = readMappingConfig(options.config);
  const posts = toPosts(readCsvFile(postsFile), config, { required: ['author', 'text', 'date'] });
  const accountsFile = options.accounts ?? (config.accounts ? resolve(dir, config.accounts) : undefined);
  const known = accountsFile ? readAccounts(accountsFile, false) : undefined;

  const days = posts.map((p) => p.day).sort();
  const inPeriod = posts.filter((p) => (!since || p.day >= since) && (!until || p.day <= until));
  if (inPeriod.length === 0) {
    throw new UsageError(`no posts between ${since ?? 'the start'} and ${until ?? 'the end'}: ${displayPath(postsFile)} covers ${days[0]} to ${days[days.length - 1]}.`);
  }
  const result = buildBriefing(posts, topics, {
    source: displayPath(postsFile),
    since: since ?? inPeriod.reduce((min, p) => (p.day < min ? p.day : min), inPeriod[0]!.day),
    until: until ?? inPeriod.reduce((max, p) => (p.day > max ? p.day : max), inPeriod[0]!.day),
    known,
    score: scoreSentiment,
    redact,
  });

  const json = briefingJson(result);
  await writeReportFolder(options.out, options.force, [
    ['briefing.json', json],
    ['briefing.md', briefingMarkdown(result)],
    ['briefing.html', briefingHtml(result)],
  ]);

  if (options.json) {
    process.stdout.write(json);
  } else {
    const chalk = colourFor();
    print(chalk.bold(`Monitoring ${result.since} to ${result.until}: ${result.postsInPeriod} posts, ${result.postsOnTopics} on topics`));
    print(
      table(
        ['Topic', 'Posts', 'Last 7 days', '7 days before', 'Trend/day'],
        result.topics.map((t) => [t.label, String(t.total), String(t.lastWeek), String(t.weekBefore), t.slope.toFixed(2)]),
        chalk,
      ),
    );
    if (result.risingTerms.length > 0) print(`Rising: ${result.risingTerms.slice(0, 8).map((t) => t.term).join(', ')}`);
  }
  info(`Wrote briefing.md, briefing.html and briefing.json to ${options.out}`);
}
