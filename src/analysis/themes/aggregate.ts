/**
 * Theme tallies: plain, mergeable objects (workers build one each; the main thread merges them in
 * chunk order), summarised at the end into per-question results with shares and co-occurrence.
 *
 * Counting rules:
 * - `answered`: responses with any non-blank text for the question; shares are of answered responses.
 *   Blank answers are counted in `blank` and are neither coded nor uncoded.
 * - `uncoded`: answered responses with no theme.
 * - Co-occurrence counts pairs of themes matched directly in one response; a parent coded only through
 *   its child is left out of pairs (it would always co-occur with that child).
 * - Quotes: the first 3 distinct responses per theme and question, redacted and cut to about 200 characters.
 */
import { mergeRedactionCounts, redact, type RedactionCounts } from '../redact.js';
import type { Codeframe } from './codeframe.js';
import type { ThemeCode } from './matcher.js';

export const QUOTES_PER_THEME = 3;
export const QUOTE_LENGTH = 200;
const PAIR_SEPARATOR = '\u0000';

export interface GroupTally {
  answered: number;
  blank: number;
  uncoded: number;
  themes: Record<string, number>;
  pairs: Record<string, number>;
}

export interface QuestionTally {
  byType: Record<string, GroupTally>;
  quotes: Record<string, string[]>;
}

export interface ThemeTally {
  questions: Record<string, QuestionTally>;
  /** What was redacted from the quotes kept, per type. */
  redactions: RedactionCounts;
}

export interface AddOptions {
  /** Consider this response for example quotes (e.g. false for campaign copies). Default true. */
  quote?: boolean;
  /** Redact personal data in quotes. Default true. */
  redact?: boolean;
}

export function createThemeTally(): ThemeTally {
  return { questions: {}, redactions: {} };
}

function emptyGroup(): GroupTally {
  return { answered: 0, blank: 0, uncoded: 0, themes: {}, pairs: {} };
}

/** Count one response's codes for one question and respondent type. */
export function addCodedResponse(
  tally: ThemeTally,
  question: string,
  respondentType: string,
  text: string,
  codes: readonly ThemeCode[],
  options: AddOptions = {},
): void {
  const questionTally = (tally.questions[question] ??= { byType: {}, quotes: {} });
  const group = (questionTally.byType[respondentType] ??= emptyGroup());
  if (text.trim() === '') {
    group.blank++;
    return;
  }
  group.answered++;
  if (codes.length === 0) {
    group.uncoded++;
    return;
  }
  for (const code of codes) group.themes[code.themeId] = (group.themes[code.themeId] ?? 0) + 1;
  const direct = codes.filter((c) => c.via === undefined);
  for (let i = 0; i < direct.length; i++) {
    for (let j = i + 1; j < direct.length; j++) {
      const key = pairKey(direct[i]!.themeId, direct[j]!.themeId);
      group.pairs[key] = (group.pairs[key] ?? 0) + 1;
    }
  }
  if (options.quote === false) return;
  let quote: string | undefined;
  for (const code of codes) {
    const quotes = (questionTally.quotes[code.themeId] ??= []);
    if (quotes.length >= QUOTES_PER_THEME) continue;
    if (quote === undefined) {
      const redacted = options.redact === false ? { text, counts: {} } : redact(text);
      quote = shortQuote(redacted.text);
      if (quotes.includes(quote)) continue;
      mergeRedactionCounts(tally.redactions, redacted.counts);
    }
    if (!quotes.includes(quote)) quotes.push(quote);
  }
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}${PAIR_SEPARATOR}${b}` : `${b}${PAIR_SEPARATOR}${a}`;
}

/** Cut to about `max` characters at a word boundary, with an ellipsis when cut; whitespace collapsed. */
export function shortQuote(text: string, max = QUOTE_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  const body = (space > max * 0.6 ? cut.slice(0, space) : flat.slice(0, max)).replace(/[\s,;:.-]+$/, '');
  return `${body}…`;
}

/**
 * A short quote that shows `evidence` (words of the text): the text cut to about `max` characters
 * around the first place the evidence occurs, with an ellipsis where it is cut.
 */
export function quoteAround(text: string, evidence: string, max = QUOTE_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const at = evidence === '' ? -1 : flat.indexOf(evidence.replace(/\s+/g, ' '));
  if (flat.length <= max || at < 0 || at + evidence.length <= max - 20) return shortQuote(flat, max);
  // start a little before the evidence, at a word boundary
  let start = Math.max(0, at - Math.floor(max / 3));
  const space = flat.indexOf(' ', start);
  if (space >= 0 && space < at) start = space + 1;
  return `…${shortQuote(flat.slice(start), max - 1)}`;
}

/** Add `more` into `into` (mutated) and return it. Merge in row order to keep quotes deterministic. */
export function mergeThemeTallies(into: ThemeTally, more: ThemeTally): ThemeTally {
  for (const [question, moreQuestion] of Object.entries(more.questions)) {
    const target = (into.questions[question] ??= { byType: {}, quotes: {} });
    for (const [type, group] of Object.entries(moreQuestion.byType)) {
      const mine = (target.byType[type] ??= emptyGroup());
      mine.answered += group.answered;
      mine.blank += group.blank;
      mine.uncoded += group.uncoded;
      for (const [id, n] of Object.entries(group.themes)) mine.themes[id] = (mine.themes[id] ?? 0) + n;
      for (const [key, n] of Object.entries(group.pairs)) mine.pairs[key] = (mine.pairs[key] ?? 0) + n;
    }
    for (const [id, quotes] of Object.entries(moreQuestion.quotes)) {
      const mine = (target.quotes[id] ??= []);
      for (const quote of quotes) if (mine.length < QUOTES_PER_THEME && !mine.includes(quote)) mine.push(quote);
    }
  }
  mergeRedactionCounts(into.redactions, more.redactions);
  return into;
}

export interface CountShare {
  count: number;
  /** count / answered, 0 when nothing was answered. */
  share: number;
}

export interface ThemeSummary extends CountShare {
  id: string;
  label: string;
  parent?: string;
  byType: Record<string, CountShare>;
  quotes: string[];
}

export interface QuestionThemeSummary {
  question: string;
  answered: number;
  blank: number;
  uncoded: CountShare;
  byType: Record<string, { answered: number; blank: number; uncoded: CountShare }>;
  themes: ThemeSummary[];
  /** Pairs of themes in the same response, most frequent first. */
  cooccurrence: { a: string; b: string; count: number }[];
}

const share = (count: number, of: number): CountShare => ({ count, share: of === 0 ? 0 : count / of });

/** Per-question results in codeframe order (questions in the codeframe without responses included, with zeros). */
export function summariseThemes(tally: ThemeTally, codeframe: Codeframe): QuestionThemeSummary[] {
  return Object.entries(codeframe.questions).map(([question, themes]) => {
    const byTypeTally = tally.questions[question]?.byType ?? {};
    const types = Object.keys(byTypeTally).sort();
    const total = emptyGroup();
    const pairs = new Map<string, number>();
    for (const type of types) {
      const group = byTypeTally[type]!;
      total.answered += group.answered;
      total.blank += group.blank;
      total.uncoded += group.uncoded;
      for (const [id, n] of Object.entries(group.themes)) total.themes[id] = (total.themes[id] ?? 0) + n;
      for (const [key, n] of Object.entries(group.pairs)) pairs.set(key, (pairs.get(key) ?? 0) + n);
    }
    return {
      question,
      answered: total.answered,
      blank: total.blank,
      uncoded: share(total.uncoded, total.answered),
      byType: Object.fromEntries(
        types.map((type) => {
          const g = byTypeTally[type]!;
          return [type, { answered: g.answered, blank: g.blank, uncoded: share(g.uncoded, g.answered) }];
        }),
      ),
      themes: themes.map((theme) => ({
        id: theme.id,
        label: theme.label,
        ...(theme.parent !== undefined ? { parent: theme.parent } : {}),
        ...share(total.themes[theme.id] ?? 0, total.answered),
        byType: Object.fromEntries(types.map((type) => [type, share(byTypeTally[type]!.themes[theme.id] ?? 0, byTypeTally[type]!.answered)])),
        quotes: tally.questions[question]?.quotes[theme.id] ?? [],
      })),
      cooccurrence: [...pairs.entries()]
        .map(([key, count]) => {
          const [a, b] = key.split(PAIR_SEPARATOR) as [string, string];
          return { a, b, count };
        })
        .sort((x, y) => y.count - x.count || x.a.localeCompare(y.a) || x.b.localeCompare(y.b)),
    };
  });
}
