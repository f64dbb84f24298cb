/**
 * Scenario files (toolkit/scenarios/*.yaml in the built-in toolkit and any overlay) and response
 * scripts. Problems carry file:line; an overlay scenario with the same id replaces the built-in one.
 */
import { join } from 'node:path';
import { InputError, ProblemsError, UsageError } from '../errors.js';
import { closest } from '../lib/suggest.js';
import { loadCollection, type Entry, type Toolkit } from '../toolkit/load.js';
import { checkSchema, displayPath, formatProblem, locate, readYaml, type ParsedYaml, type Problem } from '../toolkit/yaml-file.js';
import type { RoleAssignment } from './engine.js';
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
  (scenario.reserve_injects ?? []).forEach((inject, i) => {
    const first = seen.get(inject.id);
    if (first !== undefined) problems.push(at(['reserve_injects', i, 'id'], `duplicate inject id "${inject.id}", also used by inject ${first + 1}`));
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
  /** The inject it answers (reply_to, else after_inject); the latest waiting when absent. */
  injectId?: string;
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
  const unknown = (i: number, field: 'after_inject' | 'reply_to', name: string): void => {
    const near = closest(name, injects.keys());
    const hint = near.length > 0 ? `did you mean ${near.join(', ')}?` : `the injects are ${[...injects.keys()].join(', ')}`;
    found.push({ file: parsed.file, line: locate(parsed, [i, field]), field: `${i}.${field}`, message: `no inject "${name}" in scenario ${scenario.id}; ${hint}` });
  };
  value.forEach((entry, i) => {
    let minute: number;
    if (entry.after_inject !== undefined) {
      const inject = injects.get(entry.after_inject);
      if (!inject) return unknown(i, 'after_inject', entry.after_inject);
      minute = inject.at + (entry.delay_minutes ?? 0);
    } else {
      minute = entry.at!;
    }
    const answers = entry.reply_to ?? entry.after_inject;
    if (entry.reply_to !== undefined) {
      const inject = injects.get(entry.reply_to);
      if (!inject) return unknown(i, 'reply_to', entry.reply_to);
      if (inject.at > minute) {
        found.push({ file: parsed.file, line: locate(parsed, [i, 'reply_to']), field: `${i}.reply_to`, message: `this reply comes at minute ${minute}, before inject "${inject.id}" arrives (minute ${inject.at})` });
        return;
      }
    }
    if (minute > end) {
      const field = entry.after_inject !== undefined ? 'delay_minutes' : 'at';
      found.push({ file: parsed.file, line: locate(parsed, [i, field]), field: `${i}.${field}`, message: `minute ${minute} is after the end of scenario ${scenario.id} (${end} minutes)` });
      return;
    }
    out.push({ at: Math.round(minute * 60), text: entry.text, ...(answers === undefined ? {} : { injectId: answers }), line: locate(parsed, [i]) });
  });
  if (found.length > 0) throw problemsToError(found);
  // a stable sort keeps file order for responses at the same moment
  return out.map((r, i) => ({ r, i })).sort((a, b) => a.r.at - b.r.at || a.i - b.i).map(({ r }) => r);
}

/**
 * Read a --roles file: a YAML map of role name to who plays it, e.g. `Duty press officer: Asha`.
 * Every role of the scenario is listed in the result, unnamed ones with an empty player.
 */
export function readRoles(path: string, scenario: Scenario): RoleAssignment[] {
  const { parsed, problems } = readYaml(path);
  if (!parsed) throw problemsToError(problems);
  const data = parsed.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError(`${parsed.file}:${locate(parsed, []) ?? 1}`, `list who plays each role as "role: name", e.g. "${scenario.roles[0]!.name}: Asha".`);
  }
  const names = scenario.roles.map((r) => r.name);
  const given = new Map<string, string>();
  for (const [role, player] of Object.entries(data as Record<string, unknown>)) {
    const where = `${parsed.file}:${locate(parsed, [role]) ?? 1}`;
    if (!names.includes(role)) {
      const near = closest(role, names);
      throw new InputError(where, `no role "${role}" in scenario ${scenario.id}; ${near.length > 0 ? `did you mean ${near.join(', ')}?` : `the roles are ${names.join(', ')}`}`);
    }
    if (typeof player !== 'string') throw new InputError(where, `give the name of who plays ${role} as text.`);
    given.set(role, player.trim());
  }
  return names.map((role) => ({ role, player: given.get(role) ?? '' }));
}
