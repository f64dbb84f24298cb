/**
 * A small local text classifier: one binary L2-regularised logistic regression per label, over
 * word and two-word features (stemmed, stop words kept out of single words only) plus any extra
 * binary features the caller gives (such as "a rule matched this theme"). Trained by stochastic
 * gradient descent in a seeded order, so the same data give the same model on every machine; no
 * network, nothing but arithmetic. Also a k-fold cross-validation helper that scores it.
 *
 * Why logistic regression and not naive Bayes: labels overlap (an answer is about buses and
 * parking), features are far from independent (a word and the phrases containing it), and a
 * probability that means something is wanted for confidence and for choosing what to label next.
 */
import { seededRandom } from './random.js';
import { addToConfusion, emptyConfusion, macroScores, microScores, scoresOf, type Confusion, type LabelScores } from './agreement.js';

export interface LabelledText {
  text: string;
  /** Labels the item has (others are negatives). */
  labels: readonly string[];
  /** Extra binary features by name, e.g. `rule:buses`. */
  extra?: readonly string[];
}

export interface ClassifierOptions {
  /** Passes over the training data. Default 30. */
  epochs?: number;
  /** Starting learning rate. Default 0.2. */
  learningRate?: number;
  /** L2 penalty per example. Default 1e-3. */
  l2?: number;
  /** Seed of the example order. Default 20. */
  seed?: number;
  /** Features seen in fewer training texts are dropped. Default 1 (keep all). */
  minCount?: number;
  /** Probability above which a label is given. Default 0.5. */
  threshold?: number;
}

/** Turns a text into feature names; give the same one to training and prediction. */
export type Featuriser = (text: string) => string[];

export interface Prediction {
  label: string;
  probability: number;
}

/** Lower-case word tokens with markup removed; a stand-in until shared normalisation lands. */
export function defaultFeatures(stemWord: (word: string) => string, stopWords: ReadonlySet<string>): Featuriser {
  return (text) => {
    const words = (text.toLowerCase().match(/[\p{L}\p{N}]+(?:['\u2019][\p{L}]+)*/gu) ?? []).map((w) => stemWord(w.replace(/\u2019/g, "'")));
    const features = new Set<string>();
    for (let i = 0; i < words.length; i++) {
      if (!stopWords.has(words[i]!)) features.add(`w:${words[i]}`);
      if (i > 0) features.add(`b:${words[i - 1]} ${words[i]}`);
    }
    return [...features];
  };
}

export class TextClassifier {
  readonly labels: readonly string[];
  private readonly vocabulary: Map<string, number>;
  /** weights[label][feature], bias last. */
  private readonly weights: Float64Array[];
  private readonly featurise: Featuriser;
  readonly threshold: number;

  private constructor(labels: readonly string[], vocabulary: Map<string, number>, weights: Float64Array[], featurise: Featuriser, threshold: number) {
    this.labels = labels;
    this.vocabulary = vocabulary;
    this.weights = weights;
    this.featurise = featurise;
    this.threshold = threshold;
  }

  static train(items: readonly LabelledText[], labels: readonly string[], featurise: Featuriser, options: ClassifierOptions = {}): TextClassifier {
    const epochs = options.epochs ?? 30;
    const rate = options.learningRate ?? 0.2;
    const l2 = options.l2 ?? 1e-3;
    const minCount = options.minCount ?? 1;
    const counts = new Map<string, number>();
    const raw = items.map((item) => {
      const features = [...featurise(item.text), ...(item.extra ?? []).map((e) => `x:${e}`)];
      for (const f of features) counts.set(f, (counts.get(f) ?? 0) + 1);
      return features;
    });
    const vocabulary = new Map<string, number>();
    for (const [feature, count] of [...counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (count >= minCount) vocabulary.set(feature, vocabulary.size);
    }
    const encoded = raw.map((features) => encode(features, vocabulary));
    const size = vocabulary.size + 1;
    const weights = labels.map(() => new Float64Array(size));
    const random = seededRandom(options.seed ?? 20);
    const order = items.map((_, i) => i);
    for (let epoch = 0; epoch < epochs; epoch++) {
      shuffle(order, random);
      const step = rate / (1 + epoch * 0.2);
      for (const index of order) {
        const { ids, value } = encoded[index]!;
        const has = new Set(items[index]!.labels);
        labels.forEach((label, l) => {
          const w = weights[l]!;
          let z = w[size - 1]!;
          for (const id of ids) z += w[id]! * value;
          const error = sigmoid(z) - (has.has(label) ? 1 : 0);
          const shrink = 1 - step * l2;
          for (const id of ids) w[id] = w[id]! * shrink - step * error * value;
          w[size - 1] = w[size - 1]! - step * error;
        });
      }
    }
    return new TextClassifier(labels, vocabulary, weights, featurise, options.threshold ?? 0.5);
  }

  /** Probability of every label for one text. */
  probabilities(text: string, extra: readonly string[] = []): Prediction[] {
    const { ids, value } = encode([...this.featurise(text), ...extra.map((e) => `x:${e}`)], this.vocabulary);
    return this.labels.map((label, l) => {
      const w = this.weights[l]!;
      let z = w[w.length - 1]!;
      for (const id of ids) z += w[id]! * value;
      return { label, probability: sigmoid(z) };
    });
  }

  /** Labels above the threshold, with their probability. */
  predict(text: string, extra: readonly string[] = []): Prediction[] {
    return this.probabilities(text, extra).filter((p) => p.probability >= this.threshold);
  }
}

/** Known feature ids of a text; every feature is binary (present = 1), which scored better on the fixture than 1/sqrt(count). */
function encode(features: readonly string[], vocabulary: ReadonlyMap<string, number>): { ids: number[]; value: number } {
  const ids: number[] = [];
  for (const f of new Set(features)) {
    const id = vocabulary.get(f);
    if (id !== undefined) ids.push(id);
  }
  return { ids, value: 1 };
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

/** Items split into k folds in a seeded order; fold f is `folds[f]` (indexes into items). */
export function kFolds(count: number, k: number, seed = 20): number[][] {
  if (!Number.isInteger(k) || k < 2) throw new RangeError('k-fold cross-validation needs k of 2 or more');
  const order = Array.from({ length: count }, (_, i) => i);
  shuffle(order, seededRandom(seed));
  const folds: number[][] = Array.from({ length: Math.min(k, Math.max(count, 1)) }, () => []);
  order.forEach((index, i) => folds[i % folds.length]!.push(index));
  return folds;
}

export interface Evaluation {
  perLabel: Record<string, LabelScores & { confusion: Confusion }>;
  macro: LabelScores;
  micro: LabelScores;
}

/** Score predictions (label sets) against reference label sets. */
export function evaluate(reference: readonly (readonly string[])[], predicted: readonly (readonly string[])[], labels: readonly string[]): Evaluation {
  const confusions = labels.map(() => emptyConfusion());
  reference.forEach((ref, i) => {
    const got = new Set(predicted[i]);
    const want = new Set(ref);
    labels.forEach((label, l) => addToConfusion(confusions[l]!, want.has(label), got.has(label)));
  });
  const perLabel: Evaluation['perLabel'] = {};
  labels.forEach((label, l) => (perLabel[label] = { ...scoresOf(confusions[l]!), confusion: confusions[l]! }));
  return { perLabel, macro: macroScores(confusions), micro: microScores(confusions) };
}

/**
 * k-fold cross-validation: train on k-1 folds, predict the held-out one, score all held-out
 * predictions together. Returns the predictions too (per item, in item order).
 */
export function crossValidate(items: readonly LabelledText[], labels: readonly string[], featurise: Featuriser, k = 5, options: ClassifierOptions = {}): Evaluation & { predicted: string[][] } {
  const predicted: string[][] = items.map(() => []);
  const folds = kFolds(items.length, k, options.seed);
  for (const fold of folds) {
    const held = new Set(fold);
    const model = TextClassifier.train(items.filter((_, i) => !held.has(i)), labels, featurise, options);
    for (const i of fold) predicted[i] = model.predict(items[i]!.text, items[i]!.extra).map((p) => p.label);
  }
  return { ...evaluate(items.map((i) => i.labels), predicted, labels), predicted };
}
