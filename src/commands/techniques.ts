import type { OptionsOf } from '../command-table.js';
import { UsageError } from '../errors.js';
import { writeToFileOrStdout } from '../lib/fs.js';
import { colourFor, info, print, printJson, table } from '../lib/output.js';
import { closest } from '../lib/suggest.js';
import { loadToolkit, techniqueList, type Toolkit } from '../toolkit/load.js';
import { techniqueToHtml, techniqueToMarkdown, techniqueToTerminal } from '../toolkit/render.js';
import type { Stage, Technique } from '../toolkit/schema.js';
import { searchTechniques } from '../toolkit/search.js';

/** Accepts 1-4, a stage id ("engaging") or a stage name ("Engaging stakeholders"). */
export function resolveStage(toolkit: Toolkit, input: string): Stage {
  const wanted = input.trim().toLowerCase();
  const stage = toolkit.stages.find(
    (s) => String(s.number) === wanted || s.id === wanted || s.name.toLowerCase() === wanted,
  );
  if (!stage) {
    const known = toolkit.stages.map((s) => `${s.number} (${s.id})`).join(', ');
    throw new UsageError(`unknown stage "${input}": use one of ${known}.`);
  }
  return stage;
}

export function resolveActivity(toolkit: Toolkit, input: string): string {
  const ids = toolkit.stages.flatMap((s) => s.activities.map((a) => a.id));
  if (ids.includes(input)) return input;
  const byName = toolkit.stages.flatMap((s) => s.activities).find((a) => a.name.toLowerCase() === input.toLowerCase());
  if (byName) return byName.id;
  throw new UsageError(`unknown activity "${input}": use one of ${ids.join(', ')}.`);
}

export function findTechnique(toolkit: Toolkit, id: string): Technique {
  const entry = toolkit.techniques.get(id);
  if (entry) return entry.value;
  const suggestions = closest(id, toolkit.techniques.keys());
  const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.join(', ')}?` : ' Run `ptk techniques list` to see them all.';
  throw new UsageError(`no technique with id "${id}".${hint}`);
}

type ListOptions = OptionsOf<'techniques list'>;

export async function list(options: ListOptions): Promise<void> {
  const toolkit = loadToolkit(options.toolkit);
  const stage = options.stage === undefined ? undefined : resolveStage(toolkit, options.stage);
  const activity = options.activity === undefined ? undefined : resolveActivity(toolkit, options.activity);
  const techniques = techniqueList(toolkit).filter(
    (t) => (!stage || t.stages.includes(stage.number)) && (!activity || t.activities.includes(activity)),
  );
  if (options.json) {
    printJson(
      techniques.map((t) => ({
        id: t.id,
        name: t.name,
        summary: t.summary,
        stages: t.stages,
        activities: t.activities,
        mode: t.mode,
        cost: t.cost,
        lead_time_weeks: t.lead_time_weeks,
        skills: t.skills,
        reach: t.reach,
      })),
    );
    return;
  }
  const chalk = colourFor();
  const rows = techniques.map((t) => [t.id, t.name, t.stages.join(','), t.cost, `${t.lead_time_weeks}w`, t.mode]);
  print(table(['ID', 'NAME', 'STAGES', 'COST', 'LEAD', 'MODE'], rows, chalk));
  const scope = [stage && `stage ${stage.number}`, activity && `activity ${activity}`].filter(Boolean).join(', ');
  print(chalk.dim(`\n${techniques.length} technique${techniques.length === 1 ? '' : 's'}${scope ? ` for ${scope}` : ''}. Details: ptk techniques show <id>`));
}

type ShowOptions = OptionsOf<'techniques show'>;

export async function show(id: string, options: ShowOptions): Promise<void> {
  const toolkit = loadToolkit(options.toolkit);
  const technique = findTechnique(toolkit, id);
  if (options.json) {
    printJson(technique);
    return;
  }
  const text =
    options.format === 'html'
      ? techniqueToHtml(toolkit, technique)
      : options.format === 'markdown'
        ? techniqueToMarkdown(toolkit, technique)
        : techniqueToTerminal(toolkit, technique, options.out ? colourFor({ isTTY: false } as NodeJS.WriteStream) : colourFor());
  await writeToFileOrStdout(text, options.out, options.force, info);
}

type SearchOptions = OptionsOf<'techniques search'>;

export async function search(words: string[], options: SearchOptions): Promise<void> {
  const toolkit = loadToolkit(options.toolkit);
  const query = words.join(' ');
  const hits = searchTechniques(techniqueList(toolkit), query).slice(0, options.top);
  if (options.json) {
    printJson(hits.map((h) => ({ id: h.technique.id, name: h.technique.name, score: Number(h.score.toFixed(3)), matched: h.matched, summary: h.technique.summary })));
    return;
  }
  const chalk = colourFor();
  if (hits.length === 0) {
    print(`No techniques match "${query}". Try fewer or broader words, or ptk techniques list.`);
    return;
  }
  hits.forEach((hit, i) => {
    print(`${chalk.dim(String(i + 1).padStart(2))}. ${chalk.bold(hit.technique.name)} ${chalk.dim(`[${hit.technique.id}]`)} ${chalk.dim(hit.score.toFixed(2))}`);
    print(`    ${hit.technique.summary}`);
  });
}
