/**
 * The known-themes fixture (test/fixtures/themes/known: 660 answers, ten themes, gold labels in
 * gold.csv, written by make.py there) against rule coding and learned coding. Gold labels are read
 * with csv-parse, not ptk's reader, and scored with a count written out here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCodeframe } from '../../src/analysis/themes/codeframe.js';
import { learnCodes } from '../../src/analysis/themes/learn.js';
import { compileCodeframe } from '../../src/analysis/themes/matcher.js';
import { KNOWN, KNOWN_THEMES, readKnown } from './fixture.js';

const answers = readKnown();
const matcher = compileCodeframe(parseCodeframe(readFileSync(join(KNOWN, 'codeframe.yaml'), 'utf8'), 'codeframe.yaml')).get('answer')!;
const ruleCodes = answers.map((a) => matcher.codeResponse(a.answer).map((c) => c.themeId));

/** Precision, recall, F1 per theme counted here, independent of src/lib/agreement.ts. */
function macro(predicted: string[][], gold: string[][]): { precision: number; recall: number; f1: number } {
  let p = 0;
  let r = 0;
  let f = 0;
  for (const theme of KNOWN_THEMES) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    predicted.forEach((codes, i) => {
      const has = codes.includes(theme);
      const want = gold[i]!.includes(theme);
      if (has && want) tp++;
      else if (has) fp++;
      else if (want) fn++;
    });
    const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
    p += precision;
    r += recall;
    f += precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  }
  return { precision: p / KNOWN_THEMES.length, recall: r / KNOWN_THEMES.length, f1: f / KNOWN_THEMES.length };
}

describe('the known-themes fixture', () => {
  it('has at least 600 answers, ten themes, several codes per answer and some with none', () => {
    expect(answers.length).toBeGreaterThanOrEqual(600);
    expect(new Set(answers.flatMap((a) => a.gold))).toEqual(new Set(KNOWN_THEMES));
    expect(answers.filter((a) => a.gold.length === 0).length).toBeGreaterThan(30);
    expect(answers.filter((a) => a.gold.length >= 2).length).toBeGreaterThan(150);
  });

  it('rule coding with its own frame has macro precision of at least 0.8', () => {
    const scores = macro(ruleCodes, answers.map((a) => a.gold));
    console.log(`rule coding of the fixture: macro precision ${scores.precision.toFixed(3)}, recall ${scores.recall.toFixed(3)}, F1 ${scores.f1.toFixed(3)}`);
    expect(scores.precision).toBeGreaterThanOrEqual(0.8);
    // the paraphrases are there to be missed by rules: recall well below 1 shows the fixture is not trivial
    expect(scores.recall).toBeLessThan(0.8);
  });

  it('learned coding from 200 labelled answers reaches macro F1 of at least 0.8 on the rest', () => {
    const input = answers.map((a, i) => ({ id: a.id, text: a.answer, ruleCodes: ruleCodes[i]!, personCodes: i < 200 ? a.gold : undefined }));
    const outcome = learnCodes(input, KNOWN_THEMES);
    const rest = answers.slice(200);
    const predicted = rest.map((a) => outcome.codes.get(a.id)!.map((c) => c.themeId));
    const scores = macro(predicted, rest.map((a) => a.gold));
    const rules = macro(ruleCodes.slice(200), rest.map((a) => a.gold));
    console.log(
      `learned coding, 200 labelled -> ${rest.length} held out: macro F1 ${scores.f1.toFixed(3)} (precision ${scores.precision.toFixed(3)}, recall ${scores.recall.toFixed(3)}); ` +
        `rules alone ${rules.f1.toFixed(3)}; 5-fold CV on the 200: F1 ${outcome.learned.macro.f1.toFixed(3)}, kappa ${outcome.learned.kappa?.toFixed(3)}`,
    );
    expect(scores.f1).toBeGreaterThanOrEqual(0.8);
    expect(scores.f1).toBeGreaterThan(rules.f1);
    // the labelled answers keep exactly the person's codes
    for (const a of answers.slice(0, 200)) expect(outcome.codes.get(a.id)!.map((c) => c.themeId).sort()).toEqual([...a.gold].sort());
    expect(outcome.codes.get(rest[0]!.id)!.every((c) => c.source === 'learned' && c.confidence! >= 0.5)).toBe(true);
    // cross-validated figures come from the labelled answers only and are in a sane range
    expect(outcome.learned.labelled).toBe(200);
    expect(outcome.learned.macro.f1).toBeGreaterThan(0.6);
    expect(outcome.learned.kappa).toBeGreaterThan(0.6);
  });

  it('is deterministic: the same labels give the same codes', () => {
    const input = answers.map((a, i) => ({ id: a.id, text: a.answer, ruleCodes: ruleCodes[i]!, personCodes: i < 100 ? a.gold : undefined }));
    const one = learnCodes(input, KNOWN_THEMES);
    const two = learnCodes(input, KNOWN_THEMES);
    expect([...two.codes.entries()]).toEqual([...one.codes.entries()]);
    expect(two.learned).toEqual(one.learned);
  });
});
