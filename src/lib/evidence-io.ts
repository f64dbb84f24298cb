/**
 * File reading for the evidence commands (influence, monitor, evaluate): CSV exports, the column-mapping
 * config and account lists. The parsing itself is pure, in src/evidence/.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError, ProblemsError, UsageError } from '../errors.js';
import { parseDayFlag } from '../evidence/dates.js';
import { accountsFromCsv, accountsFromInfluenceJson, type KnownAccount } from '../evidence/accounts.js';
import { mappingConfigSchema, type MappingConfig } from '../evidence/columns.js';
import { NO_DATA_ROWS, parseCsvBytes, type CsvTable } from '../analysis/ingest/reader.js';
import { checkSchema, displayPath, formatProblem, readYaml } from '../toolkit/yaml-file.js';

function readBytes(path: string): Buffer {
  const file = displayPath(path);
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new InputError(file, 'no such file: check the path.');
  }
  if (stat.isDirectory()) throw new InputError(file, 'is a folder, expected a file.');
  return readFileSync(path);
}

/**
 * A CSV export through the project's one reader (any encoding and delimiter `ptk analyse` reads).
 * Rows whose cells are all empty carry nothing for these commands and are left out.
 */
export function readCsvFile(path: string): CsvTable {
  const table = parseCsvBytes(readBytes(path), displayPath(path));
  const kept = table.rows.flatMap((row, i) => (row.every((cell) => cell.trim() === '') ? [] : [i]));
  if (kept.length === 0) throw new InputError(table.file, NO_DATA_ROWS);
  if (kept.length === table.rows.length) return table;
  return { ...table, rows: kept.map((i) => table.rows[i]!), lines: kept.map((i) => table.lines[i]!) };
}

/** Read and check a YAML file against a schema; problems become one line each, exit 2. */
export function readYamlWith<T>(path: string, check: (parsed: NonNullable<ReturnType<typeof readYaml>['parsed']>) => { value?: T; problems: Parameters<typeof formatProblem>[0][] }): T {
  readBytes(path);
  const { parsed, problems } = readYaml(path);
  if (!parsed) throw problemsError(problems.map(formatProblem));
  if (parsed.data === null || parsed.data === undefined) throw new InputError(displayPath(path), 'the file is empty.');
  const checked = check(parsed);
  if (checked.value === undefined) throw problemsError(checked.problems.map(formatProblem));
  return checked.value;
}

function problemsError(lines: string[]): Error {
  if (lines.length === 1) return new InputError(lines[0]!.split(': ')[0]!, lines[0]!.split(': ').slice(1).join(': '));
  return new ProblemsError(lines, `${lines.length} problems: fix them and run again.`);
}

export interface LoadedMapping {
  config: MappingConfig;
  /** Folder of the config file, for resolving relative paths in it. */
  dir: string;
}

export function readMappingConfig(path: string | undefined): LoadedMapping {
  if (path === undefined) return { config: {}, dir: process.cwd() };
  const config = readYamlWith(path, (parsed) => checkSchema(parsed, mappingConfigSchema));
  return { config, dir: dirname(resolve(path)) };
}

/** Known accounts from a CSV list (account[,type][,name]) or an influence.json. */
export function readAccounts(path: string, needType: boolean): Map<string, KnownAccount> {
  if (path.toLowerCase().endsWith('.json')) {
    const text = readBytes(path).toString('utf8');
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new InputError(displayPath(path), `not valid JSON (${(error as Error).message}).`);
    }
    return accountsFromInfluenceJson(data, displayPath(path));
  }
  return accountsFromCsv(readCsvFile(path), needType);
}

/** A YYYY-MM-DD option such as --since or --as-of; undefined when not given. */
export function dayOption(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const day = parseDayFlag(value);
  if (!day) throw new UsageError(`${flag} "${value}" is not a date: use YYYY-MM-DD, e.g. ${flag} 2027-02-28.`);
  return day;
}
