/** `ptk themes agreement A.csv B.csv [C.csv...] [--column NAME] [--json]`: how far analysts' coding sheets agree. */
import { readFileSync, statSync } from 'node:fs';
import type { OptionsOf } from '../command-table.js';
import { InputError, UsageError } from '../errors.js';
import { parseCsvBytes } from '../analysis/ingest/reader.js';
import { intercoderAgreement, readCodingSheet, type CodingSheet } from '../analysis/themes/coding-sheet.js';
import { info, print, printJson, table } from '../lib/output.js';
import { displayPath } from '../toolkit/yaml-file.js';

export type ThemesAgreementOptions = OptionsOf<'themes agreement'>;

function readSheet(path: string, column: string | undefined): CodingSheet {
  const file = displayPath(path);
  let bytes: Buffer;
  try {
    if (statSync(path).isDirectory()) throw new InputError(file, 'is a folder, expected a coding sheet (CSV).');
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(file, `cannot read: ${(error as Error).message}`);
  }
  return readCodingSheet(parseCsvBytes(bytes, file, { allowNoRows: true }), column);
}

const figure = (value: number | null) => (value === null || Number.isNaN(value) ? 'n/a' : value.toFixed(3));
const percent = (value: number) => (Number.isNaN(value) ? 'n/a' : `${(value * 100).toFixed(1)}%`);

export async function run(sheets: string[], options: ThemesAgreementOptions): Promise<void> {
  if (sheets.length < 2) throw new UsageError('themes agreement needs at least two coding sheets (one per analyst).');
  const read = sheets.map((path) => readSheet(path, options.column));
  const result = intercoderAgreement(read);
  if (result.pairable === 0) throw new InputError(read[1]!.file, `no answer is coded in this sheet and in ${read[0]!.file}: check the ids match`);
  if (options.json) {
    printJson(result);
    return;
  }
  const two = read.length === 2;
  const rows = Object.entries(result.themes).map(([theme, r]) => [theme, r.given.join(' / '), percent(r.agreement), ...(two ? [figure(r.kappa)] : []), figure(r.alpha)]);
  const o = result.overall;
  rows.push(['(all themes)', '', percent(o.agreement), ...(two ? [figure(o.kappa)] : []), figure(o.alpha)]);
  print(`${read.length} coders, ${result.codedByAll} answers coded by all${result.pairable > result.codedByAll ? `, ${result.pairable} by at least two` : ''}.`);
  print(table(['theme', 'codes given', 'agreement', ...(two ? ["Cohen's kappa"] : []), "Krippendorff's alpha"], rows));
  info('Agreement is on "this answer has this theme", per theme and over all (answer, theme) decisions; n/a where nobody varied. ' +
    'Kappa or alpha of 0.8 or more is usually read as reliable, 0.67 to 0.8 as tentative.');
}
