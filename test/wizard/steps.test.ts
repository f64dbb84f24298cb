import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Chalk } from 'chalk';
import { collectPlan, type WizardContext } from '../../src/commands/wizard.js';
import { CancelledError } from '../../src/errors.js';
import type { Answers } from '../../src/plan/answers.js';
import type { Choice, Prompter } from '../../src/prompts.js';
import { loadToolkitFolders } from '../../src/toolkit/load.js';
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
