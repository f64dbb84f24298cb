/**
 * Stop words per language from `stopwords-iso` (MIT, a data package: one JSON of lists), for the
 * languages consultations here come in. The language of each answer is detected by which list
 * covers most of its words: a few function words identify a language well, and this needs no
 * model. Detection per answer matters because the lists collide across languages (French "car",
 * Dutch "door", German "die" and "will" are English content words or stop words of another sense),
 * so taking the union of all lists would remove real English topics. Once ingest detects languages
 * (issue 17), its answer can replace `detectLanguage`.
 */
import { createRequire } from 'node:module';

export const STOP_WORD_LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'nl'] as const;
export type StopWordLanguage = (typeof STOP_WORD_LANGUAGES)[number];

let lists: Record<StopWordLanguage, ReadonlySet<string>> | undefined;

/** The stop word list of each language (lower case, apostrophes straight). Loaded on first use. */
export function stopWordLists(): Record<StopWordLanguage, ReadonlySet<string>> {
  if (!lists) {
    const all = createRequire(import.meta.url)('stopwords-iso') as Record<string, string[]>;
    lists = Object.fromEntries(STOP_WORD_LANGUAGES.map((lang) => [lang, new Set((all[lang] ?? []).map((w) => w.toLowerCase().replace(/\u2019/g, "'")))])) as unknown as Record<StopWordLanguage, ReadonlySet<string>>;
  }
  return lists;
}

/** The language whose stop words cover most of `words` (lower case); English on a tie or no hit. */
export function detectLanguage(words: readonly string[]): StopWordLanguage {
  const all = stopWordLists();
  let best: StopWordLanguage = 'en';
  let bestHits = 0;
  for (const lang of STOP_WORD_LANGUAGES) {
    const list = all[lang];
    let hits = 0;
    for (const word of words) if (list.has(word)) hits++;
    if (hits > bestHits) {
      best = lang;
      bestHits = hits;
    }
  }
  return best;
}
