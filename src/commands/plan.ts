/** `ptk plan init | render | check` and `ptk consult check`. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { OptionsOf } from '../command-table.js';
import { FindingsError, UsageError } from '../errors.js';
import { insideDir, isEmptyDir, writeFileAtomic } from '../lib/fs.js';
import { colourFor, info, print, printJson } from '../lib/output.js';
import { readAnswers } from '../plan/answers.js';
import { readPlan } from '../plan/load.js';
import { checklistMarkdown, isUnedited, planToHtml, planToMarkdown, stampGenerated } from '../plan/render.js';
import { planToIcs } from '../plan/ics.js';
import { signOffDocx, signOffMarkdown, signOffSheet } from '../plan/sign-off.js';
import { planSchema } from '../plan/schema.js';
import { checkPlanAgainst, loadStandard, type StandardResult } from '../plan/standard.js';
import { loadCalendar } from '../plan/calendar.js';
import { rolesFrom } from '../plan/roles.js';
import { readTemplate, writePlanFolder } from '../plan/write.js';
import { prompter } from '../prompts.js';
import { parseYaml } from '../toolkit/yaml-file.js';
import { loadToolkit } from '../toolkit/load.js';

import { collectPlan, planFiles } from './wizard.js';

type InitOptions = OptionsOf<'plan init'>;

/** Scaffold DIR: from answers when given (never prompting), else the commented starter template. */
export async function init(dir: string, options: InitOptions): Promise<void> {
  const toolkit = loadToolkit(options.toolkit);
  if (!options.force && !isEmptyDir(dir)) throw new UsageError(`${dir} is not empty: pass --force to write into it, or choose another folder.`);
  let files: Record<string, string>;
  let hasConsultation = true;
  if (options.answers) {
    const answers = readAnswers(options.answers);
    const plan = await collectPlan({ toolkit, answers, interactive: false, prompt: prompter(), chalk: colourFor(process.stderr), say: info });
    files = planFiles(toolkit, plan, answers);
    hasConsultation = plan.consultation !== undefined;
  } else {
    const template = readTemplate('plan.yaml');
    const { parsed } = parseYaml(template, 'templates/plan/plan.yaml');
    const plan = planSchema.parse(parsed?.data);
    const standard = loadStandard(toolkit.folders);
    files = {
      'plan.yaml': template,
      'plan.md': stampGenerated(planToMarkdown(plan, toolkit), 'md'),
      'consultation-checklist.md': checklistMarkdown(standard, readTemplate('consultation-checklist.md')),
    };
  }
  await writePlanFolder(dir, files, options.force);
  info(`Wrote ${Object.keys(files).join(', ')} to ${dir}`);
  info(hasConsultation ? `Next: edit ${join(dir, 'plan.yaml')}, then ptk plan check ${dir}` : `Next: edit ${join(dir, 'plan.yaml')}, then ptk plan render ${dir} --format html   (no formal consultation, so no standard to check)`);
}

type RenderOptions = OptionsOf<'plan render'>;

const RENDERED = { markdown: 'plan.md', html: 'plan.html', ics: 'plan.ics' } as const;

export async function render(dir: string, options: RenderOptions): Promise<void> {
  const toolkit = loadToolkit(options.toolkit);
  const { plan } = readPlan(dir, toolkit);
  const name = RENDERED[options.format];
  const target = insideDir(dir, name);
  const content = options.format === 'html' ? stampGenerated(planToHtml(plan, toolkit), 'html') : options.format === 'ics' ? stampGenerated(planToIcs(plan, toolkit), 'ics') : stampGenerated(planToMarkdown(plan, toolkit), 'md');
  // regenerating is the point of the command, but a file edited by hand since ptk wrote it is kept
  if (!options.force && existsSync(target) && !isUnedited(readFileSync(target, 'utf8'))) {
    throw new UsageError(`${join(dir, name)} was edited since ptk wrote it: pass --force to replace it, or keep your edits in plan.yaml.`);
  }
  await writeFileAtomic(target, content, { force: true });
  info(`Wrote ${join(dir, name)}`);
}

type CheckOptions = OptionsOf<'plan check'>;

export function checkToTerminal(result: StandardResult, chalk = colourFor()): string {
  const mark = { pass: chalk.green('pass      '), fail: chalk.red('FAIL      '), 'not stated': chalk.yellow('not stated') } as const;
  const lines = [chalk.bold(`${result.plan} against the ${result.standard}`), ''];
  for (const r of result.results) {
    lines.push(`${mark[r.status]}  ${r.principle}  ${r.title}${r.required ? '' : chalk.dim(' (good practice)')}`);
    if (r.status !== 'pass') lines.push(`            ${chalk.dim(r.reason)}`);
  }
  const { pass, fail, notStated, requiredFailing } = result.counts;
  lines.push('', `${pass} pass, ${fail} fail, ${notStated} not stated.`);
  lines.push(
    result.passed
      ? chalk.green('Meets the minimum digital standard.')
      : chalk.red(`${requiredFailing} required criteri${requiredFailing === 1 ? 'on is' : 'a are'} not met (a required criterion that is not stated counts as not met).`),
  );
  return `${lines.join('\n')}\n`;
}

export async function check(dirOrPlanFile: string, options: CheckOptions): Promise<void> {
  const toolkit = loadToolkit(options.toolkit);
  const { plan, file } = readPlan(dirOrPlanFile, toolkit);
  if (!plan.consultation) {
    // the standard is for formal consultations; a plan without one has nothing to hold to it
    if (options.json) printJson({ standard: loadStandard(toolkit.folders).name, plan: file, applies: false, results: [], passed: true });
    else print(`${file} has no formal consultation (no consultation: section), so the minimum digital standard for consultations does not apply. Add one to check it (see docs/plan-schema.md).`);
    return;
  }
  const result = checkPlanAgainst(loadStandard(toolkit.folders), plan, file, { calendar: loadCalendar(toolkit.folders), roleOf: rolesFrom(toolkit.techniques) });
  if (options.format) {
    // the sheet is written whatever the result: a failing plan is exactly what the owner must see
    const sheet = signOffSheet(plan, result);
    const content = options.format === 'docx' ? await signOffDocx(sheet) : signOffMarkdown(sheet);
    if (options.out === '-') {
      process.stdout.write(content);
    } else {
      const target = options.out ?? join(dirname(file), options.format === 'docx' ? 'sign-off.docx' : 'sign-off.md');
      if (existsSync(target) && !options.force) throw new UsageError(`${target} exists: pass --force to replace it, or choose another file with --out.`);
      await writeFileAtomic(target, content, { force: true });
      info(`Wrote ${target}`);
    }
  }
  if (options.out === '-' && options.format) {
    // the sheet took standard output; the verdict is in it and in the exit code
  } else if (options.json) printJson({ ...result, applies: true });
  else print(checkToTerminal(result).trimEnd());
  // the report says what failed; with --json, stderr says it in one line too
  if (!result.passed) throw new FindingsError(options.json ? `${file}: does not meet the minimum digital standard.` : '');
}
