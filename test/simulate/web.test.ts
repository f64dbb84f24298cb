/**
 * `ptk simulate --serve` in Chromium: one facilitator and two team browser contexts on the built
 * binary. Replies must land against the inject each team chose, the debriefs must be written, no
 * request may leave the server, and nobody but this machine may connect.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir } from '../helpers/cli.js';
import { hasChromium, launch } from '../helpers/chromium.js';

const OVERLAY = join(ROOT, 'test/fixtures/simulate/web');

interface Served {
  child: ChildProcess;
  facilitator: string;
  base: string;
  code: string;
  stdout: () => string;
  stderr: () => string;
}

async function serve(args: string[]): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'simulate', 'web-drill', '--serve', ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', PTK_TOOLKIT: OVERLAY, CI: 'true' },
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const until = Date.now() + 20_000;
  for (;;) {
    const facilitator = /Facilitator console: (\S+)/.exec(out)?.[1];
    const join = /Teams join at (\S+)\/ with the code ([A-Z0-9]{6})/.exec(out);
    if (facilitator && join) return { child, facilitator, base: join[1]!, code: join[2]!, stdout: () => out, stderr: () => err };
    if (Date.now() > until || child.exitCode !== null) throw new Error(`the server did not start:\n${out}\n${err}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}

/** Every request a page makes, to check none leaves the server. */
function track(page: Page, requests: string[]): Page {
  page.on('request', (r) => requests.push(r.url()));
  return page;
}

describe.skipIf(!hasChromium)('the web simulator in Chromium (facilitator and two teams)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('replies land against the chosen injects, live injects reach both teams, and /end writes the debriefs', async () => {
    const dir = join(tempDir(), 'debriefs');
    const server = await serve(['--speed', '60', '--log', dir]);
    const requests: string[] = [];
    const errors: string[] = [];
    try {
      expect(server.base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const contexts = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
      const [fac, teamA, teamB] = await Promise.all(contexts.map(async (c) => track(await c.newPage(), requests)));
      for (const p of [fac!, teamA!, teamB!]) {
        p.on('pageerror', (e) => errors.push(e.message));
        p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      }
      await fac!.goto(server.facilitator);
      for (const [page, name] of [
        [teamA!, 'Team Alpha'],
        [teamB!, 'Team Beta'],
      ] as const) {
        await page.goto(`${server.base}/`);
        await page.fill('#team-name', name);
        await page.fill('#join-code', server.code.toLowerCase());
        await page.click('button[type=submit]');
        await page.waitForURL(/\/team\?/);
        await page.waitForSelector('#phase:has-text("waiting for the facilitator")');
      }
      await fac!.waitForSelector('#teams li:has-text("Team Beta")');

      await fac!.click('#start');
      // the phone call arrives a real second later at 60x; then the facilitator pauses
      for (const page of [teamA!, teamB!]) await page.waitForSelector('#phone #inject-2');
      await fac!.click('#pause');
      await fac!.waitForSelector('#phase:has-text("paused")');
      await teamA!.waitForSelector('#phase:has-text("paused")');

      expect(await teamA!.textContent('#feed #inject-1')).toContain('40 mentions');
      expect(await teamA!.textContent('#mentions')).toBe('40');
      // the default target is the latest waiting inject; team Alpha chooses the older post instead
      expect(await teamA!.inputValue('#reply-to')).toBe('2');
      await teamA!.selectOption('#reply-to', '1');
      await teamA!.fill('#reply-text', 'Alpha to the parent: see your GP <b>now</b>');
      await teamA!.click('#reply-form button');
      await teamA!.waitForSelector('#inject-1 .reply-line:has-text("Alpha to the parent")');
      // team Beta keeps the default: the reporter's call
      await teamB!.fill('#reply-text', 'Beta holding line to the reporter');
      await teamB!.click('#reply-form button');
      await teamB!.waitForSelector('#inject-2 .reply-line:has-text("Beta holding line")');
      // each team sees only its own replies
      expect(await teamA!.locator('.reply-line:has-text("Beta")').count()).toBe(0);

      // a live inject from the reserve reaches both teams, with its mention count
      await fac!.selectOption('#reserve', 'scam-post');
      await fac!.click('#reserve-form button');
      for (const page of [teamA!, teamB!]) await page.waitForSelector('#feed #inject-3:has-text("Claim your refund")');
      expect(await teamB!.textContent('#mentions')).toBe('900');
      await teamB!.selectOption('#reply-to', '3');
      await teamB!.fill('#reply-text', 'Beta: this is a scam, nobody will ask for bank details');
      await teamB!.click('#reply-form button');
      await teamB!.waitForSelector('#inject-3 .reply-line');
      // a new inject written by the facilitator
      await fac!.selectOption('#live-channel', 'news');
      await fac!.fill('#live-text', 'Radio bulletin: all formula unsafe, say posts');
      await fac!.click('#live-form button');
      await teamA!.waitForSelector('#feed #inject-4:has-text("Radio bulletin")');

      await fac!.click('#resume');
      await fac!.click('#end');
      await fac!.waitForSelector('#debriefs a:has-text("Team Alpha")');
      await fac!.click('#debriefs a:has-text("Team Beta")');
      await fac!.waitForSelector('h1:has-text("Debrief: Web drill, team Team Beta")');
      await Promise.all(contexts.map((c) => c.close()));
    } finally {
      await stop(server.child);
    }
    expect(errors).toEqual([]);
    // nothing but the server itself was asked for anything
    expect(requests.length).toBeGreaterThan(5);
    expect(requests.filter((url) => !url.startsWith(`${server.base}/`))).toEqual([]);

    expect(readdirSync(dir).sort()).toEqual(['debrief.json', 'team-alpha.html', 'team-alpha.md', 'team-beta.html', 'team-beta.md']);
    const debriefs = JSON.parse(readFileSync(join(dir, 'debrief.json'), 'utf8')) as {
      team: string;
      timeline: { kind: string; injectId?: string | null; text?: string; team?: string }[];
      unanswered: string[];
      notReached: string[];
      summary: { responses: number; pausedRealSeconds: number };
    }[];
    const replies = (team: string) => debriefs.find((d) => d.team === team)!.timeline.filter((e) => e.kind === 'response').map((e) => [e.injectId, e.text]);
    expect(replies('Team Alpha')).toEqual([['first-post', 'Alpha to the parent: see your GP <b>now</b>']]);
    expect(replies('Team Beta')).toEqual([
      ['reporter-call', 'Beta holding line to the reporter'],
      ['scam-post', 'Beta: this is a scam, nobody will ask for bank details'],
    ]);
    const alpha = debriefs.find((d) => d.team === 'Team Alpha')!;
    expect(alpha.unanswered).toEqual(['reporter-call', 'scam-post', 'live-1']);
    expect(alpha.notReached).toEqual(['late-email']);
    expect(alpha.timeline.filter((e) => e.kind === 'pause')).toHaveLength(1);
    // the same Markdown debrief as the terminal's, per team, with the text escaped
    const md = readFileSync(join(dir, 'team-alpha.md'), 'utf8');
    expect(md).toMatch(/^# Debrief: Web drill, team Team Alpha/);
    expect(md).toContain('| Response to first-post | team Team Alpha | Alpha to the parent: see your GP \\<b\\>now\\</b\\> |');
    expect(md).toContain('## Unanswered injects');
    expect(readFileSync(join(dir, 'team-beta.html'), 'utf8')).not.toContain('<b>now</b>');
  }, 90_000);

  it('by default refuses connections from other addresses and requests naming another host', async () => {
    const server = await serve(['--speed', '60', '--log', join(tempDir(), 'd')]);
    try {
      const port = Number(new URL(server.base).port);
      const other = Object.values(networkInterfaces())
        .flat()
        .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
      if (other) {
        const refused = await new Promise<string>((resolve) => {
          const socket = connect({ host: other, port });
          socket.once('connect', () => {
            socket.destroy();
            resolve('connected');
          });
          socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
        });
        expect(refused).toBe('ECONNREFUSED');
      }
      // DNS rebinding: a page on another name that resolves here is turned away
      const status = await new Promise<number>((resolve, reject) => {
        request({ host: '127.0.0.1', port, path: '/', headers: { host: `attacker.example:${port}` } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
      expect(status).toBe(403);
      // a wrong join code and a missing facilitator key are refused
      const page = await browser.newPage();
      expect((await page.goto(`${server.base}/facilitator?key=guess`))!.status()).toBe(403);
      const join = await page.evaluate(async () => (await fetch('/api/join', { method: 'POST', body: JSON.stringify({ team: 'x', code: 'AAAAAA' }) })).status);
      expect(join).toBe(403);
      await page.close();
    } finally {
      await stop(server.child);
    }
    expect(server.stderr()).toContain('Only this computer can connect');
  }, 60_000);
});
