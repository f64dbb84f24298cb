/**
 * Scenario files (toolkit/scenarios/*.yaml in the built-in toolkit and any overlay) and response
 * scripts. Problems carry file:line; an overlay scenario with the same id replaces the built-in one.
 */
import { join } from 'node:path';
import { InputError, ProblemsError, UsageError } from '../errors.js';
import { closest } from '../lib/suggest.js';
import { loadCollection, type Entry, type Toolkit } from '../toolkit/load.js';
import { checkSchema, displayPath, formatProblem, locate, readYaml, type ParsedYaml, type Problem } from '../toolkit/yaml-file.js';
import { scenarioSchema, scriptSchema, type Scenario } from './schema.js';

export const SCENARIOS_FOLDER = 'scenarios';

/** Checks that need the whole scenario: injects in time order, inside the duration, unique ids. */
export function checkScenarioContent(scenario: Scenario, parsed: ParsedYaml, problems: Problem[]): void {
  const at = (path: (string | number)[], message: string): Problem => ({ file: parsed.file, line: locate(parsed, path), field: path.join('.'), message });
  const seen = new Map<string, number>();
  scenario.injects.forEach((inject, i) => {
    const previous = scenario.injects[i - 1];
    if (previous && inject.at < previous.at) {
      problems.push(at(['injects', i, 'at'], `minute ${inject.at} comes before the previous inject (minute ${previous.at}); keep injects in time order`));
    }
    if (inject.at > scenario.duration_minutes) {
      problems.push(at(['injects', i, 'at'], `minute ${inject.at} is after the end of the scenario (duration_minutes: ${scenario.duration_minutes})`));
    }
    const first = seen.get(inject.id);
    if (first !== undefined) problems.push(at(['injects', i, 'id'], `duplicate inject id "${inject.id}", also used by inject ${first + 1}`));
    else seen.set(inject.id, i);
  });
  if (!scenario.injects.some((inject) => inject.expects_response)) {
    problems.push(at(['injects'], 'no inject expects a response: mark at least one with expects_response: true'));
  }
}

/** Every scenario in `folders`, checked; later folders replace earlier ones with the same id. */
export function readScenarios(folders: string[], problems: Problem[]): Map<string, Entry<Scenario>> {
  const merged = new Map<string, Entry<Scenario>>();
  for (const folder of folders) {
    // one folder at a time, so duplicate ids are reported within a folder and every file is checked
    const entries = loadCollection([folder], SCENARIOS_FOLDER, scenarioSchema, problems);
    for (const [id, entry] of entries) {
      checkScenarioContent(entry.value, entry.source.parsed, problems);
      merged.set(id, entry);
    }
  }
  return merged;
}

/** The ExtraCheck for `ptk toolkit validate`. */
export function checkScenarios(folders: string[], _toolkit: Toolkit, problems: Problem[]): void {
  readScenarios(folders, problems);
}

export interface LoadedScenario {
  scenario: Scenario;
  /** Display path of the file it came from. */
  file: string;
}

/** One scenario by id; any problem in the scenario files stops here (exit 2), an unknown id suggests close ones. */
export function loadScenario(folders: string[], id: string): LoadedScenario {
  const problems: Problem[] = [];
  const scenarios = readScenarios(folders, problems);
  if (problems.length > 0) {
    throw new ProblemsError(
      problems.map(formatProblem),
      `ptk: the scenario files have ${problems.length} problem${problems.length === 1 ? '' : 's'}; run \`ptk toolkit validate\` on the folder named above.`,
    );
  }
  const entry = scenarios.get(id);
  if (entry) return { scenario: entry.value, file: entry.source.file };
  const ids = [...scenarios.keys()].sort();
  if (ids.length === 0) throw new UsageError(`no scenario with id "${id}": the toolkit has no scenarios (${join('toolkit', SCENARIOS_FOLDER)}/*.yaml).`);
  const near = closest(id, ids);
  const hint = near.length > 0 ? `Did you mean ${near.join(', ')}?` : `The scenarios are ${ids.join(', ')}.`;
  throw new UsageError(`no scenario with id "${id}". ${hint}`);
}

/** A scripted response placed in simulated time. */
export interface ScriptedResponse {
  /** Simulated seconds from the start. */
  at: number;
  text: string;
  /** Where it came from, for messages. */
  line?: number;
}

function problemsToError(problems: Problem[]): Error {
  if (problems.length === 1) {
    const line = formatProblem(problems[0]!);
    const cut = line.indexOf(': ');
    return new InputError(line.slice(0, cut), line.slice(cut + 2));
  }
  return new ProblemsError(problems.map(formatProblem), `ptk: the script has ${problems.length} problems; fix them and run again.`);
}

/**
 * Read a --script file: a YAML list of `{at: minutes, text}` or `{after_inject: id, delay_minutes, text}`.
 * Returns the responses in simulated time order (file order for equal times).
 */
export function readScript(path: string, scenario: Scenario): ScriptedResponse[] {
  const { parsed, problems } = readYaml(path);
  if (!parsed) throw problemsToError(problems);
  if (parsed.data === null || parsed.data === undefined) throw new InputError(displayPath(path), 'the script is empty: list responses with at: or after_inject:, and text:.');
  if (!Array.isArray(parsed.data)) {
    throw new InputError(`${parsed.file}:${locate(parsed, [])}`, 'a script is a list of responses, each with at: (minutes) or after_inject: (an inject id), and text:.');
  }
  const { value, problems: invalid } = checkSchema(parsed, scriptSchema);
  if (!value) throw problemsToError(invalid);
  const injects = new Map(scenario.injects.map((inject) => [inject.id, inject]));
  const end = scenario.duration_minutes;
  const out: ScriptedResponse[] = [];
  const found: Problem[] = [];
  value.forEach((entry, i) => {
    let minute: number;
    if (entry.after_inject !== undefined) {
      const inject = injects.get(entry.after_inject);
      if (!inject) {
        const near = closest(entry.after_inject, injects.keys());
        const hint = near.length > 0 ? `did you mean ${near.join(', ')}?` : `the injects are ${[...injects.keys()].join(', ')}`;
        found.push({ file: parsed.file, line: locate(parsed, [i, 'after_inject']), field: `${i}.after_inject`, message: `no inject "${entry.after_inject}" in scenario ${scenario.id}; ${hint}` });
        return;
      }
      minute = inject.at + (entry.delay_minutes ?? 0);
    } else {
      minute = entry.at!;
    }
    if (minute > end) {
      const field = entry.after_inject !== undefined ? 'delay_minutes' : 'at';
      found.push({ file: parsed.file, line: locate(parsed, [i, field]), field: `${i}.${field}`, message: `minute ${minute} is after the end of scenario ${scenario.id} (${end} minutes)` });
      return;
    }
    out.push({ at: Math.round(minute * 60), text: entry.text, line: locate(parsed, [i]) });
  });
  if (found.length > 0) throw problemsToError(found);
  // a stable sort keeps file order for responses at the same moment
  return out.map((r, i) => ({ r, i })).sort((a, b) => a.r.at - b.r.at || a.i - b.i).map(({ r }) => r);
}
