/** `ptk masterclass list|show|handout|quiz|pack`: digital masterclasses for trainers. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { OptionsOf } from '../command-table.js';
import type { GlobalOptions } from '../options.js';
import { InputError, ProblemsError, UsageError } from '../errors.js';
import { checkOutputDir, insideDir, writeFileAtomic, writeToFileOrStdout } from '../lib/fs.js';
import { colourFor, info, print, printJson, table } from '../lib/output.js';
import { closest } from '../lib/suggest.js';
import { loadMasterclasses, resolveDataFile, type LoadedMasterclass, type Masterclasses } from '../masterclass/load.js';
import { missingQuestions, optionLetter, readAnswerMap, scoreQuiz, type Choices } from '../masterclass/quiz.js';
import {
  audienceLabel,
  facilitatorNotesMarkdown,
  handoutHtml,
  handoutMarkdown,
  moduleDataFiles,
  moduleToTerminal,
  quizAnswersTemplate,
  quizResultToTerminal,
} from '../masterclass/render.js';
import type { Masterclass } from '../masterclass/schema.js';
import { canPrompt, prompter } from '../prompts.js';
import { loadToolkit, type Toolkit } from '../toolkit/load.js';
import { isMap, isScalar } from 'yaml';
import { checkSchema, formatProblem, locate, readYaml, type ParsedYaml, type Problem } from '../toolkit/yaml-file.js';

interface Loaded {
  toolkit: Toolkit;
  modules: Masterclasses;
}

function load(options: GlobalOptions): Loaded {
  const toolkit = loadToolkit(options.toolkit);
  return { toolkit, modules: loadMasterclasses(toolkit.folders, toolkit) };
}

function sorted(modules: Masterclasses): Masterclass[] {
  return [...modules.values()].map((m) => m.value).sort((a, b) => a.title.localeCompare(b.title));
}

export function findModule(modules: Masterclasses, id: string): LoadedMasterclass {
  const found = modules.get(id);
  if (found) return found;
  const near = closest(id, modules.keys());
  const hint = near.length > 0 ? ` Did you mean ${near.join(', ')}?` : ' Run `ptk masterclass list` to see them all.';
  throw new UsageError(`no masterclass with id "${id}".${hint}`);
}

type ListOptions = OptionsOf<'masterclass list'>;

export async function list(options: ListOptions): Promise<void> {
  const { modules } = load(options);
  const all = sorted(modules);
  if (options.json) {
    printJson(
      all.map((m) => ({
        id: m.id,
        title: m.title,
        summary: m.summary,
        audience: m.audience,
        difficulty: m.difficulty,
        duration_minutes: m.duration_minutes,
        max_participants: m.max_participants,
        trainers_needed: m.trainers_needed,
        exercises: m.exercises.length,
        quiz_questions: m.quiz.length,
      })),
    );
    return;
  }
  const chalk = colourFor();
  const rows = all.map((m) => [m.id, m.title, m.difficulty, String(m.duration_minutes), String(m.max_participants), audienceLabel(m)]);
  print(table(['ID', 'TITLE', 'LEVEL', 'MINUTES', 'MAX', 'FOR'], rows, chalk));
  print(chalk.dim(`\n${all.length} module${all.length === 1 ? '' : 's'}. Details: ptk masterclass show <id>`));
}

export async function show(id: string, options: ListOptions): Promise<void> {
  const { toolkit, modules } = load(options);
  const module = findModule(modules, id).value;
  if (options.json) {
    printJson(module);
    return;
  }
  process.stdout.write(moduleToTerminal(module, toolkit, colourFor()));
}

type HandoutOptions = OptionsOf<'masterclass handout'>;

export async function handout(id: string, options: HandoutOptions): Promise<void> {
  const { toolkit, modules } = load(options);
  const module = findModule(modules, id).value;
  const text = options.format === 'markdown' ? handoutMarkdown(module, toolkit) : handoutHtml(module, toolkit);
  await writeToFileOrStdout(text, options.out, options.force, info);
}

type QuizOptions = OptionsOf<'masterclass quiz'>;

const answersFileSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()], { error: 'give one answer: a letter, a number or the text of an option' }));

function problemsToError(problems: Problem[]): Error {
  if (problems.length === 1) {
    const line = formatProblem(problems[0]!);
    const cut = line.indexOf(': ');
    return new InputError(line.slice(0, cut), line.slice(cut + 2));
  }
  return new ProblemsError(problems.map(formatProblem), `ptk: ${problems.length} problems in the answers file: fix them and run again.`);
}

/** Line of a top-level key; YAML keys such as `2:` are numbers, so match on their text. */
function keyLine(parsed: ParsedYaml, key: string): number | undefined {
  const root = parsed.doc.contents;
  if (isMap(root)) {
    for (const item of root.items) {
      if (isScalar(item.key) && String(item.key.value) === key && item.key.range) return parsed.lines.linePos(item.key.range[0]).line;
    }
  }
  return locate(parsed, [key]);
}

/** Read `question: choice` pairs; every problem names the file and line. */
export function readQuizAnswers(path: string, module: Masterclass): Choices {
  const { parsed, problems } = readYaml(path);
  if (!parsed) throw problemsToError(problems);
  if (parsed.data === null || parsed.data === undefined) return new Map();
  const { value, problems: invalid } = checkSchema(parsed, answersFileSchema);
  if (!value) {
    throw problemsToError(invalid.map((p) => (p.field && p.field !== '(top level)' ? { ...p, line: keyLine(parsed, p.field.split('.')[0]!) } : p)));
  }
  const { choices, problems: wrong } = readAnswerMap(module.quiz, value);
  if (wrong.length > 0) throw problemsToError(wrong.map((p) => ({ file: parsed.file, line: keyLine(parsed, p.key), field: p.key, message: p.message })));
  return choices;
}

export async function quiz(id: string, options: QuizOptions): Promise<void> {
  const { modules } = load(options);
  const module = findModule(modules, id).value;
  const choices: Choices = options.answers ? readQuizAnswers(options.answers, module) : new Map();
  const missing = missingQuestions(module.quiz, choices);
  if (missing.length > 0) {
    if (!canPrompt(options)) {
      const named = missing.map((n) => `${n} (${module.quiz[n - 1]!.id})`).join(', ');
      throw new UsageError(
        `missing answer${missing.length === 1 ? '' : 's'} for question${missing.length === 1 ? '' : 's'} ${named}: add them to the --answers file as number: letter, or run in a terminal without --yes.`,
      );
    }
    const ask = prompter();
    for (const n of missing) {
      const q = module.quiz[n - 1]!;
      const choice = await ask.select(
        `${n} of ${module.quiz.length}. ${q.question}`,
        q.options.map((o, j) => ({ value: j, name: `${optionLetter(j)}. ${o}` })),
      );
      choices.set(n - 1, choice);
    }
  }
  const result = scoreQuiz(module, choices);
  if (options.json) printJson(result);
  else process.stdout.write(quizResultToTerminal(result, colourFor()));
}

type PackOptions = OptionsOf<'masterclass pack'>;

/** What a session pack holds, as (path inside the folder, contents). */
export function packFiles(module: LoadedMasterclass, toolkit: Toolkit): { path: string; data: string | Uint8Array }[] {
  const m = module.value;
  const files: { path: string; data: string | Uint8Array }[] = [
    { path: 'handout.html', data: handoutHtml(m, toolkit) },
    { path: 'handout.md', data: handoutMarkdown(m, toolkit) },
    { path: 'facilitator-notes.md', data: facilitatorNotesMarkdown(m, toolkit) },
    { path: 'quiz-answers.yaml', data: quizAnswersTemplate(m) },
  ];
  for (const file of moduleDataFiles(m)) {
    const source = resolveDataFile(module, file);
    if (!source) throw new InputError(module.source.file, `exercise data file ${file} is missing; run \`ptk toolkit validate\``);
    files.push({ path: `data/${file}`, data: readFileSync(source) });
  }
  return files;
}

export async function pack(id: string, options: PackOptions): Promise<void> {
  const { toolkit, modules } = load(options);
  const module = findModule(modules, id);
  const dir = options.out;
  checkOutputDir(dir, options.force);
  const files = packFiles(module, toolkit);
  // resolve every target first, so nothing is written if any would land outside the folder
  const targets = files.map((f) => ({ ...f, target: insideDir(dir, f.path) }));
  for (const file of targets) await writeFileAtomic(file.target, file.data, { force: true });
  info(`Wrote a session pack for "${module.value.title}" to ${dir}: ${files.length} files (${targets.filter((f) => f.path.startsWith('data/')).length} in ${join(dir, 'data')}).`);
}
