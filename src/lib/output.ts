import { Chalk, type ChalkInstance } from 'chalk';

/** Colour only for a terminal, never when NO_COLOR is set (https://no-color.org). */
export function colourFor(stream: NodeJS.WriteStream = process.stdout): ChalkInstance {
  const noColour = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  const forced = process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0';
  const level = noColour ? 0 : forced || stream.isTTY ? 1 : 0;
  return new Chalk({ level });
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function print(text = ''): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Messages for people (progress, where files went) go to stderr so stdout stays pipeable. */
export function info(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** A plain text table; widths from the content, last column left ragged. */
export function table(headers: string[], rows: string[][], chalk: ChalkInstance = colourFor()): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [chalk.bold(line(headers)), ...rows.map(line)].join('\n');
}
