/**
 * `ptk themes learn FILE --config analysis.yaml [--codeframe F] (--review R | --sheet S)... [--folds 5] [-o learned.csv] [--json]`:
 * codes learned from the answers a person coded (src/analysis/themes/learn.ts), with k-fold
 * cross-validated agreement per theme beside the rules' and the published human-human figure.
 * Reads the file into memory (the answers are coded twice: for training and for the rest).
 */
import { readFileSync } from 'node:fs';
import type { OptionsOf } from '../command-table.js';
import { InputError, UsageError } from '../errors.js';
import { openCsv, parseCsvBytes } from '../analysis/ingest/reader.js';
import { loadAnalysisConfig, loadCodeframeFile, readReviewFile } from '../analysis/load-config.js';
import { applyReview, reviewKey } from '../analysis/review.js';
import { readCodingSheet } from '../analysis/themes/coding-sheet.js';
import { compileCodeframe } from '../analysis/themes/matcher.js';
import { MIN_LABELLED, learnCodes, type AgreementReport, type LearnOutcome } from '../analysis/themes/learn.js';
import { STDOUT, writeFileAtomic } from '../lib/fs.js';
import { toSafeCsv } from '../lib/csv-safe.js';
import { info, print, printJson, table } from '../lib/output.js';
import { displayPath } from '../toolkit/yaml-file.js';

export type ThemesLearnOptions = OptionsOf<'themes learn'>;

export const LEARNED_COLUMNS = ['response_id', 'question', 'codes', 'source', 'confidence', 'rule_codes'] as const;

export async function run(file: string, options: ThemesLearnOptions): Promise<void> {
  const { config } = loadAnalysisConfig(options.config);
  const codeframe = options.codeframe ? loadCodeframeFile(options.codeframe).codeframe : config.codeframe;
  if (!codeframe) throw new UsageError(`${options.config}: no codeframe; give one with --codeframe or a codeframe: section.`);
  const reviews = (options.review ?? []).map((path) => readReviewFile(path, codeframe));
  const sheets = (options.sheet ?? []).map((path) => readCodingSheet(parseCsvBytes(readFileSync(path), displayPath(path), { allowNoRows: true })));
  if (reviews.length + sheets.length === 0) throw new UsageError('themes learn needs labelled answers: --review review.csv or --sheet coding.csv (a sample coded by a person).');
  const folds = options.folds ?? 5;
  if (!Number.isInteger(folds) || folds < 2) throw new UsageError('--folds must be a whole number of 2 or more.');

  const questions = Object.keys(codeframe.questions).filter((q) => config.open.some((o) => o.column === q));
  if (questions.length === 0) throw new UsageError(`${options.config}: no open question of the config has themes in the codeframe.`);
  const matchers = compileCodeframe(codeframe);
  const reader = await openCsv(file);
  const header = reader.head.header.columns;
  const idAt = config.id ? header.indexOf(config.id) : -1;
  if (config.id && idAt < 0) {
    await reader.close();
    throw new InputError(file, `no id column "${config.id}" (config id:)`);
  }
  const columnAt = new Map(questions.map((q) => [q, header.indexOf(q)]));
  const answers = new Map(questions.map((q) => [q, [] as { id: string; text: string; ruleCodes: string[]; personCodes?: string[] }[]]));
  let row = 0;
  for await (const batch of reader.batches()) {
    for (const { cells } of batch) {
      row++;
      const id = idAt >= 0 ? (cells[idAt] ?? '').trim() : String(row);
      for (const question of questions) {
        const text = (cells[columnAt.get(question)!] ?? '').trim();
        if (text === '') continue;
        const rules = matchers.get(question)!.codeResponse(text);
        const entry = reviews.map((r) => r.entries.get(reviewKey(id, question))).find((e) => e !== undefined);
        // a coding sheet names the final codes; a review changes the rule codes; a person's word wins either way
        const sheetCodes = sheets.map((s) => s.codes.get(`${question}\u0000${id}`) ?? s.codes.get(id)).find((c) => c !== undefined);
        const personCodes = sheetCodes ?? (entry ? applyReview(rules, entry, codeframe.questions[question]!).codes.filter((c) => c.via === undefined).map((c) => c.themeId) : undefined);
        answers.get(question)!.push({ id, text, ruleCodes: rules.filter((c) => c.via === undefined).map((c) => c.themeId), ...(personCodes ? { personCodes } : {}) });
      }
    }
  }

  const outcomes: Record<string, LearnOutcome> = {};
  const rows: (string | number)[][] = [];
  for (const question of questions) {
    const list = answers.get(question)!;
    const labelled = list.filter((a) => a.personCodes !== undefined).length;
    if (labelled < MIN_LABELLED) {
      info(`${question}: ${labelled} labelled answers, fewer than the ${MIN_LABELLED} learning needs; left to the rules.`);
      continue;
    }
    const themeIds = codeframe.questions[question]!.filter((t) => t.include.length > 0).map((t) => t.id);
    const outcome = learnCodes(list, themeIds, { folds, seed: options.seed ?? 20 });
    outcomes[question] = outcome;
    for (const answer of list) {
      const codes = outcome.codes.get(answer.id) ?? [];
      rows.push([
        answer.id,
        question,
        codes.map((c) => c.themeId).join(';'),
        answer.personCodes ? 'person' : 'learned',
        codes.map((c) => (c.confidence === undefined ? '' : c.confidence.toFixed(3))).join(';'),
        answer.ruleCodes.join(';'),
      ]);
    }
  }
  if (Object.keys(outcomes).length === 0) throw new InputError(reviews[0]?.file ?? sheets[0]!.file, `no question has ${MIN_LABELLED} or more labelled answers to learn from`);
  if (options.out !== undefined && options.out !== STDOUT) {
    await writeFileAtomic(options.out, toSafeCsv(LEARNED_COLUMNS, rows), { force: options.force });
    info(`Wrote ${rows.length} coded answers to ${options.out} (source: person or learned; confidence per learned code).`);
  } else if (options.out === STDOUT) {
    print(toSafeCsv(LEARNED_COLUMNS, rows));
    return;
  }
  if (options.json) {
    printJson(Object.fromEntries(Object.entries(outcomes).map(([q, o]) => [q, { learned: o.learned, rules: o.rules, published: o.published }])));
    return;
  }
  for (const [question, outcome] of Object.entries(outcomes)) print(agreementText(question, outcome));
}

const f3 = (value: number | null) => (value === null ? 'n/a' : value.toFixed(2));

/** The terminal summary of one question: learned (cross-validated) and rules, per theme and overall. */
export function agreementText(question: string, outcome: LearnOutcome): string {
  const { learned, rules, published } = outcome;
  const line = (name: string, l: AgreementReport['perTheme'][string] | undefined, r: AgreementReport['perTheme'][string] | undefined) => [
    name,
    String(l?.support ?? ''),
    f3(l?.precision ?? null), f3(l?.recall ?? null), f3(l?.f1 ?? null), f3(l?.kappa ?? null),
    f3(r?.f1 ?? null), f3(r?.kappa ?? null),
  ];
  const rows = Object.keys(learned.perTheme).map((id) => line(id, learned.perTheme[id], rules.perTheme[id]));
  rows.push(['(macro)', '', f3(learned.macro.precision), f3(learned.macro.recall), f3(learned.macro.f1), f3(learned.kappa), f3(rules.macro.f1), f3(rules.kappa)]);
  return [
    `${question}: codes learned from ${learned.labelled} answers a person coded; ${learned.folds}-fold cross-validated against the person's codes.`,
    table(['theme', 'labelled', 'precision', 'recall', 'F1', 'kappa', 'rules F1', 'rules kappa'], rows),
    `For context: ${published.source} published F1 ${published.modelF1[0]}-${published.modelF1[1]} for its model and ${published.humanHumanF1} between human coders.`,
    '',
  ].join('\n');
}
