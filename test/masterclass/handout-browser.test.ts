/** The HTML handout in headless Chromium: no console errors or requests, print layout, and a real PDF. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasChromium, launch, openFile } from '../helpers/chromium.js';
import { runPtk, tempDir } from '../helpers/cli.js';

describe('masterclass handout in a browser', () => {
  let browser: Browser | undefined;
  const dir = tempDir();

  beforeAll(async () => {
    if (hasChromium) browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const id of ['analysing-responses', 'crisis-communication']) {
    it.skipIf(!hasChromium)(`${id}: renders with no console errors and prints to an A4 PDF with page breaks`, async () => {
      const file = join(dir, `${id}.html`);
      const r = runPtk(['masterclass', 'handout', id, '--format', 'html', '-o', file]);
      expect(r.code).toBe(0);
      const { page, errors, requests } = await openFile(browser!, file);
      try {
        expect(await page.locator('h1').first().textContent()).toBe(
          JSON.parse(runPtk(['masterclass', 'show', id, '--json']).stdout).title as string,
        );
        const exercises = await page.locator('section.exercise').count();
        expect(exercises).toBeGreaterThan(0);
        expect(await page.locator('section.quiz-question').count()).toBeGreaterThanOrEqual(5);
        // the run sheet is a table with one row per section
        expect(await page.locator('section.run-sheet tbody tr').count()).toBeGreaterThan(3);

        await page.emulateMedia({ media: 'print' });
        const breaks = await page.evaluate(() =>
          [...document.querySelectorAll('section.page-break')].map((s) => [s.className, getComputedStyle(s).breakBefore]),
        );
        expect(breaks).toEqual([
          ['exercise page-break', 'page'],
          ['technique page-break', 'page'],
          ['quiz-question page-break', 'page'],
        ]);
        expect(await page.evaluate(() => getComputedStyle(document.querySelector('section.exercise')!).breakInside)).toBe('avoid');

        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
        expect(pdf.length).toBeGreaterThan(10_000);
        expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        const text = pdf.toString('latin1');
        // A4 is 595 x 842 points; the exercises, techniques and quiz each start a page
        expect(text).toMatch(/\/MediaBox \[0 0 59[45]\.\d+ 84[12]\.\d+\]/);
        expect((text.match(/\/Type\s*\/Page\b/g) ?? []).length).toBeGreaterThanOrEqual(4);

        expect(errors).toEqual([]);
        expect(requests).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }
});
