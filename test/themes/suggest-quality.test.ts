/** What issue 20 found wrong with `themes suggest`, each checked: dropped common topics, markup and foreign stop words as themes, frames --codeframe refused. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCodeframe } from '../../src/analysis/themes/codeframe.js';
import { stopWordLists, STOP_WORD_LANGUAGES } from '../../src/analysis/themes/stop-words.js';
import { suggestThemes } from '../../src/analysis/themes/suggest.js';
import { readQuestion } from '../../src/commands/themes-suggest.js';
import { HAVE_SHARED, SHARED, runPtk, tempDir } from '../helpers/cli.js';
import { readKnown } from './fixture.js';
import { seededRandom } from '../../src/lib/random.js';

const MARKUP = /^(amp|quot|nbsp|apos|lt|gt|span|style|div|href|br|font|strong)$/;
const isStopWord = (word: string) => STOP_WORD_LANGUAGES.some((lang) => stopWordLists()[lang].has(word.toLowerCase()));

/** n answers from a few topic sentences, deterministic. */
function answers(n: number, pick: (r: () => number, i: number) => string): string[] {
  const random = seededRandom(7);
  return Array.from({ length: n }, (_, i) => pick(random, i));
}

describe('suggestions keep frequent topics', () => {
  it('gives a word in 42% of answers a theme of its own instead of dropping it', () => {
    const others = ['The library needs longer opening hours.', 'Potholes on the ring road are dangerous.', 'Fix the street lights in the park.', 'More school places for the new estate.'];
    const texts = answers(500, (r, i) => (i % 100 < 42 ? `The reservoir plan worries me. ${others[Math.floor(r() * 4)]}` : others[Math.floor(r() * 4)]!));
    expect(texts.filter((t) => /reservoir/.test(t)).length / texts.length).toBeCloseTo(0.42, 2);
    const suggestions = suggestThemes(texts, { top: 6 });
    const reservoir = suggestions.themes.find((t) => t.include.includes('reservoir'));
    expect(reservoir, JSON.stringify(suggestions.themes.map((t) => t.include))).toBeDefined();
    expect(reservoir!.size).toBe(210);
  });
});

describe('no theme named after markup or a stop word', () => {
  it('strips HTML tags and entities before counting words', () => {
    const topics = ['The bus &amp; train times do not match.', '<span style="color:red">Bus fares</span> are too high.', 'We need &quot;real&quot; cycle lanes.', '<p>Cycle lanes&nbsp;stop at the junction.</p>', 'The bus station is dirty &amp; unsafe.'];
    const texts = answers(300, (r) => topics[Math.floor(r() * topics.length)]!);
    const suggestions = suggestThemes(texts, { top: 5 });
    const words = suggestions.themes.flatMap((t) => [t.id, ...t.include.flatMap((term) => term.split(' '))]);
    expect(words.filter((w) => MARKUP.test(w))).toEqual([]);
    expect(suggestions.themes.some((t) => t.include.some((term) => term.split(' ').includes('bus'))), JSON.stringify(suggestions.themes.map((t) => t.include))).toBe(true);
  });

  it('removes German and French function words from a multilingual export', () => {
    const lines = [
      'Die Busse fahren nicht oft genug und die Preise sind zu hoch.',
      'Wir brauchen mehr Radwege in der Innenstadt, weil es gefährlich ist.',
      'Les bus ne sont pas assez fréquents dans notre quartier.',
      'Il faut plus de pistes cyclables car les rues sont dangereuses.',
      'The buses do not run often enough in the evening.',
      'We need more cycle lanes because the roads are dangerous.',
    ];
    const texts = answers(400, (r) => lines[Math.floor(r() * lines.length)]!);
    const suggestions = suggestThemes(texts, { top: 8 });
    const terms = suggestions.themes.flatMap((t) => t.include.flatMap((term) => term.split(' ')));
    expect(terms.filter(isStopWord), terms.join(', ')).toEqual([]);
    // "car" is French for "because" but an English content word: stop words follow each answer's language
    expect(isStopWord('car')).toBe(true);
  });

  it.runIf(HAVE_SHARED)('on the Bowling Green statements', async () => {
    const polis = await readQuestion(join(SHARED, 'data/polis/bowling-green_comments.csv'), 'comment-body');
    const suggestions = suggestThemes(polis.texts, { top: 12 });
    for (const theme of suggestions.themes) {
      const nameWords = theme.label.toLowerCase().split(' ');
      expect(nameWords.filter((w) => isStopWord(w) || MARKUP.test(w)), theme.label).toEqual([]);
      expect(theme.include.flatMap((t) => t.split(' ')).filter((w) => MARKUP.test(w)), theme.id).toEqual([]);
    }
  });
});

describe('suggestions on the known-themes fixture', () => {
  it('recover the fixture themes by their core words (measured and printed)', () => {
    const suggestions = suggestThemes(readKnown().map((a) => a.answer), { top: 12 });
    const cores: Record<string, string[]> = {
      buses: ['bus', 'public transport'], cycling: ['cycle', 'cycle lanes', 'bike'], parking: ['car park', 'parking'], housing: ['housing', 'homes'],
      green: ['green space', 'trees'], safety: ['safe', 'police'], shops: ['shops'], cost: ['cost', 'money', 'council tax'],
      disruption: ['noise', 'disruption', 'roadworks'], consultation: ['consultation'],
    };
    const found = Object.entries(cores).filter(([, words]) => suggestions.themes.some((t) => t.include.some((term) => words.includes(term))));
    console.log(`fixture themes whose core word is in a suggested include list: ${found.length} of 10 (${found.map(([id]) => id).join(', ')})`);
    // measured 2026-12-02; the issue asks for "most": see the README for what is not yet reached
    expect(found.length).toBeGreaterThanOrEqual(6);
  });
});

describe('ptk themes suggest writes a codeframe --codeframe accepts', () => {
  it('with a multi-line header', () => {
    const dir = tempDir();
    const file = join(dir, 'multi.csv');
    const question = 'Q1. What should change?\nPlease explain.';
    const rows = answers(120, (r) => ['Fix the potholes on the ring road.', 'More teachers in our schools.', 'Cheaper parking in the centre.'][Math.floor(r() * 3)]!);
    writeFileSync(file, `id,"${question}"\n${rows.map((t, i) => `${i + 1},${t}`).join('\n')}\n`);
    const out = join(dir, 'codeframe.yaml');
    const result = runPtk(['themes', 'suggest', file, '--question', question, '-o', out]);
    expect(result.code, result.stderr).toBe(0);
    const frame = loadCodeframe(out);
    // the column as ptk reads it (line breaks in a header cell become spaces), so ptk analyse finds it
    expect(Object.keys(frame.questions)).toEqual(['Q1. What should change? Please explain.']);
    expect(frame.questions['Q1. What should change? Please explain.']!.length).toBeGreaterThan(0);
    expect(readFileSync(out, 'utf8').split('\n').filter((l) => l.startsWith('# ')).every((l) => !l.includes('\r'))).toBe(true);
  });
});
