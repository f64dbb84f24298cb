import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { buildInteractionGraph, weightedPageRank } from '../../src/evidence/graph.js';
import { computeInfluence } from '../../src/evidence/influence.js';
import { parseCsvText } from '../../src/analysis/ingest/reader.js';
import { toPosts, type Post } from '../../src/evidence/posts.js';
import { ROOT, runPtk, tempDir } from '../helpers/cli.js';

const FIXTURES = join(ROOT, 'test/fixtures/evidence');
const GRAPH = join(FIXTURES, 'influence-graph.csv');

function post(account: string, extra: Partial<Post> = {}): Post {
  return { line: 1, id: '1', author: account, account, text: '', day: '2027-01-01', time: 0, followers: null, reposts: 0, replies: 0, likes: 0, mentions: [], replyTo: null, repostOf: null, url: '', ...extra };
}

describe('weighted PageRank', () => {
  it('matches the closed-form answer for a -> b with b dangling', () => {
    // x = (1-d)/2 + d*y/2 and y = 1 - x give x = 0.5 / 1.425
    const ranks = weightedPageRank(buildInteractionGraph([post('a', { mentions: ['b'] })]));
    expect(ranks.get('a')).toBeCloseTo(0.5 / 1.425, 9);
    expect(ranks.get('b')).toBeCloseTo(1 - 0.5 / 1.425, 9);
  });

  it('splits an account’s score by interaction weight and sums to 1', () => {
    const graph = buildInteractionGraph([post('a', { repostOf: 'b', mentions: ['c'] })]);
    expect(graph.edges.map((e) => [e.from, e.to, e.weight])).toEqual([
      ['a', 'b', 3],
      ['a', 'c', 1],
    ]);
    const ranks = weightedPageRank(graph);
    const base = ranks.get('a')!;
    // b and c are dangling and share a's outflow 3:1 on top of the same base
    expect(ranks.get('b')! - base).toBeCloseTo(3 * (ranks.get('c')! - base), 9);
    expect([...ranks.values()].reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
  });
});

describe('influence ranking on the fixture graph', () => {
  const table = parseCsvText(readFileSync(GRAPH, 'utf8'), 'influence-graph.csv');
  const posts = toPosts(table, {}, { required: ['author'] });

  it('ranks the low-follower expert that influential accounts engage with first, and the celebrity last', () => {
    const result = computeInfluence(posts, { source: 'fixture', top: 10 });
    const expert = result.accounts.find((a) => a.account === 'quiet_expert')!;
    const celebrity = result.accounts.find((a) => a.account === 'mega_celebrity')!;
    expect(expert.followers).toBe(300);
    expect(celebrity.followers).toBe(1_000_000);
    expect(expert.rank).toBe(1);
    expect(celebrity.followersRank).toBe(1);
    expect(celebrity.rank).toBeGreaterThan(expert.rank);
    expect(celebrity.inDegree).toBe(0);
    expect(expert.inDegree).toBe(5);
    // the five hubs follow the expert; the celebrity, with the most followers, comes last of all
    expect(result.accounts.slice(1, 6).map((a) => a.account).sort()).toEqual(['hub_charity', 'hub_college', 'hub_council', 'hub_news', 'hub_nhs']);
    expect(celebrity.rank).toBe(result.accounts.length);
  });

  it('gives the same ranking whatever the row order', () => {
    const forwards = computeInfluence(posts, { source: 'f', top: 10 }).accounts.map((a) => [a.account, a.rank, a.score]);
    const backwards = computeInfluence([...posts].reverse(), { source: 'f', top: 10 }).accounts.map((a) => [a.account, a.rank, a.score]);
    expect(backwards).toEqual(forwards);
  });
});

describe('ptk influence (built binary)', () => {
  it('writes the four reports, with the ranking pinned and classification applied', () => {
    const out = join(tempDir(), 'report');
    const run = runPtk(['influence', GRAPH, '--accounts', join(FIXTURES, 'accounts.csv'), '--out', out, '--top', '8', '--json']);
    expect(run.stderr).toContain('Wrote influence.json');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { accounts: { account: string; rank: number; type: string | null; followersRank: number | null }[] };
    expect(json.accounts[0]).toMatchObject({ account: 'quiet_expert', rank: 1, type: 'clinician' });
    const celebrity = json.accounts.find((a) => a.account === 'mega_celebrity')!;
    expect(celebrity).toMatchObject({ type: 'public', followersRank: 1 });
    expect(celebrity.rank).toBeGreaterThan(1);

    const csv = parse(readFileSync(join(out, 'influence.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(csv[0]).toMatchObject({ rank: '1', account: 'quiet_expert', followers: '300', rank_by_followers: String(json.accounts[0]!.followersRank) });
    const html = readFileSync(join(out, 'influence.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('@quiet_expert');
    expect(readFileSync(join(out, 'influence.md'), 'utf8')).toMatch(/\| 1 \| @quiet\\_expert \| clinician \|/);

    // a second run into the same folder is refused without --force
    const again = runPtk(['influence', GRAPH, '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/not empty: pass --force/);
    expect(runPtk(['influence', GRAPH, '--out', out, '--force']).code).toBe(0);
  });

  it('reads an export in another shape through a mapping config', () => {
    const out = join(tempDir(), 'report');
    const run = runPtk(['influence', 'examples/social/listening-export.csv', '--config', 'examples/social/mapping.yaml', '--out', out, '--json']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { posts: number; firstDay: string; accounts: { type: string | null }[] };
    expect(json.posts).toBe(400);
    expect(json.firstDay).toBe('2027-01-04');
    expect(json.accounts.slice(0, 5).some((a) => a.type !== null)).toBe(true);
  });
});
