/**
 * Suggest candidate themes from the responses themselves, as a starting codeframe for an analyst.
 *
 * 1. Terms: stemmed words and two-word phrases (bigrams of neighbouring words), stop words and
 *    generic request words ("should", "need", "more") removed. Each stem is shown by its most common
 *    spelling.
 *    Words written with a capital letter in mid-sentence most of the time are names (of the place
 *    the question is about, of roads or institutions): they say where, not what, so they are left out.
 * 2. Distinctive terms: TF-IDF at the response level, i.e. df * log(N / df), which favours words used
 *    by a fair number of responses but not by nearly all; terms in fewer than `minResponses`
 *    responses or in more than a quarter of them are not topics.
 * 3. Grouping: terms are taken best first; a term joins the theme whose responses it shares most
 *    when at least `joinOverlap` of its own responses contain one of the theme's terms and that is
 *    at least `minLift` times the theme's share of all responses (so big themes do not swallow
 *    everything), or starts a new theme while fewer than `top` exist. A bigram whose words are already in a theme adds nothing.
 * 4. Each theme's size is counted by coding all responses with the suggested include list (the same
 *    matcher `ptk analyse` uses), and its samples are the responses with the most of its terms.
 */
import type { Theme } from './codeframe.js';
import { QuestionMatcher } from './matcher.js';
import { stem, tokenise } from './tokens.js';
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

// Common English function words plus words every consultation answer uses to ask for something.
const STOP_WORDS = new Set(
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
become becomes enough especially currently coming non ignore deal basic limited run size certain actually simply within`.split(/\s+/),
);

interface Term {
  key: string;
  /** Stems, one or two. */
  stems: string[];
  docs: Uint32Array;
  score: number;
}

export function suggestThemes(texts: readonly string[], options: SuggestOptions = {}): Suggestions {
  const top = options.top ?? 12;
  const termsPerTheme = options.termsPerTheme ?? 8;
  const n = texts.length;
  const minResponses = options.minResponses ?? Math.max(3, Math.ceil(n * 0.005));
  const joinOverlap = options.joinOverlap ?? 0.3;
  const minLift = options.minLift ?? 2.5;
  const maxResponses = Math.max(minResponses, Math.floor(n * 0.25));

  const docsOf = new Map<string, number[]>();
  const spellings = new Map<string, Map<string, number>>();
  /** Per word: [mid-sentence uses, of which capitalised]. */
  const capitals = new Map<string, [number, number]>();
  texts.forEach((text, doc) => {
    const { words, starts } = tokenise(text);
    const seen = new Set<string>();
    let previous: string | undefined;
    words.forEach((word, i) => {
      const first = text.charCodeAt(starts[i]!);
      const midSentence = i > 0 && !/[.!?]\s*$/.test(text.slice(Math.max(0, starts[i]! - 3), starts[i]!));
      if (midSentence) {
        const tally = capitals.get(word) ?? [0, 0];
        tally[0]++;
        if (first >= 65 && first <= 90) tally[1]++;
        capitals.set(word, tally);
      }
      if (STOP_WORDS.has(word) || word.length < 3 || /^\d+$/.test(word)) {
        previous = undefined;
        return;
      }
      const stemmed = stem(word);
      const spelled = spellings.get(stemmed) ?? new Map<string, number>();
      spelled.set(word, (spelled.get(word) ?? 0) + 1);
      spellings.set(stemmed, spelled);
      seen.add(stemmed);
      if (previous !== undefined && previous !== stemmed) seen.add(`${previous} ${stemmed}`);
      previous = stemmed;
    });
    for (const key of seen) {
      const list = docsOf.get(key);
      if (list) list.push(doc);
      else docsOf.set(key, [doc]);
    }
  });

  const names = new Set<string>();
  for (const [stemmed, spelled] of spellings) {
    let uses = 0;
    let capitalised = 0;
    for (const word of spelled.keys()) {
      const [u, c] = capitals.get(word) ?? [0, 0];
      uses += u;
      capitalised += c;
    }
    if (uses >= 2 && capitalised / uses >= 0.6) names.add(stemmed);
  }
  const terms: Term[] = [];
  for (const [key, docs] of docsOf) {
    if (docs.length < minResponses || docs.length > maxResponses) continue;
    const stems = key.split(' ');
    if (stems.some((s) => names.has(s))) continue;
    // Bigrams count double: a phrase that recurs is a stronger topic marker than either word.
    const weight = stems.length === 2 ? 2 : 1;
    terms.push({ key, stems, docs: Uint32Array.from(docs), score: weight * docs.length * Math.log(n / docs.length) });
  }
  terms.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));

  const spell = (stemmed: string): string =>
    [...(spellings.get(stemmed) ?? new Map([[stemmed, 1]])).entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];

  interface Group {
    terms: Term[];
    docs: Set<number>;
    stems: Set<string>;
  }
  const groups: Group[] = [];
  for (const term of terms) {
    if (term.stems.length === 2 && groups.some((g) => term.stems.every((s) => g.stems.has(s)))) continue;
    let best: Group | undefined;
    let bestOverlap = 0;
    for (const group of groups) {
      if (group.terms.length >= termsPerTheme) continue;
      let shared = 0;
      for (const doc of term.docs) if (group.docs.has(doc)) shared++;
      const overlap = shared / term.docs.length;
      if (overlap < minLift * (group.docs.size / n)) continue;
      if (overlap > bestOverlap) {
        bestOverlap = overlap;
        best = group;
      }
    }
    if (best && bestOverlap >= joinOverlap) {
      best.terms.push(term);
      for (const doc of term.docs) best.docs.add(doc);
      for (const s of term.stems) best.stems.add(s);
    } else if (groups.length < top) {
      groups.push({ terms: [term], docs: new Set(term.docs), stems: new Set(term.stems) });
    }
  }

  const usedIds = new Set<string>();
  const themes: Theme[] = groups.map((group) => {
    const include = group.terms.map((t) => t.stems.map(spell).join(' '));
    let id = slug(include[0]!);
    for (let i = 2; usedIds.has(id); i++) id = `${slug(include[0]!)}-${i}`;
    usedIds.add(id);
    const label = include.slice(0, 3).join(', ');
    return { id, label: label.charAt(0).toUpperCase() + label.slice(1), include, exclude: [] };
  });

  const matcher = new QuestionMatcher(themes);
  const sizes = new Array<number>(themes.length).fill(0);
  const hits: number[][] = themes.map(() => []);
  let uncoded = 0;
  const indexOf = new Map(themes.map((t, i) => [t.id, i]));
  texts.forEach((text, doc) => {
    const codes = matcher.codeResponse(text);
    if (codes.length === 0) uncoded++;
    for (const code of codes) {
      const index = indexOf.get(code.themeId)!;
      sizes[index]!++;
      hits[index]!.push(doc);
    }
  });

  const sampleCount = options.samples ?? 3;
  const suggested = themes.map((theme, index): SuggestedTheme => {
    const group = groups[index]!;
    // Samples: responses using the most of the theme's terms; shorter first on a tie.
    const richness = (doc: number) => group.terms.reduce((sum, t) => sum + (binaryHas(t.docs, doc) ? 1 : 0), 0);
    const samples = [...hits[index]!]
      .sort((a, b) => richness(b) - richness(a) || texts[a]!.length - texts[b]!.length || a - b)
      .slice(0, sampleCount)
      .map((doc) => shortQuote(options.redact === false ? texts[doc]! : redact(texts[doc]!).text));
    return {
      ...theme,
      description: `Suggested from ${group.terms.length} related term${group.terms.length === 1 ? '' : 's'}; check and rename.`,
      size: sizes[index]!,
      share: n === 0 ? 0 : sizes[index]! / n,
      terms: group.terms.map((t) => ({ term: t.stems.map(spell).join(' '), responses: t.docs.length })),
      samples,
    };
  });
  suggested.sort((a, b) => b.size - a.size || a.id.localeCompare(b.id));
  return { responses: n, themes: suggested, uncoded };
}

function binaryHas(sorted: Uint32Array, value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] === value) return true;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
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
  const lines = [
    `# Suggested coding frame for "${question}" in ${source}: ${suggestions.responses} responses.`,
    ...notes.map((note) => `# ${note}`),
    '# Each theme was proposed from words and phrases that recur together; sizes are responses matched by',
    '# its include list. Edit freely: rename ids and labels, merge or split themes, move stray terms,',
    '# add exclude phrases, set a parent. Words are matched by stem ("schools" = "school"); * is a wildcard.',
    `# Responses matched by no theme: ${suggestions.uncoded} (${pct(suggestions.responses ? suggestions.uncoded / suggestions.responses : 0)}).`,
    'questions:',
    `  ${q(question)}:`,
  ];
  for (const theme of suggestions.themes) {
    lines.push('', `    # ${theme.size} responses (${pct(theme.share)}). Terms (responses): ${theme.terms.map((t) => `${t.term} (${t.responses})`).join(', ')}`);
    for (const sample of theme.samples) lines.push(`    #   e.g. ${sample.replace(/[\r\n]+/g, ' ')}`);
    lines.push(`    - id: ${theme.id}`, `      label: ${q(theme.label)}`, `      description: ${q(theme.description ?? '')}`, '      include:');
    for (const term of theme.include) lines.push(`        - ${q(term)}`);
    lines.push('      exclude: []');
  }
  return `${lines.join('\n')}\n`;
}
