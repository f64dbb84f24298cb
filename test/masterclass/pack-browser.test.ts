/**
 * A session pack in Chromium: the crisis pack's scenario files and control-desk sheets, the HTML
 * facilitator notes, sign-in and feedback sheets, and every built-in handout's printed page count.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { hasChromium, launch, openFile } from '../helpers/chromium.js';
import { ROOT, runPtk, tempDir } from '../helpers/cli.js';

interface RawScenario {
  injects: { at: number; from: string }[];
  reserve_injects?: unknown[];
}

/** Pages in a PDF made by Chromium: one /Type /Page object per page. */
function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

describe.skipIf(!hasChromium)('session packs in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the crisis pack holds its scenarios and a control-desk sheet per scenario with the inject timeline', async () => {
    const dir = join(tempDir(), 'pack');
    expect(runPtk(['masterclass', 'pack', 'crisis-communication', '-o', dir]).code).toBe(0);
    expect(readdirSync(join(dir, 'data/scenarios')).sort()).toEqual(['contaminated-product.yaml', 'data-loss.yaml']);
    // the speeds the exercises' commands use: 1.5 and 3
    for (const [id, speed] of [['contaminated-product', 1.5], ['data-loss', 3]] as const) {
      const source = readFileSync(join(ROOT, `toolkit/scenarios/${id}.yaml`));
      expect(readFileSync(join(dir, `data/scenarios/${id}.yaml`))).toEqual(source);
      const scenario = parse(source.toString('utf8')) as RawScenario;
      const { page, errors, requests } = await openFile(browser, join(dir, `control-desk-${id}.html`));
      const rows = await page.locator('table.sheet').first().locator('tbody tr').all();
      expect(rows).toHaveLength(scenario.injects.length);
      for (const [i, inject] of scenario.injects.entries()) {
        const cells = await rows[i]!.locator('td').allTextContents();
        const real = Math.round((inject.at * 60) / speed);
        expect(cells.slice(0, 3)).toEqual([String(i + 1), `T+${String(inject.at).padStart(2, '0')}:00`, `${Math.floor(real / 60)}:${String(real % 60).padStart(2, '0')}`]);
        expect(cells[4]).toBe(inject.from);
      }
      expect(await page.locator('table.sheet').nth(1).locator('tbody tr').count()).toBe(scenario.reserve_injects!.length);
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      await page.close();
    }
    // 36 minutes at 1.5x is 24 real minutes, by hand
    expect(readFileSync(join(dir, 'control-desk-contaminated-product.html'), 'utf8')).toContain('<td>T+36:00</td><td>24:00</td>');

    const notes = await openFile(browser, join(dir, 'facilitator-notes.html'));
    expect(await notes.page.locator('h2', { hasText: 'Quiz answers' }).count()).toBe(1);
    expect(notes.errors).toEqual([]);
    await notes.page.close();
    const signIn = await openFile(browser, join(dir, 'sign-in.html'));
    expect(await signIn.page.locator('tbody tr').count()).toBe(20);
    await signIn.page.close();
    const module = JSON.parse(runPtk(['masterclass', 'show', 'crisis-communication', '--json']).stdout) as { learning_outcomes: string[] };
    const feedback = await openFile(browser, join(dir, 'feedback.html'));
    expect(await feedback.page.locator('tbody tr').count()).toBe(module.learning_outcomes.length);
    expect(feedback.errors).toEqual([]);
    await feedback.page.close();
  });

  it('handouts print on four A4 pages or fewer (analysing-responses on five), the exercises and quiz each starting a page', async () => {
    const ids = (JSON.parse(runPtk(['masterclass', 'list', '--json']).stdout) as { id: string }[]).map((m) => m.id);
    expect(ids.length).toBeGreaterThanOrEqual(7);
    const dir = tempDir();
    const pages: Record<string, number> = {};
    for (const id of ids) {
      const file = join(dir, `${id}.html`);
      expect(runPtk(['masterclass', 'handout', id, '-o', file]).code).toBe(0);
      const { page } = await openFile(browser, file);
      pages[id] = pdfPages(await page.pdf({ format: 'A4', preferCSSPageSize: true }));
      await page.close();
    }
    // measured 2026-12-02: analysing-responses has the longest exercises and still needs five
    for (const id of ids) expect(pages[id], `${id}: ${pages[id]} pages`).toBeLessThanOrEqual(id === 'analysing-responses' ? 5 : 4);
    expect(Object.values(pages).every((n) => n >= 3)).toBe(true);
  }, 120_000);
});
