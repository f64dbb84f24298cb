import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Chalk } from 'chalk';
import { collectPlan, forgetAnswer, inSentence, validDate, type WizardContext } from '../../src/commands/wizard.js';
import { CancelledError } from '../../src/errors.js';
import type { Answers } from '../../src/plan/answers.js';
import { numberAnswer, type Choice, type Prompter } from '../../src/prompts.js';
import { loadToolkit, loadToolkitFolders } from '../../src/toolkit/load.js';
import { ROOT } from '../helpers/cli.js';

const FIXTURE = join(ROOT, 'test/fixtures/toolkits/ranking');

/** A scripted prompter: answers by the start of each question; records what was asked. */
function scripted(script: Record<string, unknown>, asked: string[]): Prompter {
  const answer = <T>(message: string, fallback?: T): T => {
    asked.push(message);
    const key = Object.keys(script).find((k) => message.startsWith(k));
    if (key === undefined) {
      if (fallback !== undefined) return fallback;
      throw new Error(`unscripted question: ${message}`);
    }
    const value = script[key];
    if (value instanceof Error) throw value;
    return value as T;
  };
  return {
    input: async (m, o) => answer(m, o?.default),
    number: async (m, o) => answer(m, o?.default),
    confirm: async (m, o) => answer(m, o?.default),
    select: async <T>(m: string, _c: Choice<T>[], o?: { default?: T }) => answer<T>(m, o?.default),
    checkbox: async <T>(m: string, c: Choice<T>[]) => answer<T[]>(m, c.filter((x) => x.checked).map((x) => x.value)),
  };
}

function context(answers: Answers, prompt: Prompter, stageArg?: string): WizardContext {
  const { toolkit } = loadToolkitFolders([FIXTURE]);
  return { toolkit, answers, stageArg, interactive: true, prompt, chalk: new Chalk({ level: 0 }), say: () => {} };
}

describe('wizard steps over one context', () => {
  it('asks only what the answers file leaves open, in order', async () => {
    const asked: string[] = [];
    const prompt = scripted({ 'Policy title': 'Scripted', 'Problem statement': 'A problem', 'Who do you need to reach?': ['professionals'] }, asked);
    const plan = await collectPlan(context({ stage: 4, weeks: 6, budget: 'low', include_consultation: false }, prompt));
    expect(asked.slice(0, 5)).toEqual([
      'Policy title:',
      'Policy area:',
      'Problem statement (one or two sentences):',
      'Main objective of this engagement (Enter to use a suggested one):',
      'Who do you need to reach? (space to select, enter to confirm)',
    ]);
    expect(asked).not.toContain('How many weeks do you have for this stage?');
    expect(asked).not.toContain('Budget for this stage:');
    expect(asked).not.toContain('Does this stage include a formal consultation?');
    expect(plan.stages[0]!.stage).toBe(4);
    // stage 4 professionals, low budget, 6 weeks: webinars (stage 2 and 4, professionals) ranks first
    expect(plan.stages[0]!.techniques[0]!.id).toBe('webinars');
    expect(plan.consultation).toBeUndefined();
  });

  it('a cancelled prompt propagates, before anything is built', async () => {
    const prompt = scripted({ 'Policy title': new CancelledError() }, []);
    await expect(collectPlan(context({}, prompt, '2'))).rejects.toBeInstanceOf(CancelledError);
  });
});

describe('answers checked where they are typed', () => {
  it('numbers: a percentage with or without %, and messages that name a real range', () => {
    expect(numberAnswer('12%', { min: 0, max: 100, percent: true })).toBe(12);
    expect(numberAnswer(' 12 ', { min: 0, max: 100, percent: true })).toBe(12);
    expect(numberAnswer('12%', { min: 1 })).toBe('Enter a number of 1 or more');
    expect(numberAnswer('many', { min: 1, integer: true })).toBe('Enter a whole number of 1 or more');
    expect(numberAnswer('2.5', { min: 1, integer: true })).toBe('Enter a whole number of 1 or more');
    expect(numberAnswer('120', { min: 0, max: 100, percent: true })).toBe('Enter a number from 0 to 100 (a percentage; the % sign is optional); 120 is outside that range');
    expect(numberAnswer('4,000', { min: 1, integer: true })).toBe(4000);
    for (const bad of ['x', '-1', '1e9']) expect(String(numberAnswer(bad, { min: 0 }))).not.toMatch(/Infinity/);
  });

  it('dates: only days that exist', () => {
    expect(validDate('2027-02-30')).toBe('2027-02-30 is not a date in the calendar: enter YYYY-MM-DD, e.g. 2027-03-01');
    expect(validDate('2028-02-29')).toBe(true);
    expect(validDate('2027-02-29')).toMatch(/not a date in the calendar/);
    expect(validDate('1 March 2027')).toBe('Enter a date as YYYY-MM-DD, e.g. 2027-03-01');
  });

  it('suggested wording keeps the case of acronyms', () => {
    expect(inSentence('NHS app downloads')).toBe('NHS app downloads');
    expect(inSentence('Winter GP access')).toBe('winter GP access');
    expect(inSentence('GPs in winter')).toBe('GPs in winter');
  });
});

describe('stage-specific questions and the review (built-in toolkit)', () => {
  const builtinContext = (answers: Answers, prompt: Prompter): WizardContext => ({ ...context(answers, prompt), toolkit: loadToolkit() });
  const stage3 = (techniques: string[]): Answers => ({
    stage: 3,
    policy: { title: 'Analysing responses', problem: 'About 4,000 responses arrived, including a campaign.' },
    objectives: [],
    audiences: ['organisations'],
    start: '2027-11-30',
    weeks: 10,
    budget: 'low',
    skills: 'intermediate',
    reach: 'targeted',
    sensitive: false,
    intent: 'consult',
    activities: ['analysing-responses', 'evaluating-what-works'],
    techniques,
    owner: 'Analyst',
    include_consultation: false,
  });

  it('stage 3 asks about the responses to analyse, and no reach target for desk analysis alone', async () => {
    const asked: string[] = [];
    const plan = await collectPlan(builtinContext(stage3(['theme-coding', 'campaign-response-analysis']), scripted({ 'How many responses are there to analyse?': 4000 }, asked)));
    expect(asked).toContain('How many responses are there to analyse?');
    expect(asked.filter((q) => /aim (for|to)/.test(q))).toEqual([]);
    expect(plan.responses_to_analyse).toBe(4000);
    expect(plan.metrics).toEqual([]);
  });

  it('stage 3 with an evaluation survey asks for its participants, not a reach target', async () => {
    const asked: string[] = [];
    await collectPlan(builtinContext(stage3(['theme-coding', 'evaluation-surveys']), scripted({ 'How many responses are there to analyse?': 4000 }, asked)));
    expect(asked).toContain('How many people do you aim to hear from in the evaluation (e.g. a survey of respondents)?');
    expect(asked).not.toContain('How many people do you aim to reach?');
  });

  it('a plan the answers cannot make goes back to the review with every answer kept, then is written', async () => {
    const { readAnswers } = await import('../../src/plan/answers.js');
    const answers = { ...readAnswers(join(ROOT, 'examples/answers-stage2.yaml')), weeks: 10 };
    const asked: string[] = [];
    const said: string[] = [];
    const ctx = { ...builtinContext(answers, scripted({ 'Which answer do you want to change?': 'weeks', 'How many weeks do you have for this stage?': 18 }, asked)), say: (t: string) => said.push(t) };
    const plan = await collectPlan(ctx);
    // the 12-week consultation opening 6 September cannot close inside a 10-week stage from 26 July
    expect(said.join('\n')).toMatch(/The plan cannot be made with these answers yet: .*closes 2027-11-29, after this 10 weeks stage ends/);
    // more weeks changes the recommendations, so the techniques are offered again, the official's own still ticked
    expect(asked).toEqual(['Which answer do you want to change?', 'How many weeks do you have for this stage?', 'Pick the techniques for your plan (space to select, enter to confirm):', 'Write the plan, or change an answer?']);
    expect(plan.stages[0]!.techniques.map((t) => t.id).sort()).toEqual(['email-bulletins', 'online-consultation', 'paper-and-phone-responses', 'partner-channels']);
    expect(plan.stages[0]!.end).toBe('2027-11-29');
    expect(plan.policy.title).toBe('Improving access to GP appointments next winter');
  });

  it('forgetting the stage forgets what depends on it; forgetting the audience re-opens the techniques', () => {
    const answers: Answers = { stage: 2, audiences: ['public'], activities: ['asking-questions'], techniques: ['online-surveys'], include_consultation: true, owner: 'Me', policy: { title: 'T', problem: 'P' } };
    const a = structuredClone(answers);
    forgetAnswer(a, 'stage');
    expect(a).toEqual({ audiences: ['public'], owner: 'Me', policy: { title: 'T', problem: 'P' } });
    const b = structuredClone(answers);
    forgetAnswer(b, 'audiences');
    expect(b.techniques).toBeUndefined();
    expect(b.activities).toEqual(['asking-questions']);
    const c = structuredClone(answers);
    forgetAnswer(c, 'policy.title');
    expect(c.policy).toEqual({ problem: 'P' });
    expect(c.techniques).toEqual(['online-surveys']);
  });
});
