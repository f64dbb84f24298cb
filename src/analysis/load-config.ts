/**
 * Reading the files `ptk analyse` is given besides the CSV (analysis.yaml, a codeframe, a review
 * file) and checking analysis.yaml against the CSV header. Problems come back as
 * `file:line: field: what is wrong` lines, or are thrown as one UsageError / InputError or a ProblemsError.
 */
import { readFileSync } from 'node:fs';
import { isMap, isPair, isScalar } from 'yaml';
import { InputError, ProblemsError, UsageError } from '../errors.js';
import { closest } from '../lib/suggest.js';
import { checkSchema, displayPath, readYaml, locate, formatProblem, type ParsedYaml, type Problem } from '../toolkit/yaml-file.js';
import { analysisConfigSchema, configColumns, type AnalysisConfig } from './config.js';
import { parseCsvBytes } from './ingest/reader.js';
import { parseReview, type ReviewSet } from './review.js';
import { checkCodeframe, type Codeframe } from './themes/codeframe.js';

/** An analysis.yaml, loaded and checked on its own (its columns are checked against the header in settle.ts). */
export interface ConfigFile {
  path: string;
  config: AnalysisConfig;
  parsed?: ParsedYaml;
}

/** A --codeframe file, checked, with its parsed YAML for line numbers. */
export interface CodeframeFile {
  path: string;
  codeframe: Codeframe;
  parsed: ParsedYaml;
}

/** A config file for a run: its problems thrown (one as a UsageError, several as a ProblemsError). */
export function loadAnalysisConfig(path: string): ConfigFile {
  const loaded = loadConfigFile(path);
  if (!loaded.config) {
    const lines = loaded.problems.map(formatProblem);
    if (lines.length === 1) throw new UsageError(lines[0] as string);
    throw new ProblemsError(lines, `${path}: ${lines.length} problems; nothing was analysed.`);
  }
  return { path, config: loaded.config, ...(loaded.parsed ? { parsed: loaded.parsed } : {}) };
}

/** A --codeframe file, checked. */
export function loadCodeframeFile(path: string): CodeframeFile {
  const { parsed, problems } = readYaml(path);
  if (!parsed) throw new ProblemsError(problems.map(formatProblem), `${path}: not a readable codeframe.`);
  const checked = checkCodeframe(parsed);
  if (!checked.value) {
    const lines = checked.problems.map(formatProblem);
    if (lines.length === 1) throw new UsageError(lines[0] as string);
    throw new ProblemsError(lines, `${path}: ${lines.length} problems in the codeframe; nothing was analysed.`);
  }
  return { path, codeframe: checked.value, parsed };
}

/**
 * A --review file through the project's CSV reader (a review.csv saved by Excel with semicolons, or as
 * UTF-16, reads as the template did), checked against the codeframe. Rows left as they were (no theme
 * added or removed, no flag) are not reviews: a template passed back unchanged changes nothing.
 */
export function readReviewFile(path: string, codeframe: Codeframe): ReviewSet {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new InputError(displayPath(path), `cannot read: ${(error as Error).message}`);
  }
  const review = parseReview(parseCsvBytes(bytes, displayPath(path), { allowNoRows: true }), codeframe);
  for (const [key, entry] of review.entries) if (entry.add.length === 0 && entry.remove.length === 0 && !entry.flag) review.entries.delete(key);
  return review;
}

export interface LoadedConfig {
  config?: AnalysisConfig;
  parsed?: ParsedYaml;
  problems: Problem[];
}

export function loadConfigFile(path: string): LoadedConfig {
  const { parsed, problems } = readYaml(path);
  if (!parsed) return { problems };
  const checked = checkSchema(parsed, analysisConfigSchema);
  if (!checked.value) return { parsed, problems: checked.problems };
  const found: Problem[] = [];
  if (checked.value.codeframe) found.push(...checkCodeframe(parsed, ['codeframe']).problems);
  // A question coded or compared for campaigns must be an open question of the config.
  const open = new Set(checked.value.open.map((q) => q.column));
  for (const question of Object.keys(checked.value.codeframe?.questions ?? {})) {
    if (!open.has(question)) {
      found.push({ file: parsed.file, line: keyLine(parsed, ['codeframe', 'questions'], question), field: `codeframe.questions`, message: `"${question}" is not one of the open questions; add it under open: or fix the name` });
    }
  }
  checked.value.campaigns?.columns?.forEach((column, i) => {
    if (!open.has(column)) found.push({ file: parsed.file, line: locate(parsed, ['campaigns', 'columns', i]), field: `campaigns.columns.${i}`, message: `"${column}" is not one of the open questions` });
  });
  return found.length > 0 ? { parsed, problems: found } : { config: checked.value, parsed, problems: [] };
}

/** Line of the key `key` in the YAML map at `path` (the line a reader looks for), or of the map. */
export function keyLine(parsed: ParsedYaml, path: readonly (string | number)[], key: string): number | undefined {
  const map = path.length === 0 ? parsed.doc.contents : parsed.doc.getIn(path, true);
  if (isMap(map)) {
    for (const item of map.items) {
      if (isPair(item) && isScalar(item.key) && item.key.value === key && item.key.range) return parsed.lines.linePos(item.key.range[0]).line;
    }
  }
  return locate(parsed, [...path, key]);
}

/** Every column the config names must be in the header (names compare after trimming). */
export function checkColumns(config: AnalysisConfig, header: readonly string[], csvName: string, parsed?: ParsedYaml, file = 'config'): string[] {
  const problems: string[] = [];
  for (const { path, column } of configColumns(config)) {
    if (header.includes(column)) continue;
    const suggestions = closest(column, header, 1);
    problems.push(
      formatProblem({
        file: parsed?.file ?? file,
        ...(parsed ? { line: path[0] === 'codeframe' ? keyLine(parsed, path.slice(0, -1), String(path[path.length - 1])) : locate(parsed, path) } : {}),
        field: path.join('.'),
        message: `no column "${column}" in ${csvName}${suggestions.length ? `; did you mean "${suggestions[0]}"?` : ''}`,
      }),
    );
  }
  return problems;
}
