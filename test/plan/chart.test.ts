import { join } from 'node:path';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { collectPlan } from '../../src/commands/wizard.js';
import { readAnswers } from '../../src/plan/answers.js';
import { monthStarts, timelineSvg } from '../../src/plan/render.js';
import { prompter } from '../../src/prompts.js';
import { loadToolkit } from '../../src/toolkit/load.js';
import { ROOT } from '../helpers/cli.js';

/** Every first-of-month between two dates, counted day by day: a reference independent of monthStarts. */
function firstsByDay(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) {
    if (d.getUTCDate() === 1) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

describe('the plan chart', () => {
  it.each([1, 2, 3, 4])('stage %i example: one tick per month in range, and the consultation window where there is one', async (stage) => {
    const toolkit = loadToolkit();
    const plan = await collectPlan({ toolkit, answers: readAnswers(join(ROOT, `examples/answers-stage${stage}.yaml`)), interactive: false, prompt: prompter(), chalk: new Chalk({ level: 0 }), say: () => {} });
    const svg = timelineSvg(plan, toolkit);
    const dates = [
      ...plan.timeline.map((m) => m.date),
      ...plan.stages.flatMap((s) => s.techniques.flatMap((t) => [t.start, t.end])),
      plan.consultation?.opens,
      plan.consultation?.closes,
    ].filter((d): d is string => d !== undefined).sort();
    const expected = firstsByDay(dates[0]!, dates[dates.length - 1]!);
    expect(expected.length).toBeGreaterThan(1);
    const ticks = [...svg.matchAll(/<line class="month-tick"[^>]*><title>(\d{4}-\d{2}-\d{2})<\/title>/g)].map((m) => m[1]);
    expect(ticks).toEqual(expected);
    // tick positions increase left to right and stay on the axis
    const xs = [...svg.matchAll(/<line class="month-tick" x1="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    // readable labels: month names, at least 40 px apart
    const labels = [...svg.matchAll(/<text x="([\d.]+)" y="[\d.]+" font-size="11" text-anchor="middle" fill="#0b0c0c">([A-Z][a-z]{2}(?: \d{4})?)<\/text>/g)];
    expect(labels.length).toBeGreaterThan(0);
    for (let i = 1; i < labels.length; i++) expect(Number(labels[i]![1]) - Number(labels[i - 1]![1])).toBeGreaterThanOrEqual(40);
    const window = svg.match(/<rect class="consultation-window"[^>]*><title>Consultation open: (\S+) to (\S+)<\/title>/);
    if (plan.consultation?.opens) expect(window?.slice(1)).toEqual([plan.consultation.opens, plan.consultation.closes]);
    else expect(window).toBeNull();
  });

  it('monthStarts counts a range that starts on the 1st, crosses a year, or holds no 1st', () => {
    expect(monthStarts('2027-11-01', '2028-02-15')).toEqual(['2027-11-01', '2027-12-01', '2028-01-01', '2028-02-01']);
    expect(monthStarts('2027-03-02', '2027-03-30')).toEqual([]);
    expect(monthStarts('2027-07-26', '2028-03-01')).toEqual(firstsByDay('2027-07-26', '2028-03-01'));
  });
});
