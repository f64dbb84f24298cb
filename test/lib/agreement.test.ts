import { describe, expect, it } from 'vitest';
import { binaryKappa, cohensKappa, krippendorffAlphaNominal, macroScores, microScores, scoresOf } from '../../src/lib/agreement.js';

describe('precision, recall and F1', () => {
  it('scores one label from its counts', () => {
    // 8 right codes, 2 wrong, 4 missed: precision 8/10, recall 8/12, F1 = 2*0.8*0.6667/1.4667 = 0.7273
    const s = scoresOf({ truePositive: 8, falsePositive: 2, falseNegative: 4, trueNegative: 86 });
    expect(s.precision).toBeCloseTo(0.8, 10);
    expect(s.recall).toBeCloseTo(8 / 12, 10);
    expect(s.f1).toBeCloseTo(16 / 22, 10);
    expect(s.support).toBe(12);
  });

  it('averages labels by macro (each label equal) and micro (counts pooled)', () => {
    const a = { truePositive: 9, falsePositive: 1, falseNegative: 0, trueNegative: 0 }; // P 0.9 R 1
    const b = { truePositive: 1, falsePositive: 1, falseNegative: 0, trueNegative: 0 }; // P 0.5 R 1
    expect(macroScores([a, b]).precision).toBeCloseTo(0.7, 10);
    expect(microScores([a, b]).precision).toBeCloseTo(10 / 12, 10);
  });

  it('gives precision 1 when nothing was coded and F1 0 when nothing was found', () => {
    const s = scoresOf({ truePositive: 0, falsePositive: 0, falseNegative: 3, trueNegative: 5 });
    expect(s.precision).toBe(1);
    expect(s.recall).toBe(0);
    expect(s.f1).toBe(0);
  });
});

describe("Cohen's kappa", () => {
  it('matches a hand computation for one theme', () => {
    // 10 answers; A codes 1-5, B codes 1-4 and 6.
    // agree: 1,2,3,4 (both yes) + 7,8,9,10 (both no) = 8 of 10, po = 0.8
    // A yes 5/10, B yes 5/10: pe = 0.5*0.5 + 0.5*0.5 = 0.5; kappa = (0.8-0.5)/(1-0.5) = 0.6
    const a = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0].map(Boolean);
    const b = [1, 1, 1, 1, 0, 1, 0, 0, 0, 0].map(Boolean);
    expect(binaryKappa(a, b)).toBeCloseTo(0.6, 10);
  });

  it('matches a hand computation with unequal shares and three categories', () => {
    // 8 items: A = x x x y y z z z, B = x x y y y z z x
    // agree at items 1,2,4,5,6,7 = 6/8 = 0.75
    // A: x 3, y 2, z 3; B: x 3, y 3, z 2 -> pe = (9 + 6 + 6)/64 = 21/64
    // kappa = (0.75 - 21/64)/(1 - 21/64) = (48/64 - 21/64)/(43/64) = 27/43 = 0.62791
    expect(cohensKappa('xxxyyzzz'.split(''), 'xxyyyzzx'.split(''))).toBeCloseTo(27 / 43, 10);
  });

  it('is 1 for identical codings and undefined (NaN) when both coders never vary', () => {
    expect(cohensKappa(['a', 'b', 'a'], ['a', 'b', 'a'])).toBe(1);
    expect(cohensKappa(['a', 'a'], ['a', 'a'])).toBeNaN();
  });
});

describe("Krippendorff's alpha (nominal)", () => {
  it("gives 0.743 on Krippendorff's own reliability data example (4 observers, 12 units, missing values)", () => {
    // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: nominal alpha = 0.743.
    const _ = undefined;
    const observers = [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
      [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
    ];
    const units = observers[0]!.map((_, u) => observers.map((o) => (o[u] === undefined ? undefined : String(o[u]))));
    expect(krippendorffAlphaNominal(units)).toBeCloseTo(0.743, 3);
  });

  it('equals 1 on perfect agreement', () => {
    expect(krippendorffAlphaNominal([['a', 'a'], ['b', 'b'], ['a', 'a']])).toBe(1);
  });
});
