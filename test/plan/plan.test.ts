import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planTargetsSchema } from '../../src/evidence/metrics.js';
import { planToHtml } from '../../src/plan/render.js';
import { planSchema } from '../../src/plan/schema.js';
import { checkPlanAgainst, checkStandards, evaluateCriterion, loadStandard, type Criterion } from '../../src/plan/standard.js';
import { writePlanFolder } from '../../src/plan/write.js';
import { BUILTIN_TOOLKIT } from '../../src/toolkit/load.js';
import type { Problem } from '../../src/toolkit/yaml-file.js';
import { parse } from 'yaml';
import { ROOT, runPtk, tempDir } from '../helpers/cli.js';
import { hasChromium, launch, openFile } from '../helpers/chromium.js';

const FIXTURE = join(ROOT, 'test/fixtures/toolkits/ranking');
const PLANS = join(ROOT, 'test/fixtures/plans');
const withFixture = (args: string[]) => runPtk(['--toolkit', FIXTURE, ...args]);
const goodPlan = () => planSchema.parse(parse(readFileSync(join(PLANS, 'good.yaml'), 'utf8')));

describe('the rule language', () => {
  const criterion = (rule: Criterion['rule']): Criterion => ({ id: 'x', principle: 'A', title: 'X', required: true, why: 'y', rule });
  it.each([
    [{ path: 'a.b', check: 'present' }, { a: { b: 'yes' } }, 'pass'],
    [{ path: 'a.b', check: 'present' }, { a: {} }, 'not stated'],
    [{ path: 'a.b', check: 'present' }, { a: { b: 'TODO fill in' } }, 'not stated'],
    [{ path: 'a.b', check: 'present' }, { a: { b: [] } }, 'fail'],
    [{ path: 'a', check: 'is_true' }, { a: false }, 'fail'],
    [{ path: 'a', check: 'is_true' }, { a: true }, 'pass'],
    [{ path: 'a', check: 'min_items', value: 1 }, { a: [] }, 'fail'],
    [{ path: 'a', check: 'min_items', value: 1 }, { a: ['TODO route'] }, 'not stated'],
    [{ path: 'a', check: 'max_items', value: 2 }, { a: [1, 2, 3] }, 'fail'],
    [{ path: 'a', check: 'min_value', value: 8 }, { a: 6 }, 'fail'],
    [{ path: 'a', check: 'max_value', value: 12 }, { a: 12 }, 'pass'],
    [{ path: 'a', check: 'max_value', value: 12 }, { a: 'soon' }, 'fail'],
  ] as const)('%j on %j is %s', (rule, plan, status) => {
    expect(evaluateCriterion(criterion(rule as Criterion['rule']), plan).status).toBe(status);
  });
});

describe('the consultation standard as data', () => {
  it('the built-in standard is valid and covers principles A to K', () => {
    const problems: Problem[] = [];
    checkStandards([BUILTIN_TOOLKIT], problems);
    expect(problems).toEqual([]);
    const principles = new Set(loadStandard().criteria.map((c) => c.principle));
    expect([...principles].sort().join('')).toBe('ABCDEFGHIJK');
  });

  it('reports a broken standard with file:line', () => {
    const problems: Problem[] = [];
    checkStandards([join(ROOT, 'test/fixtures/standards-bad')], problems);
    expect(problems.map((p) => `${p.line}: ${p.field}`)).toEqual(['7: criteria.0.principle', '17: criteria.1.rule.value', '11: criteria.0.rule.path']);
  });

  it('a plan without an offline route and an analysis method fails exactly those two', () => {
    const plan = goodPlan();
    delete plan.consultation!.response_routes!.offline;
    delete plan.consultation!.analysis!.method;
    const result = checkPlanAgainst(loadStandard(), plan, 'plan.yaml');
    expect(result.results.filter((r) => r.status !== 'pass').map((r) => r.id)).toEqual(['offline-response-route', 'analysis-method']);
    expect(result.passed).toBe(false);
    expect(checkPlanAgainst(loadStandard(), goodPlan(), 'plan.yaml').passed).toBe(true);
  });

  it('plan metrics keep the shape ptk evaluate reads', () => {
    const parsed = planTargetsSchema.safeParse(parse(readFileSync(join(PLANS, 'good.yaml'), 'utf8')));
    expect(parsed.success).toBe(true);
  });
});

describe('ptk plan check / consult check (built binary)', () => {
  it('passes a complete plan (exit 0)', () => {
    const r = withFixture(['plan', 'check', join(PLANS, 'good.yaml')]);
    expect(r.stdout).toContain('Meets the minimum digital standard.');
    expect(r.code).toBe(0);
  });

  it('fails a plan lacking an offline route and an analysis method on exactly those criteria (exit 1)', () => {
    const r = withFixture(['consult', 'check', join(PLANS, 'no-offline-no-method.yaml'), '--json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as { results: { id: string; status: string; reason: string }[] };
    const failing = json.results.filter((x) => x.status !== 'pass');
    expect(failing).toEqual([
      expect.objectContaining({ id: 'offline-response-route', status: 'not stated', reason: 'consultation.response_routes.offline is not stated' }),
      expect.objectContaining({ id: 'analysis-method', status: 'not stated', reason: 'consultation.analysis.method is not stated' }),
    ]);
    const text = withFixture(['plan', 'check', join(PLANS, 'no-offline-no-method.yaml')]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/not stated\s+D\s+An offline response route/);
  });

  it('an unknown technique id: one line with file:line, exit 2', () => {
    const r = withFixture(['plan', 'check', join(PLANS, 'unknown-technique.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/unknown-technique\.yaml:35: stages\.0\.techniques\.1\.id: no technique with id "phone-pannels"; did you mean phone-panels\?/);
  });

  it('a malformed plan.yaml: one line with file:line, exit 2', () => {
    const r = withFixture(['plan', 'check', join(PLANS, 'malformed.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/malformed\.yaml:\d+: YAML syntax error/);
  });

  it('a schema error names the field and line', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plan.yaml'), 'policy:\n  title: T\n  problem: P\nmetrics:\n  - id: m\n    objective: obj-1\n    channel: x\n    metric: likes\n    target: 5\n    by: 2027-01-01\n');
    const r = withFixture(['plan', 'check', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/plan\.yaml:8: metrics\.0\.metric: use one of reach/);
  });
});

describe('ptk plan init and render (built binary)', () => {
  it('scaffolds the template files, then refuses a non-empty folder without --force', () => {
    const dir = join(tempDir(), 'plan');
    const first = withFixture(['plan', 'init', dir]);
    expect(first.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['consultation-checklist.md', 'plan.md', 'plan.yaml']);
    expect(readFileSync(join(dir, 'plan.yaml'), 'utf8')).toBe(readFileSync(join(ROOT, 'templates/plan/plan.yaml'), 'utf8'));
    expect(readFileSync(join(dir, 'consultation-checklist.md'), 'utf8')).toContain('An offline response route');
    const again = withFixture(['plan', 'init', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/is not empty: pass --force/);
    expect(withFixture(['plan', 'init', dir, '--force']).code).toBe(0);
    // the starter's TODO values count as not stated, so it does not pass yet
    expect(withFixture(['plan', 'check', dir]).code).toBe(1);
  });

  it('builds a plan from an answers file', () => {
    const dir = join(tempDir(), 'plan');
    const r = runPtk(['plan', 'init', dir, '--answers', join(ROOT, 'examples/answers-stage2.yaml')]);
    expect(r.code).toBe(0);
    const check = runPtk(['plan', 'check', dir]);
    expect(check.stdout).toContain('Meets the minimum digital standard.');
    expect(check.code).toBe(0);
  });

  it('never writes outside the folder', async () => {
    const root = tempDir();
    const dir = join(root, 'plan');
    await expect(writePlanFolder(dir, { '../escaped.txt': 'x' }, false)).rejects.toThrow(/outside/);
    expect(existsSync(join(root, 'escaped.txt'))).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });

  it('renders markdown and a self-contained HTML page with a timeline', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plan.yaml'), readFileSync(join(PLANS, 'good.yaml')));
    expect(withFixture(['plan', 'render', dir]).code).toBe(0);
    expect(readFileSync(join(dir, 'plan.md'), 'utf8')).toMatch(/## Timeline\n\n- 2027-08-23: Plan agreed/);
    expect(withFixture(['plan', 'render', dir, '--format', 'html']).code).toBe(0);
    const html = readFileSync(join(dir, 'plan.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('Consultation closes');
    expect(html).not.toMatch(/<script|<link|src="https?:/);
  });

  it('escapes data in the HTML', () => {
    const plan = goodPlan();
    plan.policy.title = '<script>alert(1)</script> plan';
    plan.timeline.push({ date: '2027-09-01', milestone: '<img src=x onerror=alert(1)>' });
    const html = planToHtml(plan);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; plan');
  });

  it.skipIf(!hasChromium)('the HTML plan opens in a browser with no errors or requests', async () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    const plan = goodPlan();
    plan.policy.title = '<script>window.bad=1</script>';
    writeFileSync(join(dir, 'plan.html'), planToHtml(plan));
    const browser = await launch();
    try {
      const { page, errors, requests } = await openFile(browser, join(dir, 'plan.html'));
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      expect(await page.locator('h1').textContent()).toBe('<script>window.bad=1</script>');
      expect(await page.locator('svg rect:not(.consultation-window)').count()).toBe(3);
      expect(await page.locator('svg rect.consultation-window').count()).toBe(1);
      // month labels, as drawn by the browser, do not overlap one another
      const boxes = await page.locator('svg text[text-anchor="middle"]').evaluateAll((els) => els.map((e) => (e as SVGGraphicsElement).getBBox()).map((b) => [b.x, b.x + b.width]));
      expect(boxes.length).toBeGreaterThan(0);
      for (let i = 1; i < boxes.length; i++) expect(boxes[i]![0]!).toBeGreaterThan(boxes[i - 1]![1]!);
    } finally {
      await browser.close();
    }
  });
});
