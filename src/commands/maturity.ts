/** `ptk maturity`: the self-assessment, from an answers file, prompts, or both. */
import { z } from 'zod';
import type { OptionsOf } from '../command-table.js';
import { InputError, UsageError } from '../errors.js';
import { STDOUT, writeFileAtomic } from '../lib/fs.js';
import { colourFor, info, printJson } from '../lib/output.js';
import { assess, loadMaturityModel, type MaturityModel } from '../maturity/model.js';
import { maturityToMarkdown, maturityToTerminal } from '../maturity/report.js';
import { canPrompt, prompter } from '../prompts.js';
import { loadToolkit } from '../toolkit/load.js';
import { checkSchema, formatProblem, locate, readYaml } from '../toolkit/yaml-file.js';

type MaturityOptions = OptionsOf<'maturity'>;

const answersFileSchema = z.record(z.string(), z.number().int('answer with a whole level, 1 to 5').min(1, 'answer with a level from 1 to 5').max(5, 'answer with a level from 1 to 5'));

/** `question-id: level` pairs; unknown ids are named with their line. */
function readMaturityAnswers(path: string, model: MaturityModel): Record<string, number> {
  const { parsed, problems } = readYaml(path);
  const oneLine = (p: (typeof problems)[number]) => {
    const line = formatProblem(p);
    const cut = line.indexOf(': ');
    return new InputError(line.slice(0, cut), line.slice(cut + 2));
  };
  if (!parsed) throw oneLine(problems[0]!);
  if (parsed.data === null) return {};
  const { value, problems: invalid } = checkSchema(parsed, answersFileSchema);
  if (!value) throw oneLine(invalid[0]!);
  const known = new Set(model.dimensions.flatMap((d) => d.questions.map((q) => q.id)));
  for (const key of Object.keys(value)) {
    if (!known.has(key)) throw new InputError(`${parsed.file}:${locate(parsed, [key])}`, `${key}: unknown question; the questions are ${[...known].join(', ')}`);
  }
  return value;
}

export async function run(options: MaturityOptions): Promise<void> {
  const toolkit = loadToolkit(options.toolkit);
  const model = loadMaturityModel(toolkit.folders);
  const answers = options.answers ? readMaturityAnswers(options.answers, model) : {};
  const questions = model.dimensions.flatMap((d) => d.questions.map((q) => ({ ...q, dimension: d.name })));
  const missing = questions.filter((q) => answers[q.id] === undefined);
  if (missing.length > 0) {
    if (!canPrompt(options)) {
      throw new UsageError(`missing answer${missing.length === 1 ? '' : 's'} for ${missing.map((q) => q.id).join(', ')}: add them to the --answers file as question-id: level (1-5), or run in a terminal without --yes.`);
    }
    const prompt = prompter();
    for (const q of missing) {
      answers[q.id] = await prompt.select(
        `${q.dimension}: ${q.text}`,
        q.options.map((text, i) => ({ value: i + 1, name: `${i + 1}. ${text}` })),
      );
    }
  }
  const result = assess(model, answers, toolkit);
  if (options.out === STDOUT) {
    // the Markdown is what was asked for on standard output, in place of the terminal view
    if (options.json) throw new UsageError('--json and -o - both write to standard output: choose one.');
    process.stdout.write(maturityToMarkdown(result));
    return;
  }
  if (options.out) {
    await writeFileAtomic(options.out, maturityToMarkdown(result), { force: options.force });
    info(`Wrote ${options.out}`);
  }
  if (options.json) printJson(result);
  else process.stdout.write(maturityToTerminal(result, colourFor()));
}
