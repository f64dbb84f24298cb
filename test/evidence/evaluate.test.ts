import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasChromium, launch, openFile } from '../helpers/chromium.js';
import { ROOT, runPtk, tempDir } from '../helpers/cli.js';

const FIXTURES = join(ROOT, 'test/fixtures/evidence');
const PLAN = join(FIXTURES, 'plan');

interface Evaluation {
  asOf: string;
  objectives: { id: string; status: string; targets: { id: string; actual: number; expected: number; status: string }[] }[];
  counts: Record<string, number>;
  ignoredMetrics: Record<string, number>;
}

function evaluate(metrics: string, asOf: string): { code: number; result: Evaluation; stderr: string } {
  const out = join(tempDir(), 'evaluation');
  const run = runPtk(['evaluate', join(FIXTURES, metrics), '--plan', PLAN, '--as-of', asOf, '--out', out, '--json']);
  return { code: run.code, result: JSON.parse(run.stdout) as Evaluation, stderr: run.stderr };
}

function statuses(result: Evaluation): Record<string, [number, string]> {
  return Object.fromEntries(result.objectives.flatMap((o) => o.targets.map((t) => [t.id, [t.actual, t.status]])));
}

describe('ptk evaluate (built binary)', () => {
  it.each(['metrics.csv', 'metrics-wide.csv'])('marks met, on-track, behind and missed targets in %s and exits 1 for the missed one', (file) => {
    const { code, result } = evaluate(file, '2027-01-20');
    expect(statuses(result)).toEqual({
      // 80 by its 10 January deadline; 30 more after it do not count
      'survey-responses': [80, 'missed'],
      'social-reach': [1200, 'met'],
      // 20 of 31 days gone: 200 expected
      'webinar-signups': [210, 'on track'],
      'newsletter-clicks': [150, 'behind'],
    });
    expect(result.objectives.map((o) => [o.id, o.status])).toEqual([
      ['obj-1', 'missed'],
      ['obj-2', 'behind'],
    ]);
    expect(result.counts).toEqual({ met: 1, 'on track': 1, behind: 1, missed: 1 });
    expect(code).toBe(1);
  });

  it('exits 0 when nothing is missed yet', () => {
    const { code, result } = evaluate('metrics.csv', '2027-01-09');
    expect(statuses(result)['survey-responses']).toEqual([72, 'behind']);
    expect(result.counts.missed).toBe(0);
    expect(result.ignoredMetrics).toEqual({ 'bounce rate': 3 });
    expect(code).toBe(0);
  });

  it.skipIf(!hasChromium)('writes Markdown and an HTML page with progress charts that renders cleanly', async () => {
    const out = join(tempDir(), 'evaluation');
    expect(runPtk(['evaluate', join(FIXTURES, 'metrics.csv'), '--plan', PLAN, '--as-of', '2027-01-20', '--out', out]).code).toBe(1);
    expect(readFileSync(join(out, 'evaluation.md'), 'utf8')).toContain('| survey-responses | online-surveys | responses | 80 | 100 |');
    const browser = await launch();
    try {
      const { page, errors } = await openFile(browser, join(out, 'evaluation.html'));
      expect(errors).toEqual([]);
      expect(await page.locator('svg').count()).toBeGreaterThanOrEqual(8);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('names the plan line of a bad metric name and exits 2', () => {
    const run = runPtk(['evaluate', join(FIXTURES, 'metrics.csv'), '--plan', join(FIXTURES, 'bad-plan'), '--out', join(tempDir(), 'e')]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/bad-plan\/plan\.yaml:8: metrics\.0\.metric: use one of reach, impressions/);
  });
});
