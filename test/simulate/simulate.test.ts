import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, ROOT, runPtk, tempDir } from '../helpers/cli.js';
import { hasTmux, Terminal } from '../helpers/tmux.js';

const SCENARIO_FILE = join(ROOT, 'toolkit/scenarios/contaminated-product.yaml');
const SCRIPT_FILE = join(ROOT, 'test/fixtures/simulate/contaminated-team.yaml');

interface RawInject {
  id: string;
  at: number;
  expects_response: boolean;
  text: string;
}
interface RawScenario {
  injects: RawInject[];
  debrief_questions: string[];
}
type RawScriptEntry = { at?: number; after_inject?: string; delay_minutes?: number; reply_to?: string; text: string };

/** What the timeline must hold, worked out here from the two files without the engine. */
interface Expected {
  kind: 'inject' | 'response';
  seconds: number;
  id: string | null;
  text: string;
  responseSeconds?: number;
}

function expectedTimeline(scenario: RawScenario, script: RawScriptEntry[]): Expected[] {
  const byId = new Map(scenario.injects.map((i) => [i.id, i]));
  const responses = script
    .map((entry, order) => ({
      seconds: Math.round((entry.at ?? byId.get(entry.after_inject!)!.at + (entry.delay_minutes ?? 0)) * 60),
      text: entry.text,
      to: entry.reply_to ?? entry.after_inject,
      order,
    }))
    .sort((a, b) => a.seconds - b.seconds || a.order - b.order);
  const out: Expected[] = [];
  const released: RawInject[] = [];
  const answered = new Set<string>();
  let next = 0;
  for (const r of responses) {
    while (next < scenario.injects.length && scenario.injects[next]!.at * 60 <= r.seconds) {
      const inject = scenario.injects[next++]!;
      released.push(inject);
      out.push({ kind: 'inject', seconds: inject.at * 60, id: inject.id, text: inject.text });
    }
    // a reply answers the inject it names; otherwise the latest still waiting, else the latest
    const target = r.to !== undefined ? byId.get(r.to) : ([...released].reverse().find((i) => i.expects_response && !answered.has(i.id)) ?? released[released.length - 1]);
    if (target) answered.add(target.id);
    out.push({ kind: 'response', seconds: r.seconds, id: target?.id ?? null, text: r.text, responseSeconds: target ? r.seconds - target.at * 60 : undefined });
  }
  for (const inject of scenario.injects.slice(next)) out.push({ kind: 'inject', seconds: inject.at * 60, id: inject.id, text: inject.text });
  return out;
}

const clock = (s: number) => `T+${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
const duration = (s: number) => (s < 60 ? `${s}s` : s % 60 === 0 ? `${s / 60}m` : `${Math.floor(s / 60)}m ${s % 60}s`);

/** Rows of the Markdown table under `heading`, as unescaped cells. */
function tableRows(markdown: string, heading: string): string[][] {
  const section = markdown.split(`## ${heading}\n`)[1]!.split('\n## ')[0]!;
  return section
    .split('\n')
    .filter((line) => line.startsWith('| '))
    .slice(2)
    .map((line) =>
      line
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((cell) => cell.trim().replace(/\\(.)/g, '$1').replace(/&amp;/g, '&')),
    );
}

describe('ptk simulate with --script (built binary)', () => {
  const scenario = parse(readFileSync(SCENARIO_FILE, 'utf8')) as RawScenario;
  const script = parse(readFileSync(SCRIPT_FILE, 'utf8')) as RawScriptEntry[];
  const expected = expectedTimeline(scenario, script);

  it("the fixture's debrief matches its comment: cover-up-claim and languages-request go unanswered, web-demand has two replies", () => {
    const comment = readFileSync(SCRIPT_FILE, 'utf8').match(/not at all \(([a-z-]+), ([a-z-]+)\)/)!;
    const r = runPtk(['simulate', 'contaminated-product', '--speed', '6000', '--script', SCRIPT_FILE, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const debrief = JSON.parse(r.stdout) as { unanswered: string[]; injects: { id: string; status: string; responses: number; firstResponseSeconds: number | null }[] };
    expect(debrief.unanswered).toEqual([comment[1], comment[2]]);
    expect(debrief.unanswered).toEqual(['cover-up-claim', 'languages-request']);
    const row = (id: string) => debrief.injects.find((i) => i.id === id)!;
    expect(row('web-demand')).toMatchObject({ status: 'answered', responses: 2, firstResponseSeconds: 0 });
    // by hand from the fixture: the holding line at 4.5 answers the 3-minute call; the Minister's lines at 17 the 15-minute request
    expect(row('courier-call').firstResponseSeconds).toBe(90);
    expect(row('minister-radio').firstResponseSeconds).toBe(120);
    expect(row('cover-up-claim')).toMatchObject({ status: 'unanswered', responses: 0, firstResponseSeconds: null });
  });

  it('writes a Markdown debrief whose timeline holds every inject and every response in order, with response times', () => {
    const out = join(tempDir(), 'out.md');
    const started = Date.now();
    const r = runPtk(['simulate', 'contaminated-product', '--speed', '6000', '--script', SCRIPT_FILE, '--log', out]);
    expect(r.stderr).toContain(`Wrote the debrief to ${out}`);
    expect(r.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    const md = readFileSync(out, 'utf8');

    const rows = tableRows(md, 'Timeline');
    expect(rows).toHaveLength(scenario.injects.length + script.length);
    expect(expected.filter((e) => e.kind === 'response').map((e) => e.id)).not.toContain('cover-up-claim');
    expect(rows.map((row) => row[0])).toEqual(expected.map((e) => clock(e.seconds)));
    rows.forEach((row, i) => {
      const e = expected[i]!;
      if (e.kind === 'inject') {
        const n = scenario.injects.findIndex((inject) => inject.id === e.id) + 1;
        expect(row[1]).toMatch(new RegExp(`^Inject ${n}: ${e.id}\\b`));
        expect(row[3]).toBe(e.text.replace(/\s+/g, ' ').trim());
        expect(row[4]).toBe('');
      } else {
        expect(row[1]).toBe(`Response to ${e.id}`);
        expect(row[3]).toBe(e.text);
        expect(row[4]).toBe(duration(e.responseSeconds!));
      }
    });

    // per inject: the first response time, and the unanswered ones
    const perInject = tableRows(md, 'Response times per inject');
    expect(perInject.map((row) => row[1])).toEqual(scenario.injects.map((i) => i.id));
    for (const inject of scenario.injects) {
      const first = expected.find((e) => e.kind === 'response' && e.id === inject.id);
      const row = perInject.find((cells) => cells[1] === inject.id)!;
      expect(row[6]).toBe(first ? duration(first.responseSeconds!) : '');
      expect(row[4]).toBe(first ? 'answered' : inject.expects_response ? 'unanswered' : 'no response needed');
    }
    const unanswered = scenario.injects.filter((i) => i.expects_response && !expected.some((e) => e.kind === 'response' && e.id === i.id)).map((i) => i.id);
    expect(unanswered.length).toBeGreaterThan(0);
    const unansweredSection = md.split('## Unanswered injects\n')[1]!.split('\n## ')[0]!;
    expect([...unansweredSection.matchAll(/^- \*\*([a-z0-9-]+)\*\*/gm)].map((m) => m[1])).toEqual(unanswered);
    for (const q of scenario.debrief_questions) expect(md).toContain(q.replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`));
    // participant text is escaped, never raw HTML
    expect(md).not.toContain('<b>');
    expect(md).toContain('ran to the end of the scenario at T+60:00');

    // the feed and the summary went to stdout
    expect(r.stdout).toContain('[T+00:00]  #1  SOCIAL MEDIA  @TillyAndTwinsMum  · 40 mentions');
    expect(r.stdout).toContain(`Unanswered: ${unanswered.join(', ')}.`);
  });

  it('--json prints the debrief (and only it) on stdout; an .html log is a self-contained page', () => {
    const out = join(tempDir(), 'debrief.html');
    const r = runPtk(['simulate', 'contaminated-product', '--speed', '6000', '--script', SCRIPT_FILE, '--log', out, '--json']);
    expect(r.code).toBe(0);
    const debrief = JSON.parse(r.stdout) as {
      timeline: { kind: string; at: number; injectId: string | null; responseSeconds?: number | null; text: string }[];
      unanswered: string[];
      debriefQuestions: string[];
      end: { reason: string; at: number };
    };
    expect(debrief.timeline.map((e) => [e.kind, e.at, e.injectId])).toEqual(expected.map((e) => [e.kind, e.seconds, e.id]));
    expect(debrief.timeline.filter((e) => e.kind === 'response').map((e) => e.responseSeconds)).toEqual(
      expected.filter((e) => e.kind === 'response').map((e) => e.responseSeconds),
    );
    expect(debrief.debriefQuestions).toEqual(scenario.debrief_questions);
    expect(debrief.end).toEqual({ reason: 'completed', at: 3600 });
    expect(r.stderr).toContain('[T+56:00]');
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('&lt;b&gt;today&lt;/b&gt;');
    expect(html).not.toContain('<b>today</b>');
    for (const id of debrief.unanswered) expect(html).toContain(`<strong>${id}</strong>`);
  });

  it('a scripted /end finishes early and lists the injects not reached', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'short.yaml'), '- after_inject: first-post\n  delay_minutes: 1\n  text: On it.\n- at: 8\n  text: /end\n');
    const r = runPtk(['simulate', 'contaminated-product', '--speed', '6000', '--script', join(dir, 'short.yaml'), '--json']);
    expect(r.code).toBe(0);
    const debrief = JSON.parse(r.stdout) as { end: { reason: string; at: number }; notReached: string[]; unanswered: string[] };
    expect(debrief.end).toEqual({ reason: 'ended', at: 480 });
    expect(debrief.unanswered).toEqual(['courier-call', 'cover-up-claim']);
    expect(debrief.notReached).toEqual(scenario.injects.filter((i) => i.at > 8).map((i) => i.id));
  });

  it('paces the run by --speed: a 2-minute scenario at --speed 120 takes about a second', () => {
    const overlay = tempDir();
    mkdirSync(join(overlay, 'scenarios'));
    const short = readFileSync(SCENARIO_FILE, 'utf8')
      .replace(/^id: contaminated-product$/m, 'id: two-minutes')
      .replace(/^duration_minutes: 60$/m, 'duration_minutes: 2')
      .replace(/^(\s+at: )(\d+)$/gm, (_m, key: string, at: string) => `${key}${Math.min(2, Number(at) / 30)}`);
    writeFileSync(join(overlay, 'scenarios/two-minutes.yaml'), short);
    const dir = tempDir();
    writeFileSync(join(dir, 'script.yaml'), '- at: 1\n  text: Halfway.\n');
    const started = Date.now();
    const r = runPtk(['simulate', 'two-minutes', '--speed', '120', '--script', join(dir, 'script.yaml'), '--json'], { env: { PTK_TOOLKIT: overlay } });
    const took = Date.now() - started;
    expect(r.code, r.stderr).toBe(0);
    expect(took).toBeGreaterThanOrEqual(950);
    expect(took).toBeLessThan(10_000);
    expect((JSON.parse(r.stdout) as { end: { at: number } }).end.at).toBe(120);
  });
});

describe('ptk simulate refusals (built binary)', () => {
  it('without a terminal and without --script: one line saying to use --script (exit 2)', () => {
    const out = join(tempDir(), 'out.md');
    const r = runPtk(['simulate', 'data-loss', '--log', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^ptk: .*use --script FILE/);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  it('an unknown scenario: one line with the closest ids (exit 2)', () => {
    const r = runPtk(['simulate', 'data-los', '--script', SCRIPT_FILE]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('no scenario with id "data-los". Did you mean data-loss?');
  });

  it('refuses an existing log before the exercise starts, and replaces it with --force', () => {
    const out = join(tempDir(), 'out.md');
    writeFileSync(out, 'keep me');
    const args = ['simulate', 'contaminated-product', '--speed', '6000', '--script', SCRIPT_FILE, '--log', out];
    const r = runPtk(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/already exists: pass --force/);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect(runPtk([...args, '--force']).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^# Debrief: Contaminated infant formula/);
    expect(readdirSync(join(out, '..'))).toEqual(['out.md']);
  });

  it.each([
    ['--speed 0', ['--speed', '0', '--script', SCRIPT_FILE], /--speed must be above 0/],
    ['a script that is not a list', ['--script', 'package.json'], /package\.json:1: a script is a list of responses/],
    ['a script naming an unknown inject', ['--script', 'test/fixtures/simulate/unknown-inject.yaml'], /unknown-inject\.yaml:3: 1\.after_inject: no inject "scam" in scenario contaminated-product; did you mean scam-recall/],
  ])('%s: one line, exit 2', (_name, extra, message) => {
    const r = runPtk(['simulate', 'contaminated-product', ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it('a broken overlay scenario is reported with file:line (exit 2)', () => {
    const r = runPtk(['simulate', 'contaminated-product', '--script', SCRIPT_FILE], { env: { PTK_TOOLKIT: join(ROOT, 'test/fixtures/scenarios-bad') } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/scenarios-bad\/scenarios\/order\.yaml:19: injects\.1\.at: minute 5 comes before the previous inject/);
  });
});


describe.skipIf(!hasTmux)('the interactive simulation in a real terminal (tmux)', () => {
  const command = (out: string, extra = '--yes') => `cd ${ROOT} && NO_COLOR=1 PTK_TOOLKIT= CI= node ${BIN} simulate contaminated-product --speed 60 ${extra} --log ${out}`;
  const ACK = /✓ (T\+\d\d:\d\d) logged as a response to inject (\d+) \(([a-z-]+)\), ([\dms ]+) after it/g;

  it('asks for roles before the clock starts; a reply to an older inject is logged against it (by /reply N and by the picker)', async () => {
    const out = join(tempDir(), 'debrief.md');
    const term = Terminal.start(command(out, ''));
    try {
      await term.waitFor('Warning: At 60x, every real second of typing is 1m of exercise time');
      await term.answer('Who plays Duty press officer?', 'Asha', 'Enter');
      for (const role of ['Digital lead', 'Policy lead (infant nutrition)', 'Private office liaison', 'Web and helpline lead']) await term.answer(`Who plays ${role}?`, 'Enter');
      await term.waitFor('? Roles agreed: press Enter to start the clock');
      // the clock has not started: 4 real seconds would be 4 exercise minutes at 60x
      await new Promise((r) => setTimeout(r, 4000));
      expect(term.screen()).not.toContain('[T+00:00]');
      await term.send('Enter');
      await term.waitFor('[T+00:00]  #1  SOCIAL MEDIA  @TillyAndTwinsMum');
      await term.waitFor('[T+03:00]  #2  PHONE CALL  Duty reporter, The Northgate Courier');
      // two injects waiting: /reply 1 answers the older one, not the latest
      await term.send('/reply 1 Sorry your little one is unwell: see your GP', 'Enter');
      await term.waitFor(/logged as a response to inject 1 \(first-post\)/);
      // a plain reply with two waiting (#2 and, once it arrives, #3): the picker, latest first; choose the older
      await term.waitFor('[T+07:00]  #3  SOCIAL MEDIA  @FormulaFactsNow');
      await term.send('Holding line to the Courier', 'Enter');
      await term.waitFor('? Which inject does this reply answer?');
      await term.waitFor(/❯ #3 T\+07:00/);
      await term.send('Down', 'Enter');
      await term.waitFor(/logged as a response to inject 2 \(courier-call\)/);
      await term.send('/end', 'Enter');
      const end = await term.waitFor('EXIT=');
      expect(end).toContain('EXIT=0');
      expect(end).toContain('Unanswered: cover-up-claim.');
      expect(end).toContain('Roles: Duty press officer: Asha; Digital lead: not recorded');
    } finally {
      term.kill();
    }
    const md = readFileSync(out, 'utf8');
    const responses = tableRows(md, 'Timeline').filter((row) => row[1]!.startsWith('Response'));
    expect(responses.map((row) => [row[1], row[3]])).toEqual([
      ['Response to first-post', 'Sorry your little one is unwell: see your GP'],
      ['Response to courier-call', 'Holding line to the Courier'],
    ]);
    const perInject = tableRows(md, 'Response times per inject');
    expect(perInject.find((row) => row[1] === 'cover-up-claim')![4]).toBe('unanswered');
    expect(perInject.find((row) => row[1] === 'first-post')![4]).toBe('answered');
  });

  it('/pause stops the clock: no inject arrives and the time stands still until /resume', async () => {
    const out = join(tempDir(), 'debrief.md');
    const term = Terminal.start(command(out));
    try {
      await term.waitFor('[T+00:00]  #1  SOCIAL MEDIA');
      await term.send('/pause', 'Enter');
      const paused = await term.waitFor(/\[(T\+\d\d:\d\d)\] Clock paused/);
      const at = paused.match(/\[(T\+\d\d:\d\d)\] Clock paused/)![1]!;
      // 5 real seconds: past the 3-minute inject at 60x if the clock ran
      await new Promise((r) => setTimeout(r, 5000));
      await term.send('/time', 'Enter');
      const screen = await term.waitFor('(paused).');
      expect(screen).toContain(`Exercise time ${at} of T+60:00 (paused).`);
      expect(screen).not.toContain('#2  PHONE CALL');
      await term.send('/resume', 'Enter');
      await term.waitFor('Clock running again.');
      await term.waitFor('[T+03:00]  #2  PHONE CALL', 10_000);
      await term.send('/end', 'Enter');
      const end = await term.waitFor('EXIT=');
      expect(end).toMatch(/The facilitator paused the clock for [56]s of real time\./);
    } finally {
      term.kill();
    }
    const rows = tableRows(readFileSync(out, 'utf8'), 'Timeline');
    expect(rows.map((row) => row[1]!.replace(/ after .*/, '')).slice(0, 4)).toEqual(['Inject 1: first-post (response expected)', 'Clock paused', 'Clock resumed', 'Inject 2: courier-call (response expected)']);
  });

  it('--typing pause: the clock stands still while a reply is typed; /inject adds a reserve inject live', async () => {
    const out = join(tempDir(), 'debrief.md');
    const term = Terminal.start(command(out, '--yes --typing pause'));
    try {
      await term.waitFor('[T+00:00]  #1  SOCIAL MEDIA');
      await term.send('A slow, careful reply');
      await new Promise((r) => setTimeout(r, 4500));
      expect(term.screen()).not.toContain('#2  PHONE CALL');
      await term.send('Enter');
      const screen = await term.waitFor(new RegExp(ACK.source));
      const ack = [...screen.matchAll(ACK)][0]!;
      expect(ack[3]).toBe('first-post');
      // typed for 4.5 real seconds; without the pause that would be 4m 30s at 60x
      expect(ack[4]!.trim()).toMatch(/^\d+s$/);
      await term.send('/inject', 'Enter');
      await term.waitFor('supermarket-pulls-stock');
      await term.send('/inject supermarket-pulls-stock', 'Enter');
      await term.waitFor(/#2  E-MAIL  Customer safety team, Brightway Supermarkets/);
      await term.send('/end', 'Enter');
      await term.waitFor('EXIT=0');
    } finally {
      term.kill();
    }
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('The clock stood still while a reply was typed');
    expect(md).toMatch(/Inject 2: supermarket-pulls-stock \(response expected\) \(added from the reserve\)/);
  });

  it('shows injects as the clock runs, logs a typed response, and /end writes the debrief', async () => {
    const out = join(tempDir(), 'debrief.md');
    const term = Terminal.start(command(out));
    let ack: RegExpMatchArray;
    try {
      await term.waitFor('[T+00:00]  #1  SOCIAL MEDIA  @TillyAndTwinsMum');
      await term.send('Holding reply: see your GP & keep the tin', 'Enter');
      const screen = await term.waitFor(/✓ (T\+\d\d:\d\d) logged as a response to inject \d+ \(([a-z-]+)\), ([\dms ]+) after it/);
      ack = screen.match(/✓ (T\+\d\d:\d\d) logged as a response to inject \d+ \(([a-z-]+)\), ([\dms ]+) after it(?:, of which [\dms ]+ typing)?/)!;
      // the clock keeps running: the second inject arrives at minute 3 (3 real seconds at 60x)
      await term.waitFor('[T+03:00]  #2  PHONE CALL  Duty reporter, The Northgate Courier');
      await term.send('/end', 'Enter');
      const end = await term.waitFor('EXIT=');
      expect(end).toContain('The exercise ended early with /end');
      expect(end).toContain(`Wrote the debrief to ${out}`);
      expect(end).toContain('EXIT=0');
    } finally {
      term.kill();
    }
    const md = readFileSync(out, 'utf8');
    const rows = tableRows(md, 'Timeline');
    const response = rows.find((row) => row[1]!.startsWith('Response'))!;
    expect(response.slice(0, 4)).toEqual([ack[1], `Response to ${ack[2]}`, 'team', 'Holding reply: see your GP & keep the tin']);
    // the response time, with the typing part when typing was measured
    expect(response[4]!.startsWith(ack[3]!.trim())).toBe(true);
    expect(rows.filter((row) => row[1]!.startsWith('Inject')).map((row) => row[1]!.split(' ')[2])).toEqual(
      expect.arrayContaining(['first-post', 'courier-call']),
    );
    expect(md).toContain('## Debrief questions');
  });

  it('Ctrl-C stops cleanly and still writes a complete debrief (exit 0)', async () => {
    const out = join(tempDir(), 'debrief.html');
    const term = Terminal.start(command(out));
    try {
      await term.waitFor('[T+00:00]  #1  SOCIAL MEDIA');
      await term.send('a line that was never sent');
      await term.send('C-c');
      const end = await term.waitFor('EXIT=');
      expect(end).toContain('Stopped with Ctrl-C.');
      expect(end).toContain('EXIT=0');
    } finally {
      term.kill();
    }
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('stopped with Ctrl-C');
    expect(html).toMatch(/<\/html>\n$/);
    expect(html).not.toContain('never sent');
    expect(readdirSync(join(out, '..'))).toEqual(['debrief.html']);
  });
});
