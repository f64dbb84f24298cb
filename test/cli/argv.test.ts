/**
 * argv -> options, as a table (as changesets' cli.test.ts does): the command modules are replaced by
 * a recorder, so each row checks exactly what a command's action receives, and nothing runs.
 */
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import { COMMANDS, GLOBAL_OPTIONS, type CommandSpec } from '../../src/command-table.js';

interface Call {
  module: string;
  export: string;
  positional: unknown[];
  options: Record<string, unknown>;
}

/** Parse `argv` as `ptk` would, returning the call the action made (or the commander error). */
async function parse(argv: string[]): Promise<Call> {
  let call: Call | undefined;
  const program = buildProgram(async (module) =>
    new Proxy({}, {
      // not a thenable: the loader's promise resolves to this module object
      get: (_target, name) =>
        name === 'then'
          ? undefined
          : async (...args: unknown[]) => {
              call = { module, export: String(name), positional: args.slice(0, -1), options: args.at(-1) as Record<string, unknown> };
            },
    }),
  );
  silence(program);
  await program.parseAsync(argv, { from: 'user' });
  if (!call) throw new Error(`no action ran for ${argv.join(' ')}`);
  return call;
}

function silence(command: Command): void {
  command.configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  for (const sub of command.commands) silence(sub);
}

async function parseError(argv: string[]): Promise<string> {
  try {
    await parse(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.message;
    throw error;
  }
  throw new Error(`${argv.join(' ')} parsed without an error`);
}

type Row = [argv: string, module: string, exportName: string, positional: unknown[], options: Record<string, unknown>];

// one row per command at least; options are checked as a subset (globals and defaults included where named)
const ROWS: Row[] = [
  ['stages --json', 'stages', 'run', [], { json: true }],
  ['techniques list -s 2 -a asking-questions', 'techniques', 'list', [], { stage: '2', activity: 'asking-questions' }],
  ['techniques show x', 'techniques', 'show', ['x'], { format: 'terminal' }],
  ['techniques show x -f md -o - --force', 'techniques', 'show', ['x'], { format: 'markdown', out: '-', force: true }],
  ['techniques show x --format HTML -o x.html', 'techniques', 'show', ['x'], { format: 'html', out: 'x.html' }],
  ['techniques search crisis role play -n 3', 'techniques', 'search', [['crisis', 'role', 'play']], { top: 3 }],
  ['cases list --json', 'cases', 'list', [], { json: true }],
  ['cases show stoptober -f md -o s.md --force', 'cases', 'show', ['stoptober'], { format: 'markdown', out: 's.md', force: true }],
  ['cases search weekly briefing -n 2', 'cases', 'search', [['weekly', 'briefing']], { top: 2 }],
  ['site -o web --force --toolkit overlay', 'site', 'run', [], { out: 'web', force: true, toolkit: ['overlay'] }],
  ['toolkit validate', 'toolkit-validate', 'run', [undefined], {}],
  ['toolkit validate overlay --json', 'toolkit-validate', 'run', ['overlay'], { json: true }],
  ['recommend -s 2 --audience public rarely-online --budget low --weeks 6 --offline-share 12%', 'recommend', 'run', [], { stage: '2', audience: ['public', 'rarely-online'], budget: 'low', weeks: 6, offlineShare: 12, top: 10 }],
  ['recommend --stage 3 --skills specialist --reach broad --sensitive -n 2 --json', 'recommend', 'run', [], { stage: '3', skills: 'specialist', reach: 'broad', sensitive: true, top: 2, json: true }],
  ['wizard', 'wizard', 'run', [undefined], { out: 'ptk-plan' }],
  ['wizard 2 --answers a.yaml -y -o plan --force --json', 'wizard', 'run', ['2'], { answers: 'a.yaml', yes: true, out: 'plan', force: true, json: true }],
  ['plan init p --answers a.yaml --yes', 'plan', 'init', ['p'], { answers: 'a.yaml', yes: true }],
  ['plan render p', 'plan', 'render', ['p'], { format: 'markdown' }],
  ['plan render p --format md', 'plan', 'render', ['p'], { format: 'markdown' }],
  ['plan render p -f html', 'plan', 'render', ['p'], { format: 'html' }],
  ['plan check p --json', 'plan', 'check', ['p'], { json: true }],
  ['consult check p/plan.yaml', 'plan', 'check', ['p/plan.yaml'], {}],
  ['maturity --answers a.yaml -y -o m.md --force', 'maturity', 'run', [], { answers: 'a.yaml', yes: true, out: 'm.md', force: true }],
  ['analyse r.csv', 'analyse', 'run', ['r.csv'], { out: 'ptk-report', format: ['md', 'html', 'csv', 'json'], redact: true }],
  ['analyze r.csv -c a.yaml --codeframe c.yaml --review rv.csv -o rep -f markdown,json --no-redact --redact-responses --similarity 0.8 --workers 2 --force -q --json', 'analyse', 'run', ['r.csv'], { config: 'a.yaml', codeframe: 'c.yaml', review: 'rv.csv', out: 'rep', format: ['md', 'json'], redact: false, redactResponses: true, similarity: 0.8, workers: 2, force: true, quiet: true, json: true }],
  ['analyse init r.csv', 'analyse-init', 'run', ['r.csv'], {}],
  ['analyse init r.csv -o a.yaml --force', 'analyse-init', 'run', ['r.csv'], { out: 'a.yaml', force: true }],
  ['themes suggest r.csv --question Q5 -n 6 -o - --json', 'themes-suggest', 'run', ['r.csv'], { question: 'Q5', top: 6, out: '-', json: true }],
  ['themes agreement a.csv b.csv --column codes --json', 'themes-agreement', 'run', [['a.csv', 'b.csv']], { column: 'codes', json: true }],
  ['themes learn r.csv -c a.yaml --sheet s.csv --folds 4 -o l.csv --json', 'themes-learn', 'run', ['r.csv'], { config: 'a.yaml', sheet: ['s.csv'], folds: 4, out: 'l.csv', json: true }],
  ['masterclass list --json', 'masterclass', 'list', [], { json: true }],
  ['masterclass show listening', 'masterclass', 'show', ['listening'], {}],
  ['masterclass handout listening', 'masterclass', 'handout', ['listening'], { format: 'html' }],
  ['masterclass handout listening -f md -o h.md --force', 'masterclass', 'handout', ['listening'], { format: 'markdown', out: 'h.md', force: true }],
  ['masterclass quiz listening --answers q.yaml -y --json', 'masterclass', 'quiz', ['listening'], { answers: ['q.yaml'], yes: true, json: true }],
  ['masterclass quiz listening --before a.yaml b.yaml --answers c.yaml d.yaml --seed 7', 'masterclass', 'quiz', ['listening'], { before: ['a.yaml', 'b.yaml'], answers: ['c.yaml', 'd.yaml'], seed: '7' }],
  ['simulate s --serve --port 8080 --typing pause -y', 'simulate', 'run', ['s'], { serve: true, port: 8080, typing: 'pause', yes: true, host: '127.0.0.1' }],
  ['masterclass pack listening -o pack --force', 'masterclass', 'pack', ['listening'], { out: 'pack', force: true }],
  ['simulate s --speed 10 --script s.yaml --log d.html --force --json', 'simulate', 'run', ['s'], { speed: 10, script: 's.yaml', log: 'd.html', force: true, json: true }],
  ['simulate s', 'simulate', 'run', ['s'], { speed: 1 }],
  ['influence p.csv -c m.yaml --accounts a.csv -n 5 -o inf --force', 'influence', 'run', ['p.csv'], { config: 'm.yaml', accounts: 'a.csv', top: 5, out: 'inf', force: true }],
  ['influence p.csv', 'influence', 'run', ['p.csv'], { top: 20, out: 'ptk-influence' }],
  ['monitor p.csv -t t.yaml --since 2026-11-01 --until 2026-11-30 --accounts a.csv --json', 'monitor', 'run', ['p.csv'], { topics: 't.yaml', since: '2026-11-01', until: '2026-11-30', accounts: 'a.csv', json: true, out: 'ptk-monitor' }],
  ['evaluate m.csv -p plan --as-of 2027-03-01 -o ev', 'evaluate', 'run', ['m.csv'], { plan: 'plan', asOf: '2027-03-01', out: 'ev' }],
  ['completion bash', 'completion', 'run', ['bash'], {}],
  ['--toolkit a --toolkit b --debug --no-color stages', 'stages', 'run', [], { toolkit: ['a', 'b'], debug: true, color: false }],
  ['stages -q', 'stages', 'run', [], { quiet: true }],
];

describe('argv to options, per command', () => {
  it.each(ROWS)('ptk %s', async (argv, module, exportName, positional, options) => {
    const call = await parse(argv.split(' '));
    expect(call.module).toBe(module);
    expect(call.export).toBe(exportName);
    expect(call.positional).toEqual(positional);
    expect(call.options).toMatchObject(options);
  });

  it('covers every command in the table', () => {
    const covered = new Set(ROWS.map(([argv]) => argv.split(' ').filter((w) => !w.startsWith('-'))));
    for (const spec of Object.values(COMMANDS) as CommandSpec[]) {
      const names = [spec.path, ...(spec.aliases ?? []).map((alias) => [alias, ...spec.path.slice(1)])];
      const found = [...covered].some((words) => names.some((path) => path.every((word, i) => words[i] === word)));
      expect(found, spec.path.join(' ')).toBe(true);
    }
  });
});

describe('options defined once, with one meaning', () => {
  const specs = Object.values(COMMANDS) as CommandSpec[];

  it('keys each option under the attribute name commander gives it', () => {
    for (const spec of specs) {
      for (const [key, option] of Object.entries({ ...spec.options, ...GLOBAL_OPTIONS })) {
        expect(new Command().createOption(option.flags).attributeName(), `${spec.path.join(' ')} ${option.flags}`).toBe(key);
      }
    }
  });

  it('gives each short flag one long name across all commands', () => {
    const meaning = new Map<string, string>();
    for (const spec of specs) {
      for (const option of [...Object.values(spec.options), ...Object.values(GLOBAL_OPTIONS)]) {
        const made = new Command().createOption(option.flags);
        if (!made.short) continue;
        const earlier = meaning.get(made.short);
        expect(earlier ?? made.long, `${made.short} in ${spec.path.join(' ')}`).toBe(made.long);
        meaning.set(made.short, made.long!);
      }
    }
    expect(meaning.get('-q')).toBe('--quiet');
    expect(meaning.get('-o')).toBe('--out');
  });

  it('says in the help whether -o is a file or a folder', () => {
    for (const spec of specs) {
      const out = (spec.options as Record<string, { flags: string; description: string }>).out;
      if (!out) continue;
      expect(out.flags, spec.path.join(' ')).toMatch(/^-o, --out <(file|dir)>$/);
      if (out.flags.includes('<file>')) expect(out.description, spec.path.join(' ')).toMatch(/- for standard output/);
    }
  });

  it('gives every command two or three examples, each of which parses', async () => {
    for (const spec of specs) {
      expect(spec.examples.length, spec.path.join(' ')).toBeGreaterThanOrEqual(2);
      expect(spec.examples.length, spec.path.join(' ')).toBeLessThanOrEqual(3);
      for (const example of spec.examples) {
        const words = example.replace(/\s+#.*$/, '').replace(/\s>\s.*$/, '').match(/"[^"]*"|\S+/g)!.map((w) => w.replace(/^"|"$/g, ''));
        expect(words[0]).toBe('ptk');
        const call = await parse(words.slice(1));
        expect(call.module, example).toBe(spec.run.module);
      }
    }
  });
});

describe('parse errors', () => {
  it('refuses --json with another --format where both would be printed', async () => {
    expect(await parseError(['techniques', 'show', 'x', '--json', '--format', 'html'])).toMatch(/--json.*cannot be used with.*--format/);
  });

  it('accepts md and markdown for every Markdown output, and names the choices otherwise', async () => {
    expect(await parseError(['plan', 'render', 'p', '-f', 'pdf'])).toMatch(/expected one of markdown \(md\), html/);
    expect(await parseError(['analyse', 'r.csv', '-f', 'md,pdf'])).toMatch(/expected one of md \(markdown\), html, csv, json/);
  });

  it('takes percentages with or without %, and refuses other numbers clearly', async () => {
    expect((await parse(['recommend', '-s', '2', '--offline-share', '12'])).options.offlineShare).toBe(12);
    expect(await parseError(['recommend', '-s', '2', '--offline-share', '120%'])).toMatch(/percentage from 0 to 100/);
    expect(await parseError(['recommend', '-s', '2', '--budget', 'lots'])).toMatch(/expected one of none, low, medium, high/);
  });

  it('knows -q only as --quiet', async () => {
    expect(await parseError(['themes', 'suggest', 'r.csv', '-q', 'Q5'])).toMatch(/--question/);
  });
});
