/**
 * Agreement between two codings of the same items: precision, recall and F1 of one against the
 * other (taken as the reference), Cohen's kappa for two coders, and Krippendorff's alpha (nominal)
 * for any number of coders with missing values. Pure functions over plain arrays, no I/O.
 */

/** Counts for one binary label: predicted (or coder B) against reference (or coder A). */
export interface Confusion {
  truePositive: number;
  falsePositive: number;
  falseNegative: number;
  trueNegative: number;
}

export interface LabelScores {
  precision: number;
  recall: number;
  f1: number;
  /** Items the reference has the label on. */
  support: number;
}

export function emptyConfusion(): Confusion {
  return { truePositive: 0, falsePositive: 0, falseNegative: 0, trueNegative: 0 };
}

export function addToConfusion(confusion: Confusion, reference: boolean, predicted: boolean): void {
  if (reference && predicted) confusion.truePositive++;
  else if (predicted) confusion.falsePositive++;
  else if (reference) confusion.falseNegative++;
  else confusion.trueNegative++;
}

/**
 * Precision, recall and F1 of one label. With nothing predicted, precision is 1 (no wrong codes were
 * given); with nothing to find, recall is 1; F1 is 0 whenever either is 0.
 */
export function scoresOf(c: Confusion): LabelScores {
  const predicted = c.truePositive + c.falsePositive;
  const actual = c.truePositive + c.falseNegative;
  const precision = predicted === 0 ? 1 : c.truePositive / predicted;
  const recall = actual === 0 ? 1 : c.truePositive / actual;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, support: actual };
}

/** Micro-averaged scores: the counts of all labels pooled, then scored. */
export function microScores(confusions: readonly Confusion[]): LabelScores {
  const pooled = emptyConfusion();
  for (const c of confusions) {
    pooled.truePositive += c.truePositive;
    pooled.falsePositive += c.falsePositive;
    pooled.falseNegative += c.falseNegative;
    pooled.trueNegative += c.trueNegative;
  }
  return scoresOf(pooled);
}

/** Macro-averaged scores: each label scored, then the scores averaged (every label weighs the same). */
export function macroScores(confusions: readonly Confusion[]): LabelScores {
  if (confusions.length === 0) return { precision: 1, recall: 1, f1: 1, support: 0 };
  const all = confusions.map(scoresOf);
  const mean = (pick: (s: LabelScores) => number) => all.reduce((sum, s) => sum + pick(s), 0) / all.length;
  return { precision: mean((s) => s.precision), recall: mean((s) => s.recall), f1: mean((s) => s.f1), support: all.reduce((sum, s) => sum + s.support, 0) };
}

/**
 * Cohen's kappa for two coders over the same items: (observed agreement - chance agreement) /
 * (1 - chance agreement), chance from each coder's own category shares. Categories are any strings
 * ("1"/"0" for one theme). When both coders put every item in one same category, chance agreement is
 * 1 and kappa is undefined: NaN is returned so a caller can say so rather than print a number.
 */
export function cohensKappa(a: readonly string[], b: readonly string[]): number {
  if (a.length !== b.length) throw new RangeError(`cohensKappa: ${a.length} and ${b.length} items`);
  const n = a.length;
  if (n === 0) return Number.NaN;
  let agree = 0;
  const countA = new Map<string, number>();
  const countB = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) agree++;
    countA.set(a[i]!, (countA.get(a[i]!) ?? 0) + 1);
    countB.set(b[i]!, (countB.get(b[i]!) ?? 0) + 1);
  }
  const observed = agree / n;
  let chance = 0;
  for (const [category, count] of countA) chance += (count / n) * ((countB.get(category) ?? 0) / n);
  if (chance === 1) return Number.NaN;
  return (observed - chance) / (1 - chance);
}

/** Cohen's kappa of two binary codings (true = coded). */
export function binaryKappa(a: readonly boolean[], b: readonly boolean[]): number {
  return cohensKappa(a.map(String), b.map(String));
}

/**
 * Krippendorff's alpha for nominal data: 1 - observed disagreement / expected disagreement, from the
 * coincidence matrix of values paired within each unit. `units[u][c]` is coder c's value for unit u,
 * or undefined when that coder did not code it; units with fewer than two values are not pairable and
 * are left out (Krippendorff 2011, "Computing Krippendorff's alpha-reliability"). NaN when there is
 * no variation at all.
 */
export function krippendorffAlphaNominal(units: readonly (readonly (string | undefined)[])[]): number {
  // coincidences[c][k], kept as a map of "c\u0000k"
  const coincidence = new Map<string, number>();
  const marginal = new Map<string, number>();
  let total = 0;
  for (const unit of units) {
    const values = unit.filter((v): v is string => v !== undefined && v !== '');
    const m = values.length;
    if (m < 2) continue;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        if (i === j) continue;
        const key = `${values[i]}\u0000${values[j]}`;
        coincidence.set(key, (coincidence.get(key) ?? 0) + 1 / (m - 1));
      }
    }
    for (const v of values) marginal.set(v, (marginal.get(v) ?? 0) + 1);
    total += m;
  }
  if (total < 2) return Number.NaN;
  let observedDisagreement = 0;
  for (const [key, count] of coincidence) {
    const [c, k] = key.split('\u0000');
    if (c !== k) observedDisagreement += count;
  }
  let expectedDisagreement = 0;
  const values = [...marginal.entries()];
  for (const [c, nc] of values) for (const [k, nk] of values) if (c !== k) expectedDisagreement += nc * nk;
  expectedDisagreement /= total - 1;
  if (expectedDisagreement === 0) return Number.NaN;
  return 1 - observedDisagreement / expectedDisagreement;
}
