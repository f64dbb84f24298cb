/** report.html in headless Chromium: no console errors, no requests, injected markup shown as text. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasChromium, launch, openFile } from '../helpers/chromium.js';
import { ROOT, runPtk, tempDir } from '../helpers/cli.js';

const DEMO = join(ROOT, 'examples/consultation/responses.csv');
const DEMO_CONFIG = join(ROOT, 'examples/consultation/analysis.yaml');

describe('report.html', () => {
  let out: string;
  let browser: Browser | undefined;
  beforeAll(async () => {
    out = join(tempDir('ptk-html-'), 'report');
    const result = runPtk(['analyse', DEMO, '--config', DEMO_CONFIG, '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    if (hasChromium) browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('escapes response text and has no script', () => {
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;');
    expect(html).toMatch(/<svg class="bars"/);
    expect(html).toMatch(/A consultation is not a vote/);
  });

  it.skipIf(!hasChromium)('opens in Chromium without console errors and shows the injected <script> as text', async () => {
    const { page, errors, requests } = await openFile(browser as Browser, join(out, 'report.html'));
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('blockquote b').count()).toBe(0);
    const quote = page.locator('blockquote.quote', { hasText: '<script>alert("pwned")</script>' });
    expect(await quote.count()).toBe(1);
    expect(await page.locator('svg.bars').count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('h1').innerText()).toMatch(/Minimum unit pricing/);
    // themes and campaigns: a chart per coded question and one for the campaigns
    expect(await page.locator('h2', { hasText: /^Themes$/ }).count()).toBe(1);
    expect(await page.locator('h2', { hasText: /^Campaigns$/ }).count()).toBe(1);
    expect(await page.locator('svg.bars[aria-label^="Answers per theme"]').count()).toBe(2);
    expect(await page.locator('svg.campaigns rect.std').count()).toBe(2);
    expect(await page.locator('blockquote.template').count()).toBe(4);
    const quotes = page.locator('blockquote.theme-quote');
    expect(await quotes.count()).toBeGreaterThan(20);
    expect(await page.locator('blockquote.theme-quote b, blockquote.template b').count()).toBe(0);
    await page.close();
  });

  it('has a method note on themes and campaigns', () => {
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/<li>Themes: open answers were coded with the coding frame in analysis\.yaml\./);
    expect(html).toMatch(/<li>Campaigns: the text of .*Jaccard similarity of at least 0\.8/);
  });

  it('redacts personal data in the example quotes', () => {
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    for (const text of [md, html]) {
      expect(text).not.toMatch(/jane\.doe@example\.org|m\.smith@example\.com|07700 900123|SW1A 1AA|LS6 2AB/);
      // the quoted answer that contained an e-mail address and a phone number
      expect(text).toMatch(/Write to me at \\?\[email\\?\] or call \\?\[phone\\?\]/);
    }
  });
});
