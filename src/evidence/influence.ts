/**
 * Influence on a topic, from who interacts with whom: weighted PageRank over the interaction graph,
 * combined with the engagement an account's own posts received. Followers are reported beside the rank,
 * never used in it, so the difference between reach and influence is visible. Pure.
 */
import type { KnownAccount } from './accounts.js';
import { buildInteractionGraph, DEFAULT_WEIGHTS, weightedPageRank, type Edge, type EdgeWeights } from './graph.js';
import type { Post } from './posts.js';

export const DAMPING = 0.85;
/** Share of the influence score from PageRank; the rest comes from engagement received. */
export const PAGERANK_SHARE = 0.75;

export const SCORE_FORMULA =
  `score = ${PAGERANK_SHARE} x PageRank / highest PageRank + ${1 - PAGERANK_SHARE} x ln(1 + engagement) / ln(1 + highest engagement), ` +
  'where engagement = likes + reposts + replies received by the account\'s own (non-repost) posts. Followers are not used.';

export interface AccountInfluence {
  rank: number;
  account: string;
  handle: string;
  type: string | null;
  score: number;
  pageRank: number;
  /** Distinct accounts that mentioned, replied to or reposted this one. */
  inDegree: number;
  mentionsReceived: number;
  repliesReceived: number;
  repostsReceived: number;
  engagementReceived: number;
  posts: number;
  followers: number | null;
  /** Rank by followers alone (accounts whose followers are unknown have none). */
  followersRank: number | null;
}

export interface InfluenceResult {
  source: string;
  posts: number;
  accountsTotal: number;
  interactions: number;
  firstDay: string | null;
  lastDay: string | null;
  top: number;
  weights: EdgeWeights;
  damping: number;
  formula: string;
  accounts: AccountInfluence[];
  /** Interactions among the top accounts, for the network picture. */
  topEdges: Edge[];
}

export interface InfluenceOptions {
  source: string;
  top: number;
  weights?: Partial<EdgeWeights>;
  known?: ReadonlyMap<string, KnownAccount>;
}

export function computeInfluence(posts: readonly Post[], options: InfluenceOptions): InfluenceResult {
  const weights: EdgeWeights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const graph = buildInteractionGraph(posts, weights);
  const pageRank = weightedPageRank(graph, { damping: DAMPING });

  const stats = new Map<string, { handle: string; posts: number; followers: number | null; engagement: number; from: Set<string>; mentions: number; replies: number; reposts: number }>();
  const entry = (account: string) => {
    let s = stats.get(account);
    if (!s) {
      s = { handle: account, posts: 0, followers: null, engagement: 0, from: new Set(), mentions: 0, replies: 0, reposts: 0 };
      stats.set(account, s);
    }
    return s;
  };
  for (const node of graph.nodes) entry(node);
  for (const post of posts) {
    const s = entry(post.account);
    if (s.posts === 0) s.handle = post.author;
    s.posts++;
    if (post.followers !== null) s.followers = Math.max(s.followers ?? 0, post.followers);
    // A repost row often carries the original post's counts: credit engagement to originals only
    if (!post.repostOf) s.engagement += post.likes + post.reposts + post.replies;
  }
  let interactions = 0;
  for (const edge of graph.edges) {
    const s = entry(edge.to);
    s.from.add(edge.from);
    s.mentions += edge.mentions;
    s.replies += edge.replies;
    s.reposts += edge.reposts;
    interactions += edge.mentions + edge.replies + edge.reposts;
  }

  const maxRank = Math.max(0, ...pageRank.values());
  const maxEngagement = Math.max(0, ...[...stats.values()].map((s) => s.engagement));
  const unranked = [...stats.entries()].map(([account, s]) => {
    const pr = pageRank.get(account) ?? 0;
    const engagementPart = maxEngagement > 0 ? Math.log1p(s.engagement) / Math.log1p(maxEngagement) : 0;
    const score = PAGERANK_SHARE * (maxRank > 0 ? pr / maxRank : 0) + (1 - PAGERANK_SHARE) * engagementPart;
    return {
      account,
      handle: s.handle,
      type: options.known?.get(account)?.type ?? null,
      score,
      pageRank: pr,
      inDegree: s.from.size,
      mentionsReceived: s.mentions,
      repliesReceived: s.replies,
      repostsReceived: s.reposts,
      engagementReceived: s.engagement,
      posts: s.posts,
      followers: s.followers,
    };
  });
  // Ties broken by PageRank, engagement, then name: the order never depends on input order
  unranked.sort(
    (a, b) => b.score - a.score || b.pageRank - a.pageRank || b.engagementReceived - a.engagementReceived || (a.account < b.account ? -1 : 1),
  );
  const byFollowers = unranked
    .filter((a) => a.followers !== null)
    .sort((a, b) => b.followers! - a.followers! || (a.account < b.account ? -1 : 1));
  const followersRank = new Map(byFollowers.map((a, i) => [a.account, i + 1]));
  const accounts: AccountInfluence[] = unranked.map((a, i) => ({ rank: i + 1, ...a, followersRank: followersRank.get(a.account) ?? null }));

  const top = new Set(accounts.slice(0, options.top).map((a) => a.account));
  const days = posts.map((p) => p.day).filter(Boolean).sort();
  return {
    source: options.source,
    posts: posts.length,
    accountsTotal: accounts.length,
    interactions,
    firstDay: days[0] ?? null,
    lastDay: days[days.length - 1] ?? null,
    top: options.top,
    weights,
    damping: DAMPING,
    formula: SCORE_FORMULA,
    accounts,
    topEdges: graph.edges.filter((e) => top.has(e.from) && top.has(e.to)),
  };
}
