/** Open a local HTML file in Debian's headless Chromium via playwright-core; collect console errors. */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.PTK_CHROMIUM ?? '/usr/bin/chromium';
/** In CI (PTK_REQUIRE_BROWSER=1) a missing browser fails the tests instead of skipping them. */
export const hasChromium = existsSync(CHROMIUM) || process.env.PTK_REQUIRE_BROWSER === '1';

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface Opened {
  page: Page;
  errors: string[];
  requests: string[];
}

/** Open a file; records console errors, page errors and any request that is not the file itself. */
export async function openFile(browser: Browser, file: string): Promise<Opened> {
  const page = await browser.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  const url = pathToFileURL(file).href;
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => {
    if (request.url() !== url) requests.push(request.url());
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, errors, requests };
}
