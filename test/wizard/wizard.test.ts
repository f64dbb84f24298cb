import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BUILTIN_TOOLKIT, loadToolkitFolders } from '../../src/toolkit/load.js';
import { BIN, ROOT, runPtk, tempDir } from '../helpers/cli.js';
import { hasTmux, Terminal } from '../helpers/tmux.js';

const FIXTURE = join(ROOT, 'test/fixtures/toolkits/ranking');

/**
 * An example answers file for a run on the ranking fixture toolkit, which has none of the built-in
 * techniques the examples name: without `techniques:` the wizard takes the top recommendations.
 */
function answersFor(stage: number, toolkitArgs: string[]): string {
  const path = join(ROOT, `examples/answers-stage${stage}.yaml`);
  if (toolkitArgs.length === 0) return path;
  const copy = join(tempDir(), `answers-stage${stage}.yaml`);
  writeFileSync(copy, readFileSync(path, 'utf8').replace(/^techniques: .*\n/m, ''));
  return copy;
}

interface PlanYaml {
  stages: { stage: number; techniques: { id: string }[] }[];
  metrics: { channel: string }[];
}

describe.each([
  ['the built-in toolkit', [] as string[], [BUILTIN_TOOLKIT]],
  ['the ranking fixture overlay', ['--toolkit', FIXTURE], [BUILTIN_TOOLKIT, FIXTURE]],
])('non-interactive wizard on %s', (_name, toolkitArgs, folders) => {
  it.each([1, 2, 3, 4])('stage %i: writes a plan that uses only existing techniques and passes plan check where it consults', (stage) => {
    const out = join(tempDir(), 'plan');
    const r = runPtk([...toolkitArgs, 'wizard', String(stage), '--answers', answersFor(stage, toolkitArgs), '--yes', '--out', out]);
    expect(r.code).toBe(0);
    // the consultation checklist only where there is a consultation; the answers always, for --answers
    const files = stage === 2 ? ['answers.yaml', 'consultation-checklist.md', 'plan.md', 'plan.yaml'] : ['answers.yaml', 'plan.md', 'plan.yaml'];
    expect(r.stderr).toContain(`Wrote ${files.length} files`);
    expect(readdirSync(out).sort()).toEqual(files);
    // the saved answers make the same plan again
    const again = join(tempDir(), 'again');
    expect(runPtk([...toolkitArgs, 'wizard', '--answers', join(out, 'answers.yaml'), '--yes', '--out', again]).code).toBe(0);
    expect(readFileSync(join(again, 'plan.yaml'), 'utf8')).toBe(readFileSync(join(out, 'plan.yaml'), 'utf8'));
    const plan = parse(readFileSync(join(out, 'plan.yaml'), 'utf8')) as PlanYaml;
    expect(plan.stages.map((s) => s.stage)).toEqual([stage]);
    const ids = plan.stages.flatMap((s) => s.techniques.map((t) => t.id));
    expect(ids.length).toBeGreaterThan(0);
    const { toolkit } = loadToolkitFolders(folders);
    expect(ids.filter((id) => !toolkit.techniques.has(id))).toEqual([]);
    const check = runPtk([...toolkitArgs, 'plan', 'check', out]);
    // only the stage 2 example has a formal consultation; the others are told the standard does not apply
    expect(check.stdout).toContain(stage === 2 ? 'Meets the minimum digital standard.' : 'the minimum digital standard for consultations does not apply');
    expect(check.code).toBe(0);
    expect(r.stderr).toContain(stage === 2 ? 'Next: ptk plan check' : 'no formal consultation, so no standard to check');
  });
});

describe('wizard answers and refusals (built binary)', () => {
  const withFixture = (args: string[]) => runPtk(['--toolkit', FIXTURE, ...args]);

  it('with --yes and no answers, names every missing required answer (exit 2)', () => {
    const out = join(tempDir(), 'plan');
    const r = withFixture(['wizard', '2', '--yes', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/missing required answers: policy\.title, policy\.problem, audiences\./);
    expect(existsSync(out)).toBe(false);
  });

  it('without a TTY it never waits, even without --yes', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'answers.yaml'), 'policy:\n  title: A title\n  problem: A problem\n');
    const r = withFixture(['wizard', '--answers', join(dir, 'answers.yaml'), '--out', join(dir, 'plan')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing required answers: stage, audiences\./);
  });

  it.each([
    ['an unknown stage', ['wizard', '9'], '', /^ptk: unknown stage "9": use one of 1 \(shaping\)/],
    ['negative weeks', ['wizard', '2'], 'weeks: -4\n', /answers\.yaml:1: weeks: weeks must be 0 or more/],
    ['an unknown technique', ['wizard', '2'], 'techniques: [online-survey, onlin-polls]\n', /techniques: no technique with id "onlin-polls"/],
    ['an unknown audience', ['wizard', '2'], 'audiences: [public, aliens]\n', /unknown audience "aliens"/],
    ['malformed YAML', ['wizard', '2'], 'policy: [unclosed\n', /answers\.yaml:\d+: YAML syntax error/],
    ['an unknown field', ['wizard', '2'], 'titel: x\n', /answers\.yaml:1: titel: unknown field/],
  ])('%s: one line, exit 2, nothing written', (_name, args, extra, message) => {
    const dir = tempDir();
    // the stage-2 example with the key under test replaced by the bad value
    const key = extra.split(':')[0]!;
    const base = readFileSync(answersFor(2, ['--toolkit']), 'utf8').replace(new RegExp(`^${key}: .*\n`, 'm'), '');
    writeFileSync(join(dir, 'answers.yaml'), `${extra}${base.replace(/^stage: 2\n/m, '')}`);
    const out = join(dir, 'plan');
    const r = withFixture([...args, '--answers', join(dir, 'answers.yaml'), '--yes', '--out', out]);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a non-empty folder without --force, and writes into it with --force', () => {
    const out = tempDir();
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const args = ['wizard', '2', '--answers', answersFor(2, ['--toolkit']), '--yes', '--out', out];
    const r = withFixture(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not empty: pass --force/);
    expect(readdirSync(out)).toEqual(['notes.txt']);
    expect(withFixture([...args, '--force']).code).toBe(0);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('--json prints the plan it wrote, with evaluate-ready metrics', () => {
    const out = join(tempDir(), 'plan');
    const r = withFixture(['wizard', '2', '--answers', answersFor(2, ['--toolkit']), '--yes', '--out', out, '--json']);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as PlanYaml & { consultation: { opens: string; closes: string } };
    expect(plan).toEqual(parse(readFileSync(join(out, 'plan.yaml'), 'utf8')));
    expect(plan.metrics.map((m) => m.channel)).toEqual(plan.stages[0]!.techniques.map((t) => t.id));
    expect(plan.consultation.opens < plan.consultation.closes).toBe(true);
  });
});


describe.skipIf(!hasTmux)('the interactive wizard in a real terminal (tmux)', () => {
  const command = (out: string) => `cd ${ROOT} && NO_COLOR=1 PTK_TOOLKIT= node ${BIN} --toolkit ${FIXTURE} wizard 2 --out ${out}`;

  it('asks every question, shows ranked recommendations, and writes a plan whose unconfirmed suggestions fail the check', async () => {
    const out = join(tempDir(), 'plan');
    const term = Terminal.start(command(out));
    try {
      await term.answer('Policy title:', 'Winter GP access', 'Enter');
      await term.answer('Policy area:', 'Enter');
      await term.answer('Problem statement', 'Patients cannot get appointments in winter', 'Enter');
      await term.answer('Main objective', 'Enter');
      // checkbox: space selects, arrows move
      await term.answer('Who do you need to reach?', ' ', 'Down', 'Down', 'Down', 'Down', 'Down', ' ', 'Enter');
      await term.answer('What share of them is rarely or never online', 'Enter');
      await term.answer('Start date', 'C-u', '2027-01-11', 'Enter');
      await term.answer('How many weeks', 'Enter');
      await term.answer('Budget for this stage:', 'Enter');
      await term.answer("Your team's digital engagement skills:", 'Enter');
      await term.answer('Do you need targeted or broad reach?', 'Enter');
      await term.answer('Is the policy sensitive or unannounced?', 'Enter');
      await term.answer('What do you need from people at this stage?', 'Enter');
      // untick "Working with others" (second activity)
      await term.answer('Which activities of "Engaging stakeholders"', 'Down', ' ', 'Enter');
      const screen = await term.waitFor('? Pick the techniques for your plan');
      expect(screen).toMatch(/Recommended techniques for stage 2; activity|Recommended techniques for stage 2; audiences public, rarely-online/);
      expect(screen).toContain('pair with Phone panels [phone-panels] (blended)');
      // the balanced set is pre-ticked: online-survey to reach people, phone-panels as its offline route,
      // webinars to report back (community events and the jury are left out: over the low budget)
      expect(screen).toContain('Left out');
      await term.answer('Pick the techniques for your plan', 'Enter');
      await term.answer('Who owns this plan', 'Enter');
      await term.answer('How many responses or participants', 'Enter');
      await term.answer('Does this stage include a formal consultation?', 'Enter');
      await term.answer('Purpose of the consultation:', 'Enter');
      await term.answer('Questions (separate with ;):', 'Enter');
      await term.answer('How many weeks will it be open? (at most 9', 'Enter');
      await term.answer('Online response routes:', 'Enter');
      await term.answer('Offline response routes:', 'Enter');
      await term.answer('How will responses be analysed?', 'Down', 'Enter');
      await term.answer('How will people hear about it online?', 'Enter');
      await term.answer('Privacy notice', 'Enter');
      const reviewed = await term.waitFor('? Write the plan, or change an answer?');
      expect(reviewed).toContain('Review your answers');
      expect(reviewed).toMatch(/Policy title\s+Winter GP access/);
      await term.answer('Write the plan, or change an answer?', 'Enter');
      const end = await term.waitFor('EXIT=');
      expect(end).toContain('EXIT=0');
      expect(end).toContain(`Wrote 4 files to ${out}`);
    } finally {
      term.kill();
    }
    const plan = parse(readFileSync(join(out, 'plan.yaml'), 'utf8')) as PlanYaml & {
      policy: { title: string };
      audiences: string[];
      stages: { activities: string[]; techniques: { id: string }[] }[];
      consultation: { analysis: { method: string } };
    };
    expect(plan.policy.title).toBe('Winter GP access');
    expect(plan.audiences).toEqual(['public', 'rarely-online']);
    expect(plan.stages[0]!.activities).toEqual(['talking-to-people', 'asking-questions']);
    expect(plan.stages[0]!.techniques.map((t) => t.id)).toEqual(['online-survey', 'phone-panels', 'webinars']);
    expect(plan.consultation.analysis.method).toBe('thematic analysis');
    // Enter through the consultation questions: every suggestion kept is assumed, and fails until confirmed
    const check = runPtk(['--toolkit', FIXTURE, 'plan', 'check', out, '--json']);
    expect(check.code).toBe(1);
    const result = JSON.parse(check.stdout) as { results: { id: string; status: string; reason: string }[] };
    const assumedFailures = result.results.filter((r) => /was suggested by the wizard and not confirmed/.test(r.reason)).map((r) => `${r.id}: ${r.reason.split(' ')[0]}`);
    expect(assumedFailures).toEqual([
      'clear-questions: consultation.questions',
      'few-questions: consultation.questions',
      'readable-questions: consultation.questions',
      'stated-purpose: consultation.purpose',
      'online-response-route: consultation.response_routes',
      'offline-response-route: consultation.response_routes',
      'routes-ready: consultation.response_routes',
      'proportionate-duration: consultation.duration_weeks',
      'eight-weeks-written: consultation.duration_weeks',
      'who-consulted: consultation.who_consulted',
      'digital-reach: consultation.digital_reach',
      'published-online: consultation.published_online',
      'accessible-formats: consultation.formats',
      'campaign-responses: consultation.analysis.campaign_responses',
      'organisations-vs-individuals: consultation.analysis.organisations_vs_individuals',
      'summary-of-responses: consultation.summary_of_responses_weeks',
      'privacy-notice: consultation.privacy_notice',
      'government-response: consultation.government_response_weeks',
    ]);
    // the method was chosen (not the suggestion), so it is not assumed and passes
    expect(result.results.find((r) => r.id === 'analysis-method')!.status).toBe('pass');
  });

  /** The stage 2 example without the given top-level keys, so only those are asked. */
  function answersWithout(...keys: string[]): string {
    let text = readFileSync(join(ROOT, 'examples/answers-stage2.yaml'), 'utf8');
    for (const key of keys) text = text.replace(new RegExp(`^${key}: .*\n`, 'm'), '');
    const path = join(tempDir(), 'answers.yaml');
    writeFileSync(path, text);
    return path;
  }
  const builtin = (out: string, answers: string) => `cd ${ROOT} && NO_COLOR=1 PTK_TOOLKIT= node ${BIN} wizard 2 --answers ${answers} --out ${out}`;

  it('a date that is not in the calendar is refused at the prompt, corrected, and the plan written', async () => {
    const out = join(tempDir(), 'plan');
    const term = Terminal.start(builtin(out, answersWithout('start', 'offline_share')));
    try {
      // a percentage with its % sign is accepted
      await term.answer('What share of them is rarely or never online', 'C-u', '12%', 'Enter');
      await term.waitFor('? Start date (YYYY-MM-DD):');
      await term.send('C-u', '2027-02-30', 'Enter');
      const refused = await term.waitFor('2027-02-30 is not a date in the calendar');
      expect(refused).not.toContain('✔ Start date');
      await term.send('C-u', '2027-07-26', 'Enter');
      await term.waitFor('✔ Start date');
      await term.answer('Write the plan, or change an answer?', 'Enter');
      const end = await term.waitFor('EXIT=');
      expect(end).toContain('EXIT=0');
      expect(end).not.toMatch(/Infinity/);
    } finally {
      term.kill();
    }
    const plan = parse(readFileSync(join(out, 'plan.yaml'), 'utf8')) as { start: string; offline_share: number };
    expect(plan.start).toBe('2027-07-26');
    expect(plan.offline_share).toBe(12);
    const saved = parse(readFileSync(join(out, 'answers.yaml'), 'utf8')) as { start: string; offline_share: number };
    expect(saved).toMatchObject({ start: '2027-07-26', offline_share: 12 });
  });

  it('a change made on the review screen changes the plan, and keeps every other answer', async () => {
    const out = join(tempDir(), 'plan');
    const term = Terminal.start(builtin(out, join(ROOT, 'examples/answers-stage2.yaml')));
    try {
      // every answer is in the file: the wizard goes straight to the review
      const screen = await term.waitFor('? Write the plan, or change an answer?');
      expect(screen).toMatch(/Policy title\s+Improving access to GP appointments next winter/);
      // "Write the plan", then "Change stage", then "Change policy title"
      await term.send('Down', 'Down', 'Enter');
      await term.answer('Policy title:', 'Better GP access for NHS patients', 'Enter');
      const again = await term.waitFor(/Policy title\s+Better GP access for NHS patients/);
      expect(again).toContain('? Write the plan, or change an answer?');
      await term.send('Enter');
      const end = await term.waitFor('EXIT=');
      expect(end).toContain('EXIT=0');
    } finally {
      term.kill();
    }
    const plan = parse(readFileSync(join(out, 'plan.yaml'), 'utf8')) as { policy: { title: string; problem: string }; stages: { techniques: { id: string }[] }[] };
    expect(plan.policy.title).toBe('Better GP access for NHS patients');
    const example = parse(readFileSync(join(ROOT, 'examples/answers-stage2.yaml'), 'utf8')) as { policy: { problem: string }; techniques: string[] };
    expect(plan.policy.problem).toBe(example.policy.problem.trim());
    expect(plan.stages[0]!.techniques.map((t) => t.id)).toEqual(example.techniques);
    expect(readFileSync(join(out, 'plan.md'), 'utf8')).toContain('# Better GP access for NHS patients');
  });

  it('Ctrl-C part-way leaves no plan folder and exits 130', async () => {
    const out = join(tempDir(), 'plan');
    const term = Terminal.start(command(out));
    try {
      await term.answer('Policy title:', 'Half-finished plan', 'Enter');
      await term.answer('Policy area:', 'Enter');
      await term.waitFor('? Problem statement');
      await term.send('C-c');
      const end = await term.waitFor('EXIT=');
      expect(end).toContain('Cancelled: nothing was written.');
      expect(end).toContain('EXIT=130');
    } finally {
      term.kill();
    }
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(join(out, '..'))).toEqual([]);
  });
});
