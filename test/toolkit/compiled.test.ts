/**
 * The compiled built-in toolkit (dist/toolkit/builtin.json, written by the build): the same toolkit
 * as the one read from YAML, never used once the YAML has changed, and overlays on top of it still
 * read and checked with file:line problems.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProblemsError } from '../../src/errors.js';
import { compileToolkit, writeCompiledToolkit } from '../../src/toolkit/compile.js';
import { COMPILED_FORMAT, fileStamps, readCompiledToolkit } from '../../src/toolkit/compiled.js';
import { BUILTIN_TOOLKIT, compiledBuiltinToolkit, loadToolkit, loadToolkitFolders, techniqueList, type Toolkit } from '../../src/toolkit/load.js';
import { ROOT, runPtk, tempDir } from '../helpers/cli.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function scratch(): string {
  const dir = tempDir('ptk-compiled-');
  dirs.push(dir);
  return dir;
}

/** Everything a command can read from a toolkit, in map order; sources as file names. */
function contents(toolkit: Toolkit) {
  return {
    folders: toolkit.folders,
    stages: toolkit.stages,
    techniques: [...toolkit.techniques].map(([id, e]) => ({ id, value: e.value, file: e.source.file })),
    caseStudies: [...toolkit.caseStudies].map(([id, e]) => ({ id, value: e.value, file: e.source.file })),
    brokenIds: [...toolkit.brokenIds],
  };
}

const fromYaml = loadToolkitFolders([BUILTIN_TOOLKIT]);

describe('the compiled built-in toolkit', () => {
  it('is what the build wrote and equals the toolkit read from the YAML files', () => {
    expect(fromYaml.problems).toEqual([]);
    const compiled = compiledBuiltinToolkit();
    // undefined here means dist/toolkit/builtin.json is missing or older than toolkit/: run `npm run build`
    expect(compiled, 'no current dist/toolkit/builtin.json: run npm run build').toBeDefined();
    // toStrictEqual: a key with an undefined value, lost in JSON, would count as a difference
    expect(contents(compiled!)).toStrictEqual(contents(fromYaml.toolkit));
    // each entry's parsed YAML, read only when asked for, is the file's
    const entry = compiled!.techniques.get('online-surveys')!;
    expect(entry.source.parsed.data).toEqual(fromYaml.toolkit.techniques.get('online-surveys')!.source.parsed.data);
  });

  it('lists techniques in the same name order, also after a name is changed in memory', () => {
    const compiled = compiledBuiltinToolkit()!;
    const sortedHere = (toolkit: Toolkit) => [...toolkit.techniques.values()].map((e) => e.value).sort((a, b) => a.name.localeCompare(b.name));
    expect(techniqueList(compiled)).toStrictEqual(sortedHere(fromYaml.toolkit));
    expect(techniqueList(compiled)).toStrictEqual(techniqueList(fromYaml.toolkit));
    // the build's order no longer holds once a name changes: the list is sorted again
    compiled.techniques.get('ab-testing-messages')!.value.name = 'Zebra crossings';
    const list = techniqueList(compiled);
    expect(list.at(-1)!.id).toBe('ab-testing-messages');
    expect(list).toStrictEqual(sortedHere(compiled));
    compiled.techniques.delete('webinars');
    expect(techniqueList(compiled).map((t) => t.id)).not.toContain('webinars');
  });

  it('is what loadToolkit gives without overlays, and an equal toolkit with an overlay merged in the same order', () => {
    expect(contents(loadToolkit([]))).toStrictEqual(contents(fromYaml.toolkit));
    const overlay = scratch();
    mkdirSync(join(overlay, 'techniques'));
    const replaced = readFileSync(join(BUILTIN_TOOLKIT, 'techniques/online-surveys.yaml'), 'utf8').replace(/^name: .*$/m, 'name: Our own online surveys');
    writeFileSync(join(overlay, 'techniques/online-surveys.yaml'), replaced);
    const added = readFileSync(join(BUILTIN_TOOLKIT, 'techniques/webinars.yaml'), 'utf8').replace(/^id: webinars$/m, 'id: town-hall-webinars');
    writeFileSync(join(overlay, 'techniques/town-hall-webinars.yaml'), added);
    const merged = loadToolkit([overlay]);
    const allYaml = loadToolkitFolders([BUILTIN_TOOLKIT, overlay]);
    expect(allYaml.problems).toEqual([]);
    expect(contents(merged)).toStrictEqual(contents(allYaml.toolkit));
    expect(merged.techniques.get('online-surveys')!.value.name).toBe('Our own online surveys');
    expect([...merged.techniques.keys()].at(-1)).toBe('town-hall-webinars');
    expect(merged.techniques.size).toBe(fromYaml.toolkit.techniques.size + 1);
  });

  it('still checks an overlay, with file:line problems', () => {
    const overlay = scratch();
    mkdirSync(join(overlay, 'techniques'));
    const text = readFileSync(join(BUILTIN_TOOLKIT, 'techniques/webinars.yaml'), 'utf8')
      .replace(/^id: webinars$/m, 'id: broken-webinars')
      .replace(/^lead_time_weeks: .*$/m, 'lead_time_weeks: soon')
      .replace(/^name: (.*)$/m, 'name: $1\ncolour: blue');
    writeFileSync(join(overlay, 'techniques/broken-webinars.yaml'), text);
    const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.startsWith(needle)) + 1;
    let error: unknown;
    try {
      loadToolkit([overlay]);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ProblemsError);
    const problems = (error as ProblemsError).problems;
    const file = join(overlay, 'techniques/broken-webinars.yaml');
    expect(problems).toContainEqual(expect.stringMatching(new RegExp(`broken-webinars\\.yaml:${lineOf('lead_time_weeks:')}: lead_time_weeks: `)));
    expect(problems).toContainEqual(expect.stringMatching(new RegExp(`broken-webinars\\.yaml:${lineOf('colour:')}: colour: unknown field`)));
    expect(problems.every((p) => p.includes(file) || p.includes('broken-webinars.yaml'))).toBe(true);
  });
});

describe('a compiled toolkit whose YAML has changed', () => {
  // a copy of the toolkit and its own compiled JSON, so the checkout's files are never touched
  async function compiledCopy(): Promise<{ folder: string; json: string }> {
    const dir = scratch();
    const folder = join(dir, 'toolkit');
    cpSync(BUILTIN_TOOLKIT, folder, { recursive: true });
    const { compiled, problems } = await compileToolkit(folder);
    expect(problems).toEqual([]);
    const json = join(dir, 'builtin.json');
    await writeCompiledToolkit(compiled!, json);
    expect(readCompiledToolkit(folder, json)).toBeDefined();
    return { folder, json };
  }

  it('is not used after an edit of the same size and modification time', async () => {
    const { folder, json } = await compiledCopy();
    const file = join(folder, 'techniques/webinars.yaml');
    const before = statSync(file);
    const text = readFileSync(file, 'utf8');
    // one letter changed, the length and the time stamps kept
    writeFileSync(file, text.replace('Webinars', 'Webinarz'));
    utimesSync(file, before.atime, before.mtime);
    expect(statSync(file).size).toBe(before.size);
    expect(readCompiledToolkit(folder, json)).toBeUndefined();
    expect(compiledBuiltinToolkit(folder, json)).toBeUndefined();
    writeFileSync(file, text);
    expect(compiledBuiltinToolkit(folder, json)).toBeDefined();
  });

  it('is still used when only the times of the files changed (as after an install, which dates every file 1985)', async () => {
    const { folder, json } = await compiledCopy();
    const when = new Date('1985-10-26T08:15:00Z');
    for (const sub of ['techniques', 'case-studies']) for (const name of readdirSync(join(folder, sub))) utimesSync(join(folder, sub, name), when, when);
    utimesSync(join(folder, 'stages.yaml'), when, when);
    expect(fileStamps(folder)).not.toBe((JSON.parse(readFileSync(json, 'utf8')) as { stamps: string }).stamps);
    expect(readCompiledToolkit(folder, json)).toBeDefined();
  });

  it('is not used after a file is added or removed, or when stages.yaml changes', async () => {
    const { folder, json } = await compiledCopy();
    const extra = join(folder, 'case-studies/zz-new.yaml');
    writeFileSync(extra, readFileSync(join(folder, 'case-studies/stoptober.yaml')));
    expect(readCompiledToolkit(folder, json)).toBeUndefined();
    rmSync(extra);
    expect(readCompiledToolkit(folder, json)).toBeDefined();
    rmSync(join(folder, 'techniques/webinars.yaml'));
    expect(readCompiledToolkit(folder, json)).toBeUndefined();
    const again = await compiledCopy();
    writeFileSync(join(again.folder, 'stages.yaml'), `${readFileSync(join(again.folder, 'stages.yaml'), 'utf8')}\n# a comment\n`);
    expect(readCompiledToolkit(again.folder, again.json)).toBeUndefined();
  });

  it('is not used when the JSON is of another format or unreadable', async () => {
    const { folder, json } = await compiledCopy();
    const data = JSON.parse(readFileSync(json, 'utf8')) as { format: number };
    writeFileSync(json, JSON.stringify({ ...data, format: COMPILED_FORMAT + 1 }));
    expect(readCompiledToolkit(folder, json)).toBeUndefined();
    writeFileSync(json, '{"format": 1, "fingerp');
    expect(readCompiledToolkit(folder, json)).toBeUndefined();
    expect(readCompiledToolkit(folder, join(folder, 'no-such.json'))).toBeUndefined();
  });
});

describe('the built binary', () => {
  // every module file Node loads: imports through a loader hook, and (as the hook does not see
  // them on Node 20) require() calls, the way load.ts loads the YAML module, through NODE_DEBUG
  function loadedModules(args: string[]): { code: number; stdout: string; stderr: string; modules: string[] } {
    const dir = scratch();
    const hooks = join(dir, 'hooks.mjs');
    writeFileSync(hooks, "export async function load(url, context, next) { if (url.startsWith('file:')) process.stderr.write(`LOADED ${url.slice(7)}\\n`); return next(url, context); }\n");
    const register = join(dir, 'register.mjs');
    writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(`file://${hooks}`)});\n`);
    const result = runPtk(args, { env: { NODE_OPTIONS: `--import ${register}`, NODE_DEBUG: 'module' } });
    const lines = result.stderr.split('\n');
    const debug = (line: string) => line.startsWith('LOADED ') || /^MODULE \d+: /.test(line);
    const modules = lines
      .map((line) => (line.startsWith('LOADED ') ? line.slice('LOADED '.length) : /^MODULE \d+: load "([^"]+)"/.exec(line)?.[1]))
      .filter((path): path is string => path !== undefined)
      .map((path) => path.replace(`${ROOT}/`, ''));
    return { ...result, stderr: lines.filter((line) => !debug(line)).join('\n'), modules };
  }

  it('lists techniques without loading the YAML parser, zod or marked', () => {
    const run = loadedModules(['techniques', 'list']);
    expect(run.stderr.trim()).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`\n${fromYaml.toolkit.techniques.size} techniques.`);
    expect(run.modules).toContain('dist/toolkit/compiled.js');
    expect(run.modules.filter((m) => /node_modules\/(yaml|zod|marked)\/|dist\/toolkit\/(load-yaml|yaml-file|schema)\.js/.test(m))).toEqual([]);
  });

  it('loads them for an overlay, which it checks with file:line problems (exit 2)', () => {
    const overlay = scratch();
    mkdirSync(join(overlay, 'techniques'));
    writeFileSync(join(overlay, 'techniques/bad.yaml'), 'id: bad-one\nname: Bad\nstages: [9]\n');
    const run = loadedModules(['techniques', 'list', '--toolkit', overlay]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad\.yaml:3: stages\.0: stage must be 1 to 4/);
    expect(run.modules).toContain('dist/toolkit/load-yaml.js');
    expect(run.modules.some((m) => m.includes('node_modules/yaml/'))).toBe(true);
  });
});
