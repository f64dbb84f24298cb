/**
 * Ranked full-text search: BM25 over stemmed words, with some fields weighted above others
 * (a technique's name and summary above its methodology) so a title match wins.
 */
import { stemmer } from 'stemmer';
import type { CaseStudy, Technique } from './schema.js';

const STOP_WORDS = new Set(
  'a an and are as at be by for from has have how in is it its of on or that the their them this to was were what when where which who with you your'.split(' '),
);

export function searchTerms(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOP_WORDS.has(w)).map((w) => stemmer(w));
}

/** One searchable field: its weight and how to read it from an item. */
export type WeightedField<T> = [weight: number, read: (item: T) => string];

const TECHNIQUE_FIELDS: WeightedField<Technique>[] = [
  [4, (t) => `${t.name} ${t.id.replace(/-/g, ' ')}`],
  [2.5, (t) => t.summary],
  [1.5, (t) => [...t.channels, ...t.when_to_use, ...t.audiences].join(' ')],
  [1, (t) => t.methodology],
];

const CASE_STUDY_FIELDS: WeightedField<CaseStudy>[] = [
  [4, (c) => `${c.title} ${c.id.replace(/-/g, ' ')}`],
  [2.5, (c) => `${c.summary} ${c.organisation}`],
  [1.5, (c) => [...c.lessons, ...c.figures.map((f) => `${f.label} ${f.value}`), ...c.quotes.map((q) => `${q.quote} ${q.who}`)].join(' ')],
  [1, (c) => c.story],
];

export interface Hit<T> {
  item: T;
  score: number;
  matched: string[];
}

export interface SearchHit {
  technique: Technique;
  score: number;
  matched: string[];
}

/** BM25 ranking of `items` for `query`; ties broken by `key` so the order is stable. */
export function rank<T>(items: readonly T[], fields: readonly WeightedField<T>[], query: string, key: (item: T) => string): Hit<T>[] {
  const queryTerms = [...new Set(searchTerms(query))];
  if (queryTerms.length === 0) return [];
  // weighted term frequencies per document
  const docs = items.map((item) => {
    const tf = new Map<string, number>();
    let length = 0;
    for (const [weight, read] of fields) {
      for (const term of searchTerms(read(item))) {
        tf.set(term, (tf.get(term) ?? 0) + weight);
        length += weight;
      }
    }
    return { item, tf, length };
  });
  const averageLength = docs.reduce((sum, d) => sum + d.length, 0) / Math.max(docs.length, 1);
  const k1 = 1.2;
  const b = 0.75;
  const hits: Hit<T>[] = [];
  for (const doc of docs) {
    let score = 0;
    const matched: string[] = [];
    for (const term of queryTerms) {
      const f = doc.tf.get(term);
      if (!f) continue;
      const containing = docs.filter((d) => d.tf.has(term)).length;
      const idf = Math.log(1 + (docs.length - containing + 0.5) / (containing + 0.5));
      score += idf * ((f * (k1 + 1)) / (f + k1 * (1 - b + (b * doc.length) / averageLength)));
      matched.push(term);
    }
    // documents that match every query word come first
    if (matched.length > 0) hits.push({ item: doc.item, score: score * (matched.length / queryTerms.length), matched });
  }
  return hits.sort((x, y) => y.score - x.score || key(x.item).localeCompare(key(y.item)));
}

export function searchTechniques(techniques: readonly Technique[], query: string): SearchHit[] {
  return rank(techniques, TECHNIQUE_FIELDS, query, (t) => t.id).map((h) => ({ technique: h.item, score: h.score, matched: h.matched }));
}

export function searchCaseStudies(studies: readonly CaseStudy[], query: string): Hit<CaseStudy>[] {
  return rank(studies, CASE_STUDY_FIELDS, query, (c) => c.id);
}
