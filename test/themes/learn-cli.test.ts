import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runPtk, tempDir } from '../helpers/cli.js';
import { KNOWN, KNOWN_THEMES, readKnown } from './fixture.js';

describe('ptk themes learn on the known-themes fixture', () => {
  const answers = readKnown();
  const dir = tempDir();
  const sheet = join(dir, 'coding.csv');
  // the first 200 answers coded by "a person" (the gold labels); "none" for an answer with no theme
  writeFileSync(sheet, `response_id,analyst_codes\n${answers.slice(0, 200).map((a) => `${a.id},${a.gold.join(';') || 'none'}`).join('\n')}\n`);
  const args = ['themes', 'learn', join(KNOWN, 'answers.csv'), '--config', join(KNOWN, 'analysis.yaml'), '--codeframe', join(KNOWN, 'codeframe.yaml'), '--sheet', sheet];

  it('prints cross-validated agreement beside the rules and the published figure', () => {
    const result = runPtk(args);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('answer: codes learned from 200 answers a person coded; 5-fold cross-validated');
    expect(result.stdout).toMatch(/\(macro\)\s+0\.\d\d\s+0\.\d\d\s+0\.(8|9)\d/);
    expect(result.stdout).toContain('published F1 0.79-0.82 for its model and 0.74 between human coders');
  });

  it('writes every answer coded, the person\'s codes kept, learned codes with confidence, macro F1 >= 0.8 on the rest', () => {
    const out = join(dir, 'learned.csv');
    const result = runPtk([...args, '-o', out, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const figures = JSON.parse(result.stdout).answer;
    expect(figures.learned.labelled).toBe(200);
    expect(figures.published.humanHumanF1).toBe(0.74);
    const rows = parse(readFileSync(out), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(answers.filter((a) => a.answer.trim() !== '').length);
    const byId = new Map(rows.map((r) => [r.response_id!, r]));
    for (const a of answers.slice(0, 200)) {
      expect(byId.get(a.id)!.source).toBe('person');
      expect(byId.get(a.id)!.codes).toBe(a.gold.join(';') === '' ? '' : KNOWN_THEMES.filter((t) => a.gold.includes(t)).join(';'));
    }
    let f1 = 0;
    for (const theme of KNOWN_THEMES) {
      let tp = 0, fp = 0, fn = 0;
      for (const a of answers.slice(200)) {
        const has = byId.get(a.id)!.codes.split(';').includes(theme);
        const want = a.gold.includes(theme);
        if (has && want) tp++; else if (has) fp++; else if (want) fn++;
      }
      f1 += (2 * tp) / (2 * tp + fp + fn);
    }
    console.log(`themes learn CLI: macro F1 on the ${answers.length - 200} unlabelled answers ${(f1 / KNOWN_THEMES.length).toFixed(3)}`);
    expect(f1 / KNOWN_THEMES.length).toBeGreaterThanOrEqual(0.8);
    const learned = rows.find((r) => r.source === 'learned' && r.codes !== '')!;
    expect(learned.confidence.split(';').every((c) => Number(c) >= 0.5 && Number(c) <= 1)).toBe(true);
  });
});
