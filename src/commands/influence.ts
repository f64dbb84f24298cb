import { resolve } from 'node:path';
import type { OptionsOf } from '../command-table.js';
import { computeInfluence } from '../evidence/influence.js';
import { influenceCsv, influenceHtml, influenceJson, influenceMarkdown, influenceTerminalRows } from '../evidence/influence-report.js';
import { toPosts } from '../evidence/posts.js';
import { readAccounts, readCsvFile, readMappingConfig } from '../lib/evidence-io.js';
import { writeReportFolder } from '../lib/fs.js';
import { colourFor, info, print, table } from '../lib/output.js';
import { displayPath } from '../toolkit/yaml-file.js';

type InfluenceOptions = OptionsOf<'influence'>;

export async function run(postsFile: string, options: InfluenceOptions): Promise<void> {
  const { config, dir } = readMappingConfig(options.config);
  const posts = toPosts(readCsvFile(postsFile), config, { required: ['author'] });
  const accountsFile = options.accounts ?? (config.accounts ? resolve(dir, config.accounts) : undefined);
  const known = accountsFile ? readAccounts(accountsFile, true) : undefined;
  const result = computeInfluence(posts, { source: displayPath(postsFile), top: options.top ?? 20, weights: config.weights, known });

  const json = influenceJson(result);
  await writeReportFolder(options.out, options.force, [
    ['influence.json', json],
    ['influence.csv', influenceCsv(result)],
    ['influence.md', influenceMarkdown(result)],
    ['influence.html', influenceHtml(result)],
  ]);

  if (options.json) {
    process.stdout.write(json);
  } else {
    const chalk = colourFor();
    print(chalk.bold(`Most influential of ${result.accountsTotal} accounts (${result.interactions} interactions in ${result.posts} posts)`));
    print(table(['Rank', 'Account', 'Type', 'Score', 'In-degree', 'Engagement', 'Followers', 'By followers'], influenceTerminalRows(result), chalk));
  }
  info(`Wrote influence.json, influence.csv, influence.md and influence.html to ${options.out}`);
}
