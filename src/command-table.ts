/**
 * Every command as data: its words, arguments, options (from src/options.ts), examples and the module
 * that runs it. src/cli.ts registers commander commands from this table, `ptk completion` writes shell
 * completion from it, and each command module takes its option types from it (`OptionsOf<'analyse'>`),
 * so an option is defined in one place. Importing it loads nothing but commander's error class.
 */
import {
  GLOBAL_OPTIONS,
  activity,
  answers,
  config,
  force,
  forceFolder,
  formatOf,
  formatsOf,
  json,
  jsonWithoutFormat,
  oneOf,
  option,
  outDir,
  outFile,
  percentage,
  positiveInteger,
  positiveNumber,
  stage,
  top,
  yes,
  type GlobalOptions,
  type AnyOptionSpec,
  type OptionValues,
} from './options.js';

export interface CommandSpec {
  /** The words after `ptk`, e.g. `['techniques', 'list']`. */
  readonly path: readonly string[];
  readonly aliases?: readonly string[];
  /** Commander argument syntax, e.g. `<file>`, `[stage]`, `<words...>`. */
  readonly args?: readonly string[];
  readonly description: string;
  readonly options: Readonly<Record<string, AnyOptionSpec>>;
  /** Two or three real invocations, each `command  # what it does`. */
  readonly examples: readonly string[];
  /** Module under src/commands/ and its export. */
  readonly run: { readonly module: string; readonly export: string };
}

/** Commands that only group subcommands. */
export const GROUPS: Readonly<Record<string, string>> = {
  techniques: 'browse the technique library',
  toolkit: 'work with toolkit folders',
  cases: 'case studies from the source strategy, linked to their techniques',
  plan: 'engagement plans',
  consult: 'formal consultations',
  themes: 'coding frames',
  masterclass: 'digital masterclasses for trainers',
};

const ANALYSE_FORMATS = ['md', 'html', 'csv', 'json'] as const;

export const COMMANDS = {
  stages: {
    path: ['stages'],
    description: 'the four stages of the policy cycle and their activities',
    options: { json },
    examples: ['ptk stages', 'ptk stages --json'],
    run: { module: 'stages', export: 'run' },
  },
  'techniques list': {
    path: ['techniques', 'list'],
    description: 'list techniques, optionally for one stage or activity',
    options: { stage, activity, json },
    examples: ['ptk techniques list --stage 2', 'ptk techniques list --activity asking-questions --json'],
    run: { module: 'techniques', export: 'list' },
  },
  'techniques show': {
    path: ['techniques', 'show'],
    args: ['<id>'],
    description: 'show one technique in full',
    options: {
      format: option({ flags: '-f, --format <format>', description: 'terminal, md (markdown) or html', parse: formatOf(['terminal', 'markdown', 'html']), default: 'terminal' }),
      out: outFile('write to this file'),
      force,
      json: jsonWithoutFormat,
    },
    examples: ['ptk techniques show influencer-mapping', 'ptk techniques show commentable-documents --format html -o commentable.html', 'ptk techniques show social-listening --format md -o -'],
    run: { module: 'techniques', export: 'show' },
  },
  'techniques search': {
    path: ['techniques', 'search'],
    args: ['<words...>'],
    description: 'ranked full-text search over names, summaries and methodology',
    options: { top: top(10), json },
    examples: ['ptk techniques search "crisis role play"', 'ptk techniques search survey -n 3 --json'],
    run: { module: 'techniques', export: 'search' },
  },
  'cases list': {
    path: ['cases', 'list'],
    description: 'list the case studies and the techniques each illustrates',
    options: { json },
    examples: ['ptk cases list', 'ptk cases list --json'],
    run: { module: 'cases', export: 'list' },
  },
  'cases show': {
    path: ['cases', 'show'],
    args: ['<id>'],
    description: 'show one case study in full: story, figures, quotes with their source, lessons',
    options: {
      format: option({ flags: '-f, --format <format>', description: 'terminal, md (markdown) or html', parse: formatOf(['terminal', 'markdown', 'html']), default: 'terminal' }),
      out: outFile('write to this file'),
      force,
      json: jsonWithoutFormat,
    },
    examples: ['ptk cases show stoptober', 'ptk cases show maps-and-apps --format html -o maps-and-apps.html'],
    run: { module: 'cases', export: 'show' },
  },
  'cases search': {
    path: ['cases', 'search'],
    args: ['<words...>'],
    description: 'ranked full-text search over case studies',
    options: { top: top(10), json },
    examples: ['ptk cases search "weekly briefing"', 'ptk cases search crowd-sourcing --json'],
    run: { module: 'cases', export: 'search' },
  },
  site: {
    path: ['site'],
    description: 'write the toolkit as a static website with search, method cards and worksheets (works from file://)',
    options: { out: outDir('ptk-site'), force: forceFolder, json },
    examples: ['ptk site -o toolkit-site', 'ptk site -o toolkit-site --toolkit my-overlay --force'],
    run: { module: 'site', export: 'run' },
  },
  'toolkit validate': {
    path: ['toolkit', 'validate'],
    args: ['[dir]'],
    description: 'check a toolkit folder (default: the built-in one); exit 2 if anything is wrong',
    options: { json },
    examples: ['ptk toolkit validate', 'ptk toolkit validate my-overlay --json'],
    run: { module: 'toolkit-validate', export: 'run' },
  },
  recommend: {
    path: ['recommend'],
    description: 'rank techniques for your situation, with reasons',
    options: {
      stage: option({ ...stage, required: true }),
      activity,
      audience: option({ flags: '--audience <audiences...>', description: 'who you need to reach (e.g. public professionals rarely-online)' }),
      budget: option({ flags: '--budget <level>', description: 'budget: none, low, medium or high', parse: oneOf(['none', 'low', 'medium', 'high']) }),
      weeks: option({ flags: '--weeks <n>', description: 'weeks available before you need results', parse: positiveNumber }),
      skills: option({ flags: '--skills <level>', description: 'team skills: basic, intermediate or specialist', parse: oneOf(['basic', 'intermediate', 'specialist']) }),
      reach: option({ flags: '--reach <reach>', description: 'targeted or broad', parse: oneOf(['targeted', 'broad']) }),
      offlineShare: option({ flags: '--offline-share <percent>', description: 'share of the audience rarely or never online (0-100, % optional)', parse: percentage }),
      sensitive: option({ flags: '--sensitive', description: 'the policy is sensitive or unannounced: unsuitable techniques are left out' }),
      intent: option({ flags: '--intent <level>', description: 'what you need from people (IAP2): inform, consult, involve, collaborate or empower', parse: oneOf(['inform', 'consult', 'involve', 'collaborate', 'empower']) }),
      problem: option({ flags: '--problem <text>', description: 'the problem statement, matched against what each technique is for' }),
      top: top(10, 'show this many'),
      json,
    },
    examples: [
      'ptk recommend --stage 2 --audience public older-people rarely-online --budget low --weeks 6',
      'ptk recommend --stage 2 --audience professionals --budget high --weeks 16 --skills specialist --json',
      'ptk recommend --stage 3 --intent consult --problem "4,000 responses arrived, including a campaign"',
    ],
    run: { module: 'recommend', export: 'run' },
  },
  wizard: {
    path: ['wizard'],
    args: ['[stage]'],
    description: 'guided wizard for one stage (1 to 4 or a stage name) that writes a stage plan',
    options: { answers, yes, out: outDir('ptk-plan'), force: forceFolder, json: option({ flags: '--json', description: 'print the plan as JSON' }) },
    examples: ['ptk wizard 2', 'ptk wizard 2 --answers examples/answers-stage2.yaml --yes --out gp-access-plan'],
    run: { module: 'wizard', export: 'run' },
  },
  'plan init': {
    path: ['plan', 'init'],
    args: ['<dir>'],
    description: 'scaffold an engagement plan folder',
    options: { answers, yes, force: forceFolder },
    examples: ['ptk plan init my-plan', 'ptk plan init my-plan --answers examples/answers-stage2.yaml --yes'],
    run: { module: 'plan', export: 'init' },
  },
  'plan render': {
    path: ['plan', 'render'],
    args: ['<dir>'],
    description: 'write plan.md or plan.html in the plan folder from its plan.yaml',
    options: {
      format: option({ flags: '-f, --format <format>', description: 'md (markdown), html or ics', parse: formatOf(['markdown', 'html', 'ics']), default: 'markdown' }),
      force,
    },
    examples: ['ptk plan render my-plan', 'ptk plan render my-plan --format html', 'ptk plan render my-plan --format ics'],
    run: { module: 'plan', export: 'render' },
  },
  'plan check': {
    path: ['plan', 'check'],
    args: ['<dir>'],
    description: 'check a plan against the minimum digital standard for consultations; exit 1 if a required criterion fails',
    options: {
      json,
      format: option({ flags: '-f, --format <format>', description: 'also write a sign-off sheet for the senior responsible owner: md (markdown) or docx', parse: formatOf(['markdown', 'docx']) }),
      out: option({ flags: '-o, --out <file>', description: 'where to write the sign-off sheet (default: sign-off.md or sign-off.docx in the plan folder; - for standard output, instead of the report)' }),
      force,
    },
    examples: ['ptk plan check my-plan', 'ptk plan check my-plan --json', 'ptk plan check my-plan --format docx'],
    run: { module: 'plan', export: 'check' },
  },
  'consult check': {
    path: ['consult', 'check'],
    args: ['<planFile>'],
    description: 'check a plan.yaml against the minimum digital standard for consultations',
    options: { json },
    examples: ['ptk consult check my-plan/plan.yaml', 'ptk consult check my-plan/plan.yaml --json'],
    run: { module: 'plan', export: 'check' },
  },
  maturity: {
    path: ['maturity'],
    description: 'digital maturity self-assessment (European Digital Capability Framework, levels 1 to 5)',
    options: { answers, yes, out: outFile('also write the assessment as Markdown to this file', 'none'), force, json },
    examples: ['ptk maturity', 'ptk maturity --answers test/fixtures/maturity/answers.yaml --json', 'ptk maturity --answers answers.yaml --yes -o assessment.md'],
    run: { module: 'maturity', export: 'run' },
  },
  analyse: {
    path: ['analyse'],
    aliases: ['analyze'],
    args: ['<file>'],
    description: 'analyse a CSV export of consultation responses, locally',
    options: {
      config: option({ ...config, description: 'analysis config (from `ptk analyse init`); inferred when absent' }),
      codeframe: option({ flags: '--codeframe <file>', description: 'coding frame of themes per open question (YAML)' }),
      review: option({ flags: '--review <file>', description: 'review.csv of human corrections from an earlier run' }),
      out: outDir('ptk-report'),
      format: option({ flags: '-f, --format <formats>', description: 'comma-separated files to write: md,html,csv,json', parse: formatsOf(ANALYSE_FORMATS), default: [...ANALYSE_FORMATS] }),
      redact: option({ flags: '--no-redact', description: 'do not redact personal data in quotes and reports (not advised)', default: true }),
      redactResponses: option({ flags: '--redact-responses', description: 'also redact the text written to responses.csv' }),
      redactReview: option({ flags: '--no-redact-review', description: 'keep the answers in review.csv and the cells in rejects.csv as written (for an analyst on a secure machine)', default: true }),
      similarity: option({ flags: '--similarity <jaccard>', description: 'near-duplicate threshold for campaign detection (0-1)', parse: positiveNumber }),
      workers: option({ flags: '--workers <n>', description: 'worker threads (default: one per core)', parse: positiveInteger }),
      force: forceFolder,
      json: option({ flags: '--json', description: 'print summary.json to stdout' }),
    },
    examples: [
      'ptk analyse responses.csv                     # columns inferred, report in ./ptk-report',
      'ptk analyse responses.csv --config analysis.yaml --out report',
      'ptk analyse responses.csv --codeframe codeframe.yaml --review report/review.csv --out report --force',
    ],
    run: { module: 'analyse', export: 'run' },
  },
  'analyse init': {
    path: ['analyse', 'init'],
    args: ['<file>'],
    description: 'write an editable analysis config guessed from the header and a sample',
    options: { out: outFile('config file to write', 'analysis.yaml'), force, json: option({ flags: '--json', description: 'print the config as JSON' }) },
    examples: ['ptk analyse init responses.csv', 'ptk analyse init responses.csv -o analysis.yaml --force', 'ptk analyse init responses.csv -o -'],
    run: { module: 'analyse-init', export: 'run' },
  },
  'themes suggest': {
    path: ['themes', 'suggest'],
    args: ['<file>'],
    description: 'propose candidate themes from the text of one open question',
    options: {
      question: option({ flags: '--question <column>', description: 'the open-text column', required: true }),
      top: top(12, 'how many themes'),
      out: outFile('write the codeframe YAML to this file'),
      force,
      json,
    },
    examples: [
      'ptk themes suggest responses.csv --question "Q5. Please explain your answer to question 1." -o codeframe.yaml',
      'ptk themes suggest comments.csv --question comment-body -n 6 --json',
    ],
    run: { module: 'themes-suggest', export: 'run' },
  },
  'themes agreement': {
    path: ['themes', 'agreement'],
    args: ['<sheets...>'],
    description: "agreement between analysts' coding sheets: Cohen's kappa and Krippendorff's alpha per theme",
    options: {
      column: option({ flags: '--column <name>', description: 'the column with the codes (default analyst_codes, codes or themes)' }),
      json,
    },
    examples: [
      'ptk themes agreement coding-ana.csv coding-ben.csv  # kappa per theme between two analysts',
      'ptk themes agreement a.csv b.csv c.csv --json  # alpha for three coders, as JSON',
    ],
    run: { module: 'themes-agreement', export: 'run' },
  },
  'themes learn': {
    path: ['themes', 'learn'],
    args: ['<file>'],
    description: 'code answers with a local model learned from the ones a person coded, and say how well it agrees',
    options: {
      config: option({ ...config, required: true }),
      codeframe: option({ flags: '--codeframe <file>', description: 'coding frame (default: the config\'s codeframe: section)' }),
      review: option({ flags: '--review <files...>', description: 'review.csv files from ptk analyse: the codes a person corrected' }),
      sheet: option({ flags: '--sheet <files...>', description: 'coding sheets (ptk themes agreement format): the codes a person gave' }),
      folds: option({ flags: '--folds <n>', description: 'folds of the cross-validation', parse: positiveInteger as (value: string, previous: number) => number, default: 5 }),
      seed: option({ flags: '--seed <n>', description: 'seed of the training order and folds', parse: positiveInteger as (value: string, previous: number) => number }),
      out: outFile('write the coded answers (CSV) to this file'),
      force,
      json,
    },
    examples: [
      'ptk themes learn responses.csv --config analysis.yaml --sheet coding.csv -o learned.csv  # learn from a coded sample',
      'ptk themes learn responses.csv --config analysis.yaml --review review.csv --json  # agreement figures as JSON',
    ],
    run: { module: 'themes-learn', export: 'run' },
  },
  'masterclass list': {
    path: ['masterclass', 'list'],
    description: 'list modules',
    options: { json },
    examples: ['ptk masterclass list', 'ptk masterclass list --json'],
    run: { module: 'masterclass', export: 'list' },
  },
  'masterclass show': {
    path: ['masterclass', 'show'],
    args: ['<id>'],
    description: 'show a module',
    options: { json },
    examples: ['ptk masterclass show analysing-responses', 'ptk masterclass show crisis-communication --json'],
    run: { module: 'masterclass', export: 'show' },
  },
  'masterclass handout': {
    path: ['masterclass', 'handout'],
    args: ['<id>'],
    description: 'a printable, self-contained handout',
    options: {
      format: option({ flags: '-f, --format <format>', description: 'html or md (markdown)', parse: formatOf(['html', 'markdown']), default: 'html' }),
      out: outFile('write the handout to this file'),
      force,
    },
    examples: ['ptk masterclass handout listening -o listening.html', 'ptk masterclass handout listening --format md -o listening.md'],
    run: { module: 'masterclass', export: 'handout' },
  },
  'masterclass quiz': {
    path: ['masterclass', 'quiz'],
    args: ['<id>'],
    description: 'take the module quiz',
    options: {
      answers: option({ flags: '--answers <files...>', description: 'answers files (YAML): one person, or several for group scores' }),
      before: option({ flags: '--before <files...>', description: 'answers from before the session, to compare with --answers' }),
      seed: option({ flags: '--seed <seed>', description: 'shuffle the options in the order of this seed (printed for sharing)' }),
      yes,
      json,
    },
    examples: ['ptk masterclass quiz listening --seed 4821', 'ptk masterclass quiz listening --answers asha.yaml ben.yaml --json', 'ptk masterclass quiz listening --before before/*.yaml --answers after/*.yaml'],
    run: { module: 'masterclass', export: 'quiz' },
  },
  'masterclass pack': {
    path: ['masterclass', 'pack'],
    args: ['<id>'],
    description: 'everything a trainer needs for a session, in one folder',
    options: { out: option({ flags: '-o, --out <dir>', description: 'folder to write', required: true }), force: forceFolder },
    examples: ['ptk masterclass pack crisis-communication -o crisis-session', 'ptk masterclass pack listening -o listening --force'],
    run: { module: 'masterclass', export: 'pack' },
  },
  simulate: {
    path: ['simulate'],
    args: ['<scenario>'],
    description: 'a private social-media crisis simulation in the terminal; nothing is posted anywhere',
    options: {
      speed: option({ flags: '--speed <n>', description: 'compress time by this factor', parse: positiveNumber as (value: string, previous: number) => number, default: 1 as number }),
      script: option({ flags: '--script <file>', description: 'play participant responses from a file (non-interactive)' }),
      log: option({ flags: '--log <file>', description: 'write the debrief (Markdown, or HTML for .html) here' }),
      force,
      json: option({ flags: '--json', description: 'print the debrief as JSON' }),
      typing: option({ flags: '--typing <mode>', description: 'count typing time in response times, or pause the clock while a reply is typed', parse: oneOf(['count', 'pause']), choices: ['count', 'pause'], default: 'count' as 'count' | 'pause' }),
      roles: option({ flags: '--roles <file>', description: 'who plays each role (YAML: "role: name")' }),
      yes: option({ flags: '-y, --yes', description: 'start the clock without asking about roles' }),
      serve: option({ flags: '--serve', description: 'run it in the browser: a local web server for a facilitator and teams' }),
      host: option({ flags: '--host <address>', description: 'with --serve, listen on this address to share it on a training-room network', default: '127.0.0.1' }),
      port: option({ flags: '--port <n>', description: 'with --serve, the port (default: one the system chooses)', parse: positiveInteger }),
    },
    examples: ['ptk simulate contaminated-product --speed 10 --log debrief.html', 'ptk simulate data-loss --speed 60 --typing pause', 'ptk simulate contaminated-product --serve'],
    run: { module: 'simulate', export: 'run' },
  },
  influence: {
    path: ['influence'],
    args: ['<posts>'],
    description: 'influencer mapping from a posts/mentions export',
    options: {
      config,
      accounts: option({ flags: '--accounts <file>', description: 'classify accounts from a CSV (account,type); overrides accounts: in the config' }),
      top: top(20, 'how many accounts to report'),
      out: outDir('ptk-influence'),
      force: forceFolder,
      json,
    },
    examples: ['ptk influence examples/social/posts.csv', 'ptk influence posts.csv --accounts accounts.csv -n 10 --out influence --force'],
    run: { module: 'influence', export: 'run' },
  },
  monitor: {
    path: ['monitor'],
    args: ['<posts>'],
    description: 'social media monitoring briefing per policy topic',
    options: {
      topics: option({ flags: '-t, --topics <file>', description: 'topics and keyword sets (YAML)', required: true }),
      config,
      since: option({ flags: '--since <date>', description: 'first day (YYYY-MM-DD)' }),
      until: option({ flags: '--until <date>', description: 'last day (YYYY-MM-DD)' }),
      accounts: option({ flags: '--accounts <file>', description: 'known stakeholders or influential accounts (CSV or influence.json)' }),
      out: outDir('ptk-monitor'),
      force: forceFolder,
      json,
    },
    examples: ['ptk monitor examples/social/posts.csv --topics examples/social/topics.yaml', 'ptk monitor posts.csv -t topics.yaml --since 2026-11-01 --until 2026-11-30 --json'],
    run: { module: 'monitor', export: 'run' },
  },
  evaluate: {
    path: ['evaluate'],
    args: ['<metrics>'],
    description: 'compare channel metrics with the targets in an engagement plan; exit 1 if a target is missed',
    options: {
      plan: option({ flags: '-p, --plan <dir>', description: 'plan folder holding plan.yaml', required: true }),
      config,
      asOf: option({ flags: '--as-of <date>', description: 'evaluate as of this date (default today)' }),
      out: outDir('ptk-evaluation'),
      force: forceFolder,
      json,
    },
    examples: ['ptk evaluate metrics.csv --plan gp-access-plan', 'ptk evaluate metrics.csv -p gp-access-plan --as-of 2027-03-01 --json'],
    run: { module: 'evaluate', export: 'run' },
  },
  completion: {
    path: ['completion'],
    args: ['<shell>'],
    description: 'print a shell completion script for bash, zsh or fish',
    options: {},
    examples: ['ptk completion bash > ~/.local/share/bash-completion/completions/ptk', 'ptk completion zsh > "${fpath[1]}/_ptk"', 'ptk completion fish > ~/.config/fish/completions/ptk.fish'],
    run: { module: 'completion', export: 'run' },
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

/** The options a command's action receives: its own, inferred from its table, and the global ones. */
export type OptionsOf<Name extends CommandName> = OptionValues<(typeof COMMANDS)[Name]['options']> & GlobalOptions;

export { GLOBAL_OPTIONS };
