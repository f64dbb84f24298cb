/**
 * Reading analysis.yaml and checking it against the CSV header. Problems come back as
 * `file:line: field: what is wrong` lines.
 */
import { closest } from '../lib/suggest.js';
import { checkSchema, readYaml, locate, formatProblem, type ParsedYaml, type Problem } from '../toolkit/yaml-file.js';
import { analysisConfigSchema, configColumns, type AnalysisConfig } from './config.js';

export interface LoadedConfig {
  config?: AnalysisConfig;
  parsed?: ParsedYaml;
  problems: Problem[];
}

export function loadConfigFile(path: string): LoadedConfig {
  const { parsed, problems } = readYaml(path);
  if (!parsed) return { problems };
  const checked = checkSchema(parsed, analysisConfigSchema);
  return checked.value ? { config: checked.value, parsed, problems: [] } : { parsed, problems: checked.problems };
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
        ...(parsed ? { line: locate(parsed, path) } : {}),
        field: path.join('.'),
        message: `no column "${column}" in ${csvName}${suggestions.length ? `; did you mean "${suggestions[0]}"?` : ''}`,
      }),
    );
  }
  return problems;
}
