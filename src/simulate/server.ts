/**
 * `ptk simulate SCENARIO --serve`: the crisis simulation in the browser, on node's own http server.
 * A facilitator console (start, pause, live injects, end) and team views (social feed, inbox, phone
 * log, replies attached to the inject chosen), updated by Server-Sent Events. Every asset is served
 * from here and the pages allow no other origin, so nothing leaves the room.
 *
 * By default it listens on 127.0.0.1 only and also turns away any request that is not from this
 * machine or names another host (a guard against DNS rebinding). `--host` shares it on a training-room
 * network; teams then need the join code printed at the start.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { writeFileAtomic } from '../lib/fs.js';
import { escapeHtml } from '../lib/html.js';
import { info, print } from '../lib/output.js';
import { displayPath } from '../toolkit/yaml-file.js';
import { debriefToHtml, debriefToMarkdown, summaryLines } from './debrief.js';
import { ReplyTargetError, type Debrief, type TypingMode } from './engine.js';
import { parseInject } from './live.js';
import { CHANNELS, type Channel, type Scenario } from './schema.js';
import { Session } from './session.js';
import { CLIENT_CSS, CLIENT_JS } from './web-assets.js';

export interface ServeOptions {
  speed: number;
  typing: TypingMode;
  host?: string;
  port?: number;
  log?: string;
  force?: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function isLoopbackAddress(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

/** A join code people can read out: no 0/O or 1/I. */
function joinCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return [...randomBytes(6)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** A team's file name: lower-case words joined by hyphens. */
export function teamSlug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'team';
}

function page(title: string, body: string, data: Record<string, string>): string {
  const attrs = Object.entries(data)
    .map(([k, v]) => ` data-${k}="${escapeHtml(v)}"`)
    .join('');
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/app.css">
</head>
<body${attrs}>
${body}
<script src="/app.js"></script>
</body>
</html>
`;
}

/** The folder the debriefs go to: refused before the exercise when it holds files, unless --force. */
function debriefFolder(scenario: Scenario, log: string | undefined, force: boolean | undefined): string {
  const dir = log ?? `ptk-debrief-${scenario.id}`;
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new UsageError(`--log ${dir}: with --serve, --log names a folder for the teams' debriefs.`);
    if (readdirSync(dir).length > 0 && !force) throw new UsageError(`${dir} is not empty: pass --force to write the debriefs into it.`);
  }
  return dir;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
  /** Resolves with the debriefs once the exercise ends and they are written. */
  ended: Promise<Debrief[]>;
}

export async function startServer(scenario: Scenario, options: ServeOptions): Promise<RunningServer> {
  if (options.typing === 'pause') {
    throw new UsageError('--typing pause would stop the clock for every team while one types: in the browser, typing time is counted and shown in the debrief.');
  }
  const host = options.host ?? '127.0.0.1';
  const localOnly = LOOPBACK.has(host);
  const dir = debriefFolder(scenario, options.log, options.force);
  const session = new Session(scenario, options.speed, { now: () => performance.now() }, options.typing);
  const code = joinCode();
  const key = randomBytes(16).toString('base64url');
  const files = new Map<string, string>();
  const fileFor = (team: string) => files.get(team) ?? '';
  const streams = new Set<{ res: ServerResponse; team?: string }>();
  let timer: NodeJS.Timeout | undefined;
  let resolveEnded: (d: Debrief[]) => void = () => {};
  let rejectEnded: (e: unknown) => void = () => {};
  const ended = new Promise<Debrief[]>((resolve, reject) => {
    resolveEnded = resolve;
    rejectEnded = reject;
  });

  const broadcast = () => {
    for (const s of streams) {
      const state = s.team === undefined ? session.facilitatorState(fileFor) : session.teamState(s.team);
      s.res.write(`event: state\ndata: ${JSON.stringify(state)}\n\n`);
    }
  };

  const finish = async (reason: 'completed' | 'ended' | 'interrupted') => {
    if (session.phase === 'ended') return;
    if (timer) clearTimeout(timer);
    const debriefs = session.end(reason);
    try {
      mkdirSync(dir, { recursive: true });
      const used = new Set<string>();
      for (const d of debriefs) {
        let slug = teamSlug(d.team!);
        for (let n = 2; used.has(slug); n++) slug = `${teamSlug(d.team!)}-${n}`;
        used.add(slug);
        await writeFileAtomic(join(dir, `${slug}.md`), debriefToMarkdown(d), { force: true });
        await writeFileAtomic(join(dir, `${slug}.html`), debriefToHtml(d), { force: true });
        files.set(d.team!, `${slug}.html`);
      }
      await writeFileAtomic(join(dir, 'debrief.json'), `${JSON.stringify(debriefs, null, 2)}\n`, { force: true });
      broadcast();
      resolveEnded(debriefs);
    } catch (error) {
      rejectEnded(error);
    }
  };

  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (session.phase !== 'running') return;
    const wait = session.realMsUntilNext();
    if (!Number.isFinite(wait)) return;
    timer = setTimeout(() => {
      const { completed } = session.tick();
      if (completed) void finish('completed');
      else {
        broadcast();
        schedule();
      }
    }, Math.min(wait, 2 ** 30));
  };

  const send = (res: ServerResponse, status: number, type: string, body: string) => {
    res.writeHead(status, {
      'content-type': type,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
    });
    res.end(body);
  };
  const json = (res: ServerResponse, status: number, value: unknown) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));

  const readBody = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
    let size = 0;
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > 64 * 1024) throw new ReplyTargetError('the request is too large');
      chunks.push(chunk);
    }
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ReplyTargetError('expected a JSON object');
    return value as Record<string, unknown>;
  };
  const text = (value: unknown, field: string, max = 4000): string => {
    if (typeof value !== 'string' || value.trim() === '') throw new ReplyTargetError(`${field} is missing`);
    if (value.length > max) throw new ReplyTargetError(`${field} is longer than ${max} characters`);
    return value.trim();
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const isFacilitator = url.searchParams.get('key') === key || req.headers['x-ptk-key'] === key;
    const isTeam = url.searchParams.get('code') === code || req.headers['x-ptk-code'] === code;
    if (req.method === 'GET') {
      switch (url.pathname) {
        case '/':
          return send(res, 200, 'text/html; charset=utf-8', page(`Join: ${scenario.title}`, JOIN_BODY(scenario), { view: 'join' }));
        case '/app.js':
          return send(res, 200, 'text/javascript; charset=utf-8', CLIENT_JS);
        case '/app.css':
          return send(res, 200, 'text/css; charset=utf-8', CLIENT_CSS);
        case '/facilitator':
          if (!isFacilitator) return send(res, 403, 'text/plain; charset=utf-8', 'Open the facilitator link printed in the terminal.');
          return send(res, 200, 'text/html; charset=utf-8', page(`Facilitator: ${scenario.title}`, FACILITATOR_BODY(scenario), { view: 'facilitator', key }));
        case '/team': {
          const team = url.searchParams.get('team') ?? '';
          if (!isTeam || !session.hasTeam(team)) return send(res, 403, 'text/plain; charset=utf-8', 'Join from the start page with the code your facilitator gave you.');
          return send(res, 200, 'text/html; charset=utf-8', page(`${team}: ${scenario.title}`, TEAM_BODY(scenario, team), { view: 'team', code, team }));
        }
        case '/events': {
          const team = url.searchParams.get('team') ?? undefined;
          if (team === undefined ? !isFacilitator : !isTeam || !session.hasTeam(team)) return send(res, 403, 'text/plain; charset=utf-8', 'not allowed');
          res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
          const stream = { res, ...(team === undefined ? {} : { team }) };
          streams.add(stream);
          req.on('close', () => streams.delete(stream));
          broadcast();
          return;
        }
        default: {
          const debrief = /^\/debrief\/([a-z0-9-]+\.html)$/.exec(url.pathname);
          if (debrief && isFacilitator && [...files.values()].includes(debrief[1]!)) {
            const d = session.end('ended').find((x) => files.get(x.team!) === debrief[1]);
            if (d) return send(res, 200, 'text/html; charset=utf-8', debriefToHtml(d));
          }
          return send(res, 404, 'text/plain; charset=utf-8', 'not found');
        }
      }
    }
    if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed');
    const body = await readBody(req);
    switch (url.pathname) {
      case '/api/join': {
        if (body.code !== code) return json(res, 403, { error: 'That join code is not right: check it with your facilitator.' });
        const team = text(body.team, 'team name', 40);
        session.join(team);
        broadcast();
        return json(res, 200, { url: `/team?code=${encodeURIComponent(code)}&team=${encodeURIComponent(team)}` });
      }
      case '/api/reply': {
        if (!isTeam) return json(res, 403, { error: 'not allowed' });
        const team = text(body.team, 'team');
        const to = Number(body.to);
        if (!Number.isInteger(to) || to < 1) throw new ReplyTargetError('choose the inject this reply answers');
        const typing = typeof body.typingMs === 'number' && Number.isFinite(body.typingMs) ? body.typingMs : null;
        const response = session.reply(team, to, text(body.text, 'reply'), typing);
        broadcast();
        return json(res, 200, response);
      }
    }
    if (!isFacilitator) return json(res, 403, { error: 'not allowed' });
    switch (url.pathname) {
      case '/api/start':
        session.start();
        break;
      case '/api/pause':
        session.pause();
        break;
      case '/api/resume':
        session.resume();
        break;
      case '/api/inject': {
        if (typeof body.reserveId === 'string') session.addInject({ reserveId: body.reserveId });
        else {
          const channel = (CHANNELS as readonly string[]).includes(String(body.channel)) ? (body.channel as Channel) : 'social';
          const parsed = parseInject(text(body.text, 'inject text'), []);
          if (parsed.kind !== 'new') throw new ReplyTargetError('give the inject text');
          session.addInject({ channel, from: typeof body.from === 'string' && body.from.trim() ? body.from.trim().slice(0, 80) : 'Facilitator', text: parsed.text });
        }
        break;
      }
      case '/api/end':
        await finish('ended');
        return json(res, 200, session.facilitatorState(fileFor));
      default:
        return json(res, 404, { error: 'not found' });
    }
    broadcast();
    schedule();
    return json(res, 200, session.facilitatorState(fileFor));
  };

  const server = createServer((req, res) => {
    // only this machine, by address and by the name it was asked for, unless --host shares it
    if (localOnly) {
      const hostHeader = (req.headers.host ?? '').replace(/:\d+$/, '');
      if (!isLoopbackAddress(req.socket.remoteAddress) || !['127.0.0.1', 'localhost', '[::1]'].includes(hostHeader)) {
        res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('This simulation only accepts connections from this computer.');
        return;
      }
    }
    handle(req, res).catch((error: unknown) => {
      if (error instanceof ReplyTargetError || error instanceof SyntaxError) json(res, 400, { error: error.message });
      else {
        json(res, 500, { error: 'internal error' });
        rejectEnded(error);
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new UsageError(`port ${options.port} is in use: choose another --port or leave it out.`) : error.code === 'EADDRNOTAVAIL' ? new UsageError(`--host ${host} is not an address of this computer.`) : error),
    );
    server.listen(options.port ?? 0, host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host === '0.0.0.0' || host === '::' ? 'THIS-COMPUTER' : host;
  const base = `http://${localOnly ? '127.0.0.1' : shown}:${port}`;
  // the addresses are the command's output: stdout, so a script (or a test) can read them
  print(`Facilitator console: ${base}/facilitator?key=${key}`);
  print(`Teams join at ${base}/ with the code ${code}`);
  info(localOnly ? 'Only this computer can connect (pass --host to share it on a training-room network).' : `Anyone on the network who can reach ${host} and has the code can join.`);
  info(`Debriefs will be written to ${displayPath(dir)}. Ctrl-C ends the exercise.`);
  return {
    url: base,
    ended,
    close: () =>
      new Promise<void>((resolve) => {
        if (timer) clearTimeout(timer);
        for (const s of streams) s.res.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Run until the exercise ends and its debriefs are written, then until Ctrl-C so they can be shown. */
export async function serve(scenario: Scenario, options: ServeOptions): Promise<void> {
  const running = await startServer(scenario, options);
  let stopped = false;
  const stop = new Promise<void>((resolve) => {
    process.once('SIGINT', () => {
      stopped = true;
      resolve();
    });
  });
  const debriefs = await Promise.race([running.ended, stop.then(() => undefined)]);
  if (debriefs) {
    for (const d of debriefs) info(`Team ${d.team}: ${summaryLines(d).slice(0, 3).join(' ')}`);
    info(`Wrote the debriefs to ${displayPath(options.log ?? `ptk-debrief-${scenario.id}`)}. The console shows them; Ctrl-C stops the server.`);
    if (!stopped) await stop;
  }
  await running.close();
}

const JOIN_BODY = (s: Scenario) => `<main class="narrow">
<h1>${escapeHtml(s.title)}</h1>
<p>A closed exercise: nothing you write is posted or sent anywhere.</p>
<form id="join">
<label for="team-name">Team name</label><input id="team-name" name="team" maxlength="40" required autocomplete="off">
<label for="join-code">Join code</label><input id="join-code" name="code" maxlength="6" required autocomplete="off">
<button type="submit">Join</button>
<p id="join-error" class="error" role="alert"></p>
</form>
</main>`;

const FACILITATOR_BODY = (s: Scenario) => `<header><h1>Facilitator: ${escapeHtml(s.title)}</h1><p class="clock"><span id="clock">T+00:00</span> <span id="phase">waiting</span></p></header>
<main class="columns">
<section><h2>Run</h2>
<p><button id="start">Start the clock</button> <button id="pause">Pause</button> <button id="resume">Resume</button> <button id="end">End and write the debrief</button></p>
<h2>Teams</h2><ul id="teams"></ul>
<h2>Add an inject now</h2>
<form id="reserve-form"><label for="reserve">From the reserve</label><select id="reserve"></select> <button type="submit">Add</button></form>
<form id="live-form"><label for="live-channel">Channel</label><select id="live-channel">${CHANNELS.map((c) => `<option>${c}</option>`).join('')}</select>
<label for="live-from">From</label><input id="live-from" value="Facilitator">
<label for="live-text">Text</label><textarea id="live-text" rows="3"></textarea><button type="submit">Add this inject</button></form>
<p id="error" class="error" role="alert"></p>
</section>
<section><h2>Injects released</h2><ol id="injects"></ol><h2>Debriefs</h2><ul id="debriefs"><li>Written when the exercise ends.</li></ul></section>
</main>`;

const TEAM_BODY = (s: Scenario, team: string) => `<header><h1>${escapeHtml(team)}</h1><p>${escapeHtml(s.title)}. <span class="clock" id="clock">T+00:00</span> <span id="phase">waiting for the facilitator</span></p>
<p class="mentions">Mentions of the story: <strong id="mentions">0</strong></p></header>
<main class="columns three">
<section aria-labelledby="feed-h"><h2 id="feed-h">Social feed and news</h2><ol id="feed" class="items"></ol></section>
<section aria-labelledby="inbox-h"><h2 id="inbox-h">Inbox</h2><ol id="inbox" class="items"></ol></section>
<section aria-labelledby="phone-h"><h2 id="phone-h">Phone log</h2><ol id="phone" class="items"></ol></section>
</main>
<form id="reply-form" class="reply"><label for="reply-to">Reply to</label><select id="reply-to"></select>
<label for="reply-text">Your reply</label><textarea id="reply-text" rows="3"></textarea><button type="submit">Send reply</button>
<p id="error" class="error" role="alert"></p></form>`;
