/** `ptk themes suggest FILE.csv --question COLUMN [--top N] [-o FILE] [--json]`: a starting codeframe from the text. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { OptionsOf } from '../command-table.js';
import { InputError, UsageError } from '../errors.js';
import { STDOUT, writeFileAtomic } from '../lib/fs.js';
import { info, print, printJson } from '../lib/output.js';
import { suggestThemes, suggestionsToYaml, type Suggestions } from '../analysis/themes/suggest.js';

export type ThemesSuggestOptions = OptionsOf<'themes suggest'>;

export interface SuggestInput {
  texts: string[];
  rows: number;
  blank: number;
  /** Rows left out because a `moderated` column says -1 (moderated out, as in Polis exports). */
  moderatedOut: number;
}

/** Read one open-text column; rows moderated out (a `moderated` column of -1) and blank answers are left out and counted. */
export function readQuestion(file: string, question: string): SuggestInput {
  let records: Record<string, string>[];
  try {
    records = parse(readFileSync(file), { columns: true, bom: true, skip_empty_lines: true, relax_column_count: true }) as Record<string, string>[];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EISDIR') throw error;
    const line = (error as { lines?: number }).lines;
    throw new InputError(line ? `${file}:${line}` : file, `not a readable CSV file (${(error as Error).message.split('\n')[0]})`);
  }
  const header = records.length > 0 ? Object.keys(records[0]!) : headerOf(file);
  if (!header.includes(question)) {
    throw new InputError(file, `no column "${question}"; the columns are: ${header.join(', ')}`);
  }
  const texts: string[] = [];
  let blank = 0;
  let moderatedOut = 0;
  for (const record of records) {
    if (record.moderated !== undefined && record.moderated.trim() === '-1') {
      moderatedOut++;
      continue;
    }
    const text = (record[question] ?? '').trim();
    if (text === '') blank++;
    else texts.push(text);
  }
  return { texts, rows: records.length, blank, moderatedOut };
}

function headerOf(file: string): string[] {
  const first = parse(readFileSync(file), { bom: true, to_line: 1 }) as string[][];
  return first[0] ?? [];
}

export async function run(file: string, options: ThemesSuggestOptions): Promise<void> {
  const top = options.top ?? 12;
  if (!Number.isInteger(top) || top < 1) throw new UsageError('--top must be a whole number of 1 or more.');
  const input = readQuestion(file, options.question);
  if (input.texts.length === 0) throw new InputError(file, `column "${options.question}" has no answers to suggest themes from`);
  const suggestions: Suggestions = suggestThemes(input.texts, { top });
  const notes = [
    `Read ${input.rows} rows: ${input.texts.length} answers used, ${input.blank} blank` +
      (input.moderatedOut > 0 ? `, ${input.moderatedOut} moderated out (moderated = -1) and left out.` : '.'),
  ];
  if (input.moderatedOut > 0) info(`${input.moderatedOut} rows moderated out (moderated = -1) were left out.`);
  const yaml = suggestionsToYaml(options.question, suggestions, basename(file), notes);
  const toFile = options.out !== undefined && options.out !== STDOUT;
  if (toFile) {
    await writeFileAtomic(options.out!, yaml, { force: options.force });
    info(`Wrote ${suggestions.themes.length} suggested themes to ${options.out}: edit it, then use it with ptk analyse --codeframe.`);
  }
  if (options.json) {
    printJson({ file: basename(file), question: options.question, rows: input.rows, blank: input.blank, moderatedOut: input.moderatedOut, ...suggestions });
  } else if (!toFile) {
    print(yaml);
  }
}
