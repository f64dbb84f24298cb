/**
 * The interaction graph and weighted PageRank. Pure and deterministic: nodes are processed in sorted
 * order, so the same export always gives the same numbers.
 */
import type { Post } from './posts.js';

export type InteractionKind = 'mention' | 'reply' | 'repost';

export interface EdgeWeights {
  mention: number;
  reply: number;
  repost: number;
}

/** A repost is the strongest endorsement; a reply engages; a mention only points. */
export const DEFAULT_WEIGHTS: EdgeWeights = { mention: 1, reply: 2, repost: 3 };

export interface Edge {
  from: string;
  to: string;
  weight: number;
  mentions: number;
  replies: number;
  reposts: number;
}

export interface InteractionGraph {
  /** Every account that posted or was interacted with, sorted. */
  nodes: string[];
  /** One edge per ordered pair, sorted by from then to. */
  edges: Edge[];
}

export function buildInteractionGraph(posts: readonly Post[], weights: EdgeWeights = DEFAULT_WEIGHTS): InteractionGraph {
  const nodes = new Set<string>();
  const edges = new Map<string, Edge>();
  const add = (from: string, to: string, kind: InteractionKind) => {
    nodes.add(to);
    const key = `${from}\u0000${to}`;
    let edge = edges.get(key);
    if (!edge) {
      edge = { from, to, weight: 0, mentions: 0, replies: 0, reposts: 0 };
      edges.set(key, edge);
    }
    edge.weight += weights[kind];
    if (kind === 'mention') edge.mentions++;
    else if (kind === 'reply') edge.replies++;
    else edge.reposts++;
  };
  for (const post of posts) {
    nodes.add(post.account);
    for (const target of post.mentions) add(post.account, target, 'mention');
    if (post.replyTo) add(post.account, post.replyTo, 'reply');
    if (post.repostOf) add(post.account, post.repostOf, 'repost');
  }
  const sorted = [...edges.values()].filter((e) => e.weight > 0).sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to));
  return { nodes: [...nodes].sort(compare), edges: sorted };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface PageRankOptions {
  damping?: number;
  tolerance?: number;
  maxIterations?: number;
}

/**
 * Weighted PageRank by power iteration. Each account passes `damping` of its score along its outgoing
 * interactions in proportion to their weight; accounts with no outgoing interactions (dangling) spread
 * theirs evenly over everyone, as does the `1 - damping` teleport share. Scores sum to 1.
 */
export function weightedPageRank(graph: InteractionGraph, options: PageRankOptions = {}): Map<string, number> {
  const damping = options.damping ?? 0.85;
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 500;
  const n = graph.nodes.length;
  const result = new Map<string, number>();
  if (n === 0) return result;
  const indexOf = new Map(graph.nodes.map((node, i) => [node, i]));
  const outWeight = new Float64Array(n);
  const from = Int32Array.from(graph.edges, (e) => indexOf.get(e.from)!);
  const to = Int32Array.from(graph.edges, (e) => indexOf.get(e.to)!);
  const weight = Float64Array.from(graph.edges, (e) => e.weight);
  for (let i = 0; i < from.length; i++) outWeight[from[i]!]! += weight[i]!;

  let rank = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let dangling = 0;
    for (let v = 0; v < n; v++) if (outWeight[v] === 0) dangling += rank[v]!;
    const base = (1 - damping) / n + (damping * dangling) / n;
    next.fill(base);
    for (let i = 0; i < from.length; i++) {
      const u = from[i]!;
      next[to[i]!]! += (damping * rank[u]! * weight[i]!) / outWeight[u]!;
    }
    let change = 0;
    for (let v = 0; v < n; v++) change += Math.abs(next[v]! - rank[v]!);
    [rank, next] = [next, rank];
    if (change < tolerance) break;
  }
  graph.nodes.forEach((node, i) => result.set(node, rank[i]!));
  return result;
}
