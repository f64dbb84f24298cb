/**
 * Reading analysis.yaml and checking it against the CSV header. Problems come back as
 * `file:line: field: what is wrong` lines.
 */
import { isMap, isPair, isScalar } from 'yaml';
import { closest } from '../lib/suggest.js';
import { checkSchema, readYaml, locate, formatProblem, type ParsedYaml, type Problem } from '../toolkit/yaml-file.js';
import { analysisConfigSchema, configColumns, type AnalysisConfig } from './config.js';
import { checkCodeframe } from './themes/codeframe.js';

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
