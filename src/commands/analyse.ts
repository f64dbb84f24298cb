/** `ptk analyse FILE.csv`: the I/O edge of the consultation analysis (reading, progress, writing). */
import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import type { GlobalOptions } from '../cli.js';
import { ProblemsError, UsageError } from '../errors.js';
import { checkOutputDir, writeFileAtomic } from '../lib/fs.js';
import { colourFor, info, print, printJson } from '../lib/output.js';
import { formatProblem } from '../toolkit/yaml-file.js';
import type { AnalysisConfig } from '../analysis/config.js';
import { inferConfig } from '../analysis/infer.js';
import { checkColumns, loadConfigFile } from '../analysis/load-config.js';
import { runAnalysis, type Sink } from '../analysis/pipeline/run.js';
import { REJECTS_HEADER, rejectsLines, responsesHeader } from '../analysis/report/csv.js';
import { renderHtml } from '../analysis/report/html.js';
import { renderMarkdown } from '../analysis/report/markdown.js';
import { buildResult, toSummary } from '../analysis/report/result.js';
import { startProgress } from '../analysis/report/progress.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

export const FORMATS = ['md', 'html', 'csv', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export interface AnalyseOptions extends GlobalOptions {
  config?: string;
  out?: string;
  format?: string;
  redact?: boolean;
  workers?: number;
  force?: boolean;
  quiet?: boolean;
  json?: boolean;
}

export function parseFormats(value: string | undefined): Set<Format> {
  const wanted = (value ?? FORMATS.join(',')).split(',').map((f) => f.trim().toLowerCase()).filter(Boolean);
  const formats = new Set<Format>();
  for (const format of wanted) {
    const normalised = format === 'markdown' ? 'md' : format;
    if (!(FORMATS as readonly string[]).includes(normalised)) throw new UsageError(`--format: unknown format "${format}"; choose from ${FORMATS.join(', ')}.`);
    formats.add(normalised as Format);
  }
  if (formats.size === 0) throw new UsageError(`--format: give at least one of ${FORMATS.join(', ')}.`);
  return formats;
}

/** A CSV written as it streams, to a temp file renamed into place at the end. */
class StreamedFile {
  readonly temp: string;
  readonly stream: WriteStream;
  constructor(readonly path: string) {
    this.temp = join(path, '..', `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
    this.stream = createWriteStream(this.temp);
  }
  write(text: string): boolean {
    return this.stream.write(text);
  }
  async finish(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    await rename(this.temp, this.path);
  }
  async discard(): Promise<void> {
    this.stream.destroy();
    await rm(this.temp, { force: true });
  }
}

export async function run(file: string, options: AnalyseOptions): Promise<void> {
  const formats = parseFormats(options.format);
  const outDir = options.out ?? 'ptk-report';
  checkOutputDir(outDir, options.force);
  const csvName = basename(file);

  let fileConfig: AnalysisConfig | undefined;
  let configProblemsFor: ((header: string[]) => string[]) | undefined;
  if (options.config) {
    const loaded = loadConfigFile(options.config);
    if (!loaded.config) {
      const lines = loaded.problems.map(formatProblem);
      if (lines.length === 1) throw new UsageError(lines[0] as string);
      throw new ProblemsError(lines, `${options.config}: ${lines.length} problems; nothing was analysed.`);
    }
    fileConfig = loaded.config;
    configProblemsFor = (header) => checkColumns(loaded.config as AnalysisConfig, header, csvName, loaded.parsed, options.config);
  }
  const settleConfig = (header: string[], sample: string[][]): AnalysisConfig => {
    if (fileConfig && configProblemsFor) {
      const problems = configProblemsFor(header);
      if (problems.length === 1) throw new UsageError(problems[0] as string);
      if (problems.length > 1) throw new ProblemsError(problems, `${options.config}: ${problems.length} columns not found in ${csvName}; nothing was analysed.`);
      return fileConfig;
    }
    return inferConfig(header, sample).config;
  };

  await mkdir(outDir, { recursive: true });
  const wantCsv = formats.has('csv');
  const responses = wantCsv ? new StreamedFile(join(outDir, 'responses.csv')) : undefined;
  const rejects = wantCsv ? new StreamedFile(join(outDir, 'rejects.csv')) : undefined;
  rejects?.write(REJECTS_HEADER);
  const progress = startProgress(!options.quiet && !options.json && process.stderr.isTTY === true);
  const sink: Sink = {
    begin: (plan) => void responses?.write(responsesHeader(plan)),
    responses: (text) => responses?.write(text) ?? true,
    rejects: (rows) => rejects?.write(rejectsLines(rows)) ?? true,
    drained: () =>
      Promise.all([responses, rejects].map((f) => (f && f.stream.writableNeedDrain ? new Promise<void>((resolve) => f.stream.once('drain', () => resolve())) : undefined))).then(() => undefined),
  };

  let outcome;
  try {
    outcome = await runAnalysis({
      file,
      settleConfig,
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
      writeResponses: wantCsv,
      sink,
      onProgress: progress.update,
    });
  } catch (error) {
    progress.stop();
    await responses?.discard();
    await rejects?.discard();
    throw error;
  }
  progress.stop();
  if (options.debug) info(`debug: ${outcome.workers === 0 ? 'in-process' : `${outcome.workers} worker threads`}, ${outcome.blocks} blocks`);
  await responses?.finish();
  await rejects?.finish();

  const result = buildResult(outcome, { configSource: options.config ? basename(options.config) : 'inferred', redact: options.redact !== false });
  const summary = toSummary(result, version);
  const written: string[] = [];
  if (formats.has('json')) {
    await writeFileAtomic(join(outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`, { force: true });
    written.push('summary.json');
  }
  if (formats.has('md')) {
    await writeFileAtomic(join(outDir, 'report.md'), renderMarkdown(result), { force: true });
    written.push('report.md');
  }
  if (formats.has('html')) {
    await writeFileAtomic(join(outDir, 'report.html'), renderHtml(result), { force: true });
    written.push('report.html');
  }
  if (wantCsv) written.push('responses.csv', 'rejects.csv');

  if (options.json) {
    printJson(summary);
    return;
  }
  const chalk = colourFor();
  print(`${chalk.bold('Analysed')} ${result.rows.analysed.toLocaleString('en-GB')} of ${result.rows.read.toLocaleString('en-GB')} responses in ${csvName} (${result.rows.rejected.toLocaleString('en-GB')} rejected${result.rows.rejected > 0 ? ': see rejects.csv' : ''}).`);
  for (const note of result.input.notes) info(`note: ${note}`);
  print(`Report written to ${outDir}/: ${written.join(', ')}`);
  if (formats.has('html')) print(`Open ${join(outDir, 'report.html')} in a browser.`);
}
