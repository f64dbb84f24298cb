/**
 * `ptk site` in a real browser (Debian's Chromium through playwright-core): every page opens from
 * file:// with no console errors and no request for anything outside the site folder, axe-core finds
 * no WCAG 2.2 AA violations, every relative link resolves, the search box finds a technique by a word
 * from its body, and every method card prints on one A4 page.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { hasChromium, launch, openFile } from '../helpers/chromium.js';
import { ROOT, runPtk, tempDir } from '../helpers/cli.js';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let work: string;
let site: string;
let overlay: string;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Pages of a PDF: its page objects, not the page-tree node (/Type /Pages). */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

beforeAll(() => {
  work = tempDir('ptk-site-');
  site = join(work, 'site');
  // an organisation overlay with one technique of its own
  overlay = join(work, 'overlay');
  mkdirSync(join(overlay, 'techniques'), { recursive: true });
  const base = readFileSync(join(ROOT, 'toolkit/techniques/webinars.yaml'), 'utf8');
  writeFileSync(
    join(overlay, 'techniques/local-radio-phone-in.yaml'),
    base
      .replace(/^id: .*$/m, 'id: local-radio-phone-in')
      .replace(/^name: .*$/m, 'name: Local radio phone-in')
      .replace(/^summary: .*$/m, 'summary: A minister answers listeners on a local radio phone-in about the proposal.')
      .replace(/^related: .*$/m, 'related: [webinars]')
      .replace(/^case_studies: .*$/m, ''),
  );
  const result = runPtk(['site', '-o', site, '--toolkit', overlay, '--json']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('ptk site', () => {
  it('writes every kind of page, the overlay technique included', () => {
    const pages = walk(site).map((f) => relative(site, f).replace(/\\/g, '/'));
    const techniques = readdirSync(join(ROOT, 'toolkit/techniques')).length + 1;
    const studies = readdirSync(join(ROOT, 'toolkit/case-studies')).length;
    const modules = readdirSync(join(ROOT, 'toolkit/masterclasses')).length;
    expect(pages.filter((p) => /^techniques\/(?!index)/.test(p))).toHaveLength(techniques);
    expect(pages.filter((p) => /^cards\/(?!index)/.test(p))).toHaveLength(techniques);
    expect(pages.filter((p) => /^cases\/(?!index)/.test(p))).toHaveLength(studies);
    expect(pages.filter((p) => /^masterclasses\/(?!index)/.test(p))).toHaveLength(modules);
    for (const page of ['index.html', 'search.html', 'standard.html', 'maturity.html', 'worksheets/stakeholder-map.html', 'worksheets/question-testing.html', 'worksheets/holding-statement.html', 'techniques/local-radio-phone-in.html']) {
      expect(pages).toContain(page);
    }
    expect(readFileSync(join(site, 'search.html'), 'utf8')).toContain('Local radio phone-in');
    // the standard's criteria as they are in the toolkit, one row each
    const standard = parse(readFileSync(join(ROOT, 'toolkit/standards/consultation.yaml'), 'utf8')) as { criteria: unknown[] };
    expect((readFileSync(join(site, 'standard.html'), 'utf8').match(/<tr><td>[A-K]<\/td>/g) ?? []).length).toBe(standard.criteria.length);
  });

  it('links only to pages that exist, and to nothing outside the folder', () => {
    let links = 0;
    for (const file of walk(site)) {
      const html = readFileSync(file, 'utf8');
      expect(html, file).not.toMatch(/(src|href)="(https?:)?\/\//);
      for (const [, href] of html.matchAll(/href="([^"#?]*)(?:[#?][^"]*)?"/g)) {
        if (!href) continue;
        links++;
        expect(existsSync(resolve(dirname(file), href)), `${relative(site, file)} -> ${href}`).toBe(true);
      }
    }
    expect(links).toBeGreaterThan(1000);
    // cross-links both ways between a technique and its case study
    expect(readFileSync(join(site, 'techniques/online-forums.html'), 'utf8')).toContain('href="../cases/norah-uk-online-centres.html"');
    expect(readFileSync(join(site, 'cases/norah-uk-online-centres.html'), 'utf8')).toContain('href="../techniques/online-forums.html"');
  });

  it('refuses to overwrite without --force, and writes with it', () => {
    const again = runPtk(['site', '-o', site]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/is not empty: pass --force/);
    const forced = runPtk(['site', '-o', site, '--force', '--toolkit', overlay]);
    expect(forced.code).toBe(0);
    expect(readdirSync(site).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe.runIf(hasChromium)('ptk site in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens every page with no console errors and no request outside the page', async () => {
    const files = walk(site);
    for (const file of files) {
      const opened = await openFile(browser, file);
      expect(opened.errors, relative(site, file)).toEqual([]);
      expect(opened.requests, relative(site, file)).toEqual([]);
      await opened.page.close();
    }
  }, 600_000);

  it('has no WCAG 2.2 AA violations (axe-core) on each kind of page', async () => {
    const pages = ['index.html', 'search.html?q=consultation', 'techniques/index.html', 'techniques/influencer-mapping.html', 'cards/index.html', 'cards/social-simulator.html', 'cases/index.html', 'cases/wenurses-twitter-chats.html', 'masterclasses/index.html', 'masterclasses/crisis-communication.html', 'standard.html', 'maturity.html', 'worksheets/index.html', 'worksheets/stakeholder-map.html', 'worksheets/question-testing.html', 'worksheets/holding-statement.html'];
    for (const name of pages) {
      const page = await browser.newPage();
      const [path, query] = name.split('?');
      await page.goto(`${pathToFileURL(join(site, path!)).href}${query ? `?${query}` : ''}`);
      // evaluated through the DevTools protocol, so the page's own script policy does not block it
      await page.evaluate(AXE_SOURCE);
      const result = (await page.evaluate(async (tags) => {
        const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[]; passes: unknown[] }> } }).axe;
        const r = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
        return { violations: r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`), passes: r.passes.length };
      }, WCAG_TAGS)) as { violations: string[]; passes: number };
      expect(result.violations, name).toEqual([]);
      expect(result.passes, name).toBeGreaterThan(5); // axe really ran
      await page.close();
    }
  }, 600_000);

  it('finds a technique by a word from its body, from the search box on the home page', async () => {
    const technique = parse(readFileSync(join(ROOT, 'toolkit/techniques/email-bulletins.yaml'), 'utf8')) as { name: string; summary: string; methodology: string };
    const word = 'unsubscribing';
    expect(technique.methodology.toLowerCase()).toContain(word);
    expect(`${technique.name} ${technique.summary}`.toLowerCase()).not.toContain(word);
    const { page, errors } = await openFile(browser, join(site, 'index.html'));
    await page.fill('#site-search', word);
    await Promise.all([page.waitForURL(/search\.html\?q=unsubscribing/), page.press('#site-search', 'Enter')]);
    const first = page.locator('#search-results li a').first();
    await expect.poll(async () => first.getAttribute('href')).toBe('techniques/email-bulletins.html');
    expect(await page.locator('#search-status').textContent()).toMatch(/^\d+ pages? match/);
    // typing on the search page searches again; a miss says so
    await page.fill('#search-page-input', 'narration');
    expect(await page.locator('#search-results li a').first().getAttribute('href')).toBe('techniques/video-explainers.html');
    await page.fill('#search-page-input', 'zzqx');
    expect(await page.locator('#search-status').textContent()).toMatch(/No pages match/);
    // the overlay's technique is searchable too
    await page.fill('#search-page-input', 'local radio phone-in');
    expect(await page.locator('#search-results li a').first().getAttribute('href')).toBe('techniques/local-radio-phone-in.html');
    await first.click();
    expect(page.url()).toMatch(/techniques\/local-radio-phone-in\.html$/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('prints every method card on one A4 page, and each worksheet on its pages', async () => {
    const cards = readdirSync(join(site, 'cards')).filter((f) => f !== 'index.html');
    expect(cards.length).toBeGreaterThan(30);
    const counts: Record<string, number> = {};
    for (const card of cards) {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(join(site, 'cards', card)).href);
      const pdf = await page.pdf({ preferCSSPageSize: true });
      counts[card] = pdfPageCount(pdf);
      await page.close();
    }
    expect(Object.entries(counts).filter(([, n]) => n !== 1)).toEqual([]);
    // the worksheets: the map grid on one page and the influencer table on the next; the others on one
    const sheets: Record<string, number> = {};
    for (const sheet of ['stakeholder-map', 'question-testing', 'holding-statement']) {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(join(site, 'worksheets', `${sheet}.html`)).href);
      sheets[sheet] = pdfPageCount(await page.pdf({ preferCSSPageSize: true }));
      await page.close();
    }
    expect(sheets).toEqual({ 'stakeholder-map': 2, 'question-testing': 1, 'holding-statement': 1 });
    // the counter itself: a long page prints on more than one
    const long = await browser.newPage();
    await long.goto(pathToFileURL(join(site, 'maturity.html')).href);
    expect(pdfPageCount(await long.pdf({ format: 'A4' }))).toBeGreaterThan(1);
    await long.close();
  }, 600_000);
});

