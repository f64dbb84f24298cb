/**
 * `ptk simulate <scenario>`: a private crisis exercise in the terminal. Injects (posts, calls, e-mails,
 * news, the minister's office, the website) arrive as the sped-up clock runs; the team types its
 * responses, or a --script plays them. Nothing is posted or sent anywhere: no network access at all.
 * `/end`, the end of the scenario or Ctrl-C finishes and writes the debrief.
 */
import { existsSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChalkInstance } from 'chalk';
import type { OptionsOf } from '../command-table.js';
import { UsageError, WouldOverwriteError } from '../errors.js';
import { writeFileAtomic } from '../lib/fs.js';
import { colourFor, info, printJson } from '../lib/output.js';
import { markdownToTerminal } from '../lib/terminal-markdown.js';
import { CancelledError } from '../errors.js';
import { canPrompt, prompter, readLines, type Choice } from '../prompts.js';
import { debriefToHtml, debriefToMarkdown, debriefToTerminal } from '../simulate/debrief.js';
import {
  END_COMMAND,
  ExerciseClock,
  formatClock,
  formatDuration,
  HIGH_SPEED,
  ReplyTargetError,
  Simulation,
  type Debrief,
  type EndReason,
  type InjectEvent,
  type ReleasedInject,
  type ResponseEvent,
  type RoleAssignment,
  type TypingMode,
} from '../simulate/engine.js';
import { parseInject, parseReply } from '../simulate/live.js';
import { loadScenario, readRoles, readScript, type ScriptedResponse } from '../simulate/load.js';
import type { Channel, Scenario } from '../simulate/schema.js';
import { overlayFolders, toolkitFolders } from '../toolkit/load.js';
import { displayPath } from '../toolkit/yaml-file.js';

type SimulateOptions = OptionsOf<'simulate'>;

const CHANNEL_LABELS: Record<Channel, string> = {
  social: 'SOCIAL MEDIA',
  phone: 'PHONE CALL',
  email: 'E-MAIL',
  news: 'NEWS',
  minister: "MINISTER'S OFFICE",
  web: 'WEBSITE',
};

/** The toolkit's folders (built-in, then --toolkit and PTK_TOOLKIT overlays); a missing overlay is a usage error. */
function scenarioFolders(flag: string[] | undefined): string[] {
  for (const folder of overlayFolders(flag)) {
    if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`toolkit folder not found: ${folder}`);
  }
  return toolkitFolders(flag);
}

/** Refuse before the exercise starts, not after an hour of it. */
function checkLogTarget(path: string, force: boolean | undefined): void {
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) throw new UsageError(`--log ${path} is a folder: give a file name such as debrief.md or debrief.html.`);
  if (!force) throw new WouldOverwriteError(path);
}

function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  for (const paragraph of text.trim().split(/\n+/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/)) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) lines.push(indent + line);
  }
  return lines.join('\n');
}

/** How the feed looks: one block per inject, one line per acknowledged response. */
class Feed {
  readonly width: number;
  constructor(
    readonly chalk: ChalkInstance,
    stream: NodeJS.WriteStream,
  ) {
    this.width = Math.max(40, Math.min(100, (stream.columns ?? 100) - 2));
  }

  inject(e: InjectEvent): string {
    const c = this.chalk;
    const head = [
      c.dim(`[${formatClock(e.at)}]`),
      c.bold(`#${e.number}`),
      c.bold.yellow(CHANNEL_LABELS[e.channel]),
      c.bold(e.from),
      e.mentionCount === undefined ? '' : c.dim(`· ${e.mentionCount.toLocaleString('en-GB')} mentions`),
    ].filter(Boolean);
    const tail = e.expectsResponse ? c.cyan('    → a response is expected') : '';
    return `\n${[head.join('  '), wrap(e.text, this.width - 4, '    '), tail].filter(Boolean).join('\n')}`;
  }

  response(r: ResponseEvent, number: (id: string) => number): string {
    const c = this.chalk;
    if (r.injectId === null) return c.green(`  ✓ ${formatClock(r.at)} logged (before the first inject)`);
    const typing = r.typingSeconds ? `, of which ${formatDuration(r.typingSeconds)} typing` : '';
    return c.green(`  ✓ ${formatClock(r.at)} logged as a response to inject ${number(r.injectId)} (${r.injectId}), ${formatDuration(r.responseSeconds ?? 0)} after it${typing}`);
  }
}

function briefing(scenario: Scenario, speed: number, scripted: boolean, chalk: ChalkInstance): string {
  const realSeconds = (scenario.duration_minutes * 60) / speed;
  const amount = realSeconds >= 90 ? Math.round(realSeconds / 60) : Math.max(1, Math.round(realSeconds));
  const runs = `${amount} ${realSeconds >= 90 ? 'minute' : 'second'}${amount === 1 ? '' : 's'}`;
  const lines = [
    chalk.bold(`Crisis simulation: ${scenario.title}`),
    chalk.dim('A closed exercise: nothing you type is posted or sent anywhere, and nothing goes over the network.'),
    '',
    scenario.summary,
    '',
    chalk.bold('Roles'),
    ...scenario.roles.map((r) => `  • ${chalk.bold(r.name)}: ${r.responsibilities}`),
    '',
    chalk.bold('Briefing'),
    markdownToTerminal(scenario.briefing, chalk),
    '',
    `${scenario.duration_minutes} exercise minutes at ${speed}x speed: about ${runs} of real time.`,
    scripted ? 'Playing scripted responses.' : 'Type a reply and press Enter; /help lists the commands. The clock starts once the roles are agreed.',
  ];
  return lines.join('\n');
}

/** The warning for high speeds: typing time, multiplied by the speed, swamps response times. */
export function speedWarning(speed: number, typing: TypingMode): string | undefined {
  if (speed <= HIGH_SPEED || typing === 'pause') return undefined;
  return `At ${speed}x, every real second of typing is ${formatDuration(speed)} of exercise time: a reply typed in 30 seconds adds ${formatDuration(30 * speed)} to its response time. Use --typing pause to stop the clock while a reply is typed, or a lower --speed.`;
}

/** Play a script in (sped-up) real time. Scripted times are exact; the clock only paces the output. */
async function playScript(sim: Simulation, responses: ScriptedResponse[], feed: Feed, write: (text: string) => void): Promise<Debrief> {
  const number = (id: string) => sim.releasedInjects().find((r) => r.id === id)?.number ?? 0;
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  const show = (events: InjectEvent[]) => events.forEach((e) => write(feed.inject(e)));
  const finish = (reason: EndReason, at?: number) => {
    const { released, debrief } = sim.end(reason, at);
    show(released);
    return debrief;
  };
  try {
    let next = 0;
    for (;;) {
      const r = responses[next];
      const target = Math.min(r?.at ?? Infinity, sim.nextInjectAt() ?? Infinity, sim.endAt);
      try {
        await sleep(sim.realMsUntil(target), undefined, { signal: abort.signal });
      } catch {
        return finish('interrupted');
      }
      show(sim.release(target));
      if (r && r.at <= target) {
        next++;
        if (r.text.trim() === END_COMMAND) {
          write(feed.chalk.dim(`> ${END_COMMAND}`));
          return finish('ended', r.at);
        }
        const { released, response } = sim.respond(r.text, { at: r.at, ...(r.injectId === undefined ? {} : { to: r.injectId }) });
        show(released);
        write(`${feed.chalk.dim('>')} ${r.text}`);
        write(feed.response(response, number));
        continue;
      }
      if (target >= sim.endAt) return finish('completed');
    }
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

const HELP = `Type a reply and press Enter. When several injects are waiting you choose which one it answers
(the latest is the default); /reply 3 TEXT answers inject #3 directly.
/reply N TEXT    reply to inject #N
/waiting         the injects still waiting for a reply
/pause, /resume  stop and restart the clock (the facilitator)
/inject          list the reserve injects; /inject ID adds one now
/inject TEXT     add a new inject now (start with phone:, email:, news:, minister: or web: for another channel)
/time            show the exercise clock
${END_COMMAND}             finish now and write the debrief`;

function injectLabel(r: ReleasedInject): string {
  const text = r.text.replace(/\s+/g, ' ');
  return `#${r.number} ${formatClock(r.at)} ${CHANNEL_LABELS[r.channel].toLowerCase()}, ${r.from}: ${text.length > 50 ? `${text.slice(0, 49)}…` : text}`;
}

/** Choices for the picker: waiting injects, latest first, then those already answered. */
export function replyChoices(sim: Simulation): { choices: Choice<number>[]; latest: number | undefined } {
  const all = sim.releasedInjects().reverse();
  const waiting = all.filter((r) => r.expectsResponse && r.responses === 0);
  const others = all.filter((r) => !(r.expectsResponse && r.responses === 0));
  const choices = [
    ...waiting.map((r) => ({ value: r.number, name: `${injectLabel(r)} (waiting)` })),
    ...others.map((r) => ({ value: r.number, name: `${injectLabel(r)}${r.responses > 0 ? ` (${r.responses} repl${r.responses === 1 ? 'y' : 'ies'})` : ''}` })),
  ];
  return { choices, latest: waiting[0]?.number };
}

/** The live exercise: injects on a timer, typed lines as replies and commands. */
async function playInteractive(sim: Simulation, feed: Feed, output: NodeJS.WriteStream): Promise<Debrief> {
  const number = (id: string) => sim.releasedInjects().find((r) => r.id === id)?.number ?? 0;
  const clock = sim.clock;
  return new Promise<Debrief>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    let reader: Awaited<ReturnType<typeof readLines>> | undefined;
    /** Output held back while a picker owns the terminal. */
    let held: string[] | undefined;
    let typingFrom: number | undefined;
    let pausedSince: number | undefined;
    const print = (text: string) => {
      if (held) held.push(text);
      else if (reader) reader.print(text);
      else output.write(`${text}\n`);
    };
    const show = (events: InjectEvent[]) => events.forEach((e) => print(feed.inject(e)));

    const finish = (reason: EndReason) => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      if (pausedSince !== undefined) sim.noteResume(performance.now() - pausedSince);
      const { released, debrief } = sim.end(reason);
      show(released);
      reader?.close();
      if (reason === 'interrupted') output.write(`${feed.chalk.dim('Stopped with Ctrl-C.')}\n`);
      resolve(debrief);
    };

    const schedule = () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (done || clock.paused) return;
      const target = Math.min(sim.nextInjectAt() ?? Infinity, sim.endAt);
      timer = setTimeout(() => {
        try {
          if (clock.paused) return;
          show(sim.release(target));
          if (target >= sim.endAt) {
            print(feed.chalk.bold(`[${formatClock(sim.endAt)}] The scenario has reached its end.`));
            finish('completed');
          } else schedule();
        } catch (error) {
          reject(error);
        }
      }, sim.realMsUntil(target));
    };

    const typing = (active: boolean) => {
      if (active) {
        typingFrom = clock.exact();
        if (sim.typing === 'pause' && clock.hold('typing')) schedule();
      } else {
        typingFrom = undefined;
        if (clock.release('typing') > 0 || !clock.paused) schedule();
      }
    };

    const reply = async (text: string, to: number | undefined, at: number, typingSeconds: number | null) => {
      let target = to;
      if (target === undefined && sim.waiting().length > 1) {
        const { choices, latest } = replyChoices(sim);
        held = [];
        try {
          target = await reader!.suspend(() => prompter().select('Which inject does this reply answer?', choices, { default: latest }));
        } catch (error) {
          if (!(error instanceof CancelledError)) throw error;
          print(feed.chalk.yellow('  Reply not logged.'));
          return;
        } finally {
          const lines = held;
          held = undefined;
          lines.forEach(print);
        }
      }
      if (done) return;
      try {
        const { released, response } = sim.respond(text, { at, ...(target === undefined ? {} : { to: target }), typingSeconds });
        show(released);
        print(feed.response(response, number));
      } catch (error) {
        if (!(error instanceof ReplyTargetError)) throw error;
        print(feed.chalk.yellow(`  Not logged: ${error.message}. /waiting lists the injects.`));
      }
    };

    const inject = (text: string) => {
      const live = parseInject(text, sim.reserve().map((r) => r.id));
      if (live.kind === 'list') {
        const reserve = sim.reserve();
        if (reserve.length === 0) return print('No reserve injects left. /inject TEXT adds a new one.');
        return print(['Reserve injects (/inject ID adds one now):', ...reserve.map((r) => `  ${r.id}  ${CHANNEL_LABELS[r.channel].toLowerCase()}, ${r.from}`)].join('\n'));
      }
      show(sim.addInject(live.kind === 'reserve' ? { reserveId: live.reserveId } : live));
      schedule();
    };

    const command = async (raw: string, at: number, typingSeconds: number | null) => {
      const text = raw.trim();
      if (text === '') return;
      if (text === END_COMMAND) return finish('ended');
      if (text === '/help') return print(HELP);
      if (text === '/time') return print(`Exercise time ${formatClock(sim.elapsed())} of ${formatClock(sim.endAt)}${clock.held('facilitator') ? ' (paused)' : ''}.`);
      if (text === '/waiting') {
        const waiting = sim.waiting();
        return print(waiting.length === 0 ? 'No inject is waiting for a reply.' : ['Waiting for a reply:', ...waiting.map((r) => `  ${injectLabel(r)}`)].join('\n'));
      }
      if (text === '/pause') {
        if (!clock.hold('facilitator')) return print('The clock is already paused: /resume to restart it.');
        pausedSince = performance.now();
        show(sim.notePause());
        schedule();
        return print(feed.chalk.bold(`[${formatClock(sim.elapsed())}] Clock paused. /resume to restart it.`));
      }
      if (text === '/resume') {
        if (!clock.held('facilitator')) return print('The clock is running.');
        clock.release('facilitator');
        sim.noteResume(performance.now() - (pausedSince ?? performance.now()));
        pausedSince = undefined;
        schedule();
        return print(feed.chalk.bold(`[${formatClock(sim.elapsed())}] Clock running again.`));
      }
      if (text === '/inject' || text.startsWith('/inject ')) return inject(text);
      if (text.startsWith('/') && !text.startsWith('/reply')) {
        return print(`Unknown command ${text.split(/\s/)[0]}: /help lists the commands; ${END_COMMAND} finishes.`);
      }
      const parsed = parseReply(text);
      if (parsed.kind === 'problem') return print(feed.chalk.yellow(`  ${parsed.message}`));
      await reply(parsed.text, parsed.to, at, typingSeconds);
    };

    const line = (raw: string) => {
      if (done) return;
      // the moment Enter was pressed, and how much exercise time the typing took
      const at = sim.elapsed();
      const typingSeconds = typingFrom === undefined ? null : clock.exact() - typingFrom;
      typingFrom = undefined;
      // in --typing pause the clock stays stopped until the reply is logged (through the picker too)
      command(raw, at, typingSeconds).then(() => {
        clock.release('typing');
        if (!done) schedule();
      }, reject);
    };

    readLines({ line, typing, interrupt: () => finish('interrupted'), close: () => finish('ended') }, { output, prompt: '> ' }).then(
      (r) => {
        reader = r;
        if (done) r.close();
        else schedule();
      },
      reject,
    );
  });
}

/** Who plays each role: from --roles, else asked (blank for not recorded), then a go-ahead before the clock starts. */
async function rolesStep(scenario: Scenario, options: SimulateOptions, ask: boolean, write: (text: string) => void): Promise<RoleAssignment[]> {
  const roles = options.roles ? readRoles(options.roles, scenario) : scenario.roles.map((r) => ({ role: r.name, player: '' }));
  if (!ask) return roles;
  if (!options.roles) {
    write('\nAgree who plays each role (Enter to leave one blank).');
    for (const r of roles) r.player = (await prompter().input(`Who plays ${r.role}?`, { default: '' })).trim();
  }
  await prompter().input('Roles agreed: press Enter to start the clock', { default: '' });
  return roles;
}

export async function run(scenarioId: string, options: SimulateOptions): Promise<void> {
  const speed = options.speed ?? 1;
  if (!(speed > 0) || !Number.isFinite(speed)) {
    throw new UsageError('--speed must be above 0: --speed 60 runs a 60-minute scenario in about a minute.');
  }
  const typing = options.typing ?? 'count';
  const { scenario } = loadScenario(scenarioFolders(options.toolkit), scenarioId);
  if (options.serve) {
    const { serve } = await import('../simulate/server.js');
    return serve(scenario, { ...options, speed, typing });
  }
  if (options.log) checkLogTarget(options.log, options.force);
  const script = options.script === undefined ? undefined : readScript(options.script, scenario);
  if (!script && !canPrompt()) {
    throw new UsageError('no terminal to type responses in: use --script FILE to play participant responses from a file.');
  }

  // with --json, stdout carries only the debrief
  const output = options.json ? process.stderr : process.stdout;
  const chalk = colourFor(output);
  const feed = new Feed(chalk, output);
  const write = (text: string) => output.write(`${text}\n`);
  write(briefing(scenario, speed, script !== undefined, chalk));
  const warning = script ? undefined : speedWarning(speed, typing);
  if (warning) write(chalk.yellow(`\nWarning: ${warning}`));

  const roles = await rolesStep(scenario, options, !script && !options.yes, write);
  const clock = new ExerciseClock(speed, { now: () => performance.now() });
  const sim = new Simulation(scenario, speed, clock, { typing, roles });
  clock.start();
  if (!script) write(chalk.bold('\nThe clock is running.'));
  const debrief = script ? await playScript(sim, script, feed, write) : await playInteractive(sim, feed, output);

  if (options.log) {
    const html = /\.html?$/i.test(options.log);
    await writeFileAtomic(options.log, html ? debriefToHtml(debrief) : debriefToMarkdown(debrief), { force: options.force });
  }
  if (options.json) printJson(debrief);
  else process.stdout.write(debriefToTerminal(debrief, chalk));
  if (options.log) info(`Wrote the debrief to ${displayPath(options.log)}`);
  else info('Pass --log FILE to keep the debrief as Markdown or HTML.');
}
