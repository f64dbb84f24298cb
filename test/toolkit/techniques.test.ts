import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, runPtk, tempDir } from '../helpers/cli.js';
import { hasChromium, launch, openFile } from '../helpers/chromium.js';

const MINI = join(ROOT, 'test/fixtures/toolkit-mini');

describe('the built-in toolkit', () => {
  const listed = runPtk(['techniques', 'list', '--json']);
  const techniques = JSON.parse(listed.stdout || '[]') as { id: string; name: string; stages: number[]; activities: string[] }[];

  it('lists at least 30 techniques with id, name and stages', () => {
    expect(listed.code).toBe(0);
    expect(techniques.length).toBeGreaterThanOrEqual(30);
    for (const t of techniques) {
      expect(t.id).toMatch(/^[a-z0-9-]+$/);
      expect(t.name.length).toBeGreaterThan(2);
      expect(t.stages.length).toBeGreaterThan(0);
    }
  });

  it('has at least 6 techniques for every stage, and --stage filters to them', () => {
    for (const stage of [1, 2, 3, 4]) {
      const expected = techniques.filter((t) => t.stages.includes(stage)).map((t) => t.id);
      expect(expected.length, `stage ${stage}`).toBeGreaterThanOrEqual(6);
      const filtered = JSON.parse(runPtk(['techniques', 'list', '--stage', String(stage), '--json']).stdout) as { id: string }[];
      expect(filtered.map((t) => t.id)).toEqual(expected);
    }
  });

  it('covers every activity, and --activity filters by it', () => {
    const stages = parse(readFileSync(join(ROOT, 'toolkit/stages.yaml'), 'utf8')) as { stages: { activities: { id: string }[] }[] };
    for (const activity of stages.stages.flatMap((s) => s.activities.map((a) => a.id))) {
      const filtered = JSON.parse(runPtk(['techniques', 'list', '--activity', activity, '--json']).stdout) as { id: string }[];
      expect(filtered.length, activity).toBeGreaterThan(0);
      expect(filtered.map((t) => t.id)).toEqual(techniques.filter((t) => t.activities.includes(activity)).map((t) => t.id));
    }
  });

  it('links the case studies of the source strategy from techniques', () => {
    for (const id of ['care-and-support-bill-commentable', 'maps-and-apps', 'caring-for-our-future', 'wenurses-twitter-chats', 'stoptober', 'social-media-crisis-simulation', 'nhs-choices', 'norah-uk-online-centres']) {
      const study = parse(readFileSync(join(ROOT, 'toolkit/case-studies', `${id}.yaml`), 'utf8')) as { techniques: string[] };
      expect(study.techniques.length).toBeGreaterThan(0);
      for (const technique of study.techniques) expect(techniques.map((t) => t.id)).toContain(technique);
    }
    const stoptober = readFileSync(join(ROOT, 'toolkit/case-studies/stoptober.yaml'), 'utf8');
    for (const figure of ['209131', '125000', '60729']) expect(stoptober.replace(/[,_]/g, '')).toContain(figure);
  });

  it('rejects an unknown stage or activity with one line and exit 2', () => {
    const stage = runPtk(['techniques', 'list', '--stage', '5']);
    expect(stage.code).toBe(2);
    expect(stage.stderr.trim().split('\n')).toHaveLength(1);
    expect(stage.stderr).toMatch(/unknown stage "5"/);
    const activity = runPtk(['techniques', 'list', '--activity', 'dancing']);
    expect(activity.code).toBe(2);
    expect(activity.stderr).toMatch(/unknown activity "dancing"/);
  });

  it('suggests the closest ids for an unknown technique', () => {
    const result = runPtk(['techniques', 'show', 'influencer-maping']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('ptk: no technique with id "influencer-maping". Did you mean influencer-mapping?');
  });

  it('ranks a title match first in search', () => {
    const result = runPtk(['techniques', 'search', 'influencer', 'mapping', '--json']);
    expect(result.code).toBe(0);
    const hits = JSON.parse(result.stdout) as { id: string; score: number }[];
    expect(hits[0]?.id).toBe('influencer-mapping');
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    const webinar = JSON.parse(runPtk(['techniques', 'search', 'webinar', '--json']).stdout) as { id: string }[];
    expect(webinar[0]?.id).toBe('webinars');
  });

  it('shows a technique in the terminal with every section', () => {
    const result = runPtk(['techniques', 'show', 'influencer-mapping']);
    expect(result.code).toBe(0);
    for (const heading of ['How to do it', 'When to use it', 'When not to use it', 'Risks and mitigations', 'Accessibility', 'Assisted digital', 'Measuring it']) {
      expect(result.stdout).toContain(heading);
    }
    expect(result.stdout).toMatch(/^1\. /m); // numbered methodology steps
    expect(result.stdout).not.toMatch(/\u001b\[/); // NO_COLOR
  });
});

describe('ptk techniques show --format html', () => {
  let overlay: string;
  beforeAll(() => {
    // an organisation overlay that overrides a built-in technique with hostile text
    overlay = tempDir();
    mkdirSync(join(overlay, 'techniques'));
    const original = readFileSync(join(ROOT, 'toolkit/techniques/influencer-mapping.yaml'), 'utf8');
    writeFileSync(
      join(overlay, 'techniques/influencer-mapping.yaml'),
      original.replace(/^summary: .*$/m, 'summary: "Map who <script>alert(1)</script> matters & why"'),
    );
  });
  afterAll(() => rmSync(overlay, { recursive: true, force: true }));

  it('escapes text from the YAML', () => {
    const result = runPtk(['techniques', 'show', 'influencer-mapping', '--format', 'html', '--toolkit', overlay]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^<!doctype html>/);
    expect(result.stdout).not.toContain('<script>');
    expect(result.stdout).toContain('&lt;script&gt;alert(1)&lt;/script&gt; matters &amp; why');
    // the facts table is a list of label and value rows, with no empty heading row
    expect(result.stdout).toMatch(/<td>Lead time<\/td>\s*<td>2 weeks<\/td>/);
    expect(result.stdout).not.toContain('<th></th>');
  });

  it('escapes raw HTML inside Markdown fields too', () => {
    const result = runPtk(['techniques', 'show', 'webinars', '--format', 'html', '--toolkit', MINI]);
    expect(result.stdout).toContain('It saved &lt;b&gt;three&lt;/b&gt; regional meetings.');
    expect(result.stdout).not.toContain('<b>three</b>');
  });

  it('writes a file only once without --force', () => {
    const dir = tempDir();
    const file = join(dir, 'influencer-mapping.html');
    expect(runPtk(['techniques', 'show', 'influencer-mapping', '--format', 'html', '-o', file]).code).toBe(0);
    const again = runPtk(['techniques', 'show', 'influencer-mapping', '--format', 'html', '-o', file]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
    expect(runPtk(['techniques', 'show', 'influencer-mapping', '--format', 'html', '-o', file, '--force']).code).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!hasChromium)('renders in headless Chromium as a page, scripts from data shown as text', async () => {
    const dir = tempDir();
    const file = join(dir, 'page.html');
    writeFileSync(file, runPtk(['techniques', 'show', 'influencer-mapping', '--format', 'html', '--toolkit', overlay]).stdout);
    const browser = await launch();
    try {
      const { page, errors, requests } = await openFile(browser, file);
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      expect(await page.locator('h1').textContent()).toBe('Influencer mapping');
      expect(await page.locator('script').count()).toBe(0);
      expect(await page.locator('body').textContent()).toContain('<script>alert(1)</script>');
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('organisation overlays', () => {
  it('add techniques from --toolkit and from PTK_TOOLKIT', () => {
    const overlay = tempDir();
    mkdirSync(join(overlay, 'techniques'));
    cpSync(join(MINI, 'techniques/webinars.yaml'), join(overlay, 'techniques/regional-webinars.yaml'));
    const text = readFileSync(join(overlay, 'techniques/regional-webinars.yaml'), 'utf8');
    writeFileSync(join(overlay, 'techniques/regional-webinars.yaml'), text.replace('id: webinars', 'id: regional-webinars').replace('related: [online-surveys]', 'related: [webinars]'));
    const byFlag = JSON.parse(runPtk(['techniques', 'list', '--json', '--toolkit', overlay]).stdout) as { id: string }[];
    const byEnv = JSON.parse(runPtk(['techniques', 'list', '--json'], { env: { PTK_TOOLKIT: overlay } }).stdout) as { id: string }[];
    const builtIn = JSON.parse(runPtk(['techniques', 'list', '--json']).stdout) as { id: string }[];
    expect(byFlag.map((t) => t.id)).toContain('regional-webinars');
    expect(byEnv.map((t) => t.id)).toEqual(byFlag.map((t) => t.id));
    expect(byFlag).toHaveLength(builtIn.length + 1);
    expect(runPtk(['toolkit', 'validate', overlay]).code).toBe(0);
    rmSync(overlay, { recursive: true, force: true });
  });
});

describe('ptk stages', () => {
  it('prints the four stages and their eight activities', () => {
    const result = runPtk(['stages', '--json']);
    const stages = JSON.parse(result.stdout) as { number: number; activities: { id: string }[] }[];
    expect(stages.map((s) => s.number)).toEqual([1, 2, 3, 4]);
    expect(stages.flatMap((s) => s.activities.map((a) => a.id))).toEqual([
      'gathering-evidence',
      'collecting-ideas',
      'talking-to-people',
      'working-with-others',
      'asking-questions',
      'analysing-responses',
      'evaluating-what-works',
      'explaining-policy',
    ]);
    expect(runPtk(['stages']).stdout).toContain('Finding practical solutions and enabling delivery');
  });
});
