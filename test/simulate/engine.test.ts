import { describe, expect, it } from 'vitest';
import { debriefToHtml, debriefToMarkdown, escapeMarkdown } from '../../src/simulate/debrief.js';
import { formatClock, formatDuration, replay, Simulation, type ResponseEvent } from '../../src/simulate/engine.js';
import type { Inject, Scenario } from '../../src/simulate/schema.js';

/** A clock the test moves by hand, in real milliseconds. */
class FakeClock {
  ms = 1_000;
  now(): number {
    return this.ms;
  }
  /** Move to `minutes` of simulated time at `speed`, from a start at 1,000 ms. */
  at(minutes: number, speed: number): void {
    this.ms = 1_000 + (minutes * 60 * 1000) / speed;
  }
}

function inject(id: string, at: number, expects: boolean): Inject {
  return { id, at, channel: 'social', from: `@${id}`, text: `text of ${id}`, expects_response: expects, guidance: `guidance for ${id}` };
}

const scenario: Scenario = {
  id: 'test-scenario',
  title: 'Test scenario',
  summary: 'For the engine tests.',
  roles: [{ name: 'Press officer', responsibilities: 'Everything.' }],
  duration_minutes: 30,
  briefing: 'Briefing.',
  injects: [inject('a', 2, true), inject('b', 5, false), inject('c', 10, true), inject('d', 20, true), inject('e', 25, true)],
  debrief_questions: ['What went well?', 'What would you change?'],
  good_practice: ['Keep a log.'],
};

function respondAt(sim: Simulation, clock: FakeClock, minutes: number, text: string): ResponseEvent {
  clock.at(minutes, sim.speed);
  return sim.respond(text).response;
}

describe('simulation engine with a fake clock', () => {
  it('turns real time into simulated time by the speed, and knows how long to wait', () => {
    const clock = new FakeClock();
    const sim = new Simulation(scenario, 60, clock);
    expect(sim.elapsed()).toBe(0);
    clock.ms += 6_500; // 6.5 real seconds at 60x
    expect(sim.elapsed()).toBe(390);
    expect(sim.realMsUntil(10 * 60)).toBe(10_000 - 6_500);
    expect(sim.realMsUntil(60)).toBe(0);
    clock.ms += 1_000_000;
    expect(sim.elapsed()).toBe(30 * 60); // never past the end
  });

  it('releases injects at their scheduled minute, stamped with that minute even when the timer is late', () => {
    const clock = new FakeClock();
    const sim = new Simulation(scenario, 120, clock);
    expect(sim.release()).toEqual([]);
    expect(sim.nextInjectAt()).toBe(120);
    clock.at(5.9, 120);
    const released = sim.release();
    expect(released.map((e) => [e.injectId, e.at, e.number])).toEqual([
      ['a', 120, 1],
      ['b', 300, 2],
    ]);
    expect(sim.release()).toEqual([]);
    expect(sim.nextInjectAt()).toBe(600);
  });

  it('attributes each response to the latest unanswered inject expecting one, else the latest inject', () => {
    const clock = new FakeClock();
    const sim = new Simulation(scenario, 60, clock);
    // before any inject: answers nothing
    expect(respondAt(sim, clock, 1, 'early')).toMatchObject({ injectId: null, responseSeconds: null, at: 60 });
    // a (2, expects) and b (5, no) released: a is the only one waiting
    expect(respondAt(sim, clock, 6.5, 'first')).toMatchObject({ injectId: 'a', responseSeconds: 270, at: 390 });
    // a answered, nothing waiting: the latest inject, b
    expect(respondAt(sim, clock, 7, 'second')).toMatchObject({ injectId: 'b', responseSeconds: 120 });
    // c (10) and d (20) both waiting at 21: the later one, d, first; then c
    expect(respondAt(sim, clock, 21, 'third')).toMatchObject({ injectId: 'd', responseSeconds: 60 });
    expect(respondAt(sim, clock, 22.25, 'fourth')).toMatchObject({ injectId: 'c', responseSeconds: 735 });
    // nothing waiting: latest inject again
    expect(respondAt(sim, clock, 23, 'fifth')).toMatchObject({ injectId: 'd', responseSeconds: 180 });
    const { debrief } = sim.end('completed');
    expect(debrief.injects.map((r) => [r.id, r.status, r.responses, r.firstResponseSeconds])).toEqual([
      ['a', 'answered', 1, 270],
      ['b', 'answered', 1, 120],
      ['c', 'answered', 1, 735],
      ['d', 'answered', 2, 60],
      ['e', 'unanswered', 0, null],
    ]);
    expect(debrief.unanswered).toEqual(['e']);
    expect(debrief.notReached).toEqual([]);
    expect(debrief.summary).toEqual({
      injectsReleased: 5,
      responses: 6,
      expectingResponse: 4,
      answered: 3,
      medianResponseSeconds: 270,
      slowest: { injectId: 'c', seconds: 735 },
    });
  });

  it('keeps the timeline in time order: due injects are released before a response is logged', () => {
    const clock = new FakeClock();
    const sim = new Simulation(scenario, 60, clock);
    clock.at(12, 60);
    const { released, response } = sim.respond('late reply');
    expect(released.map((e) => e.injectId)).toEqual(['a', 'b', 'c']);
    expect(response).toMatchObject({ injectId: 'c', at: 720, responseSeconds: 120 });
    // a response stamped at the same second as an inject comes after it
    sim.respond('same moment', 20 * 60);
    const { debrief } = sim.end('completed');
    const order = debrief.timeline.map((e) => (e.kind === 'inject' ? e.injectId : `response@${e.at}`));
    expect(order).toEqual(['a', 'b', 'c', 'response@720', 'd', 'response@1200', 'e']);
    const times = debrief.timeline.map((e) => e.at);
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(debrief.end).toEqual({ reason: 'completed', at: 1800 });
  });

  it('ending early lists the injects not reached, and later calls change nothing', () => {
    const clock = new FakeClock();
    const sim = new Simulation(scenario, 600, clock);
    respondAt(sim, clock, 3, 'reply to a');
    clock.at(11, 600);
    const { released, debrief } = sim.end('ended');
    expect(released.map((e) => e.injectId)).toEqual(['b', 'c']);
    expect(debrief.end).toEqual({ reason: 'ended', at: 660 });
    expect(debrief.unanswered).toEqual(['c']);
    expect(debrief.notReached).toEqual(['d', 'e']);
    expect(debrief.injects.find((r) => r.id === 'b')!.status).toBe('no response needed');
    expect(sim.finished).toBe(true);
    expect(() => sim.respond('too late')).toThrow(/ended/);
    clock.at(29, 600);
    expect(sim.end('completed').debrief).toEqual(debrief);
  });

  it('rejects a speed of 0', () => {
    expect(() => new Simulation(scenario, 0, new FakeClock())).toThrow(RangeError);
  });
});

describe('replay (scripted responses, no clock)', () => {
  it('merges responses with injects in simulated time and ends at /end', () => {
    const debrief = replay(scenario, [
      { at: 11 * 60, text: 'to c' },
      { at: 3 * 60, text: 'to a' },
      { at: 15 * 60, text: '/end' },
      { at: 21 * 60, text: 'never played' },
    ]);
    expect(debrief.timeline.map((e) => (e.kind === 'inject' ? e.injectId : e.text))).toEqual(['a', 'to a', 'b', 'c', 'to c']);
    expect(debrief.end).toEqual({ reason: 'ended', at: 900 });
    expect(debrief.notReached).toEqual(['d', 'e']);
    expect(debrief.debriefQuestions).toEqual(scenario.debrief_questions);
  });

  it('is deterministic: the same script gives the same debrief', () => {
    const responses = [
      { at: 150, text: 'x' },
      { at: 1300, text: 'y' },
    ];
    expect(replay(scenario, responses)).toEqual(replay(scenario, responses));
  });
});

describe('formatting and reporters', () => {
  it('formats the clock and durations', () => {
    expect(formatClock(0)).toBe('T+00:00');
    expect(formatClock(3725)).toBe('T+62:05');
    expect(formatDuration(45)).toBe('45s');
    expect(formatDuration(120)).toBe('2m');
    expect(formatDuration(135)).toBe('2m 15s');
  });

  it('escapes participant text in Markdown and HTML', () => {
    const hostile = '<script>alert(1)</script> | **bold** [link](javascript:x)';
    const debrief = replay(scenario, [{ at: 150, text: hostile }]);
    const md = debriefToMarkdown(debrief);
    expect(md).not.toContain('<script>');
    expect(md).toContain(escapeMarkdown(hostile));
    const row = md.split('\n').find((l) => l.includes('alert(1)'))!;
    // the text's | does not add a table cell
    expect(row.split(/(?<!\\)\|/).length).toBe(7);
    const html = debriefToHtml(debrief);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain("Content-Security-Policy");
  });
});
