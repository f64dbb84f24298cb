/** `ptk analyse FILE.csv`: the I/O edge of the consultation analysis (reading, progress, writing). */
import { randomBytes } from 'node:crypto';
import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import type { OptionsOf } from '../command-table.js';
import { InputError, ProblemsError, UsageError } from '../errors.js';
import { checkOutputDir, writeFileAtomic } from '../lib/fs.js';
import { closest } from '../lib/suggest.js';
import { colourFor, info, isQuiet, print, printJson } from '../lib/output.js';
import { displayPath, formatProblem, readYaml, type ParsedYaml } from '../toolkit/yaml-file.js';
import type { AnalysisConfig, CampaignsConfig } from '../analysis/config.js';
import { DEFAULT_CAMPAIGNS } from '../analysis/config.js';
import { inferConfig } from '../analysis/infer.js';
import { checkColumns, keyLine, loadConfigFile } from '../analysis/load-config.js';
import { parseReview, type ReviewSet } from '../analysis/review.js';
import { checkCodeframe, type Codeframe } from '../analysis/themes/codeframe.js';
import { runAnalysis, type Sink } from '../analysis/pipeline/run.js';
import { REJECTS_HEADER, REVIEW_HEADER, rejectsLines, responsesHeader } from '../analysis/report/csv.js';
import { renderHtml } from '../analysis/report/html.js';
import { renderMarkdown } from '../analysis/report/markdown.js';
import { buildResult, toSummary } from '../analysis/report/result.js';
import { startProgress } from '../analysis/report/progress.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/** The files `--format` picks (defined with the option in src/command-table.ts). */
type Format = AnalyseOptions['format'][number];

export type AnalyseOptions = OptionsOf<'analyse'>;

/** A CSV written as it streams, to a temp file renamed into place at the end. */
class StreamedFile {
  readonly temp: string;
  readonly stream: WriteStream;
  constructor(readonly path: string) {
    this.temp = join(path, '..', `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
    this.stream = createWriteStream(this.temp);
  }
  write(data: string | Uint8Array): boolean {
    return this.stream.write(data);
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

/** A --codeframe file, checked, with its parsed YAML for line numbers. */
function loadCodeframeFile(path: string): { codeframe: Codeframe; parsed: ParsedYaml } {
  const { parsed, problems } = readYaml(path);
  if (!parsed) throw new ProblemsError(problems.map(formatProblem), `${path}: not a readable codeframe.`);
  const checked = checkCodeframe(parsed);
  if (!checked.value) {
    const lines = checked.problems.map(formatProblem);
    if (lines.length === 1) throw new UsageError(lines[0] as string);
    throw new ProblemsError(lines, `${path}: ${lines.length} problems in the codeframe; nothing was analysed.`);
  }
  return { codeframe: checked.value, parsed };
}

/**
 * Put the codeframe into the config: every coded question must be a column of the file; one that is
 * not already an open question becomes one (said in a note).
 */
function withCodeframe(config: AnalysisConfig, codeframe: Codeframe, header: string[], csvName: string, parsed: ParsedYaml): { config: AnalysisConfig; notes: string[] } {
  const problems: string[] = [];
  const notes: string[] = [];
  const open = [...config.open];
  for (const question of Object.keys(codeframe.questions)) {
    if (!header.includes(question)) {
      const suggestion = closest(question, header, 1)[0];
      problems.push(formatProblem({ file: parsed.file, line: keyLine(parsed, ['questions'], question), field: 'questions', message: `no column "${question}" in ${csvName}${suggestion ? `; did you mean "${suggestion}"?` : ''}` }));
    } else if (!open.some((q) => q.column === question)) {
      open.push({ column: question });
      notes.push(`"${question}" is coded by the codeframe, so it is analysed as an open question`);
    }
  }
  if (problems.length === 1) throw new UsageError(problems[0] as string);
  if (problems.length > 1) throw new ProblemsError(problems, `${parsed.file}: ${problems.length} questions not found in ${csvName}; nothing was analysed.`);
  return { config: { ...config, open, closed: config.closed.filter((q) => !(q.column in codeframe.questions)), codeframe }, notes };
}

export async function run(file: string, options: AnalyseOptions): Promise<void> {
  const formats = new Set<Format>(options.format);
  const outDir = options.out ?? 'ptk-report';
  if (options.similarity !== undefined && !(options.similarity > 0 && options.similarity <= 1)) {
    throw new UsageError(`--similarity: ${options.similarity} is not a Jaccard similarity; give a number above 0 and at most 1 (default 0.8).`);
  }
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

  // The codeframe (a --codeframe file wins over the config's) and the review file, checked before any row is read.
  const fromFile = options.codeframe ? loadCodeframeFile(options.codeframe) : undefined;
  const codeframe = fromFile?.codeframe ?? fileConfig?.codeframe;
  const codeframeSource = options.codeframe ? basename(options.codeframe) : codeframe && options.config ? basename(options.config) : undefined;
  let review: ReviewSet | undefined;
  if (options.review) {
    if (!codeframe) throw new UsageError('--review needs a codeframe: give --codeframe FILE or a codeframe: section in the config.');
    let text: string;
    try {
      text = readFileSync(options.review, 'utf8');
    } catch (error) {
      throw new InputError(displayPath(options.review), `cannot read: ${(error as Error).message}`);
    }
    review = parseReview(text, displayPath(options.review), codeframe);
    // rows left as they were (no theme added or removed, no flag) are not reviews: a template passed back unchanged changes nothing
    for (const [key, entry] of review.entries) if (entry.add.length === 0 && entry.remove.length === 0 && !entry.flag) review.entries.delete(key);
  }
  const campaignSettings: CampaignsConfig | undefined =
    options.similarity !== undefined ? { ...DEFAULT_CAMPAIGNS, ...fileConfig?.campaigns, similarity: options.similarity } : undefined;

  const configNotes: string[] = [];
  const settleConfig = (header: string[], sample: string[][]): AnalysisConfig => {
    let config: AnalysisConfig;
    if (fileConfig && configProblemsFor) {
      const problems = configProblemsFor(header);
      if (problems.length === 1) throw new UsageError(problems[0] as string);
      if (problems.length > 1) throw new ProblemsError(problems, `${options.config}: ${problems.length} columns not found in ${csvName}; nothing was analysed.`);
      config = fileConfig;
    } else {
      config = inferConfig(header, sample).config;
    }
    if (fromFile) {
      const merged = withCodeframe(config, fromFile.codeframe, header, csvName, fromFile.parsed);
      configNotes.push(...merged.notes);
      config = merged.config;
    }
    return config;
  };

  await mkdir(outDir, { recursive: true });
  const wantCsv = formats.has('csv');
  const wantReviewTemplate = wantCsv && codeframe !== undefined;
  const responses = wantCsv ? new StreamedFile(join(outDir, 'responses.csv')) : undefined;
  const rejects = wantCsv ? new StreamedFile(join(outDir, 'rejects.csv')) : undefined;
  const reviewTemplate = wantReviewTemplate ? new StreamedFile(join(outDir, 'review.csv')) : undefined;
  const streams = [responses, rejects, reviewTemplate];
  rejects?.write(REJECTS_HEADER);
  reviewTemplate?.write(REVIEW_HEADER);
  const progress = startProgress(!options.quiet && !options.json && process.stderr.isTTY === true);
  const sink: Sink = {
    begin: (plan) => void responses?.write(responsesHeader(plan)),
    responses: (bytes) => responses?.write(bytes) ?? true,
    rejects: (rows) => rejects?.write(rejectsLines(rows)) ?? true,
    review: (bytes) => reviewTemplate?.write(bytes) ?? true,
    drained: () =>
      Promise.all(streams.map((f) => (f && f.stream.writableNeedDrain ? new Promise<void>((resolve) => f.stream.once('drain', () => resolve())) : undefined))).then(() => undefined),
  };

  let outcome;
  try {
    outcome = await runAnalysis({
      file,
      settleConfig,
      planExtras: {
        redactQuotes: options.redact !== false,
        redactResponses: options.redactResponses === true,
        ...(review ? { review: [...review.entries.values()] } : {}),
        ...(campaignSettings ? { campaigns: campaignSettings } : {}),
      },
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
      writeResponses: wantCsv,
      writeReviewTemplate: wantReviewTemplate,
      sink,
      onProgress: progress.update,
    });
  } catch (error) {
    progress.stop();
    for (const f of streams) await f?.discard();
    throw error;
  }
  progress.stop();
  if (options.debug) {
    const t = outcome.timings;
    const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
    info(`debug: ${outcome.workers === 0 ? 'in-process' : `${outcome.workers} worker threads`}, ${outcome.passes} pass${outcome.passes === 1 ? '' : 'es'}, ${outcome.blocks} blocks`);
    const mb = (bytes: number): string => `${Math.round(bytes / 1048576)} MB`;
    const r = outcome.peakRss;
    info(`debug: ${outcome.passes === 2 ? `signatures ${seconds(t.signatures)} (peak RSS ${mb(r.signatures)}), grouping ${seconds(t.grouping)} (${mb(r.grouping)}), ` : ''}analysis ${seconds(t.analysis)} (${mb(r.analysis)})`);
    const c = outcome.campaigns;
    if (c) info(`debug: campaign search: ${c.rowsCompared.toLocaleString('en-GB')} responses compared, ${c.bands} bands of ${c.rowsPerBand} bins, ${c.pairsVerified.toLocaleString('en-GB')} candidate pairs verified`);
  }
  for (const f of streams) await f?.finish();
  outcome.input.notes.unshift(...configNotes);

  const result = buildResult(outcome, {
    configSource: options.config ? basename(options.config) : 'inferred',
    redact: options.redact !== false,
    ...(codeframe ? { codeframe: outcome.config.codeframe ?? codeframe, codeframeSource: codeframeSource ?? 'config' } : {}),
    ...(review ? { review: { file: basename(review.file), entries: [...review.entries.values()].map((e) => ({ responseId: e.responseId, question: e.question, line: e.line })) } } : {}),
  });
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
  if (reviewTemplate) written.push('review.csv');

  if (options.json) {
    printJson(summary);
    return;
  }
  // --quiet: the report folder is the output; errors (thrown) still reach stderr
  if (isQuiet()) return;
  const chalk = colourFor();
  const n = (value: number): string => value.toLocaleString('en-GB');
  print(`${chalk.bold('Analysed')} ${n(result.rows.analysed)} of ${n(result.rows.read)} responses in ${csvName} (${n(result.rows.rejected)} rejected${result.rows.rejected > 0 ? ': see rejects.csv' : ''}).`);
  for (const note of result.input.notes) info(`note: ${note}`);
  if (result.themes) {
    for (const question of result.themes.questions) {
      print(`Themes: ${question.column}: ${n(question.answered)} answers coded with ${question.themes.length} themes; ${n(question.uncoded.count)} (${question.uncoded.percent.toFixed(1)}%) uncoded; codes: ${n(question.codes.rule)} by rule, ${n(question.codes.review)} by a person.`);
    }
    const unmatched = result.themes.review?.unmatched ?? [];
    for (const entry of unmatched.slice(0, 10)) info(`note: ${result.themes.review?.file}:${entry.line}: no response "${entry.responseId}" answered ${entry.question}; the row was not applied.`);
    if (unmatched.length > 10) info(`note: ${unmatched.length - 10} more review rows matched no response.`);
  }
  if (result.campaigns) {
    const c = result.campaigns;
    print(
      c.count === 0
        ? 'Campaigns: none found.'
        : `Campaigns: ${n(c.count)} found, ${n(c.responsesInCampaigns)} responses (${n(c.copies)} copies); every response is counted, and the report also gives figures excluding copies.`,
    );
  }
  print(`Report written to ${outDir}/: ${written.join(', ')}`);
  if (reviewTemplate) print(`To correct the themes, fill in add_themes, remove_themes or flag in ${join(outDir, 'review.csv')} and run again with --review ${join(outDir, 'review.csv')}.`);
  if (formats.has('html')) print(`Open ${join(outDir, 'report.html')} in a browser.`);
}
