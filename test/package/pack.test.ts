/**
 * The package as a user gets it: the source tree as a clean checkout has it (no dist/, no wasm) is
 * packed with `npm pack` (its prepack builds), the tarball installed globally into a temporary prefix,
 * and the installed `ptk` run from another folder. Dependencies come from the npm cache that `npm ci`
 * filled (--prefer-offline); CI also has the registry. Set PTK_SKIP_PACK=1 to skip (it says so).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ROOT, tempDir } from '../helpers/cli.js';

const SKIP = process.env.PTK_SKIP_PACK === '1';
if (SKIP) console.warn('test/package/pack.test.ts: skipped because PTK_SKIP_PACK=1 (the package is not packed or installed)');

const PACK_TIMEOUT = 15 * 60_000;
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function run(command: string, args: string[], cwd: string, env: Record<string, string | undefined> = {}): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, {
    cwd,
    env: { ...process.env, NO_COLOR: '1', PTK_TOOLKIT: '', ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return result;
}

function mustRun(command: string, args: string[], cwd: string, env: Record<string, string | undefined> = {}): string {
  const result = run(command, args, cwd, env);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}:\n${result.stderr.slice(-4000)}\n${result.stdout.slice(-2000)}`);
  return result.stdout;
}

/** The files a fresh clone would have (tracked or new, not ignored), copied to `target`. */
function copySourceTree(target: string): void {
  const listed = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], ROOT);
  if (listed.status === 0) {
    for (const file of listed.stdout.split('\0').filter(Boolean)) {
      const from = join(ROOT, file);
      if (!existsSync(from)) continue; // deleted in the working tree
      mkdirSync(dirname(join(target, file)), { recursive: true });
      copyFileSync(from, join(target, file));
    }
    return;
  }
  // not a git checkout: everything but what the build, installs and runs create
  const skip = new Set(['node_modules', 'dist', '.git', 'bench/out', 'ptk-report', '.vitest-tmp', 'wasm/answer-scan.wasm']);
  cpSync(ROOT, target, { recursive: true, filter: (from) => !skip.has(relative(ROOT, from)) });
}

describe.skipIf(SKIP)('the packed package, installed into a temporary prefix', () => {
  let work: string;
  let packed: { filename: string; files: { path: string }[] };
  let prefix: string;
  let ptk: string;
  let installed: string;

  beforeAll(() => {
    work = tempDir('ptk-pack-');
    const source = join(work, 'source');
    copySourceTree(source);
    expect(existsSync(join(source, 'dist'))).toBe(false);
    expect(existsSync(join(source, 'wasm/answer-scan.wasm'))).toBe(false);
    // the build tools (tsc, asc) from this checkout's install
    symlinkSync(join(ROOT, 'node_modules'), join(source, 'node_modules'), 'dir');
    const out = join(work, 'tarball');
    mkdirSync(out);
    const stdout = mustRun('npm', ['pack', '--json', '--pack-destination', out], source);
    // prepack's build prints to stdout too: the JSON is the last block, starting with a line "["
    const start = stdout.lastIndexOf('\n[\n');
    packed = (JSON.parse(start >= 0 ? stdout.slice(start + 1) : stdout) as (typeof packed)[])[0]!;
    prefix = join(work, 'prefix');
    mustRun('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline', join(out, packed.filename)], work);
    ptk = join(prefix, 'bin', 'ptk');
    installed = join(prefix, 'lib', 'node_modules', 'policy-toolkit');
  }, PACK_TIMEOUT);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('holds what ptk needs at run time and leaves out the sources and tests', () => {
    const files = new Set(packed.files.map((f) => f.path));
    for (const needed of [
      'LICENSE',
      'README.md',
      'package.json',
      'bin/ptk.js',
      'dist/index.js',
      'dist/cli.js',
      'dist/lib.js',
      'dist/lib.d.ts',
      'dist/toolkit/builtin.json',
      'dist/analysis/pipeline/worker.js',
      'wasm/answer-scan.wasm',
      'toolkit/stages.yaml',
      'toolkit/standards/consultation.yaml',
      'templates/plan/plan.yaml',
      'examples/consultation/responses.csv',
      'docs/summary-schema.md',
    ]) {
      expect(files, needed).toContain(needed);
    }
    // every toolkit and docs file of the checkout is in it
    for (const folder of ['toolkit/techniques', 'toolkit/case-studies', 'toolkit/masterclasses', 'toolkit/scenarios', 'docs']) {
      for (const name of readdirSync(join(ROOT, folder))) expect(files, `${folder}/${name}`).toContain(`${folder}/${name}`);
    }
    const unwanted = [...files].filter((f) => /^(src|test|bench|scripts|\.ci)\//.test(f) || f.endsWith('.map') || f === 'examples/consultation/generate.js');
    expect(unwanted).toEqual([]);
    expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) 2026 policy-toolkit contributors\n/);
  });

  it('runs `ptk --version` from the prefix', () => {
    const elsewhere = mkdtempSync(join(work, 'run-'));
    expect(mustRun(ptk, ['--version'], elsewhere).trim()).toBe(version);
  });

  it('runs `ptk techniques list` with the compiled built-in toolkit', () => {
    const elsewhere = mkdtempSync(join(work, 'run-'));
    const stdout = mustRun(ptk, ['techniques', 'list'], elsewhere);
    // the ids, read here from the YAML files themselves
    const ids = readdirSync(join(ROOT, 'toolkit/techniques')).map((name) => (parseYaml(readFileSync(join(ROOT, 'toolkit/techniques', name), 'utf8')) as { id: string }).id);
    expect(stdout).toContain(`\n${ids.length} techniques.`);
    const listed = stdout.split('\n').slice(1).map((line) => line.split(/\s+/)[0]).filter((id) => id && ids.includes(id));
    expect(listed.sort()).toEqual([...ids].sort());
    // installed files carry npm's fixed date, not the build's: the copy must still count as current
    const check = `const m = await import(${JSON.stringify(join(installed, 'dist/toolkit/load.js'))}); process.stdout.write(String(m.compiledBuiltinToolkit()?.techniques.size));`;
    expect(mustRun(process.execPath, ['--input-type=module', '-e', check], elsewhere)).toBe(String(ids.length));
  });

  it('runs `ptk analyse` on the sample from another folder, in process and with worker threads', () => {
    const elsewhere = mkdtempSync(join(work, 'run-'));
    copyFileSync(join(ROOT, 'examples/consultation/responses.csv'), join(elsewhere, 'responses.csv'));
    const records = parseCsv(readFileSync(join(elsewhere, 'responses.csv')), { bom: true, columns: true }) as unknown[];
    const summary = JSON.parse(mustRun(ptk, ['analyse', 'responses.csv', '--json'], elsewhere)) as { rows: { read: number; analysed: number; rejected: number } };
    expect(summary.rows).toMatchObject({ read: records.length, analysed: records.length, rejected: 0 });
    for (const name of ['summary.json', 'responses.csv', 'report.md', 'report.html', 'rejects.csv']) expect(existsSync(join(elsewhere, 'ptk-report', name)), name).toBe(true);
    mustRun(ptk, ['analyse', 'responses.csv', '--workers', '2', '--out', 'report-workers'], elsewhere);
    const threaded = JSON.parse(readFileSync(join(elsewhere, 'report-workers', 'summary.json'), 'utf8')) as typeof summary & { closedQuestions: unknown };
    const inProcess = JSON.parse(readFileSync(join(elsewhere, 'ptk-report', 'summary.json'), 'utf8')) as typeof threaded;
    expect(threaded.rows).toEqual(inProcess.rows);
    expect(threaded.closedQuestions).toEqual(inProcess.closedQuestions);
  });

  it('exports the library entry with its types, and nothing else but package.json', () => {
    const consumer = join(prefix, 'lib');
    writeFileSync(join(consumer, 'package.json'), '{ "type": "module", "private": true }\n');
    writeFileSync(
      join(consumer, 'check.mjs'),
      `import * as lib from 'policy-toolkit';
import { createRequire } from 'node:module';
const pkg = createRequire(import.meta.url)('policy-toolkit/package.json');
let deep = 'resolved';
try { await import('policy-toolkit/dist/cli.js'); } catch (error) { deep = error.code; }
process.stdout.write(JSON.stringify({ names: Object.keys(lib), version: pkg.version, deep, techniques: lib.techniqueList(lib.loadToolkit()).length }));
`,
    );
    const out = JSON.parse(mustRun(process.execPath, ['check.mjs'], consumer)) as { names: string[]; version: string; deep: string; techniques: number };
    expect(out.names).toEqual(expect.arrayContaining(['loadToolkit', 'techniqueList', 'recommend', 'redact', 'scoreSentiment', 'searchTechniques', 'computeInfluence']));
    expect(out.version).toBe(version);
    expect(out.deep).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
    expect(out.techniques).toBe(readdirSync(join(ROOT, 'toolkit/techniques')).length);
    // the types resolve through the exports map: a consumer type-checks against dist/lib.d.ts
    writeFileSync(
      join(consumer, 'check.ts'),
      `import { loadToolkit, redact, type Toolkit } from 'policy-toolkit';
const toolkit: Toolkit = loadToolkit();
const size: number = toolkit.techniques.size;
const text: string = redact('a.person@example.org').text;
export { size, text };
`,
    );
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['check.ts'] }),
    );
    const tsc = run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', consumer], consumer);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });
});
