/**
 * What theme coding, the review file and campaign membership add to a chunk's results: plain,
 * structured-clone-safe objects built per block in the workers and merged in input order in the
 * main thread (so quotes and templates do not depend on how the file was cut).
 */
import { createThemeTally, mergeThemeTallies, pairKey, type ThemeTally } from '../themes/aggregate.js';
import type { ThemeCode } from '../themes/matcher.js';

/** Quote candidates kept per question and theme (the first distinct ones in row order). */
export const QUOTE_CANDIDATES = 3;
/** Characters of a candidate quote kept before redaction (it is cut to about 200 afterwards). */
export const QUOTE_TEXT_KEPT = 1000;

export interface QuoteCandidate {
  line: number;
  respondentType: string;
  text: string;
  /** The words that matched the theme, as written (the quote is cut around them). */
  evidence: string;
  /** The row's values in its personal-data columns, when it has any (redacted from the text). */
  personal?: string[];
}

export interface ReviewCounts {
  /** Final codes assigned by rule, and by a person (added, or rule codes a person confirmed). */
  rule: number;
  review: number;
  /** Codes a person added (ancestors included) and rule codes a person removed (descendants included). */
  added: number;
  removed: number;
  /** Responses with a review entry for this question, and those flagged. */
  reviewed: number;
  flagged: number;
}

export interface CampaignTemplate {
  row: number;
  line: number;
  id: string;
  /** The template row's answer to each campaign column (by column name), as written. */
  texts: Record<string, string>;
  /** Theme ids the template row is coded to, per coded question. */
  codes: Record<string, string[]>;
  /** The row's values in its personal-data columns, when it has any. */
  personal?: string[];
}

export interface CampaignTally {
  byType: Record<string, number>;
  template?: CampaignTemplate;
  edited: number;
  /** Per coded question: theme -> edited copies coded to it. */
  editedThemes: Record<string, Record<string, number>>;
}

export interface Coding {
  /** Theme counts over all responses, and without campaign copies. */
  all: ThemeTally;
  excluding: ThemeTally;
  /** Question -> theme -> candidate quotes (responses outside campaigns, not flagged). */
  quotes: Record<string, Record<string, QuoteCandidate[]>>;
  /** Per coded question. */
  review: Record<string, ReviewCounts>;
  /** review.csv entries (reviewKey) that matched a response. */
  reviewMatched: string[];
  /** Campaign index -> what its rows added. */
  campaigns: Record<number, CampaignTally>;
}

export function emptyCoding(): Coding {
  return { all: createThemeTally(), excluding: createThemeTally(), quotes: {}, review: {}, reviewMatched: [], campaigns: {} };
}

export function emptyReviewCounts(): ReviewCounts {
  return { rule: 0, review: 0, added: 0, removed: 0, reviewed: 0, flagged: 0 };
}

export function emptyCampaignTally(): CampaignTally {
  return { byType: {}, edited: 0, editedThemes: {} };
}

/** Offer a quote; kept when fewer than QUOTE_CANDIDATES distinct texts are held for the theme. */
export function offerQuote(coding: Coding, question: string, theme: string, candidate: QuoteCandidate): void {
  const byTheme = (coding.quotes[question] ??= {});
  const list = (byTheme[theme] ??= []);
  if (list.length < QUOTE_CANDIDATES && !list.some((q) => q.text === candidate.text)) list.push(candidate);
}

/** Merge `from` (a later chunk) into `into` (mutated and returned). */
export function mergeCoding(into: Coding, from: Coding): Coding {
  mergeThemeTallies(into.all, from.all);
  mergeThemeTallies(into.excluding, from.excluding);
  for (const [question, themes] of Object.entries(from.quotes)) {
    for (const [theme, list] of Object.entries(themes)) for (const quote of list) offerQuote(into, question, theme, quote);
  }
  for (const [question, counts] of Object.entries(from.review)) {
    const mine = (into.review[question] ??= emptyReviewCounts());
    mine.rule += counts.rule;
    mine.review += counts.review;
    mine.added += counts.added;
    mine.removed += counts.removed;
    mine.reviewed += counts.reviewed;
    mine.flagged += counts.flagged;
  }
  for (const key of from.reviewMatched) into.reviewMatched.push(key);
  for (const [index, tally] of Object.entries(from.campaigns)) {
    const mine = (into.campaigns[Number(index)] ??= emptyCampaignTally());
    for (const [type, n] of Object.entries(tally.byType)) mine.byType[type] = (mine.byType[type] ?? 0) + n;
    if (tally.template && !mine.template) mine.template = tally.template;
    mine.edited += tally.edited;
    for (const [question, themes] of Object.entries(tally.editedThemes)) {
      const target = (mine.editedThemes[question] ??= {});
      for (const [theme, n] of Object.entries(themes)) target[theme] = (target[theme] ?? 0) + n;
    }
  }
  return into;
}

/**
 * One answer's codes as the analysis reads them: its rule codes as numbers (QuestionMatcher.lastCodes
 * layout: theme index, evidence start and end, via), or code objects once a review entry changed
 * them. Numbers need no object or evidence string per code until one is written out; one instance
 * per thread is reused for every answer.
 */
export class AnswerCodes {
  length = 0;
  private objects: readonly ThemeCode[] | null = null;
  private data: Int32Array = new Int32Array(0);
  private at = 0;
  private ids: readonly string[] = [];
  private text = '';

  /** The `count` codes from data[at] of answer `text`, themes named by `ids` (in codeframe order). */
  numbers(ids: readonly string[], text: string, data: Int32Array, at: number, count: number): this {
    this.objects = null;
    this.ids = ids;
    this.text = text;
    this.data = data;
    this.at = at;
    this.length = count;
    return this;
  }

  /** The rule codes as objects (before useObjects), decoded by the matcher that made them. */
  decode(matcher: { decodeCodes(text: string, data: Int32Array, at: number, count: number): ThemeCode[] }): ThemeCode[] {
    return matcher.decodeCodes(this.text, this.data, this.at, this.length);
  }

  useObjects(objects: readonly ThemeCode[]): this {
    this.objects = objects;
    this.length = objects.length;
    return this;
  }

  themeId(c: number): string {
    return this.objects ? this.objects[c]!.themeId : this.ids[this.data[this.at + 4 * c]!]!;
  }

  themeIndex(c: number, indexOf: ReadonlyMap<string, number>): number | undefined {
    return this.objects ? indexOf.get(this.objects[c]!.themeId) : this.data[this.at + 4 * c]!;
  }

  /** Coded through a child (a parent theme), not by its own words? */
  inherited(c: number): boolean {
    return this.objects ? this.objects[c]!.via !== undefined : this.data[this.at + 4 * c + 3] !== -1;
  }

  evidence(c: number): string {
    if (this.objects) return this.objects[c]!.evidence;
    const k = this.at + 4 * c;
    return this.text.slice(this.data[k + 1]!, this.data[k + 2]!);
  }
}

interface TypeCounts {
  answered: number;
  blank: number;
  uncoded: number;
  themes: Int32Array;
  /** pairs[a * themes + b] for a < b (theme indices). */
  pairs: Int32Array;
}

/**
 * Theme counts for one question within one block, in typed arrays indexed by theme (the per-row hot
 * path); `addTo` turns them into a ThemeTally with the same numbers `addCodedResponse` would give.
 */
export class ThemeCounter {
  private readonly byType = new Map<string, TypeCounts>();
  private readonly direct: Int32Array;

  constructor(
    readonly question: string,
    private readonly ids: readonly string[],
    private readonly indexOf: ReadonlyMap<string, number>,
  ) {
    this.direct = new Int32Array(ids.length);
  }

  private counts(type: string): TypeCounts {
    let counts = this.byType.get(type);
    if (!counts) {
      const n = this.ids.length;
      counts = { answered: 0, blank: 0, uncoded: 0, themes: new Int32Array(n), pairs: new Int32Array(n * n) };
      this.byType.set(type, counts);
    }
    return counts;
  }

  blank(type: string): void {
    this.counts(type).blank++;
  }

  /** One answered response's final codes. */
  add(type: string, codes: AnswerCodes): void {
    const counts = this.counts(type);
    counts.answered++;
    if (codes.length === 0) {
      counts.uncoded++;
      return;
    }
    const n = this.ids.length;
    let direct = 0;
    for (let c = 0; c < codes.length; c++) {
      const index = codes.themeIndex(c, this.indexOf);
      if (index === undefined) continue;
      counts.themes[index]!++;
      if (!codes.inherited(c)) this.direct[direct++] = index;
    }
    for (let i = 0; i < direct; i++) {
      for (let j = i + 1; j < direct; j++) {
        const a = this.direct[i]!;
        const b = this.direct[j]!;
        counts.pairs[a < b ? a * n + b : b * n + a]!++;
      }
    }
  }

  /** Add these counts to a ThemeTally (as addCodedResponse with quote: false would have). */
  addTo(tally: ThemeTally): void {
    if (this.byType.size === 0) return;
    const question = (tally.questions[this.question] ??= { byType: {}, quotes: {} });
    const n = this.ids.length;
    for (const [type, counts] of this.byType) {
      const group = (question.byType[type] ??= { answered: 0, blank: 0, uncoded: 0, themes: {}, pairs: {} });
      group.answered += counts.answered;
      group.blank += counts.blank;
      group.uncoded += counts.uncoded;
      for (let a = 0; a < n; a++) {
        const count = counts.themes[a]!;
        if (count > 0) group.themes[this.ids[a]!] = (group.themes[this.ids[a]!] ?? 0) + count;
        for (let b = a + 1; b < n; b++) {
          const pairs = counts.pairs[a * n + b]!;
          if (pairs === 0) continue;
          const key = pairKey(this.ids[a]!, this.ids[b]!);
          group.pairs[key] = (group.pairs[key] ?? 0) + pairs;
        }
      }
    }
  }
}
