/**
 * Command registration only: every action lazily imports its module under src/commands/,
 * so `ptk --help` stays fast and importing this file has no side effects.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { createRequire } from 'node:module';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** Options every command sees. */
export interface GlobalOptions {
  toolkit?: string[];
  debug?: boolean;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number of 0 or more.');
  return n;
}

export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of 1 or more.');
  return n;
}

type Action = (...args: unknown[]) => Promise<void>;

/** Lazily load `./commands/<module>.js` and call its `name` export with the positional args and merged options. */
function lazy(module: string, exportName = 'run'): Action {
  return async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    const positional = args.slice(0, -2);
    const mod = (await import(`./commands/${module}.js`)) as Record<string, (...a: unknown[]) => Promise<void>>;
    const fn = mod[exportName];
    if (!fn) throw new Error(`command module ${module} has no export ${exportName}`);
    await fn(...positional, command.optsWithGlobals());
  };
}

export function buildProgram(): Command {
  const program = new Command('ptk')
    .description('Digital tools and techniques for every stage of the policy cycle.')
    .version(version, '-v, --version')
    .option('--toolkit <dir>', 'add or override toolkit entries from this folder (repeatable; also PTK_TOOLKIT)', collect)
    .option('--debug', 'show stack traces for errors')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, 'ptk: ')) })
    .addHelpText(
      'after',
      `
Start here:
  ptk stages                          the four stages of the policy cycle
  ptk recommend --stage 2 --audience public rarely-online --weeks 8
  ptk wizard 2                        a guided plan for one stage
  ptk analyse responses.csv           analyse a consultation export, on this machine only
  ptk masterclass list                training modules and the crisis simulation

Exit codes: 0 ok, 1 findings (a failed criterion or missed target), 2 bad usage or input.`,
    );

  // --- issue 2: the toolkit ---------------------------------------------------------------
  program
    .command('stages')
    .description('the four stages of the policy cycle and their activities')
    .option('--json', 'print JSON')
    .action(lazy('stages'));

  const techniques = program.command('techniques').description('browse the technique library');
  techniques
    .command('list')
    .description('list techniques, optionally for one stage or activity')
    .option('-s, --stage <n>', 'stage number 1 to 4 or stage id')
    .option('-a, --activity <id>', 'activity id, e.g. asking-questions')
    .option('--json', 'print JSON')
    .action(lazy('techniques', 'list'));
  techniques
    .command('show <id>')
    .description('show one technique in full')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['terminal', 'markdown', 'html']).default('terminal'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--force', 'overwrite the output file')
    .option('--json', 'print JSON')
    .action(lazy('techniques', 'show'));
  techniques
    .command('search <words...>')
    .description('ranked full-text search over names, summaries and methodology')
    .option('-n, --limit <n>', 'at most this many results', positiveInteger, 10)
    .option('--json', 'print JSON')
    .action(lazy('techniques', 'search'));

  program
    .command('toolkit')
    .description('work with toolkit folders')
    .command('validate [dir]')
    .description('check a toolkit folder (default: the built-in one); exit 2 if anything is wrong')
    .option('--json', 'print JSON')
    .action(lazy('toolkit-validate'));

  // --- issue 3: recommendations, wizards, plans, maturity ------------------------------------
  program
    .command('recommend')
    .description('rank techniques for your situation, with reasons')
    .requiredOption('-s, --stage <n>', 'stage number 1 to 4 or stage id')
    .option('-a, --activity <id>', 'activity id')
    .option('--audience <audiences...>', 'who you need to reach (e.g. public professionals rarely-online)')
    .addOption(new Option('--budget <level>', 'budget').choices(['none', 'low', 'medium', 'high']))
    .option('--weeks <n>', 'weeks available before you need results', positiveNumber)
    .addOption(new Option('--skills <level>', 'team skills').choices(['basic', 'intermediate', 'specialist']))
    .addOption(new Option('--reach <reach>', 'targeted or broad').choices(['targeted', 'broad']))
    .option('--offline-share <percent>', 'share of the audience rarely or never online (0-100)', positiveNumber)
    .option('--sensitive', 'the policy is sensitive or unannounced')
    .option('-n, --limit <n>', 'show this many', positiveInteger, 10)
    .option('--json', 'print JSON')
    .action(lazy('recommend'));

  program
    .command('wizard [stage]')
    .description('guided wizard for one stage (1 to 4 or a stage name) that writes a stage plan')
    .option('--answers <file>', 'answers file (YAML) for any or all questions')
    .option('-y, --yes', 'never prompt: use answers, flags and defaults; fail on a missing required answer')
    .option('-o, --out <dir>', 'plan folder to write', 'ptk-plan')
    .option('--force', 'write into a non-empty folder')
    .option('--json', 'print the plan as JSON')
    .action(lazy('wizard'));

  const plan = program.command('plan').description('engagement plans');
  plan
    .command('init <dir>')
    .description('scaffold an engagement plan folder')
    .option('--answers <file>', 'answers file (YAML)')
    .option('-y, --yes', 'never prompt')
    .option('--force', 'write into a non-empty folder')
    .action(lazy('plan', 'init'));
  plan
    .command('render <dir>')
    .description('regenerate plan.md or plan.html from plan.yaml')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['markdown', 'html', 'ics']).default('markdown'))
    .option('--force', 'replace a file edited by hand')
    .action(lazy('plan', 'render'));
  plan
    .command('check <dir>')
    .description('check a plan against the minimum digital standard for consultations; exit 1 if a required criterion fails')
    .option('--json', 'print JSON')
    .action(lazy('plan', 'check'));
  program
    .command('consult')
    .description('formal consultations')
    .command('check <planFile>')
    .description('check a plan.yaml against the minimum digital standard for consultations')
    .option('--json', 'print JSON')
    .action(lazy('plan', 'check'));

  program
    .command('maturity')
    .description('digital maturity self-assessment (European Digital Capability Framework, levels 1 to 5)')
    .option('--answers <file>', 'answers file (YAML)')
    .option('-y, --yes', 'never prompt')
    .option('-o, --output <file>', 'also write the assessment as Markdown')
    .option('--force', 'overwrite the output file')
    .option('--json', 'print JSON')
    .action(lazy('maturity'));

  // --- issues 4 and 5: consultation analysis ---------------------------------------------------
  const analyse = program
    .command('analyse')
    .alias('analyze')
    .description('analyse a CSV export of consultation responses, locally')
    .argument('<file>', 'CSV export')
    .option('-c, --config <file>', 'analysis config (from `ptk analyse init`); inferred when absent')
    .option('--codeframe <file>', 'coding frame of themes per open question (YAML)')
    .option('--review <file>', 'review.csv of human corrections from an earlier run')
    .option('-o, --out <dir>', 'report folder', 'ptk-report')
    .option('-f, --format <formats>', 'comma-separated: md,html,csv,json', 'md,html,csv,json')
    .option('--no-redact', 'do not redact personal data in quotes and reports (not advised)')
    .option('--redact-responses', 'also redact the text written to responses.csv')
    .option('--similarity <jaccard>', 'near-duplicate threshold for campaign detection (0-1)', positiveNumber)
    .option('--workers <n>', 'worker threads (default: one per core)', positiveInteger)
    .option('--force', 'write into a non-empty report folder')
    .option('-q, --quiet', 'no progress bar')
    .option('--json', 'print summary.json to stdout')
    .action(lazy('analyse'));
  analyse
    .command('init <file>')
    .description('write an editable analysis config guessed from the header and a sample')
    .option('-o, --output <file>', 'config file to write', 'analysis.yaml')
    .option('--force', 'overwrite the config file')
    .option('--json', 'print the config as JSON')
    .action(lazy('analyse-init'));
  // the root parses options after subcommands too, so in `analyse init f.csv -o x.yaml` the -o lands on
  // analyse's -o (--out): hand it to init's -o (--output). (--force and --json reach init through
  // optsWithGlobals.)
  analyse.hook('preSubcommand', (parent, sub) => {
    if (sub.name() === 'init' && parent.getOptionValueSource('out') === 'cli') {
      sub.setOptionValueWithSource('output', parent.getOptionValue('out'), 'cli');
      parent.setOptionValueWithSource('out', 'ptk-report', 'default');
    }
  });

  program
    .command('themes')
    .description('coding frames')
    .command('suggest <file>')
    .description('propose candidate themes from the text of one open question')
    .requiredOption('-q, --question <column>', 'the open-text column')
    .option('-n, --top <n>', 'how many themes', positiveInteger, 12)
    .option('-o, --output <file>', 'write the codeframe YAML here (default stdout)')
    .option('--force', 'overwrite the output file')
    .option('--json', 'print JSON')
    .action(lazy('themes-suggest'));

  // --- issue 6: masterclasses and crisis simulation ---------------------------------------------
  const masterclass = program.command('masterclass').description('digital masterclasses for trainers');
  masterclass.command('list').description('list modules').option('--json', 'print JSON').action(lazy('masterclass', 'list'));
  masterclass.command('show <id>').description('show a module').option('--json', 'print JSON').action(lazy('masterclass', 'show'));
  masterclass
    .command('handout <id>')
    .description('a printable, self-contained handout')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['html', 'markdown']).default('html'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--force', 'overwrite the output file')
    .action(lazy('masterclass', 'handout'));
  masterclass
    .command('quiz <id>')
    .description('take the module quiz')
    .option('--answers <file>', 'answers file (YAML) for a scripted run')
    .option('-y, --yes', 'never prompt')
    .option('--json', 'print JSON')
    .action(lazy('masterclass', 'quiz'));
  masterclass
    .command('pack <id>')
    .description('everything a trainer needs for a session, in one folder')
    .requiredOption('-o, --out <dir>', 'folder to write')
    .option('--force', 'write into a non-empty folder')
    .action(lazy('masterclass', 'pack'));
  program
    .command('simulate <scenario>')
    .description('a private social-media crisis simulation in the terminal; nothing is posted anywhere')
    .option('--speed <n>', 'compress time by this factor', positiveNumber, 1)
    .option('--script <file>', 'play participant responses from a file (non-interactive)')
    .option('--log <file>', 'write the debrief (Markdown, or HTML for .html) here')
    .option('--force', 'overwrite the log file')
    .option('--json', 'print the debrief as JSON')
    .action(lazy('simulate'));

  // --- issue 7: evidence and evaluation ---------------------------------------------------------
  program
    .command('influence <posts>')
    .description('influencer mapping from a posts/mentions export')
    .option('-c, --config <file>', 'column mapping and account classification (YAML)')
    .option('--accounts <file>', 'classify accounts from a CSV (account,type); overrides accounts: in the config')
    .option('-n, --top <n>', 'how many accounts to report', positiveInteger, 20)
    .option('-o, --out <dir>', 'report folder', 'ptk-influence')
    .option('--force', 'write into a non-empty folder')
    .option('--json', 'print JSON')
    .action(lazy('influence'));
  program
    .command('monitor <posts>')
    .description('social media monitoring briefing per policy topic')
    .requiredOption('-t, --topics <file>', 'topics and keyword sets (YAML)')
    .option('-c, --config <file>', 'column mapping (YAML)')
    .option('--since <date>', 'first day (YYYY-MM-DD)')
    .option('--until <date>', 'last day (YYYY-MM-DD)')
    .option('--accounts <file>', 'known stakeholders or influential accounts (CSV or influence.json)')
    .option('-o, --out <dir>', 'report folder', 'ptk-monitor')
    .option('--force', 'write into a non-empty folder')
    .option('--json', 'print JSON')
    .action(lazy('monitor'));
  program
    .command('evaluate <metrics>')
    .description('compare channel metrics with the targets in an engagement plan; exit 1 if a target is missed')
    .requiredOption('-p, --plan <dir>', 'plan folder holding plan.yaml')
    .option('-c, --config <file>', 'column mapping (YAML)')
    .option('--as-of <date>', 'evaluate as of this date (default today)')
    .option('-o, --out <dir>', 'report folder', 'ptk-evaluation')
    .option('--force', 'write into a non-empty folder')
    .option('--json', 'print JSON')
    .action(lazy('evaluate'));

  return program;
}
