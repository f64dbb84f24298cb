/**
 * The monitoring briefing: posts per policy topic per day with a trend, the most shared posts, posts by
 * known stakeholders, sentiment per topic and terms rising in the last seven days. Pure: sentiment and
 * redaction are passed in as functions.
 */
import type { KnownAccount } from './accounts.js';
import { addDays, dayRange } from './dates.js';
import type { Post } from './posts.js';
import { topicsOf, type Topic } from './topics.js';
import { leastSquares, risingTerms, type RisingTerm } from './trends.js';

export const RECENT_DAYS = 7;
export const MOST_SHARED = 10;
export const STAKEHOLDER_POSTS = 20;

export interface QuotedPost {
  id: string;
  day: string;
  author: string;
  account: string;
  type: string | null;
  /** Influence rank when the known accounts came from `ptk influence`. */
  rank: number | null;
  /** Redacted text. */
  text: string;
  reposts: number;
  likes: number;
  replies: number;
  topics: string[];
  url: string;
}

export interface TopicSentiment {
  /** Mean sentiment score per post (AFINN: above 0 positive, below 0 negative). */
  meanScore: number;
  positive: number;
  neutral: number;
  negative: number;
}

export interface TopicSummary {
  id: string;
  label: string;
  total: number;
  /** Posts per day, aligned with BriefingResult.days. */
  daily: number[];
  /** Least-squares change in posts per day, per day. */
  slope: number;
  /** Fitted values on the first and last day. */
  trend: [number, number];
  /** Posts in the last RECENT_DAYS days and in the same number of days before. */
  lastWeek: number;
  weekBefore: number;
  sentiment: TopicSentiment;
}

export interface BriefingResult {
  source: string;
  since: string;
  until: string;
  days: string[];
  postsInPeriod: number;
  postsOnTopics: number;
  topics: TopicSummary[];
  mostShared: QuotedPost[];
  stakeholderPosts: QuotedPost[];
  knownAccounts: number;
  risingTerms: RisingTerm[];
  /** The recent period compared for rising terms; null when the period is too short. */
  risingPeriod: { recentFrom: string; previousFrom: string; previousTo: string } | null;
  redactions: Record<string, number>;
}

export interface BriefingOptions {
  source: string;
  since?: string;
  until?: string;
  known?: ReadonlyMap<string, KnownAccount>;
  score: (text: string) => { score: number };
  redact: (text: string) => { text: string; counts: Partial<Record<string, number>> };
}

export function buildBriefing(allPosts: readonly Post[], topics: readonly Topic[], options: BriefingOptions): BriefingResult {
  const daysInData = allPosts.map((p) => p.day).sort();
  const since = options.since ?? daysInData[0]!;
  const until = options.until ?? daysInData[daysInData.length - 1]!;
  const posts = allPosts.filter((p) => p.day >= since && p.day <= until);
  const days = dayRange(since, until);
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const topicIds = posts.map((p) => topicsOf(topics, p.text));
  const recentFrom = addDays(until, -(RECENT_DAYS - 1));
  const weekBeforeFrom = addDays(until, -(2 * RECENT_DAYS - 1));

  const summaries: TopicSummary[] = topics.map((topic) => {
    const daily = new Array<number>(days.length).fill(0);
    const sentiment: TopicSentiment = { meanScore: 0, positive: 0, neutral: 0, negative: 0 };
    let total = 0;
    let scoreSum = 0;
    let lastWeek = 0;
    let weekBefore = 0;
    posts.forEach((post, i) => {
      if (!topicIds[i]!.includes(topic.id)) return;
      total++;
      daily[dayIndex.get(post.day)!]!++;
      if (post.day >= recentFrom) lastWeek++;
      else if (post.day >= weekBeforeFrom) weekBefore++;
      const { score } = options.score(post.text);
      scoreSum += score;
      if (score > 0) sentiment.positive++;
      else if (score < 0) sentiment.negative++;
      else sentiment.neutral++;
    });
    sentiment.meanScore = total > 0 ? scoreSum / total : 0;
    const fit = leastSquares(daily);
    return {
      id: topic.id,
      label: topic.label,
      total,
      daily,
      slope: fit.slope,
      trend: [fit.intercept, fit.intercept + fit.slope * (days.length - 1)],
      lastWeek,
      weekBefore,
      sentiment,
    };
  });

  const redactions: Record<string, number> = {};
  const quote = (post: Post, ids: string[]): QuotedPost => {
    const { text, counts } = options.redact(post.text);
    for (const [type, n] of Object.entries(counts)) redactions[type] = (redactions[type] ?? 0) + (n ?? 0);
    const known = options.known?.get(post.account);
    return {
      id: post.id,
      day: post.day,
      author: post.author,
      account: post.account,
      type: known?.type ?? null,
      rank: known?.rank ?? null,
      text,
      reposts: post.reposts,
      likes: post.likes,
      replies: post.replies,
      topics: ids,
      url: post.url,
    };
  };
  // Reposts carry no text of their own; the original is what was shared
  const onTopic = posts.map((post, i) => ({ post, ids: topicIds[i]! })).filter((x) => x.ids.length > 0 && !x.post.repostOf);
  const byShares = (a: { post: Post }, b: { post: Post }) =>
    b.post.reposts - a.post.reposts || b.post.likes - a.post.likes || a.post.time - b.post.time || (a.post.id < b.post.id ? -1 : 1);
  const mostShared = [...onTopic].sort(byShares).slice(0, MOST_SHARED).map((x) => quote(x.post, x.ids));
  const stakeholderPosts = options.known
    ? onTopic
        .filter((x) => options.known!.has(x.post.account))
        .sort(byShares)
        .slice(0, STAKEHOLDER_POSTS)
        .map((x) => quote(x.post, x.ids))
    : [];

  const originals = posts.filter((p) => !p.repostOf);
  const hasBaseline = days.length > RECENT_DAYS;
  const rising = hasBaseline
    ? risingTerms(
        originals.filter((p) => p.day >= recentFrom).map((p) => p.text),
        originals.filter((p) => p.day < recentFrom).map((p) => p.text),
      )
    : [];

  return {
    source: options.source,
    since,
    until,
    days,
    postsInPeriod: posts.length,
    postsOnTopics: topicIds.filter((ids) => ids.length > 0).length,
    topics: summaries,
    mostShared,
    stakeholderPosts,
    knownAccounts: options.known?.size ?? 0,
    risingTerms: rising,
    risingPeriod: hasBaseline ? { recentFrom, previousFrom: since, previousTo: addDays(recentFrom, -1) } : null,
    redactions,
  };
}
