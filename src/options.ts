/**
 * Command-line options as data (as npm-check-updates keeps them): each option is defined once, the
 * commands in src/command-table.ts list the ones they take, and a command's option types are inferred
 * from that list instead of being typed again in its module. Importing this file has no side effects
 * and loads nothing heavy: src/cli.ts reads it on every start.
 */
import { InvalidArgumentError } from 'commander';

export interface OptionSpec<T = unknown> {
  /** Commander flags, e.g. `-o, --out <dir>`. The key a command lists it under must be its attribute name. */
  readonly flags: string;
  readonly description: string;
  readonly parse?: (value: string, previous: T) => T;
  readonly default?: T;
  /** Shown in help; a parse function checks them (see `oneOf`). */
  readonly choices?: readonly string[];
  readonly required?: boolean;
  /** Options that cannot be given together with this one (attribute names). */
  readonly conflicts?: readonly string[];
}

/** Any option, whatever its value type (for code that walks option tables). */
export type AnyOptionSpec = OptionSpec<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Keeps literal types (choices, defaults) so the values can be inferred. */
export const option = <const S extends OptionSpec<any>>(spec: S): S => spec; // eslint-disable-line @typescript-eslint/no-explicit-any

type Parsed<S> = S extends { parse: (value: string, previous: never) => infer T }
  ? T
  : S extends { flags: `${string}...>` | `${string}...]` }
    ? string[]
    : S extends { flags: `${string}<${string}` | `${string}[${string}` }
      ? string
      : boolean;
type ValueOf<S> = S extends { default: unknown } | { required: true } ? Parsed<S> : Parsed<S> | undefined;

/** The option values a command's action receives, inferred from its option table. */
export type OptionValues<Table> = { -readonly [K in keyof Table]: ValueOf<Table[K]> };

// --- parsers -------------------------------------------------------------------------------------

export function positiveNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number of 0 or more.');
  return n;
}

export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of 1 or more.');
  return n;
}

/** A percentage, with or without the % sign. */
export function percentage(value: string): number {
  const n = positiveNumber(value.trim().replace(/%$/, ''));
  if (n > 100) throw new InvalidArgumentError('expected a percentage from 0 to 100.');
  return n;
}

export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Names every command accepts for the same format; each command passes on the name it lists. */
const FORMAT_ALIASES: readonly (readonly string[])[] = [['markdown', 'md'], ['html', 'htm'], ['terminal', 'text']];

/** Parse one format name into one of `formats`, accepting `md` for `markdown` (and the reverse) and so on. */
export function formatOf<const F extends string>(formats: readonly F[]): (value: string) => F {
  return (value) => {
    const given = value.trim().toLowerCase();
    const names = FORMAT_ALIASES.find((group) => group.includes(given)) ?? [given];
    const found = formats.find((format) => names.includes(format));
    if (found === undefined) throw new InvalidArgumentError(`expected one of ${formats.map(shownFormat).join(', ')}.`);
    return found;
  };
}

/** A comma-separated list of formats (for commands that write several files), in the order given, each once. */
export function formatsOf<const F extends string>(formats: readonly F[]): (value: string) => F[] {
  const one = formatOf(formats);
  return (value) => {
    const list = [...new Set(value.split(',').filter((part) => part.trim() !== '').map(one))];
    if (list.length === 0) throw new InvalidArgumentError(`give at least one of ${formats.join(', ')}.`);
    return list;
  };
}

const shownFormat = (format: string): string => (format === 'markdown' ? 'markdown (md)' : format === 'md' ? 'md (markdown)' : format);

/** A choice among fixed words, with the choices named in the error. */
export function oneOf<const C extends string>(choices: readonly C[]): (value: string) => C {
  return (value) => {
    if (!(choices as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${choices.join(', ')}.`);
    return value as C;
  };
}

// --- the shared options ---------------------------------------------------------------------------

/** Options on the program itself, which every command sees (before or after its name). */
export const GLOBAL_OPTIONS = {
  toolkit: option({ flags: '--toolkit <dir>', description: 'add or override toolkit entries from this folder (repeatable; also PTK_TOOLKIT)', parse: collect as (value: string, previous: string[]) => string[] }),
  quiet: option({ flags: '-q, --quiet', description: 'print errors only: no progress, notes or "Wrote" lines' }),
  color: option({ flags: '--no-color', description: 'no colour (also NO_COLOR, FORCE_COLOR=0 or TERM=dumb)', default: true }),
  debug: option({ flags: '--debug', description: 'show stack traces for errors' }),
} as const;

export type GlobalOptions = Partial<OptionValues<typeof GLOBAL_OPTIONS>>;

export const json = option({ flags: '--json', description: 'print JSON to stdout' });
export const jsonWithoutFormat = option({ flags: '--json', description: 'print JSON to stdout (not with --format)', conflicts: ['format'] });
export const force = option({ flags: '--force', description: 'overwrite what is there already' });
export const forceFolder = option({ flags: '--force', description: 'write into a folder that is not empty' });
export const answers = option({ flags: '--answers <file>', description: 'answers file (YAML) for any or all questions' });
export const yes = option({ flags: '-y, --yes', description: 'never prompt: use answers, flags and defaults; fail on a missing required answer' });
export const config = option({ flags: '-c, --config <file>', description: 'column mapping and settings (YAML)' });
export const stage = option({ flags: '-s, --stage <n>', description: 'stage number 1 to 4 or stage id' });
export const activity = option({ flags: '-a, --activity <id>', description: 'activity id, e.g. asking-questions' });

/** `-o` names a file where the command writes one file (`-` for standard output)... */
export const outFile = (what: string, fallback?: string) =>
  option({ flags: '-o, --out <file>', description: `${what}${fallback ? ` (default ${fallback})` : ' (default: standard output)'}; - for standard output` });
/** ...and a folder where it writes several. */
export const outDir = <const D extends string>(fallback: D) => option({ flags: '-o, --out <dir>', description: `folder to write (default ${fallback})`, default: fallback });
/** `-n` is always how many to show. */
export const top = (fallback: number, what = 'at most this many results') =>
  option({ flags: '-n, --top <n>', description: what, parse: positiveInteger as (value: string, previous: number) => number, default: fallback });
