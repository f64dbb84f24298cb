/** Trend lines and rising terms. Pure. */

export interface LinearFit {
  /** Change per day. */
  slope: number;
  intercept: number;
}

/** Ordinary least squares of values against their index (0, 1, 2...). */
export function leastSquares(values: readonly number[]): LinearFit {
  const n = values.length;
  if (n === 0) return { slope: 0, intercept: 0 };
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((s, v) => s + v, 0) / n;
  let num = 0;
  let den = 0;
  values.forEach((v, i) => {
    num += (i - meanX) * (v - meanY);
    den += (i - meanX) ** 2;
  });
  const slope = den === 0 ? 0 : num / den;
  return { slope, intercept: meanY - slope * meanX };
}

const STOPWORDS = new Set(
  `a about above after again against all am an and any are as at be because been before being below between both but by can
could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i
if in into is it its itself just let me more most my myself no nor not now of off on once only or other our ours ourselves out over
own same she should so some such than that the their theirs them themselves then there these they this those through to too under
until up very was we were what when where which while who whom why will with would you your yours yourself yourselves rt amp via
cc get got also still really one new today week just us im ive dont cant wont thats its it's i'm don't can't won't that's we're
you're they're there's what's let's`.split(/\s+/),
);

/** Words of a post for term counting: lower case, no links, handles, numbers, stopwords or very short words. */
export function termTokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/https?:\/\/\S+|www\.\S+/g, ' ')
    .replace(/(?<![\w])@[\w.]+/g, ' ')
    .split(/[^\p{L}\p{N}#'’]+/u)
    .map((w) => w.replace(/^['’#]+|['’]+$/g, '').replace(/’/g, "'"))
    .filter((w) => w.length >= 3 && !/^\d+$/.test(w));
}

/** Terms of one post: content words and two-word phrases of content words, each once. */
export function postTerms(text: string): Set<string> {
  const terms = new Set<string>();
  // Phrases never span sentences or clauses
  for (const clause of text.split(/[.!?;:,()\n]+(?:\s|$)/)) {
    const words = termTokens(clause);
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      if (STOPWORDS.has(w)) continue;
      terms.add(w);
      const next = words[i + 1];
      if (next !== undefined && !STOPWORDS.has(next)) terms.add(`${w} ${next}`);
    }
  }
  return terms;
}

export interface RisingTerm {
  term: string;
  /** Posts using the term in the recent period and before it. */
  recent: number;
  previous: number;
  /** Share of recent posts divided by share of earlier posts (null when the term is new). */
  ratio: number | null;
  /** Smoothed log-odds ratio, recent against previous: the ranking measure. */
  logOdds: number;
}

export const MIN_RECENT_POSTS = 5;
export const MIN_RATIO = 2;

/**
 * Terms used in noticeably more posts recently than before: at least MIN_RECENT_POSTS recent posts and
 * at least MIN_RATIO times the earlier share. Ranked by the log-odds ratio with 0.5 added to every
 * count (so new terms get a finite score), then by recent count and the term itself.
 */
export function risingTerms(recentTexts: readonly string[], previousTexts: readonly string[], limit = 15): RisingTerm[] {
  const count = (texts: readonly string[]) => {
    const counts = new Map<string, number>();
    for (const text of texts) for (const term of postTerms(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
    return counts;
  };
  const recent = count(recentTexts);
  const previous = count(previousTexts);
  const nRecent = recentTexts.length;
  const nPrevious = previousTexts.length;
  if (nRecent === 0 || nPrevious === 0) return [];
  const rising: RisingTerm[] = [];
  for (const [term, a] of recent) {
    if (a < MIN_RECENT_POSTS) continue;
    const b = previous.get(term) ?? 0;
    const ratio = b === 0 ? null : a / nRecent / (b / nPrevious);
    if (ratio !== null && ratio < MIN_RATIO) continue;
    const logOdds = Math.log((a + 0.5) / (nRecent - a + 0.5)) - Math.log((b + 0.5) / (nPrevious - b + 0.5));
    rising.push({ term, recent: a, previous: b, ratio, logOdds });
  }
  rising.sort((x, y) => y.logOdds - x.logOdds || y.recent - x.recent || (x.term < y.term ? -1 : 1));
  // A word that only rises as part of a rising phrase adds nothing: drop it when the phrase has the same counts
  const kept = rising.filter(
    (t) => t.term.includes(' ') || !rising.some((p) => p.term.includes(' ') && p.term.split(' ').includes(t.term) && p.recent === t.recent && p.previous === t.previous),
  );
  return kept.slice(0, limit);
}
