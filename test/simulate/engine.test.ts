import { describe, expect, it } from 'vitest';
import { debriefToHtml, debriefToMarkdown, escapeMarkdown } from '../../src/simulate/debrief.js';
import { ExerciseClock, formatClock, formatDuration, replay, ReplyTargetError, Simulation, type ResponseEvent } from '../../src/simulate/engine.js';
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
      typingSeconds: 0,
      pausedRealSeconds: 0,
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
    sim.respond('same moment', { at: 20 * 60 });
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

describe('replies that name their inject, pauses and live injects', () => {
  it('logs a reply against the inject it names, by number or id, even when a later one is waiting', () => {
    const clock = new FakeClock();
    const sim = new Simulation(scenario, 60, clock);
    clock.at(11, 60); // a, b, c released; a and c waiting
    sim.release();
    expect(sim.waiting().map((r) => r.id)).toEqual(['a', 'c']);
    expect(sim.defaultTarget()!.id).toBe('c');
    expect(sim.respond('to the older one', { to: 1 }).response).toMatchObject({ injectId: 'a', chosen: true, responseSeconds: 540 });
    expect(sim.respond('by id', { to: 'b' }).response).toMatchObject({ injectId: 'b', chosen: true });
    // c is still waiting: the default went nowhere else
    expect(sim.waiting().map((r) => r.id)).toEqual(['c']);
    expect(() => sim.respond('future', { to: 4 })).toThrow(ReplyTargetError);
    expect(() => sim.respond('future', { to: 'd' })).toThrow(/has not arrived yet/);
    const { debrief } = sim.end('ended');
    expect(debrief.unanswered).toEqual(['c']);
    expect(debrief.injects.find((r) => r.id === 'a')!.firstResponseSeconds).toBe(540);
  });

  it('a pause stops exercise time; the real seconds paused are in the debrief', () => {
    const clock = new FakeClock();
    const exercise = new ExerciseClock(60, clock);
    const sim = new Simulation(scenario, 60, exercise);
    clock.ms += 5_000;
    expect(sim.elapsed()).toBe(0); // not started
    exercise.start();
    clock.ms += 3_000; // 3 real s = 3 exercise minutes
    expect(sim.elapsed()).toBe(180);
    exercise.hold('facilitator');
    expect(sim.notePause().map((e) => e.injectId)).toEqual(['a']);
    const pausedAt = clock.ms;
    clock.ms += 120_000; // two real minutes paused: two hours at 60x if the clock ran
    expect(sim.elapsed()).toBe(180);
    expect(sim.realMsUntil(600)).toBe(Infinity);
    expect(sim.release()).toEqual([]);
    const ms = exercise.release('facilitator');
    expect(ms).toBe(clock.ms - pausedAt);
    sim.noteResume(ms);
    expect(sim.realMsUntil(600)).toBe(7_000);
    clock.ms += 1_000;
    expect(sim.elapsed()).toBe(240);
    const { debrief } = sim.end('ended');
    expect(debrief.summary.pausedRealSeconds).toBe(120);
    expect(debrief.timeline.map((e) => e.kind)).toEqual(['inject', 'pause', 'resume']);
  });

  it('two holds: the clock runs again only when both are off', () => {
    const clock = new FakeClock();
    const exercise = new ExerciseClock(10, clock);
    exercise.start();
    exercise.hold('facilitator');
    exercise.hold('typing');
    clock.ms += 1_000;
    expect(exercise.release('typing')).toBe(0);
    expect(exercise.paused).toBe(true);
    expect(exercise.release('facilitator')).toBe(1_000);
    clock.ms += 1_000;
    expect(exercise.exact()).toBe(10);
  });

  it('the facilitator adds injects live, from the reserve or new; they take the next numbers', () => {
    const withReserve: Scenario = { ...scenario, reserve_injects: [{ id: 'extra', channel: 'phone', from: 'Reporter', text: 'Any comment?', expects_response: true, guidance: 'Hold.' }] };
    const clock = new FakeClock();
    const sim = new Simulation(withReserve, 60, clock);
    clock.at(6, 60);
    const added = sim.addInject({ reserveId: 'extra' });
    expect(added.map((e) => [e.injectId, e.number, e.at, e.source])).toEqual([
      ['a', 1, 120, 'scheduled'],
      ['b', 2, 300, 'scheduled'],
      ['extra', 3, 360, 'reserve'],
    ]);
    expect(sim.reserve()).toEqual([]);
    expect(() => sim.addInject({ reserveId: 'extra' })).toThrow(/already been used/);
    clock.at(8, 60);
    expect(sim.addInject({ channel: 'news', from: 'Facilitator', text: 'A bulletin.' })[0]).toMatchObject({ injectId: 'live-1', number: 4, at: 480, source: 'live' });
    expect(sim.respond('to the reserve one', { to: 3 }).response).toMatchObject({ injectId: 'extra', responseSeconds: 120 });
    clock.at(11, 60);
    expect(sim.release()[0]).toMatchObject({ injectId: 'c', number: 5 });
    const { debrief } = sim.end('ended');
    expect(debrief.injects.map((r) => [r.number, r.id, r.status])).toEqual([
      [1, 'a', 'unanswered'],
      [2, 'b', 'no response needed'],
      [3, 'extra', 'answered'],
      [4, 'live-1', 'unanswered'],
      [5, 'c', 'unanswered'],
      [6, 'd', 'not reached'],
      [7, 'e', 'not reached'],
    ]);
  });

  it('typing time is counted in the response time and summed in the debrief', () => {
    const clock = new FakeClock();
    const sim = new Simulation(scenario, 60, clock);
    clock.at(4, 60);
    expect(sim.respond('typed for 30 real seconds', { typingSeconds: 30 * 60 }).response).toMatchObject({ responseSeconds: 120, typingSeconds: 1800 });
    const md = debriefToMarkdown(sim.end('ended').debrief);
    expect(md).toContain('typing took 30m of exercise time in all (at 60x, one real second is 1m)');
    expect(md).toContain('| 2m (typing 30m) |');
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
