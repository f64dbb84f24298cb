/** The bench scripts' command lines: --help prints usage and exits 0 before any work; unknown flags exit 2. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const SCRIPTS = ['run.js', 'generate.js', 'naive.js', 'campaigns.js', 'sentiment.js'];
const OUT = join(ROOT, 'bench/out');

function bench(script: string, args: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'bench', script), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const outFiles = () => (existsSync(OUT) ? readdirSync(OUT).sort() : []);

describe.each(SCRIPTS)('bench/%s', (script) => {
  it.each(['--help', '-h'])('prints its usage for %s and does nothing else', (flag) => {
    const before = outFiles();
    const result = bench(script, [flag]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: node bench/${script.replace('.', '\\.')} `));
    expect(result.stdout).toContain('-h, --help');
    expect(outFiles()).toEqual(before);
  });

  it('refuses an unknown flag with exit 2, naming it', () => {
    const before = outFiles();
    const result = bench(script, ['--no-such-flag']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Unknown option '--no-such-flag'");
    expect(result.stderr).toContain('Usage:');
    expect(result.stdout).toBe('');
    expect(outFiles()).toEqual(before);
  });
});

describe('bench number options', () => {
  it.each([
    ['generate.js', ['--rows', 'many']],
    ['generate.js', ['--rows', '0']],
    ['run.js', ['--repeat', '1.5']],
    ['sentiment.js', ['--seconds', '-1']],
    ['campaigns.js', ['--rows']],
  ])('%s %s exits 2', (script, args) => {
    const result = bench(script, args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--(rows|repeat|seconds)/);
  });

  it('naive.js needs a file', () => {
    expect(bench('naive.js', []).code).toBe(2);
  });
});

describe('bench/run.js --startup-only', () => {
  it('prints the two medians and their ratio, and generates nothing', () => {
    const before = outFiles();
    const result = bench('run.js', ['--startup-only', '--startup-runs', '3']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const node = /node -e 0\s+(\d+) ms/.exec(result.stdout);
    const ptk = /ptk techniques list\s+(\d+) ms/.exec(result.stdout);
    const ratio = /ratio (\d+\.\d\d)x \(target <= 2x: (met|NOT met)\)/.exec(result.stdout);
    expect(node && ptk && ratio, result.stdout).toBeTruthy();
    // the printed ratio is the one of the printed medians (rounded to whole milliseconds)
    expect(Number(ratio![1])).toBeCloseTo(Number(ptk![1]) / Number(node![1]), 1);
    expect(result.stdout).toContain('median of 3 runs');
    expect(result.stdout).not.toMatch(/rows\/s|bench: /);
    expect(outFiles()).toEqual(before);
  });
});
