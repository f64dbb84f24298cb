import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compileTopics, topicsOf } from '../../src/evidence/topics.js';
import { leastSquares, risingTerms } from '../../src/evidence/trends.js';
import { hasChromium, launch, openFile } from '../helpers/chromium.js';
import { ROOT, runPtk, tempDir } from '../helpers/cli.js';

const FIXTURES = join(ROOT, 'test/fixtures/evidence');
const POSTS = join(FIXTURES, 'monitor-posts.csv');
const TOPICS = join(FIXTURES, 'topics.yaml');

interface TopicDef {
  id: string;
  keywords: string[];
  exclude?: string[];
}

/** An independent matcher: split into words, then compare word sequences (prefix for `*`). */
function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}_]+/u).filter(Boolean);
}
function hasTerm(text: string, term: string): boolean {
  const tokens = words(text);
  const parts = term.toLowerCase().split(/[\s-]+/);
  for (let i = 0; i + parts.length <= tokens.length; i++) {
    if (parts.every((p, k) => (p.endsWith('*') ? tokens[i + k]!.startsWith(p.slice(0, -1)) : tokens[i + k] === p))) return true;
  }
  return false;
}
function independentCounts(since?: string, until?: string): Map<string, Map<string, number>> {
  const topics = (parseYaml(readFileSync(TOPICS, 'utf8')) as { topics: TopicDef[] }).topics;
  const rows = parse(readFileSync(POSTS, 'utf8'), { columns: true }) as { timestamp: string; message: string }[];
  const counts = new Map(topics.map((t) => [t.id, new Map<string, number>()]));
  for (const row of rows) {
    const day = row.timestamp.slice(0, 10);
    if ((since && day < since) || (until && day > until)) continue;
    for (const t of topics) {
      if (t.keywords.some((k) => hasTerm(row.message, k)) && !(t.exclude ?? []).some((k) => hasTerm(row.message, k))) {
        const perDay = counts.get(t.id)!;
        perDay.set(day, (perDay.get(day) ?? 0) + 1);
      }
    }
  }
  return counts;
}

interface Briefing {
  since: string;
  until: string;
  days: string[];
  topics: { id: string; total: number; daily: number[]; slope: number }[];
  mostShared: { text: string; reposts: number }[];
  stakeholderPosts: { account: string; type: string | null }[];
}

describe('topic matching', () => {
  const topics = compileTopics({
    topics: [
      { id: 'v', keywords: ['vaccin*', 'flu jab'] },
      { id: 'g', keywords: ['GP'], exclude: ['GPS signal'] },
    ],
  });
  it.each([
    ['Vaccines work', ['v']],
    ['#vaccination rates', ['v']],
    ['my flu  jab', ['v']],
    ['my jabber friend', []],
    ['see your gp', ['g']],
    ['GPs are stretched', []],
    ['GP lost the GPS signal', []],
  ])('%s -> %j', (text, expected) => {
    expect(topicsOf(topics, text)).toEqual(expected);
  });
});

describe('keywords with regular-expression characters', () => {
  // each of these crashed compileTopics (a `\\-` escape is a syntax error under the u flag)
  const topics = compileTopics({
    topics: [
      { id: 'f', keywords: ['follow-up'] },
      { id: 'p', keywords: ['A&E (4-hour)', 'c++', 'n/a', '$5', 'a.b'] },
    ],
  });
  it.each([
    ['no follow-up appointment', ['f']],
    ['no follow up appointment', ['f']],
    ['followup', []],
    ['the A&E (4-hour) target', ['p']],
    ['c++ and n/a', ['p']],
    ['axb', []],
  ])('%s -> %j', (text, expected) => {
    expect(topicsOf(topics, text)).toEqual(expected);
  });

  it('runs ptk monitor with a hyphenated keyword', () => {
    const dir = tempDir();
    const topicsFile = join(dir, 't.yaml');
    writeFileSync(topicsFile, 'topics:\n  - id: t1\n    keywords: [follow-up]\n');
    const r = runPtk(['monitor', 'examples/social/posts.csv', '--topics', topicsFile, '--out', join(dir, 'm')]);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
  });
});

describe('trends', () => {
  it('fits a least-squares line', () => {
    const fit = leastSquares([1, 3, 5, 7]);
    expect(fit.slope).toBeCloseTo(2, 12);
    expect(fit.intercept).toBeCloseTo(1, 12);
    expect(leastSquares([4, 4, 4]).slope).toBe(0);
  });

  it('finds terms that rise, not terms that stay level', () => {
    const before = Array.from({ length: 40 }, (_, i) => (i % 2 ? 'waiting list news today' : 'hospital parking again'));
    const recent = [...Array.from({ length: 8 }, () => 'norovirus outbreak closes ward'), ...Array.from({ length: 8 }, () => 'hospital parking again')];
    const rising = risingTerms(recent, before).map((t) => t.term);
    expect(rising).toContain('norovirus outbreak');
    expect(rising).not.toContain('hospital parking');
    expect(rising).not.toContain('parking');
  });
});

describe('ptk monitor (built binary)', () => {
  it('counts posts per topic and day exactly as an independent count does', () => {
    const out = join(tempDir(), 'briefing');
    const run = runPtk(['monitor', POSTS, '--topics', TOPICS, '--out', out, '--json']);
    expect(run.stderr).toContain('Wrote briefing.md');
    expect(run.code).toBe(0);
    const briefing = JSON.parse(run.stdout) as Briefing;
    const expected = independentCounts();
    expect(briefing.days[0]).toBe('2027-03-01');
    expect(briefing.days).toHaveLength(14); // 2027-03-07 has no posts but is still a day
    for (const topic of briefing.topics) {
      const perDay = expected.get(topic.id)!;
      expect(topic.daily).toEqual(briefing.days.map((d) => perDay.get(d) ?? 0));
      expect(topic.total).toBe([...perDay.values()].reduce((s, n) => s + n, 0));
      expect(topic.total).toBeGreaterThan(5);
    }
    const shares = briefing.mostShared.map((p) => p.reposts);
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
  });

  it('limits the period with --since and --until and lists known accounts’ posts', () => {
    const out = join(tempDir(), 'briefing');
    const run = runPtk(['monitor', POSTS, '--topics', TOPICS, '--since', '2027-03-03', '--until', '2027-03-10', '--accounts', join(FIXTURES, 'accounts.csv'), '--out', out, '--json']);
    expect(run.code).toBe(0);
    const briefing = JSON.parse(run.stdout) as Briefing;
    expect([briefing.since, briefing.until, briefing.days.length]).toEqual(['2027-03-03', '2027-03-10', 8]);
    const expected = independentCounts('2027-03-03', '2027-03-10');
    for (const topic of briefing.topics) expect(topic.daily).toEqual(briefing.days.map((d) => expected.get(topic.id)!.get(d) ?? 0));
    expect(briefing.stakeholderPosts.length).toBeGreaterThan(0);
    for (const p of briefing.stakeholderPosts) expect(['hub_nhs', 'quiet_expert']).toContain(p.account);
  });

  it.skipIf(!hasChromium)('renders the HTML briefing in headless Chromium without errors, showing injected markup as text', async () => {
    const out = join(tempDir(), 'briefing');
    expect(runPtk(['monitor', POSTS, '--topics', TOPICS, '--out', out]).code).toBe(0);
    const browser = await launch();
    try {
      const { page, errors, requests } = await openFile(browser, join(out, 'briefing.html'));
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      expect(await page.locator('svg').count()).toBeGreaterThanOrEqual(3);
      expect(await page.locator('body script').count()).toBe(0);
      expect(await page.locator('body').innerText()).toContain('<script>alert(1)</script>');
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('rejects a bad --since and a bad topics file with one line and exit 2', () => {
    const out = join(tempDir(), 'briefing');
    const bad = runPtk(['monitor', POSTS, '--topics', TOPICS, '--since', '03/03/2027', '--out', out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual(['ptk: --since "03/03/2027" is not a date: use YYYY-MM-DD, e.g. --since 2027-02-28.']);
    const topics = runPtk(['monitor', POSTS, '--topics', join(FIXTURES, 'bad-topics.yaml'), '--out', out]);
    expect(topics.code).toBe(2);
    expect(topics.stderr.trim().split('\n')).toHaveLength(1);
    expect(topics.stderr).toMatch(/bad-topics\.yaml:3: topics\.0\.keywords: give at least one keyword/);
  });
});
