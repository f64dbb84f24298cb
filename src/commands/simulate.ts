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
import { canPrompt, readLines } from '../prompts.js';
import { debriefToHtml, debriefToMarkdown, debriefToTerminal } from '../simulate/debrief.js';
import { END_COMMAND, formatClock, formatDuration, Simulation, type Debrief, type EndReason, type InjectEvent, type ResponseEvent } from '../simulate/engine.js';
import { loadScenario, readScript, type ScriptedResponse } from '../simulate/load.js';
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
    return c.green(`  ✓ ${formatClock(r.at)} logged as a response to inject ${number(r.injectId)} (${r.injectId}), ${formatDuration(r.responseSeconds ?? 0)} after it`);
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
    `${scenario.duration_minutes} simulated minutes at ${speed}x speed: about ${runs} of real time.`,
    scripted
      ? 'Playing scripted responses.'
      : `Type a response and press Enter to log it. ${END_COMMAND} finishes early; Ctrl-C stops and still writes the debrief.`,
  ];
  return lines.join('\n');
}

function injectNumber(scenario: Scenario): (id: string) => number {
  const numbers = new Map(scenario.injects.map((inject, i) => [inject.id, i + 1]));
  return (id) => numbers.get(id) ?? 0;
}

/** Play a script in (sped-up) real time. Scripted times are exact; the clock only paces the output. */
async function playScript(sim: Simulation, responses: ScriptedResponse[], feed: Feed, write: (text: string) => void): Promise<Debrief> {
  const number = injectNumber(sim.scenario);
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
        const { released, response } = sim.respond(r.text, r.at);
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

const HELP = `Type a response and press Enter to log it against the latest inject still waiting for one.
${END_COMMAND}   finish now and write the debrief
/time  show the simulated clock
/help  this help`;

/** The live exercise: injects on a timer, typed lines as responses. */
async function playInteractive(sim: Simulation, feed: Feed, output: NodeJS.WriteStream): Promise<Debrief> {
  const number = injectNumber(sim.scenario);
  return new Promise<Debrief>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    let reader: Awaited<ReturnType<typeof readLines>> | undefined;
    const print = (text: string) => (reader ? reader.print(text) : output.write(`${text}\n`));
    const show = (events: InjectEvent[]) => events.forEach((e) => print(feed.inject(e)));

    const finish = (reason: EndReason) => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      const { released, debrief } = sim.end(reason);
      show(released);
      reader?.close();
      if (reason === 'interrupted') output.write(`${feed.chalk.dim('Stopped with Ctrl-C.')}\n`);
      resolve(debrief);
    };

    const schedule = () => {
      if (done) return;
      const target = Math.min(sim.nextInjectAt() ?? Infinity, sim.endAt);
      timer = setTimeout(() => {
        try {
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

    const line = (raw: string) => {
      if (done) return;
      const text = raw.trim();
      if (text === '') return;
      if (text === END_COMMAND) return finish('ended');
      if (text === '/help') return print(HELP);
      if (text === '/time') return print(`Simulated time ${formatClock(sim.elapsed())} of ${formatClock(sim.endAt)}.`);
      if (text.startsWith('/') && !text.includes(' ')) return print(`Unknown command ${text}: type ${END_COMMAND} to finish, /help for help.`);
      const { released, response } = sim.respond(text);
      show(released);
      print(feed.response(response, number));
    };

    readLines({ line, interrupt: () => finish('interrupted'), close: () => finish('ended') }, { output, prompt: '> ' }).then(
      (r) => {
        reader = r;
        if (done) r.close();
        else schedule();
      },
      reject,
    );
  });
}

export async function run(scenarioId: string, options: SimulateOptions): Promise<void> {
  const speed = options.speed ?? 1;
  if (!(speed > 0) || !Number.isFinite(speed)) {
    throw new UsageError('--speed must be above 0: --speed 60 runs a 60-minute scenario in about a minute.');
  }
  const { scenario } = loadScenario(scenarioFolders(options.toolkit), scenarioId);
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

  const sim = new Simulation(scenario, speed, { now: () => performance.now() });
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
