/**
 * Suggest candidate themes from the responses themselves, as a starting codeframe for an analyst.
 * Three passes over the responses, each holding only counts (memory flat in the number of rows):
 *
 * 1. Terms: stemmed words and two-word phrases (bigrams of neighbouring words), after markup is
 *    stripped and stop words removed: the stop words of each answer's detected language
 *    (stopwords-iso, see stop-words.ts) plus generic request words ("should", "need", "more").
 *    Each stem is shown by its most common spelling. Words written with a capital letter in
 *    mid-sentence most of the time are names (of the place the question is about, of roads or
 *    institutions): they say where, not what, so they are left out.
 * 2. Candidates: TF-IDF at the response level, df * log(N / df), which favours words used by a fair
 *    number of responses; terms in fewer than `minResponses` responses are not topics. A term in more
 *    than a quarter of responses is not dropped: it is the core of a theme of its own, since a topic
 *    nearly everyone raises is the first thing an analyst must see.
 * 3. Grouping, by co-occurrence with each theme's core (its first term), counted in the second pass:
 *    a term joins the theme whose core it appears with most, when at least `joinOverlap` of its
 *    responses contain the core and that is at least `minLift` times the core's share of all
 *    responses; otherwise it starts a new theme while fewer than `top` exist. Measuring against the
 *    core, not against every word already in the theme, keeps include lists to phrases that say the
 *    theme (precision) instead of chaining to loosely associated words (the over-coding seen in use).
 *    A bigram whose words are already in a theme adds nothing. A theme is named by its most telling
 *    phrase: the most used bigram with its core, else the core.
 * 4. Third pass: each theme's size is counted by coding all responses with the suggested include
 *    list (the same matcher `ptk analyse` uses), and its samples are the responses with the most of
 *    its terms (shorter first).
 */
import type { Theme } from './codeframe.js';
import { QuestionMatcher } from './matcher.js';
import { stem, tokenise } from './tokens.js';
import { stripMarkupForThemes } from './markup.js';
import { detectLanguage, stopWordLists } from './stop-words.js';
import { shortQuote } from './aggregate.js';
import { redact } from '../redact.js';

export interface SuggestOptions {
  /** Themes wanted. Default 12. */
  top?: number;
  /** Most terms per theme. Default 8. */
  termsPerTheme?: number;
  /** Fewest responses a term must appear in. Default max(3, 0.5% of responses). */
  minResponses?: number;
  /** Share of a term's responses that must contain the theme's terms for it to join. Default 0.3. */
  joinOverlap?: number;
  /** How many times more often than by chance a term must share a theme's responses to join it. Default 2.5. */
  minLift?: number;
  /** Sample responses per theme. Default 3. */
  samples?: number;
  /** Redact personal data in samples. Default true. */
  redact?: boolean;
}

export interface SuggestedTheme extends Theme {
  /** Responses coded to this theme by its include list. */
  size: number;
  share: number;
  /** Terms with the number of responses using each. */
  terms: { term: string; responses: number }[];
  samples: string[];
}

export interface Suggestions {
  responses: number;
  themes: SuggestedTheme[];
  /** Responses coded by none of the suggested themes. */
  uncoded: number;
}

// Words every consultation answer uses to ask for something, and common English function words
// (kept beside the stopwords-iso lists: some, such as "should" or "need", are not in every list),
// and words that name who is consulted or the place itself (council, plan, town): in nearly every
// answer to a local consultation, they say where or to whom, not what about.
const GENERIC_WORDS = new Set(
  `a about above after again against all also am an and any are aren't as at be because been before being below between both
but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each etc even ever every few for from
further get gets getting go goes going got had hadn't has hasn't have haven't having he her here hers herself him himself his how
i if in into is isn't it it's its itself just let me might more most much must my myself no nor not now of off on once only or
other others our ours ourselves out over own per really same she should shouldn't so some such than that that's the their theirs
them themselves then there there's these they they're this those through thus to too under until up upon us very was wasn't we
were weren't what when where which while who whom whose why will with within without won't would wouldn't yes yet you your yours
yourself lot lots many like make made need needs needed want wants better new one two also way ways thing things think feel
people use used using well good great able please would maybe something anything everything nothing someone anyone everyone
really still take put see know say said give keep come go allow allowed help improve provide instead rather etc already
area areas local community change changes continue best major place places life open together available option options low high
higher lower near access improved improvement limit limits month year years day days time times part number increase less fill
kind sure around across along whole since often always never back right left big small large long first last next available
become becomes enough especially currently coming non ignore deal basic limited run size certain actually simply within
council councils plan plans proposal proposals resident residents city town centre honestly`.split(/\s+/),
);

/** Leftovers of markup that survive stripping (double-encoded entities, tag names written out). */
const MARKUP_WORDS = new Set(
  'amp quot nbsp apos lt gt rsquo lsquo ldquo rdquo hellip mdash ndash span div style href http https www html font strong class br'.split(' '),
);

/** Progress of one pass, for a progress bar. */
export interface SuggestProgress {
  pass: number;
  passes: number;
  done: number;
}

/** Share of a core's responses a term must appear in to join its theme. */
const MIN_CORE_SHARE = 0.1;
/** Most candidate terms kept for grouping (the co-occurrence table is this squared). */
const MAX_CANDIDATES = 1500;
/** Term counts pruned of one-response terms above this many entries (memory bound on huge files). */
const MAX_COUNTED_TERMS = 1_500_000;

interface Candidate {
  key: string;
  stems: string[];
  df: number;
  score: number;
}

/**
 * The suggestion in three passes: feed every response to count(), then cooccur(), then code(), in the
 * same order each time; result() gives the suggestions. suggestThemes and suggestThemesFromPasses run it.
 */
export class ThemeSuggester {
  private readonly options: Required<Omit<SuggestOptions, 'minResponses'>> & { minResponses?: number };
  private n = 0;
  private readonly df = new Map<string, number>();
  private readonly spellings = new Map<string, Map<string, number>>();
  /** Per word: [mid-sentence uses, of which capitalised]. */
  private readonly capitals = new Map<string, [number, number]>();
  private pruneFloor = 1;
  private candidates: Candidate[] = [];
  private candidateIndex = new Map<string, number>();
  private cooc = new Uint32Array(0);
  private groups: { terms: number[]; stems: Set<string> }[] = [];
  private themes: Theme[] = [];
  private matcher: QuestionMatcher | undefined;
  private sizes: number[] = [];
  private uncoded = 0;
  private samples: { doc: number; richness: number; text: string }[][] = [];
  private coded = 0;
  private pass = 1;

  constructor(options: SuggestOptions = {}) {
    this.options = {
      top: options.top ?? 12,
      termsPerTheme: options.termsPerTheme ?? 8,
      minResponses: options.minResponses,
      joinOverlap: options.joinOverlap ?? 0.3,
      minLift: options.minLift ?? 2.5,
      samples: options.samples ?? 3,
      redact: options.redact ?? true,
    };
  }

  /** The term keys of one response (stems and "stem stem" bigrams), optionally tallying spellings and capitals. */
  private keysOf(text: string, tally: boolean): Set<string> {
    const clean = stripMarkupForThemes(text);
    const { words, starts } = tokenise(clean);
    const stops = stopWordLists()[detectLanguage(words)];
    const seen = new Set<string>();
    let previous: string | undefined;
    words.forEach((word, i) => {
      if (tally) {
        const midSentence = i > 0 && !/[.!?]\s*$/.test(clean.slice(Math.max(0, starts[i]! - 3), starts[i]!));
        if (midSentence) {
          const first = clean.charCodeAt(starts[i]!);
          const count = this.capitals.get(word) ?? [0, 0];
          count[0]++;
          if (first >= 65 && first <= 90) count[1]++;
          this.capitals.set(word, count);
        }
      }
      if (word.length < 3 || stops.has(word) || GENERIC_WORDS.has(word) || MARKUP_WORDS.has(word) || /^\d+$/.test(word)) {
        previous = undefined;
        return;
      }
      const stemmed = stem(word);
      if (tally) {
        const spelled = this.spellings.get(stemmed) ?? new Map<string, number>();
        spelled.set(word, (spelled.get(word) ?? 0) + 1);
        this.spellings.set(stemmed, spelled);
      }
      seen.add(stemmed);
      if (previous !== undefined && previous !== stemmed) seen.add(`${previous} ${stemmed}`);
      previous = stemmed;
    });
    return seen;
  }

  /** Pass 1: count the responses each term is in. */
  count(text: string): void {
    this.n++;
    for (const key of this.keysOf(text, true)) this.df.set(key, (this.df.get(key) ?? 0) + 1);
    if (this.df.size > MAX_COUNTED_TERMS) {
      // rare terms cannot become topics; dropping them keeps a huge file's counts bounded
      for (const [key, count] of this.df) if (count <= this.pruneFloor) this.df.delete(key);
      this.pruneFloor++;
    }
  }

  private enterPass(next: 2 | 3): void {
    if (this.pass === 1) this.chooseCandidates();
    if (next === 3) this.group();
    this.pass = next;
  }

  /** After pass 1: the candidate terms. */
  private chooseCandidates(): void {
    const n = this.n;
    const minResponses = this.options.minResponses ?? Math.max(3, Math.ceil(n * 0.005));
    const common = Math.max(minResponses, Math.floor(n * 0.25));
    const names = new Set<string>();
    for (const [stemmed, spelled] of this.spellings) {
      let uses = 0;
      let capitalised = 0;
      for (const word of spelled.keys()) {
        const [u, c] = this.capitals.get(word) ?? [0, 0];
        uses += u;
        capitalised += c;
      }
      if (uses >= 2 && capitalised / uses >= 0.6) names.add(stemmed);
    }
    const all: Candidate[] = [];
    for (const [key, df] of this.df) {
      if (df < minResponses) continue;
      const stems = key.split(' ');
      if (stems.some((s) => names.has(s))) continue;
      // Bigrams count double: a phrase that recurs is a stronger topic marker than either word.
      const weight = stems.length === 2 ? 2 : 1;
      // A very common single word is scored as if it were at the common line, so it leads a theme.
      const scored = stems.length === 1 && df > common ? common : df;
      all.push({ key, stems, df, score: weight * scored * Math.log(n / scored) });
    }
    all.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
    this.candidates = all.slice(0, MAX_CANDIDATES);
    this.candidateIndex = new Map(this.candidates.map((c, i) => [c.key, i]));
    this.cooc = new Uint32Array(this.candidates.length * this.candidates.length);
    this.df.clear();
  }

  /** Pass 2: count how often candidate terms appear together. */
  cooccur(text: string): void {
    if (this.pass === 1) this.enterPass(2);
    const ids: number[] = [];
    for (const key of this.keysOf(text, false)) {
      const id = this.candidateIndex.get(key);
      if (id !== undefined) ids.push(id);
    }
    const size = this.candidates.length;
    for (let i = 0; i < ids.length; i++) for (let j = 0; j < ids.length; j++) if (i !== j) this.cooc[ids[i]! * size + ids[j]!]!++;
  }

  /** After pass 2: group candidates into themes around their cores. */
  private group(): void {
    const { top, termsPerTheme, joinOverlap, minLift } = this.options;
    const size = this.candidates.length;
    const n = this.n;
    for (let t = 0; t < size; t++) {
      const term = this.candidates[t]!;
      if (term.stems.length === 2 && this.groups.some((g) => term.stems.every((s) => g.stems.has(s)))) continue;
      let best: (typeof this.groups)[number] | undefined;
      let bestOverlap = 0;
      for (const group of this.groups) {
        if (group.terms.length >= termsPerTheme) continue;
        const core = group.terms[0]!;
        const together = this.cooc[t * size + core]!;
        const overlap = together / term.df;
        if (overlap < minLift * (this.candidates[core]!.df / n)) continue;
        // and it must be said in a fair part of the core's responses, not in one stock sentence that mentions the core
        if (together < MIN_CORE_SHARE * this.candidates[core]!.df) continue;
        if (overlap > bestOverlap) {
          bestOverlap = overlap;
          best = group;
        }
      }
      if (best && bestOverlap >= joinOverlap) {
        best.terms.push(t);
        for (const s of term.stems) best.stems.add(s);
      } else if (this.groups.length < top) {
        this.groups.push({ terms: [t], stems: new Set(term.stems) });
      }
    }
    const usedIds = new Set<string>();
    this.themes = this.groups.map((group) => {
      const include = group.terms.map((t) => this.phrase(t));
      const name = this.phrase(this.tellingTerm(group.terms));
      let id = slug(name);
      for (let i = 2; usedIds.has(id); i++) id = `${slug(name)}-${i}`;
      usedIds.add(id);
      return { id, label: name.charAt(0).toUpperCase() + name.slice(1), include, exclude: [] };
    });
    this.matcher = new QuestionMatcher(this.themes);
    this.sizes = this.themes.map(() => 0);
    this.samples = this.themes.map(() => []);
  }

  /** The theme's name: its most used bigram containing the core's word, when that is used at least a fifth as often as the core; else the core. */
  private tellingTerm(terms: readonly number[]): number {
    const core = this.candidates[terms[0]!]!;
    let best = terms[0]!;
    let bestDf = 0;
    for (const t of terms) {
      const term = this.candidates[t]!;
      if (term.stems.length === 2 && term.stems.some((s) => core.stems.includes(s)) && term.df >= core.df / 5 && term.df > bestDf) {
        best = t;
        bestDf = term.df;
      }
    }
    return best;
  }

  private spell(stemmed: string): string {
    const spelled = this.spellings.get(stemmed);
    if (!spelled) return stemmed;
    return [...spelled.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
  }

  private phrase(t: number): string {
    return this.candidates[t]!.stems.map((s) => this.spell(s)).join(' ');
  }

  /** Pass 3: code each response with the suggested themes, for sizes and samples. */
  code(text: string): void {
    if (this.pass < 3) this.enterPass(3);
    const doc = this.coded++;
    const codes = this.matcher!.codeResponse(text);
    if (codes.length === 0) {
      this.uncoded++;
      return;
    }
    const keys = this.keysOf(text, false);
    const indexOf = new Map(this.themes.map((t, i) => [t.id, i]));
    for (const code of codes) {
      const index = indexOf.get(code.themeId)!;
      this.sizes[index]!++;
      const richness = this.groups[index]!.terms.reduce((sum, t) => sum + (keys.has(this.candidates[t]!.key) ? 1 : 0), 0);
      const kept = this.samples[index]!;
      kept.push({ doc, richness, text });
      kept.sort((a, b) => b.richness - a.richness || a.text.length - b.text.length || a.doc - b.doc);
      if (kept.length > this.options.samples) kept.pop();
    }
  }

  result(): Suggestions {
    if (this.pass < 3) this.enterPass(3);
    const n = this.n;
    const suggested = this.themes.map((theme, index): SuggestedTheme => {
      const group = this.groups[index]!;
      return {
        ...theme,
        description: `Suggested from ${group.terms.length} related term${group.terms.length === 1 ? '' : 's'}; check and rename.`,
        size: this.sizes[index]!,
        share: n === 0 ? 0 : this.sizes[index]! / n,
        terms: group.terms.map((t) => ({ term: this.phrase(t), responses: this.candidates[t]!.df })),
        samples: this.samples[index]!.map((s) => shortQuote(this.options.redact ? redact(s.text).text : s.text)),
      };
    });
    suggested.sort((a, b) => b.size - a.size || a.id.localeCompare(b.id));
    return { responses: n, themes: suggested, uncoded: this.uncoded };
  }
}

export function suggestThemes(texts: readonly string[], options: SuggestOptions = {}): Suggestions {
  const suggester = new ThemeSuggester(options);
  for (const text of texts) suggester.count(text);
  for (const text of texts) suggester.cooccur(text);
  for (const text of texts) suggester.code(text);
  return suggester.result();
}

/**
 * The same over a source read three times (a file streamed once per pass), so memory does not grow
 * with the number of responses. `readPass` must give the same responses in the same order each time.
 */
export async function suggestThemesFromPasses(
  readPass: (pass: number) => AsyncIterable<string[]>,
  options: SuggestOptions = {},
  onProgress: (progress: SuggestProgress) => void = () => undefined,
): Promise<Suggestions> {
  const suggester = new ThemeSuggester(options);
  const steps = [(t: string) => suggester.count(t), (t: string) => suggester.cooccur(t), (t: string) => suggester.code(t)];
  for (const [i, step] of steps.entries()) {
    let done = 0;
    for await (const batch of readPass(i + 1)) {
      for (const text of batch) step(text);
      done += batch.length;
      onProgress({ pass: i + 1, passes: 3, done });
    }
  }
  return suggester.result();
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'theme'
  );
}

/** The suggestions as codeframe YAML, with comments for the analyst. */
export function suggestionsToYaml(question: string, suggestions: Suggestions, source: string, notes: string[] = []): string {
  const q = (value: string) => JSON.stringify(value);
  const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
  // a column name or file name may hold line breaks (a multi-line header): a comment must stay one line
  const oneLine = (text: string) => text.replace(/[\r\n\u2028\u2029]+/g, ' ');
  const lines = [
    `# Suggested coding frame for "${oneLine(question)}" in ${oneLine(source)}: ${suggestions.responses} responses.`,
    ...notes.map((note) => `# ${oneLine(note)}`),
    '# Each theme was proposed from words and phrases that recur together; sizes are responses matched by',
    '# its include list. Edit freely: rename ids and labels, merge or split themes, move stray terms,',
    '# add exclude phrases, set a parent. Words are matched by stem ("schools" = "school"); * is a wildcard.',
    `# Responses matched by no theme: ${suggestions.uncoded} (${pct(suggestions.responses ? suggestions.uncoded / suggestions.responses : 0)}).`,
    'questions:',
    `  ${q(question)}:`,
  ];
  for (const theme of suggestions.themes) {
    lines.push('', `    # ${theme.size} responses (${pct(theme.share)}). Terms (responses): ${oneLine(theme.terms.map((t) => `${t.term} (${t.responses})`).join(', '))}`);
    for (const sample of theme.samples) lines.push(`    #   e.g. ${oneLine(sample)}`);
    lines.push(`    - id: ${theme.id}`, `      label: ${q(theme.label)}`, `      description: ${q(theme.description ?? '')}`, '      include:');
    for (const term of theme.include) lines.push(`        - ${q(term)}`);
    lines.push('      exclude: []');
  }
  return `${lines.join('\n')}\n`;
}
