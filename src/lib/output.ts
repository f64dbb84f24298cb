import { Chalk, type ChalkInstance } from 'chalk';
import { outputMode as mode } from './output-mode.js';

export { setOutputMode } from './output-mode.js';

/**
 * Whether to colour `stream`: never with --no-color, NO_COLOR (https://no-color.org), FORCE_COLOR=0 or
 * TERM=dumb; always with another FORCE_COLOR; otherwise when the stream is a terminal.
 */
export function wantsColour(stream: { isTTY?: boolean } = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if (!mode.colour) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

export function colourFor(stream: NodeJS.WriteStream = process.stdout): ChalkInstance {
  return new Chalk({ level: wantsColour(stream) ? 1 : 0 });
}

/** True when --quiet asked for errors only. */
export function isQuiet(): boolean {
  return mode.quiet;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function print(text = ''): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Messages for people (progress, where files went) go to stderr so stdout stays pipeable. */
export function info(text: string): void {
  if (mode.quiet) return;
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** A plain text table; widths from the content, last column left ragged. */
export function table(headers: string[], rows: string[][], chalk: ChalkInstance = colourFor()): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [chalk.bold(line(headers)), ...rows.map(line)].join('\n');
}
