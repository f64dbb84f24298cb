/** `ptk themes suggest FILE.csv --question COLUMN [--top N] [-o FILE] [--json]`: a starting codeframe from the text. */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { OptionsOf } from '../command-table.js';
import { InputError, UsageError } from '../errors.js';
import { openCsv } from '../analysis/ingest/reader.js';
import { flattenHeaderCell } from '../analysis/ingest/header.js';
import { STDOUT, writeFileAtomic } from '../lib/fs.js';
import { info, print, printJson } from '../lib/output.js';
import { suggestThemesFromPasses, suggestionsToYaml, type Suggestions } from '../analysis/themes/suggest.js';
import { parseCodeframe } from '../analysis/themes/codeframe.js';
import { startProgress } from '../analysis/report/progress.js';

export type ThemesSuggestOptions = OptionsOf<'themes suggest'>;

export interface SuggestInput {
  texts: string[];
  rows: number;
  blank: number;
  /** Rows left out because a `moderated` column says -1 (moderated out, as in Polis exports). */
  moderatedOut: number;
}

/**
 * Read one open-text column through the project's streaming CSV reader (any file `ptk analyse` reads);
 * rows moderated out (a `moderated` column of -1) and blank answers are left out and counted.
 */
export async function readQuestion(file: string, question: string): Promise<SuggestInput> {
  const reader = await openCsv(file);
  const header = reader.head.header.columns;
  const at = header.indexOf(question);
  if (at < 0) {
    await reader.close();
    throw new InputError(file, `no column "${question}"; the columns are: ${header.join(', ')}`);
  }
  const moderatedAt = header.indexOf('moderated');
  const texts: string[] = [];
  let rows = 0;
  let blank = 0;
  let moderatedOut = 0;
  for await (const batch of reader.batches()) {
    for (const { cells } of batch) {
      rows++;
      if (moderatedAt >= 0 && (cells[moderatedAt] ?? '').trim() === '-1') {
        moderatedOut++;
        continue;
      }
      const text = (cells[at] ?? '').trim();
      if (text === '') blank++;
      else texts.push(text);
    }
  }
  return { texts, rows, blank, moderatedOut };
}

/**
 * One pass over the question's answers, in batches, the same filter as readQuestion; `counts` is
 * filled during the pass. Each call opens the file again, so a pass holds one batch at a time.
 */
async function* answersOf(file: string, question: string, counts: Omit<SuggestInput, 'texts'> & { bytes: number; column: string }): AsyncGenerator<string[]> {
  const reader = await openCsv(file);
  const header = reader.head.header.columns;
  // a header cell with line breaks is read as one line (see flattenHeaderCell): accept the question either way
  const at = header.includes(question) ? header.indexOf(question) : header.indexOf(flattenHeaderCell(question));
  if (at < 0) {
    await reader.close();
    throw new InputError(file, `no column "${question}"; the columns are: ${header.join(', ')}`);
  }
  counts.column = header[at]!;
  const moderatedAt = header.indexOf('moderated');
  counts.rows = counts.blank = counts.moderatedOut = counts.bytes = 0;
  for await (const batch of reader.batches()) {
    const texts: string[] = [];
    for (const { cells } of batch) {
      counts.rows++;
      for (const cell of cells) counts.bytes += cell.length + 1;
      if (moderatedAt >= 0 && (cells[moderatedAt] ?? '').trim() === '-1') {
        counts.moderatedOut++;
        continue;
      }
      const text = (cells[at] ?? '').trim();
      if (text === '') counts.blank++;
      else texts.push(text);
    }
    yield texts;
  }
}

export async function run(file: string, options: ThemesSuggestOptions): Promise<void> {
  const top = options.top ?? 12;
  if (!Number.isInteger(top) || top < 1) throw new UsageError('--top must be a whole number of 1 or more.');
  const counts = { rows: 0, blank: 0, moderatedOut: 0, bytes: 0, column: options.question };
  const progress = startProgress(!options.quiet && !options.json && process.stderr.isTTY === true);
  // progress in bytes: the cells' lengths approximate the bytes read (exact for ASCII, one delimiter per cell)
  const totalBytes = statSync(file).size;
  let suggestions: Suggestions;
  try {
    suggestions = await suggestThemesFromPasses(
      () => answersOf(file, options.question, counts),
      { top },
      ({ pass, passes }) => progress.update({ pass, passes, bytesRead: counts.bytes, totalBytes, rows: counts.rows }),
    );
  } finally {
    progress.stop();
  }
  if (suggestions.responses === 0) throw new InputError(file, `column "${options.question}" has no answers to suggest themes from`);
  const notes = [
    `Read ${counts.rows} rows: ${suggestions.responses} answers used, ${counts.blank} blank` +
      (counts.moderatedOut > 0 ? `, ${counts.moderatedOut} moderated out (moderated = -1) and left out.` : '.'),
  ];
  if (counts.moderatedOut > 0) info(`${counts.moderatedOut} rows moderated out (moderated = -1) were left out.`);
  const yaml = suggestionsToYaml(counts.column, suggestions, basename(file), notes);
  // always a codeframe --codeframe accepts: checked here with the same loader, so a fault is ours, not the analyst's
  parseCodeframe(yaml, options.out ?? 'suggested codeframe');
  const toFile = options.out !== undefined && options.out !== STDOUT;
  if (toFile) {
    await writeFileAtomic(options.out!, yaml, { force: options.force });
    info(`Wrote ${suggestions.themes.length} suggested themes to ${options.out}: edit it, then use it with ptk analyse --codeframe.`);
  }
  if (options.json) {
    printJson({ file: basename(file), question: counts.column, rows: counts.rows, blank: counts.blank, moderatedOut: counts.moderatedOut, ...suggestions });
  } else if (!toFile) {
    print(yaml);
  }
}

