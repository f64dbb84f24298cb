// Command-line parsing shared by the bench scripts: --help/-h prints the usage and exits 0; an unknown
// flag, a missing value or a bad number prints the problem and the usage and exits 2. Nothing is
// generated or run before the arguments are known to be right.
import { basename } from 'node:path';
import { parseArgs } from 'node:util';

function fail(message, usage) {
  process.stderr.write(`${basename(process.argv[1] ?? 'bench')}: ${message}\n\n${usage}`);
  process.exit(2);
}

/**
 * `options` as for util.parseArgs; `positionals` is [minimum, maximum] (none by default).
 * Returns { values, positionals }.
 */
export function benchArgs(usage, options = {}, { positionals: [min, max] = [0, 0] } = {}) {
  let parsed;
  try {
    parsed = parseArgs({ options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: max > 0, strict: true });
  } catch (error) {
    fail(error.message, usage);
  }
  if (parsed.values.help) {
    process.stdout.write(usage);
    process.exit(0);
  }
  if (parsed.positionals.length < min) fail('missing arguments', usage);
  if (parsed.positionals.length > max) fail(`unexpected argument: ${parsed.positionals[max]}`, usage);
  return parsed;
}

/** A whole number of at least `min` from option `name` (a string or undefined), or `fallback`. */
export function wholeNumber(values, name, fallback, usage, min = 1) {
  const text = values[name];
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) fail(`--${name} takes a whole number of ${min} or more, not "${text}"`, usage);
  return n;
}

/** A number greater than 0 from option `name`, or `fallback`. */
export function positiveNumber(values, name, fallback, usage) {
  const text = values[name];
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) fail(`--${name} takes a number greater than 0, not "${text}"`, usage);
  return n;
}
