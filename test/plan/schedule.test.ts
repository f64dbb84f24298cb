/**
 * The scheduler: the four example plans have internally consistent dates (checked here from the
 * toolkit's lead times, not from the scheduler's own arithmetic), and plans that cannot fit are named
 * errors with the fix.
 */
import { join } from 'node:path';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { collectPlan } from '../../src/commands/wizard.js';
import { readAnswers } from '../../src/plan/answers.js';
import { buildPlan, ScheduleError, splitTarget, type PlanInputs } from '../../src/plan/build.js';
import type { Plan } from '../../src/plan/schema.js';
import { prompter } from '../../src/prompts.js';
import { loadToolkit } from '../../src/toolkit/load.js';
import { ROOT } from '../helpers/cli.js';

const toolkit = loadToolkit();
const DAY = 86_400_000;
const days = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY;

async function examplePlan(stage: number): Promise<Plan> {
  const answers = readAnswers(join(ROOT, `examples/answers-stage${stage}.yaml`));
  return collectPlan({ toolkit, answers, interactive: false, prompt: prompter(), chalk: new Chalk({ level: 0 }), say: () => {} });
}

describe.each([1, 2, 3, 4])('example plan for stage %i', (stageNumber) => {
  it('every technique is prepared for its lead time, then runs inside the stage; routes cover the consultation window', async () => {
    const plan = await examplePlan(stageNumber);
    const answers = readAnswers(join(ROOT, `examples/answers-stage${stageNumber}.yaml`));
    const [stage] = plan.stages;
    expect(plan.stages).toHaveLength(1);
    // the stage length the official gave is kept
    expect(stage!.start).toBe(answers.start);
    expect(days(stage!.start!, stage!.end!)).toBe(answers.weeks! * 7);
    const c = plan.consultation;
    expect(c !== undefined).toBe(stageNumber === 2);
    if (c) {
      expect(c.opens! >= stage!.start! && c.closes! <= stage!.end!).toBe(true);
      expect(days(c.opens!, c.closes!)).toBe(c.duration_weeks! * 7);
    }
    for (const t of stage!.techniques) {
      const entry = toolkit.techniques.get(t.id)!.value;
      const where = `${t.id} (${t.prepare_from} / ${t.start} to ${t.end})`;
      expect(t.prepare_from! >= stage!.start!, where).toBe(true);
      expect(days(t.prepare_from!, t.start!), where).toBeGreaterThanOrEqual(entry.lead_time_weeks * 7);
      expect(t.start! < t.end!, where).toBe(true);
      expect(t.end! <= stage!.end!, where).toBe(true);
      if (c && entry.activities.includes('asking-questions')) {
        expect(t.start! <= c.opens! && t.end! >= c.closes!, `${where} must take responses for the whole window`).toBe(true);
      }
    }
    for (const m of plan.metrics) {
      const t = stage!.techniques.find((x) => x.id === m.channel)!;
      expect(m.start! >= t.start! && m.by <= t.end!, m.id).toBe(true);
    }
  });
});

describe('targets and metrics', () => {
  it('the stage 2 response target is split across the response routes by the offline share, not repeated', async () => {
    const plan = await examplePlan(2);
    const responses = plan.metrics.filter((m) => m.metric === 'responses');
    // 15% offline: paper and phone get 300 of 2,000, the online consultation the other 1,700
    expect(responses.map((m) => [m.channel, m.target])).toEqual([
      ['online-consultation', 1700],
      ['paper-and-phone-responses', 300],
    ]);
    expect(plan.metrics.filter((m) => m.metric === 'reach').map((m) => m.channel)).toEqual(['partner-channels', 'email-bulletins']);
  });

  it('desk methods get no audience target (stage 3 analysis)', async () => {
    const plan = await examplePlan(3);
    expect(plan.metrics.map((m) => m.channel)).toEqual(['evaluation-surveys']);
  });

  it.each([
    [100, [1, 1, 1], [34, 33, 33]],
    [2000, [85, 15], [1700, 300]],
    [10, [1, 2], [3, 7]],
  ])('splitTarget(%i, %j) = %j', (total, weights, expected) => {
    expect(splitTarget(total, weights)).toEqual(expected);
    expect(expected.reduce((a, b) => a + b, 0)).toBe(total);
  });
});

describe('schedules that cannot be made are named errors with the fix', () => {
  const base: PlanInputs = {
    stage: 2,
    policy: { title: 'T', problem: 'P' },
    objectives: [],
    audiences: ['public'],
    start: '2027-09-06',
    weeks: 8,
    activities: ['asking-questions'],
    techniques: ['online-consultation'],
    owner: 'Lead',
    target: 100,
  };

  it('a technique whose lead time fills the stage', () => {
    expect(() => buildPlan(toolkit, { ...base, weeks: 6 })).toThrow(ScheduleError);
    expect(() => buildPlan(toolkit, { ...base, weeks: 6 })).toThrow(/Online consultation \(online-consultation\) needs 6 weeks of preparation, which leaves no time to run it in a 6 weeks stage: give the stage more than 6 weeks/);
  });

  it('a consultation that does not fit in the stage (the stage length is kept, not stretched)', () => {
    expect(() => buildPlan(toolkit, { ...base, weeks: 14, consultation: { duration_weeks: 12 } })).toThrow(
      /the consultation opens 2027-10-18 \(when Online consultation is ready\) and closes 2028-01-10, after this 14 weeks stage ends on 2027-12-13: give the stage at least 18 weeks/,
    );
  });

  it('an opening date before the routes can be ready', () => {
    expect(() => buildPlan(toolkit, { ...base, weeks: 20, consultation: { opens: '2027-09-20', duration_weeks: 8 } })).toThrow(
      /opens 2027-09-20, but Online consultation \(online-consultation\) needs 6 weeks of preparation from 2027-09-06 and is ready only on 2027-10-18/,
    );
  });
});

describe('ptk plan render --format ics (built binary)', () => {
  /** Unfold and split into events with a reader written for this test from RFC 5545, section 3.1. */
  function readIcs(text: string): Record<string, string>[] {
    expect(text.includes('\n') && text.split('\n').every((l, i, all) => i === all.length - 1 || l.endsWith('\r'))).toBe(true);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
    const events: Record<string, string>[] = [];
    let current: Record<string, string> | undefined;
    for (const line of lines) {
      if (line === 'BEGIN:VEVENT') current = {};
      else if (line === 'END:VEVENT') events.push(current!), (current = undefined);
      else if (current) {
        const at = line.indexOf(':');
        current[line.slice(0, at)] = line.slice(at + 1);
      }
    }
    return events;
  }

  it('writes the consultation window and each run as all-day events, and keeps a hand-edited file without --force', async () => {
    const { mkdtempSync, readFileSync, appendFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { runPtk } = await import('../helpers/cli.js');
    const dir = join(mkdtempSync(join(tmpdir(), 'ptk-ics-')), 'plan');
    expect(runPtk(['wizard', '2', '--answers', join(ROOT, 'examples/answers-stage2.yaml'), '--yes', '--out', dir]).code).toBe(0);
    expect(runPtk(['plan', 'render', dir, '--format', 'ics']).code).toBe(0);
    const events = readIcs(readFileSync(join(dir, 'plan.ics'), 'utf8'));
    const window = events.find((e) => e.SUMMARY!.startsWith('Consultation open'))!;
    // closes 2027-11-29 inclusive, so the exclusive end is the day after
    expect([window['DTSTART;VALUE=DATE'], window['DTEND;VALUE=DATE']]).toEqual(['20270906', '20271130']);
    const paper = events.find((e) => e.SUMMARY === 'Paper\\, phone and easy-read response routes running');
    expect(paper?.['DTSTART;VALUE=DATE']).toBe('20270906');
    expect(new Set(events.map((e) => e.UID)).size).toBe(events.length);
    // rendering again replaces an untouched file; an edited plan.md is kept unless --force
    expect(runPtk(['plan', 'render', dir]).code).toBe(0);
    appendFileSync(join(dir, 'plan.md'), '\nMy own note.\n');
    const refused = runPtk(['plan', 'render', dir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/plan\.md was edited since ptk wrote it: pass --force/);
    expect(readFileSync(join(dir, 'plan.md'), 'utf8')).toContain('My own note.');
    expect(runPtk(['plan', 'render', dir, '--force']).code).toBe(0);
  });
});
