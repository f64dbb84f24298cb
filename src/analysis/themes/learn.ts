/**
 * Codes learned from the analyst: answers a person has coded train, per theme, a local classifier
 * (src/lib/text-classifier.ts) over the answer's words, two-word phrases and which rules matched;
 * it then codes the answers nobody has labelled, each code with a confidence. Before that, k-fold
 * cross-validation over the labelled answers says how well the learned codes agree with the
 * person's (precision, recall, F1 per theme and overall, Cohen's kappa), and the rules alone are
 * scored on the same answers so the two can be compared.
 *
 * A person's codes always win: a labelled answer keeps exactly the codes the person gave it.
 */
import { binaryKappa } from '../../lib/agreement.js';
import { TextClassifier, crossValidate, evaluate, type Evaluation, type Featuriser, type LabelledText } from '../../lib/text-classifier.js';
import { stripMarkupForThemes } from './markup.js';
import { detectLanguage, stopWordLists } from './stop-words.js';
import { stem, tokenise } from './tokens.js';

/** Published context for the figures (from issue 20): i.AI Consult's one evaluation against expert coders. */
export const PUBLISHED_AGREEMENT = {
  source: 'i.AI Consult evaluation against expert coders',
  humanHumanF1: 0.74,
  modelF1: [0.79, 0.82] as const,
};

export interface AnswerToCode {
  id: string;
  text: string;
  /** Themes the codeframe's rules gave the answer. */
  ruleCodes: readonly string[];
  /** Themes a person gave it; undefined when nobody labelled it. */
  personCodes?: readonly string[];
}

export type LearnedSource = 'person' | 'learned';

export interface FinalCode {
  themeId: string;
  source: LearnedSource;
  /** The model's probability (learned codes only). */
  confidence?: number;
  /** Whether a rule matched this theme too. */
  rule: boolean;
}

export interface ThemeAgreement {
  precision: number;
  recall: number;
  f1: number;
  /** Cohen's kappa between the codes and the person's on this theme; null when undefined (nobody varied). */
  kappa: number | null;
  /** Labelled answers the person gave this theme. */
  support: number;
}

export interface AgreementReport {
  labelled: number;
  folds: number;
  perTheme: Record<string, ThemeAgreement>;
  macro: { precision: number; recall: number; f1: number };
  micro: { precision: number; recall: number; f1: number };
  /** Kappa over every (answer, theme) decision pooled. */
  kappa: number | null;
}

export interface LearnOutcome {
  /** Cross-validated agreement of learned codes with the person's. */
  learned: AgreementReport;
  /** Agreement of the rules alone with the person's, on the same answers. */
  rules: AgreementReport;
  /** Final codes per answer id, in input order. */
  codes: Map<string, FinalCode[]>;
  /** Per unlabelled answer id: the model's least margin from its threshold (for choosing what to label next). */
  uncertainty: Map<string, number>;
  published: typeof PUBLISHED_AGREEMENT;
}

export interface LearnOptions {
  folds?: number;
  seed?: number;
}

/** Fewest labelled answers to learn from: below this, cross-validated figures mean little. */
export const MIN_LABELLED = 20;

/** Words, two-word phrases (stop words left out of single words, by the answer's detected language). */
export function themeFeaturiser(): Featuriser {
  const lists = stopWordLists();
  return (text) => {
    const words = tokenise(stripMarkupForThemes(text)).words;
    const stops = lists[detectLanguage(words)];
    const stems = words.map(stem);
    const features = new Set<string>();
    for (let i = 0; i < stems.length; i++) {
      if (!stops.has(words[i]!)) features.add(`w:${stems[i]}`);
      if (i > 0) features.add(`b:${stems[i - 1]} ${stems[i]}`);
    }
    return [...features];
  };
}

const ruleFeatures = (codes: readonly string[]) => codes.map((id) => `rule:${id}`);

export function learnCodes(answers: readonly AnswerToCode[], themeIds: readonly string[], options: LearnOptions = {}): LearnOutcome {
  const folds = options.folds ?? 5;
  const seed = options.seed ?? 20;
  const labelled = answers.filter((a) => a.personCodes !== undefined);
  if (labelled.length < MIN_LABELLED) {
    throw new RangeError(`learning codes needs at least ${MIN_LABELLED} labelled answers; there are ${labelled.length}`);
  }
  const featurise = themeFeaturiser();
  const items: LabelledText[] = labelled.map((a) => ({ text: a.text, labels: a.personCodes!, extra: ruleFeatures(a.ruleCodes) }));
  const validated = crossValidate(items, themeIds, featurise, folds, { seed });
  const reference = labelled.map((a) => a.personCodes!);
  const learned = agreementReport(validated, reference, validated.predicted, themeIds, folds);
  const ruleCodes = labelled.map((a) => [...a.ruleCodes]);
  const rules = agreementReport(evaluate(reference, ruleCodes, themeIds), reference, ruleCodes, themeIds, folds);

  const model = TextClassifier.train(items, themeIds, featurise, { seed });
  const codes = new Map<string, FinalCode[]>();
  const uncertainty = new Map<string, number>();
  for (const answer of answers) {
    const rule = new Set(answer.ruleCodes);
    if (answer.personCodes !== undefined) {
      codes.set(answer.id, answer.personCodes.map((themeId) => ({ themeId, source: 'person', rule: rule.has(themeId) })));
      continue;
    }
    const probabilities = model.probabilities(answer.text, ruleFeatures(answer.ruleCodes));
    codes.set(
      answer.id,
      probabilities.filter((p) => p.probability >= model.threshold).map((p) => ({ themeId: p.label, source: 'learned', confidence: p.probability, rule: rule.has(p.label) })),
    );
    uncertainty.set(answer.id, Math.min(...probabilities.map((p) => Math.abs(p.probability - model.threshold))));
  }
  return { learned, rules, codes, uncertainty, published: PUBLISHED_AGREEMENT };
}

/** Scores plus kappa per theme and pooled, from reference and predicted label sets. */
export function agreementReport(evaluation: Evaluation, reference: readonly (readonly string[])[], predicted: readonly (readonly string[])[], themeIds: readonly string[], folds: number): AgreementReport {
  const perTheme: Record<string, ThemeAgreement> = {};
  const pooledA: boolean[] = [];
  const pooledB: boolean[] = [];
  for (const themeId of themeIds) {
    const a = reference.map((codes) => codes.includes(themeId));
    const b = predicted.map((codes) => codes.includes(themeId));
    pooledA.push(...a);
    pooledB.push(...b);
    const s = evaluation.perLabel[themeId]!;
    perTheme[themeId] = { precision: s.precision, recall: s.recall, f1: s.f1, kappa: finiteOrNull(binaryKappa(a, b)), support: s.support };
  }
  const pick = (s: { precision: number; recall: number; f1: number }) => ({ precision: s.precision, recall: s.recall, f1: s.f1 });
  return { labelled: reference.length, folds, perTheme, macro: pick(evaluation.macro), micro: pick(evaluation.micro), kappa: finiteOrNull(binaryKappa(pooledA, pooledB)) };
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
