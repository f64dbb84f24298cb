/**
 * Command registration only, from the table in src/command-table.ts: every action lazily imports its
 * module under src/commands/, so `ptk --help` stays fast and importing this file has no side effects.
 */
import { Command, Option } from 'commander';
import { createRequire } from 'node:module';
import { COMMANDS, GLOBAL_OPTIONS, GROUPS, type CommandSpec } from './command-table.js';
import { UsageError } from './errors.js';
import { setOutputMode } from './lib/output.js';
import type { AnyOptionSpec } from './options.js';

export type { GlobalOptions } from './options.js';
export { positiveInteger, positiveNumber } from './options.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

type Action = (...args: unknown[]) => Promise<void>;
type CommandModule = Record<string, ((...args: unknown[]) => Promise<void>) | undefined>;
/** Loads a module under src/commands/ (tests pass one that records the calls instead). */
export type ModuleLoader = (module: string) => Promise<CommandModule>;

const importCommand: ModuleLoader = async (module) => (await import(`./commands/${module}.js`)) as CommandModule;

/** Lazily load the command's module and call its export with the positional args and merged options. */
function lazy({ module, export: exportName }: CommandSpec['run'], load: ModuleLoader): Action {
  return async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    const positional = args.slice(0, -2);
    const fn = (await load(module))[exportName];
    if (!fn) throw new Error(`command module ${module} has no export ${exportName}`);
    // the command's own options win over a parent's of the same name (analyse -o and analyse init -o)
    await fn(...positional, { ...command.optsWithGlobals(), ...command.opts() });
  };
}

/** A commander Option from its spec. */
export function toOption(spec: AnyOptionSpec): Option {
  const option = new Option(spec.flags, spec.description);
  if (spec.parse) option.argParser(spec.parse as (value: string, previous: unknown) => unknown);
  if (spec.default !== undefined && !spec.flags.includes('--no-')) option.default(spec.default, Array.isArray(spec.default) ? spec.default.join(',') : undefined);
  if (spec.required) option.makeOptionMandatory();
  if (spec.conflicts) option.conflicts([...spec.conflicts]);
  return option;
}

function examplesText(spec: CommandSpec): string {
  return `\nExamples:\n${spec.examples.map((line) => `  ${line}`).join('\n')}\n`;
}

export function buildProgram(load: ModuleLoader = importCommand): Command {
  const program = new Command('ptk')
    .description('Digital tools and techniques for every stage of the policy cycle.')
    .version(version, '-v, --version')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, 'ptk: ')) })
    .helpCommand(false)
    .configureHelp({ showGlobalOptions: true })
    .addHelpText(
      'after',
      `
Start here:
  ptk stages                          the four stages of the policy cycle
  ptk recommend --stage 2 --audience public rarely-online --weeks 8
  ptk wizard 2                        a guided plan for one stage
  ptk analyse responses.csv           analyse a consultation export, on this machine only
  ptk masterclass list                training modules and the crisis simulation

Every command has examples: ptk help COMMAND [SUBCOMMAND].
Exit codes: 0 ok, 1 findings (a failed criterion or missed target), 2 bad usage or input.`,
    );
  for (const spec of Object.values(GLOBAL_OPTIONS)) program.addOption(toOption(spec));
  program.hook('preAction', (_root, action) => {
    const globals = action.optsWithGlobals() as { quiet?: boolean; color?: boolean };
    setOutputMode({ quiet: globals.quiet === true, colour: globals.color !== false });
  });

  const groups = new Map<string, Command>();
  const parentOf = (path: readonly string[]): Command => {
    let parent = program;
    path.slice(0, -1).forEach((word, i) => {
      const key = path.slice(0, i + 1).join(' ');
      let group = groups.get(key);
      if (!group) {
        group = parent.command(word).description(GROUPS[word] ?? '');
        groups.set(key, group);
      }
      parent = group;
    });
    return parent;
  };

  for (const spec of Object.values(COMMANDS) as CommandSpec[]) {
    const parent = parentOf(spec.path);
    const name = spec.path.at(-1)!;
    // a command that is also a group (analyse, analyse init) is registered once and given its action
    const command = groups.get(spec.path.join(' ')) ?? parent.command(name);
    command.description(spec.description);
    for (const alias of spec.aliases ?? []) command.alias(alias);
    for (const arg of spec.args ?? []) command.argument(arg);
    for (const optionSpec of Object.values(spec.options)) command.addOption(toOption(optionSpec));
    command.addHelpText('after', examplesText(spec));
    command.action(lazy(spec.run, load));
    groups.set(spec.path.join(' '), command);
  }

  // the root parses options after subcommands too, so in `analyse init f.csv -o x.yaml` the -o lands on
  // analyse's -o (its report folder): hand it to init's -o (the config file).
  const analyse = program.commands.find((c) => c.name() === 'analyse')!;
  analyse.hook('preSubcommand', (parent, sub) => {
    if (sub.name() === 'init' && parent.getOptionValueSource('out') === 'cli') {
      sub.setOptionValueWithSource('out', parent.getOptionValue('out'), 'cli');
      parent.setOptionValueWithSource('out', COMMANDS.analyse.options.out.default, 'default');
    }
  });

  // `ptk help techniques list` shows the help of `techniques list` (commander's own takes one word)
  program
    .command('help [command...]')
    .description('show help for a command, e.g. ptk help techniques list')
    .action((words: string[]) => {
      let command: Command = program;
      for (const word of words) {
        const next = command.commands.find((c) => c.name() === word || c.aliases().includes(word));
        if (!next) throw new UsageError(`no command "${[...words.slice(0, words.indexOf(word)), word].join(' ')}": run ptk --help for the list.`);
        command = next;
      }
      command.outputHelp();
    });

  return program;
}
