/**
 * The two fast paths that had no direct check, against plain reference implementations written here
 * or kept for the purpose: ThemeCounter (typed-array theme and pair counts per respondent type)
 * against addCodedResponse, and agreesAtLeast (eight MinHash bins per 32-bit word, early exit)
 * against a bin-by-bin count of agreeing 4-bit values.
 */
import { describe, expect, it } from 'vitest';
import { SIGNATURE_BINS, SIGNATURE_BYTES, binsNeeded, estimateJaccard } from '../../src/analysis/campaigns/signature.js';
import { agreesAtLeast } from '../../src/analysis/campaigns/detector.js';
import { AnswerCodes, ThemeCounter } from '../../src/analysis/pipeline/coding.js';
import { addCodedResponse, createThemeTally, type ThemeTally } from '../../src/analysis/themes/aggregate.js';
import type { ThemeCode } from '../../src/analysis/themes/matcher.js';
import { seededRandom } from '../helpers/random.js';

describe('ThemeCounter equals addCodedResponse (quote: false)', () => {
  const ids = ['cost', 'health', 'health-nhs', 'crime', 'pubs', 'tax', 'other'];
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  const types = ['', 'Individual', 'Organisation', 'Charity'];

  for (const path of ['numbers', 'objects'] as const) {
    it(`on seeded answers, codes given as ${path}, added into an empty tally and one already holding counts`, () => {
      const random = seededRandom(path === 'numbers' ? 7 : 8);
      const counter = new ThemeCounter('q', ids, indexOf);
      const reference: ThemeTally = createThemeTally();
      const codes = new AnswerCodes();
      let coded = 0;
      let pairsSeen = 0;
      for (let n = 0; n < 3000; n++) {
        const type = types[Math.floor(random() * types.length)]!;
        const roll = random();
        if (roll < 0.1) {
          counter.blank(type);
          addCodedResponse(reference, 'q', type, '   ', [], { quote: false });
          continue;
        }
        // distinct themes in a random order, some inherited (coded through a child theme)
        const chosen = ids.filter(() => random() < 0.3).sort(() => random() - 0.5);
        const text = `answer ${n} ${chosen.join(' ')}`;
        const objects: ThemeCode[] = chosen.map((id, k) => (random() < 0.2 && k > 0 ? { themeId: id, evidence: id, via: chosen[0]! } : { themeId: id, evidence: id }));
        if (objects.length > 0) coded++;
        if (objects.filter((code) => code.via === undefined).length > 1) pairsSeen++;
        if (path === 'objects') codes.useObjects(objects);
        else {
          const data = new Int32Array(4 * objects.length);
          objects.forEach((code, k) => {
            const start = text.indexOf(code.evidence);
            data.set([indexOf.get(code.themeId)!, start, start + code.evidence.length, code.via === undefined ? -1 : indexOf.get(code.via)!], 4 * k);
          });
          codes.numbers(ids, text, data, 0, objects.length);
        }
        counter.add(type, codes);
        addCodedResponse(reference, 'q', type, text, objects, { quote: false });
      }
      expect(coded).toBeGreaterThan(2000);
      expect(pairsSeen).toBeGreaterThan(500);
      const tally = createThemeTally();
      counter.addTo(tally);
      expect(tally.questions['q']!.byType).toEqual(reference.questions['q']!.byType);
      // added on top of counts already there: every figure doubles
      counter.addTo(tally);
      const doubled = structuredClone(reference.questions['q']!.byType);
      for (const group of Object.values(doubled)) {
        for (const key of ['answered', 'blank', 'uncoded'] as const) group[key] *= 2;
        for (const map of [group.themes, group.pairs]) for (const key of Object.keys(map)) map[key]! *= 2;
      }
      expect(tally.questions['q']!.byType).toEqual(doubled);
    });
  }

  it('adds nothing to a tally when it counted nothing', () => {
    const tally = createThemeTally();
    new ThemeCounter('q', ids, indexOf).addTo(tally);
    expect(tally).toEqual(createThemeTally());
  });
});

describe('agreesAtLeast equals a bin-by-bin count', () => {
  const WORDS = SIGNATURE_BYTES / 4;
  /** The 4-bit values of a signature's bins, read one at a time. */
  const bins = (words: Uint32Array, start: number): number[] => Array.from({ length: SIGNATURE_BINS }, (_, bin) => (words[start + (bin >>> 3)]! >>> (4 * (bin & 7))) & 15);
  const agreeing = (a: number[], b: number[]): number => a.filter((value, bin) => value === b[bin]).length;

  it('on seeded pairs with exactly as many differing bins as the threshold allows, one fewer and one more', () => {
    const random = seededRandom(42);
    let checked = 0;
    let agreed = 0;
    for (const threshold of [0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 1]) {
      const needed = binsNeeded(threshold);
      for (const misses of [0, SIGNATURE_BINS - needed - 1, SIGNATURE_BINS - needed, SIGNATURE_BINS - needed + 1, SIGNATURE_BINS]) {
        if (misses < 0 || misses > SIGNATURE_BINS) continue;
        for (let trial = 0; trial < 40; trial++) {
          // two signatures side by side in one array, the second at an offset
          const words = new Uint32Array(3 + 2 * WORDS);
          for (let k = 0; k < WORDS; k++) words[3 + k] = (random() * 2 ** 32) >>> 0;
          words.copyWithin(3 + WORDS, 3, 3 + WORDS);
          const order = Array.from({ length: SIGNATURE_BINS }, (_, bin) => bin).sort(() => random() - 0.5);
          for (const bin of order.slice(0, misses)) {
            // change any of the nibble's bits (the high bit alone too)
            const flip = 1 + Math.floor(random() * 15);
            words[3 + WORDS + (bin >>> 3)]! ^= flip << (4 * (bin & 7));
          }
          const a = bins(words, 3);
          const b = bins(words, 3 + WORDS);
          const agree = agreeing(a, b);
          expect(agree).toBe(SIGNATURE_BINS - misses);
          const expected = agree >= needed;
          expect(agreesAtLeast(words, 3, words, 3 + WORDS, threshold), `threshold ${threshold}, ${misses} differing bins`).toBe(expected);
          // and the documented equivalence with the estimate itself, away from its rounding
          const bytes = new Uint8Array(words.buffer);
          const estimate = estimateJaccard(bytes, 12, bytes, 12 + SIGNATURE_BYTES);
          if (Math.abs(estimate - threshold) > 1e-9) expect(estimate >= threshold).toBe(expected);
          checked++;
          if (expected) agreed++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect(agreed).toBeGreaterThan(300);
    expect(checked - agreed).toBeGreaterThan(300);
  });
});
