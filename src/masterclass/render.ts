/**
 * Pure renderers for masterclass modules: the participants' handout (Markdown, and HTML built from the
 * same blocks, printable on A4), the facilitator's notes with the quiz answers, the quiz-answers
 * template, the terminal view for `show` and the quiz result.
 */
import type { ChalkInstance } from 'chalk';
import { escapeHtml, htmlPage } from '../lib/html.js';
import { markdownToHtml } from '../lib/markdown.js';
import { markdownToTerminal } from '../lib/terminal-markdown.js';
import type { Toolkit } from '../toolkit/load.js';
import { stageNames } from '../toolkit/render.js';
import type { CaseStudy, Technique } from '../toolkit/schema.js';
import { optionLetter, type Comparison, type GroupResult, type QuizResult } from './quiz.js';
import type { Exercise, Masterclass } from './schema.js';

const DIFFICULTY_LABEL = { introductory: 'Introductory', intermediate: 'Intermediate', advanced: 'Advanced' } as const;
const ROLE_LABEL = {
  policy: 'policy',
  comms: 'communications',
  stakeholder: 'stakeholder engagement',
  'customer-service': 'customer service',
  leadership: 'leadership',
} as const;

/** Every distinct data file of a module, in exercise order. */
export function moduleDataFiles(module: Masterclass): string[] {
  return [...new Set(module.exercises.flatMap((e) => e.data))];
}

/** One line of Markdown from data text, so a value cannot start a new block. */
function oneLine(text: string): string {
  return text.trim().replace(/\s*\n\s*/g, ' ');
}

function cell(text: string): string {
  return oneLine(text).replace(/\|/g, '\\|');
}

function bullets(items: readonly string[]): string {
  return items.map((item) => `- ${oneLine(item)}`).join('\n');
}

function numbered(items: readonly string[]): string {
  return items.map((item, i) => `${i + 1}. ${oneLine(item)}`).join('\n');
}

/** 90 -> "1 hour 30 minutes" */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts = [hours > 0 ? `${hours} hour${hours === 1 ? '' : 's'}` : '', rest > 0 ? `${rest} minute${rest === 1 ? '' : 's'}` : ''];
  return parts.filter(Boolean).join(' ');
}

/** Minutes from the start as h:mm. */
export function clock(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

export interface TimedSection {
  start: number;
  end: number;
  minutes: number;
  title: string;
  activity: string;
}

export function timedRunSheet(module: Masterclass): TimedSection[] {
  let start = 0;
  return module.run_sheet.map((item) => {
    const section = { start, end: start + item.minutes, minutes: item.minutes, title: item.title, activity: item.activity };
    start += item.minutes;
    return section;
  });
}

export function audienceLabel(module: Masterclass): string {
  return module.audience.map((r) => ROLE_LABEL[r]).join(', ');
}

export function moduleFacts(module: Masterclass): [string, string][] {
  return [
    ['For', `${audienceLabel(module)} staff`],
    ['Level', DIFFICULTY_LABEL[module.difficulty]],
    ['Length', formatDuration(module.duration_minutes)],
    ['Group size', `up to ${module.max_participants} participants`],
    ['Trainers', String(module.trainers_needed)],
  ];
}

function linkedTechniques(module: Masterclass, toolkit: Toolkit): Technique[] {
  return module.techniques.map((id) => toolkit.techniques.get(id)?.value).filter((t): t is Technique => t !== undefined);
}

function linkedCaseStudies(module: Masterclass, toolkit: Toolkit): CaseStudy[] {
  return module.case_studies.map((id) => toolkit.caseStudies.get(id)?.value).filter((c): c is CaseStudy => c !== undefined);
}

function figure(value: number | string): string {
  return typeof value === 'number' ? value.toLocaleString('en-GB') : value;
}

/** A block of the handout; in HTML each becomes a <section>, optionally starting a new printed page. */
interface Block {
  kind: string;
  markdown: string;
  pageBreak?: boolean;
}

function runSheetTable(module: Masterclass): string {
  const rows = timedRunSheet(module).map((s) => `| ${clock(s.start)}–${clock(s.end)} | ${s.minutes} | ${cell(s.title)} | ${cell(s.activity)} |`);
  return ['| Time | Minutes | Section | What happens |', '| --- | ---: | --- | --- |', ...rows].join('\n');
}

function exerciseMarkdown(exercise: Exercise, number: number): string {
  const parts = [`### Exercise ${number}: ${oneLine(exercise.title)}`, '', exercise.brief.trim(), '', '**Steps**', '', numbered(exercise.steps)];
  if (exercise.commands.length > 0) {
    parts.push('', '**Commands**', '', '```sh', ...exercise.commands.map((c) => oneLine(c)), '```');
  }
  if (exercise.data.length > 0) {
    parts.push('', '**Files**', '', bullets(exercise.data.map((d) => `\`${d}\``)));
  }
  return parts.join('\n');
}

function handoutBlocks(module: Masterclass, toolkit: Toolkit): Block[] {
  const blocks: Block[] = [];
  const facts = ['| | |', '| --- | --- |', ...moduleFacts(module).map(([k, v]) => `| ${k} | ${cell(v)} |`)].join('\n');
  blocks.push({ kind: 'intro', markdown: [`# ${oneLine(module.title)}`, '', `_${oneLine(module.summary)}_`, '', facts].join('\n') });
  blocks.push({ kind: 'outcomes', markdown: ['## By the end of the session you will be able to', '', bullets(module.learning_outcomes)].join('\n') });
  if (module.resources.length > 0) {
    blocks.push({ kind: 'resources', markdown: ['## What you need', '', bullets(module.resources)].join('\n') });
  }
  blocks.push({ kind: 'run-sheet', markdown: ['## Run sheet', '', runSheetTable(module)].join('\n') });
  module.exercises.forEach((exercise, i) => {
    const heading = i === 0 ? ['## Exercises', '', 'Run the commands from the folder where `ptk` is installed, or from the `data/` folder of a session pack, which holds the same files.', ''] : [];
    blocks.push({ kind: 'exercise', pageBreak: i === 0, markdown: [...heading, exerciseMarkdown(exercise, i + 1)].join('\n') });
  });
  const techniques = linkedTechniques(module, toolkit);
  techniques.forEach((t, i) => {
    const heading = i === 0 ? ['## Techniques to read', '', 'From the toolkit. See any of them in full with `ptk techniques show <id>`.', ''] : [];
    // one paragraph each, so techniques and case studies share a printed page
    const lines = [`**${oneLine(t.name)}** (\`${t.id}\`, ${stageNames(toolkit, t).join('; ')}): ${oneLine(t.summary)}`];
    blocks.push({ kind: 'technique', pageBreak: i === 0, markdown: [...heading, ...lines].join('\n') });
  });
  linkedCaseStudies(module, toolkit).forEach((c, i) => {
    const heading = i === 0 ? ['## Case studies', ''] : [];
    const lines = [`**${oneLine(c.title)}** (_${oneLine(c.organisation)}${c.year ? `, ${c.year}` : ''}_): ${oneLine(c.summary)}`];
    if (c.figures.length > 0) lines.push('', c.figures.map((f) => `${oneLine(f.label)}: **${figure(f.value)}**`).join('; ') + '.');
    if (c.lessons.length > 0) lines.push('', `Lesson: ${oneLine(c.lessons[0]!)}`);
    blocks.push({ kind: 'case-study', markdown: [...heading, ...lines].join('\n') });
  });
  module.quiz.forEach((q, i) => {
    const heading =
      i === 0 ? ['## Check your understanding', '', `Choose one answer for each question. Your trainer has the answers, or take the quiz with \`ptk masterclass quiz ${module.id}\`.`, ''] : [];
    const lines = [`**${i + 1}. ${oneLine(q.question)}**`, '', q.options.map((o, j) => `- ${optionLetter(j)}. ${oneLine(o)}`).join('\n')];
    blocks.push({ kind: 'quiz-question', pageBreak: i === 0, markdown: [...heading, ...lines].join('\n') });
  });
  return blocks;
}

export function handoutMarkdown(module: Masterclass, toolkit: Toolkit): string {
  const body = handoutBlocks(module, toolkit).map((b) => b.markdown).join('\n\n');
  return `${body}\n\n---\n\n_Handout for the masterclass \`${module.id}\` from the policy toolkit (\`ptk masterclass handout ${module.id}\`)._\n`;
}

/** Print layout: A4 pages, exercises, techniques and the quiz each start a page, blocks never split. */
export const HANDOUT_CSS = `
@page { size: A4; margin: 10mm 12mm 11mm; }
.intro table th:first-child, .intro table td:first-child { width: 10rem; color: var(--muted); }
.intro table thead { display: none; }
pre { background: var(--bg-soft); padding: .6rem .8rem; overflow-x: auto; white-space: pre-wrap; overflow-wrap: break-word; }
section { margin: 0 0 1.25rem; }
section.exercise, section.technique, section.case-study, section.quiz-question { border-top: 1px solid var(--line); padding-top: .5rem; }
.run-sheet td:first-child { white-space: nowrap; }
footer { margin-top: 2rem; font-size: .9em; }
@media print {
  body { font-size: 9pt; line-height: 1.3; }
  pre { padding: .3rem .5rem; margin: .25rem 0; }
  h1 { font-size: 17pt; } h2 { font-size: 12.5pt; margin: .6rem 0 .3rem; } h3 { font-size: 10.5pt; margin: .4rem 0 .2rem; }
  p, ul, ol { margin: .25rem 0; }
  section { margin: 0 0 .5rem; }
  table { margin: .4rem 0; } th, td { padding: .15rem .35rem; }
  section.technique, section.case-study, section.quiz-question { border-top: 0; padding-top: 0; }
  section.quiz-question ul { columns: 2; column-gap: 1.5rem; list-style: none; padding-left: .5rem; }
  .page-break { break-before: page; page-break-before: always; }
  section.exercise, section.technique, section.case-study, section.quiz-question, .run-sheet table { break-inside: avoid; page-break-inside: avoid; }
  pre { border: 1px solid var(--line); }
  h1 { margin-top: 0; }
}
`;

export function handoutHtml(module: Masterclass, toolkit: Toolkit): string {
  const sections = handoutBlocks(module, toolkit)
    .map((b) => `<section class="${b.kind}${b.pageBreak ? ' page-break' : ''}">\n${markdownToHtml(b.markdown)}</section>`)
    .join('\n');
  const body = `<main>\n${sections}\n</main>\n<footer class="muted"><p>Handout for the masterclass <code>${escapeHtml(module.id)}</code> from the policy toolkit.</p></footer>`;
  return htmlPage({ title: `${module.title}: handout`, body, css: HANDOUT_CSS });
}

/** The trainer's copy: timings, notes, what each exercise should show and the quiz answers. */
export function facilitatorNotesMarkdown(module: Masterclass, toolkit: Toolkit): string {
  const parts: string[] = [`# Facilitator notes: ${oneLine(module.title)}`, '', `_${oneLine(module.summary)}_`, ''];
  parts.push(bullets(moduleFacts(module).map(([k, v]) => `${k}: ${v}`)), '');
  parts.push('## Notes for the facilitator', '', bullets(module.facilitator_notes), '');
  if (module.resources.length > 0) parts.push('## Prepare', '', bullets(module.resources), '');
  const data = moduleDataFiles(module);
  if (data.length > 0) {
    parts.push('Check before the session that every participant can run `ptk --version` and open these files:', '', bullets(data.map((d) => `\`${d}\``)), '');
  }
  parts.push('## Timings', '', bullets(timedRunSheet(module).map((s) => `**${clock(s.start)}–${clock(s.end)} ${oneLine(s.title)}** (${s.minutes} min): ${oneLine(s.activity)}`)), '');
  parts.push('## Exercises', '');
  module.exercises.forEach((exercise, i) => {
    parts.push(`### Exercise ${i + 1}: ${oneLine(exercise.title)}`, '', exercise.brief.trim(), '');
    if (exercise.commands.length > 0) parts.push('```sh', ...exercise.commands.map((c) => oneLine(c)), '```', '');
    if (exercise.look_for.length > 0) parts.push('What participants should find:', '', bullets(exercise.look_for), '');
  });
  const techniques = linkedTechniques(module, toolkit);
  if (techniques.length > 0) parts.push('## Linked techniques', '', bullets(techniques.map((t) => `${t.name} (\`${t.id}\`): ${t.summary}`)), '');
  const studies = linkedCaseStudies(module, toolkit);
  if (studies.length > 0) parts.push('## Linked case studies', '', bullets(studies.map((c) => `${c.title} (\`${c.id}\`)`)), '');
  parts.push('## Quiz answers', '');
  module.quiz.forEach((q, i) => {
    const answer = q.options.indexOf(q.answer);
    parts.push(`**${i + 1}. ${oneLine(q.question)}** (\`${q.id}\`)`, '');
    parts.push(q.options.map((o, j) => `- ${optionLetter(j)}. ${oneLine(o)}${j === answer ? ' **(correct)**' : ''}`).join('\n'), '');
    parts.push(`Answer: **${optionLetter(answer)}**. ${oneLine(q.explanation)}`, '');
  });
  return `${parts.join('\n').trimEnd()}\n`;
}

/** A YAML answers file to fill in: one key per question number, options in comments. */
export function quizAnswersTemplate(module: Masterclass): string {
  const lines = [
    `# Quiz answers for "${oneLine(module.title)}".`,
    '# After each question number, put the letter of your answer (A, B, ...). Then run:',
    `#   ptk masterclass quiz ${module.id} --answers quiz-answers.yaml`,
    '# A question left blank counts as not answered. For a group, one file each:',
    `#   ptk masterclass quiz ${module.id} --answers asha.yaml ben.yaml ... (add --before FILES to compare)`,
    '# The letters are in the order printed here (the handout\'s). If you took the quiz with',
    '# shuffled options, put its seed after seed: so the letters are read in that order.',
    '',
    'name:',
    'seed:',
  ];
  module.quiz.forEach((q, i) => {
    lines.push('', `# ${i + 1}. ${oneLine(q.question)}`);
    q.options.forEach((o, j) => lines.push(`#    ${optionLetter(j)}. ${oneLine(o)}`));
    lines.push(`${i + 1}:`);
  });
  return `${lines.join('\n')}\n`;
}

/** `ptk masterclass show` in a terminal. */
export function moduleToTerminal(module: Masterclass, toolkit: Toolkit, chalk: ChalkInstance): string {
  const facts = moduleFacts(module);
  const width = Math.max(...facts.map(([k]) => k.length));
  const factLines = facts.map(([k, v]) => `  ${chalk.dim(k.padEnd(width))}  ${v}`).join('\n');
  const md: string[] = ['## Learning outcomes', '', bullets(module.learning_outcomes), '', '## Run sheet', ''];
  md.push(bullets(timedRunSheet(module).map((s) => `\`${clock(s.start)}\` **${oneLine(s.title)}** (${s.minutes} min): ${oneLine(s.activity)}`)), '');
  md.push('## Exercises', '');
  module.exercises.forEach((e, i) => {
    md.push(`${i + 1}. **${oneLine(e.title)}**: ${oneLine(e.brief)}`);
  });
  md.push('');
  const techniques = linkedTechniques(module, toolkit);
  md.push('## Techniques', '', bullets(techniques.map((t) => `${t.name} (\`${t.id}\`)`)), '');
  const studies = linkedCaseStudies(module, toolkit);
  if (studies.length > 0) md.push('## Case studies', '', bullets(studies.map((c) => `${c.title} (\`${c.id}\`)`)), '');
  const title = chalk.bold.underline(module.title);
  const hints = [
    `Handout: ptk masterclass handout ${module.id} -o ${module.id}.html`,
    `Quiz:    ptk masterclass quiz ${module.id}   (${module.quiz.length} questions)`,
    `Pack:    ptk masterclass pack ${module.id} -o ${module.id}-pack`,
  ];
  return `${title} ${chalk.dim(`[${module.id}]`)}\n${markdownToTerminal(oneLine(module.summary), chalk)}\n\n${factLines}\n${markdownToTerminal(md.join('\n'), chalk)}\n\n${hints.map((h) => chalk.dim(h)).join('\n')}\n`;
}

export function quizResultToTerminal(result: QuizResult, chalk: ChalkInstance): string {
  const blanks = result.not_answered.length > 0 ? `; ${result.not_answered.length} not answered` : '';
  const lines: string[] = [chalk.bold(`${result.title}: ${result.score} of ${result.total} correct (${result.percent}%)${blanks}`)];
  if (result.seed !== null) lines.push(chalk.dim(`Options in the order of seed ${result.seed}.`));
  lines.push('');
  for (const q of result.questions) {
    const mark = q.correct ? chalk.green('✔ right') : q.chosen === null ? chalk.yellow('– not answered') : chalk.red('✘ wrong');
    lines.push(`${mark}  ${chalk.bold(`${q.number}. ${q.question}`)}`);
    lines.push(q.chosen === null ? '   Your answer: (blank)' : `   Your answer: ${q.chosen_letter}. ${q.chosen}`);
    if (!q.correct) lines.push(`   Correct answer: ${q.answer_letter}. ${q.answer}`);
    lines.push(`   ${chalk.dim(q.explanation.trim().replace(/\s*\n\s*/g, ' '))}`, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** A group's scores, and the change since the earlier answers when there are any. */
export function groupResultToTerminal(group: GroupResult, comparison: Comparison | undefined, chalk: ChalkInstance): string {
  const lines = [chalk.bold(`${group.title}: ${group.count} people, mean ${group.mean_percent}% correct`), ''];
  for (const p of group.people) lines.push(`  ${p.name}: ${p.score} of ${p.total} (${p.percent}%)${p.not_answered.length > 0 ? `, ${p.not_answered.length} not answered` : ''}`);
  lines.push('', chalk.bold('By question (right / wrong / not answered)'));
  for (const q of group.questions) {
    const change = comparison?.questions[q.number - 1];
    lines.push(`  ${q.number}. ${q.correct} / ${q.wrong} / ${q.not_answered}  ${q.percent_correct}% right${change ? ` (before ${change.before}%, ${change.change >= 0 ? '+' : ''}${change.change} points)` : ''}  ${chalk.dim(oneLine(q.question))}`);
  }
  if (comparison) {
    lines.push('', chalk.bold(`Before: ${comparison.before.count} people, mean ${comparison.before.mean_percent}%. After: ${comparison.after.count} people, mean ${comparison.after.mean_percent}% (${comparison.change >= 0 ? '+' : ''}${comparison.change} points).`));
    for (const p of comparison.paired) lines.push(`  ${p.name}: ${p.before}% -> ${p.after}% (${p.change >= 0 ? '+' : ''}${p.change})`);
  }
  return `${lines.join('\n')}\n`;
}
