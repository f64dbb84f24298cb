/**
 * Ranked full-text search over techniques: BM25 over stemmed words, with names and
 * summaries weighted above the methodology so a title match wins.
 */
import { stemmer } from 'stemmer';
import type { Technique } from './schema.js';

const STOP_WORDS = new Set(
  'a an and are as at be by for from has have how in is it its of on or that the their them this to was were what when where which who with you your'.split(' '),
);

export function searchTerms(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOP_WORDS.has(w)).map((w) => stemmer(w));
}

const FIELD_WEIGHTS: [weight: number, read: (t: Technique) => string][] = [
  [4, (t) => `${t.name} ${t.id.replace(/-/g, ' ')}`],
  [2.5, (t) => t.summary],
  [1.5, (t) => [...t.channels, ...t.when_to_use, ...t.audiences].join(' ')],
  [1, (t) => t.methodology],
];

export interface SearchHit {
  technique: Technique;
  score: number;
  matched: string[];
}

export function searchTechniques(techniques: readonly Technique[], query: string): SearchHit[] {
  const queryTerms = [...new Set(searchTerms(query))];
  if (queryTerms.length === 0) return [];
  // weighted term frequencies per document
  const docs = techniques.map((technique) => {
    const tf = new Map<string, number>();
    let length = 0;
    for (const [weight, read] of FIELD_WEIGHTS) {
      for (const term of searchTerms(read(technique))) {
        tf.set(term, (tf.get(term) ?? 0) + weight);
        length += weight;
      }
    }
    return { technique, tf, length };
  });
  const averageLength = docs.reduce((sum, d) => sum + d.length, 0) / Math.max(docs.length, 1);
  const k1 = 1.2;
  const b = 0.75;
  const hits: SearchHit[] = [];
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
    if (matched.length > 0) hits.push({ technique: doc.technique, score: score * (matched.length / queryTerms.length), matched });
  }
  return hits.sort((x, y) => y.score - x.score || x.technique.id.localeCompare(y.technique.id));
}
