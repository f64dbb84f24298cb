import { describe, expect, it } from 'vitest';
import { TextClassifier, crossValidate, defaultFeatures, kFolds } from '../../src/lib/text-classifier.js';

const words = defaultFeatures((w) => w, new Set(['the', 'a', 'is']));
const items = [
  ...['the bus is late', 'a bus every hour', 'bus fares are high', 'the bus never comes', 'more buses please bus'].map((text) => ({ text, labels: ['bus'] })),
  ...['the park is lovely', 'keep the park green', 'trees in the park', 'a park for children', 'park benches'].map((text) => ({ text, labels: ['park'] })),
  ...['no comment', 'nothing to add', 'not sure'].map((text) => ({ text, labels: [] as string[] })),
];

describe('TextClassifier', () => {
  it('learns words that mark each label and gives none to an answer without them', () => {
    const model = TextClassifier.train(items, ['bus', 'park'], words, { epochs: 60, learningRate: 0.5 });
    expect(model.predict('the bus to town').map((p) => p.label)).toEqual(['bus']);
    expect(model.predict('the park by the river').map((p) => p.label)).toEqual(['park']);
    expect(model.predict('no idea')).toEqual([]);
  });

  it('gives the same probabilities for the same data and seed, and uses extra features', () => {
    const a = TextClassifier.train(items, ['bus', 'park'], words, { seed: 3 }).probabilities('bus park');
    const b = TextClassifier.train(items, ['bus', 'park'], words, { seed: 3 }).probabilities('bus park');
    expect(b).toEqual(a);
    const flagged = items.map((item) => ({ ...item, extra: item.labels.includes('bus') ? ['rule:bus'] : [] }));
    const model = TextClassifier.train(flagged, ['bus'], words, { epochs: 60, learningRate: 0.5 });
    expect(model.probabilities('unseen words', ['rule:bus'])[0]!.probability).toBeGreaterThan(model.probabilities('unseen words')[0]!.probability);
  });
});

describe('kFolds and crossValidate', () => {
  it('puts every item in exactly one fold of near-equal size', () => {
    const folds = kFolds(23, 5, 1);
    expect(folds.map((f) => f.length).sort()).toEqual([4, 4, 5, 5, 5]);
    expect(folds.flat().sort((x, y) => x - y)).toEqual(Array.from({ length: 23 }, (_, i) => i));
    expect(() => kFolds(10, 1)).toThrow(RangeError);
  });

  it('predicts each item from a model that did not see it', () => {
    // one item per label word: held out, its only marker word is unseen, so nothing is predicted
    const unique = ['alpha', 'beta', 'gamma', 'delta'].map((w) => ({ text: w, labels: [w] }));
    const result = crossValidate(unique, ['alpha', 'beta', 'gamma', 'delta'], words, 4);
    expect(result.predicted).toEqual([[], [], [], []]);
    expect(result.macro.recall).toBe(0);
  });
});
