/**
 * Loads masterclass modules from `masterclasses/` in the built-in toolkit and any organisation
 * overlays (--toolkit DIR / PTK_TOOLKIT): a module with the same id in a later folder replaces the
 * built-in one. Besides the schema, every module is checked for:
 *   - run-sheet minutes that add up to duration_minutes;
 *   - quiz answers that are one of their options, distinct options and distinct question ids;
 *   - linked techniques and case studies that exist in the toolkit;
 *   - exercise data files that exist (relative to the package root, or to the overlay folder);
 *   - exercise commands that are real `ptk` commands and options, whose bundled files are listed in data.
 * Problems carry file:line, like every other toolkit check.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { buildProgram } from '../cli.js';
import { ProblemsError } from '../errors.js';
import { closest } from '../lib/suggest.js';
import { BUILTIN_TOOLKIT, loadCollection, overlayFolders, type Source, type Toolkit } from '../toolkit/load.js';
import { formatProblem, locate, type Problem } from '../toolkit/yaml-file.js';
import { masterclassSchema, type Masterclass } from './schema.js';

/** The folder holding package.json, toolkit/ and examples/. */
export const PACKAGE_ROOT = resolve(BUILTIN_TOOLKIT, '..');
export const MASTERCLASS_FOLDER = 'masterclasses';

export interface LoadedMasterclass {
  value: Masterclass;
  source: Source;
  /** The toolkit folder the module came from. */
  folder: string;
}

export type Masterclasses = Map<string, LoadedMasterclass>;

/**
 * Where an exercise's data paths are looked up: the package root for built-in modules; the overlay
 * folder first, then the package root (to reuse the bundled examples), for an organisation's modules.
 */
export function dataRoots(folder: string): string[] {
  return resolve(folder) === resolve(BUILTIN_TOOLKIT) ? [PACKAGE_ROOT] : [resolve(folder), PACKAGE_ROOT];
}

/** The absolute path of an exercise data file, or undefined when it does not exist as a file. */
export function resolveDataFile(module: LoadedMasterclass, path: string): string | undefined {
  for (const root of dataRoots(module.folder)) {
    const full = join(root, path);
    if (existsSync(full) && statSync(full).isFile()) return full;
  }
  return undefined;
}

function collect(folders: string[], problems: Problem[], toolkit?: Toolkit): Masterclasses {
  const resolved = folders.map((f) => resolve(f));
  const entries = loadCollection(resolved, MASTERCLASS_FOLDER, masterclassSchema, problems);
  const modules: Masterclasses = new Map();
  for (const [id, entry] of entries) {
    const module: LoadedMasterclass = { ...entry, folder: dirname(dirname(resolve(entry.source.file))) };
    checkModule(module, problems, toolkit);
    modules.set(id, module);
  }
  return modules;
}

/** The ExtraCheck for `ptk toolkit validate`: every module in `folders`, against `toolkit`. */
export function checkMasterclasses(folders: string[], toolkit: Toolkit, problems: Problem[]): void {
  collect(folders, problems, toolkit);
}

/**
 * Load the modules of the built-in toolkit and overlays (by default from PTK_TOOLKIT); with a toolkit,
 * links to techniques and case studies are checked too. Any problem stops the command (exit 2).
 */
export function loadMasterclasses(folders: string[] = [BUILTIN_TOOLKIT, ...overlayFolders()], toolkit?: Toolkit): Masterclasses {
  const problems: Problem[] = [];
  const modules = collect(folders, problems, toolkit);
  if (problems.length > 0) {
    throw new ProblemsError(
      problems.map(formatProblem),
      `ptk: the masterclasses have ${problems.length} problem${problems.length === 1 ? '' : 's'}; run \`ptk toolkit validate\` on the folder named above.`,
    );
  }
  return modules;
}

function checkModule(module: LoadedMasterclass, problems: Problem[], toolkit?: Toolkit): void {
  const { value: m, source } = module;
  const at = (path: (string | number)[], message: string): void => {
    problems.push({ file: source.file, line: locate(source.parsed, path), field: path.join('.'), message });
  };

  const total = m.run_sheet.reduce((sum, item) => sum + item.minutes, 0);
  if (total !== m.duration_minutes) {
    at(['run_sheet'], `the run sheet adds up to ${total} minutes but duration_minutes is ${m.duration_minutes}; make them match`);
  }

  const questionIds = new Map<string, number>();
  m.quiz.forEach((q, i) => {
    const earlier = questionIds.get(q.id);
    if (earlier !== undefined) at(['quiz', i, 'id'], `duplicate question id "${q.id}", also question ${earlier + 1}`);
    else questionIds.set(q.id, i);
    const seen = new Set<string>();
    q.options.forEach((option, j) => {
      if (seen.has(option)) at(['quiz', i, 'options', j], `option "${option}" appears twice`);
      seen.add(option);
    });
    if (!q.options.includes(q.answer)) {
      at(['quiz', i, 'answer'], `the answer "${q.answer}" is not one of the options; copy the correct option exactly`);
    }
  });

  if (toolkit) {
    const link = (kind: 'techniques' | 'case_studies', ids: string[], known: Map<string, unknown>, noun: string): void => {
      ids.forEach((id, i) => {
        if (known.has(id) || toolkit.brokenIds.has(id)) return;
        const near = closest(id, known.keys());
        at([kind, i], `no ${noun} with id "${id}"${near.length > 0 ? `; did you mean ${near.join(', ')}?` : ''}`);
      });
    };
    link('techniques', m.techniques, toolkit.techniques, 'technique');
    link('case_studies', m.case_studies, toolkit.caseStudies, 'case study');
  }

  const roots = dataRoots(module.folder);
  m.exercises.forEach((exercise, i) => {
    exercise.data.forEach((path, j) => {
      const found = roots.map((r) => join(r, path)).find((full) => existsSync(full));
      if (!found) at(['exercises', i, 'data', j], `no such file: ${path} (paths are relative to the package root${roots.length > 1 ? ' or the overlay folder' : ''})`);
      else if (!statSync(found).isFile()) at(['exercises', i, 'data', j], `${path} is a folder: list the files in it instead`);
    });
    exercise.commands.forEach((line, j) => {
      for (const message of checkCommandLine(line, exercise.data, roots)) at(['exercises', i, 'commands', j], message);
    });
  });
}

/** Split a command line into words, honouring single and double quotes. */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const match of line.matchAll(pattern)) words.push(match[1] ?? match[2] ?? match[3] ?? '');
  return words;
}

let program: Command | undefined;

/**
 * Problems with one exercise command: an unknown command or option, or a bundled file (one under
 * examples/ or one that exists in the data roots) that is not in the exercise's data list, so a
 * session pack would miss it.
 */
export function checkCommandLine(line: string, data: readonly string[], roots: readonly string[]): string[] {
  program ??= buildProgram();
  const words = splitCommandLine(line);
  const problems: string[] = [];
  let command: Command = program;
  const names = ['ptk'];
  const leading: string[] = [];
  let i = 1;
  while (i < words.length) {
    const word = words[i]!;
    if (word.startsWith('-')) {
      // options before the subcommand (e.g. --toolkit DIR) belong to the command so far
      const option = command.options.find((o) => o.long === word.split('=')[0] || o.short === word);
      leading.push(word);
      i += option && (option.required || option.optional) && !word.includes('=') ? 2 : 1;
      continue;
    }
    const next = command.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (!next) break;
    command = next;
    names.push(word);
    i++;
  }
  const path = names.join(' ');
  if (command === program) {
    const word = words[i] ?? '';
    const near = closest(word, program.commands.map((c) => c.name()));
    return [`unknown command "ptk ${word}"${near.length > 0 ? `; did you mean ${near.map((n) => `ptk ${n}`).join(', ')}?` : ''}`];
  }
  if (command.commands.length > 0 && command.registeredArguments.length === 0) {
    problems.push(`"${path}" needs a subcommand: one of ${command.commands.map((c) => c.name()).join(', ')}`);
  }
  const known = new Set<string>(['-h', '--help']);
  for (let c: Command | null = command; c; c = c.parent) {
    for (const option of c.options) {
      if (option.long) known.add(option.long);
      if (option.short) known.add(option.short);
    }
  }
  for (const word of [...leading, ...words.slice(i)]) {
    if (word.startsWith('-') && word.length > 1 && !/^-\d/.test(word)) {
      const name = word.split('=')[0]!;
      if (!known.has(name)) problems.push(`unknown option ${name} for "${path}"; see \`${path} --help\``);
      continue;
    }
    if (!word.includes('/') || /^[a-z]+:\/\//i.test(word)) continue;
    const bundled = word.startsWith('examples/') || roots.some((root) => existsSync(join(root, word)));
    if (!bundled) continue;
    const trimmed = word.replace(/\/+$/, '');
    const covered = data.some((d) => d === trimmed || d.startsWith(`${trimmed}/`));
    if (!covered) problems.push(`${word} is used here but is not in this exercise's data list, so a session pack would not include it`);
  }
  return problems;
}
