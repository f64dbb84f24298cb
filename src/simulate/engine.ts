/**
 * The simulation clock and the record of what happened, with no I/O: the clock is injected, so
 * tests drive it by hand and the command drives it with the real one.
 *
 * Time is counted in simulated seconds from the start. At speed N, one real second is N simulated
 * seconds. Injects are released at their scheduled minute (stamped with that minute, so timer jitter
 * never shifts the record); responses are stamped when they arrive.
 *
 * Attribution: a response answers the latest released inject that expects a response and has none
 * yet; when every such inject has been answered, it goes to the latest released inject. A response
 * before the first inject answers nothing.
 */
import type { Channel, Inject, Scenario } from './schema.js';

export interface Clock {
  /** Milliseconds, monotonic (e.g. performance.now()). */
  now(): number;
}

export type EndReason = 'completed' | 'ended' | 'interrupted';

export interface InjectEvent {
  kind: 'inject';
  /** Simulated seconds from the start. */
  at: number;
  /** 1-based position in the scenario. */
  number: number;
  injectId: string;
  channel: Channel;
  from: string;
  text: string;
  mentionCount?: number;
  expectsResponse: boolean;
}

export interface ResponseEvent {
  kind: 'response';
  at: number;
  text: string;
  /** The inject this response is attributed to, or null before the first inject. */
  injectId: string | null;
  /** Seconds from that inject's release to this response. */
  responseSeconds: number | null;
}

export type TimelineEvent = InjectEvent | ResponseEvent;

export type InjectStatus = 'answered' | 'unanswered' | 'no response needed' | 'not reached';

export interface InjectResult {
  number: number;
  id: string;
  /** Scheduled time, simulated seconds. */
  at: number;
  channel: Channel;
  from: string;
  expectsResponse: boolean;
  status: InjectStatus;
  responses: number;
  /** Seconds from release to the first response attributed to it. */
  firstResponseSeconds: number | null;
  guidance: string;
}

export interface Debrief {
  scenario: { id: string; title: string; summary: string; durationMinutes: number };
  speed: number;
  end: { reason: EndReason; at: number };
  timeline: TimelineEvent[];
  injects: InjectResult[];
  /** Ids of released injects that expected a response and got none. */
  unanswered: string[];
  /** Ids of injects the exercise ended before. */
  notReached: string[];
  summary: {
    injectsReleased: number;
    responses: number;
    expectingResponse: number;
    answered: number;
    /** Median of the first-response times of the answered injects that expected one. */
    medianResponseSeconds: number | null;
    slowest: { injectId: string; seconds: number } | null;
  };
  debriefQuestions: string[];
  goodPractice: string[];
}

/** `T+mm:ss` from simulated seconds (minutes run past 59 rather than into hours). */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `T+${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** `4m 30s`, `45s`, `12m`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  const rest = s % 60;
  if (m === 0) return `${rest}s`;
  return rest === 0 ? `${m}m` : `${m}m ${rest}s`;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

export class Simulation {
  readonly endAt: number;
  private readonly started: number;
  private readonly timeline: TimelineEvent[] = [];
  private released = 0;
  private lastAt = 0;
  private readonly answered = new Set<string>();
  private ended: { reason: EndReason; at: number } | undefined;

  constructor(
    readonly scenario: Scenario,
    readonly speed: number,
    private readonly clock: Clock,
  ) {
    if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError('speed must be a number above 0');
    this.started = clock.now();
    this.endAt = scenario.duration_minutes * 60;
  }

  /** Simulated seconds since the start, by the clock (whole seconds, never past the end). */
  elapsed(): number {
    return Math.min(this.endAt, Math.round(((this.clock.now() - this.started) * this.speed) / 1000));
  }

  /** Real milliseconds from now until simulated second `at` (0 when it has passed). */
  realMsUntil(at: number): number {
    return Math.max(0, this.started + (at * 1000) / this.speed - this.clock.now());
  }

  /** Simulated second of the next inject still to come, if any. */
  nextInjectAt(): number | undefined {
    const next = this.scenario.injects[this.released];
    return next ? next.at * 60 : undefined;
  }

  get finished(): boolean {
    return this.ended !== undefined;
  }

  /** Release every inject due by simulated second `upTo` (default: now); returns those newly released. */
  release(upTo: number = this.elapsed()): InjectEvent[] {
    const out: InjectEvent[] = [];
    if (this.ended) return out;
    for (;;) {
      const inject: Inject | undefined = this.scenario.injects[this.released];
      if (!inject || inject.at * 60 > upTo) break;
      this.released++;
      const event: InjectEvent = {
        kind: 'inject',
        at: inject.at * 60,
        number: this.released,
        injectId: inject.id,
        channel: inject.channel,
        from: inject.from,
        text: inject.text,
        ...(inject.mention_count === undefined ? {} : { mentionCount: inject.mention_count }),
        expectsResponse: inject.expects_response,
      };
      this.record(event);
      out.push(event);
    }
    return out;
  }

  /**
   * Record a participant's response at simulated second `at` (default: now). Injects due by then are
   * released first and returned with it, so the caller can show them before the acknowledgement.
   */
  respond(text: string, at: number = this.elapsed()): { released: InjectEvent[]; response: ResponseEvent } {
    if (this.ended) throw new Error('the simulation has ended');
    const when = Math.min(this.endAt, Math.max(at, this.lastAt));
    const released = this.release(when);
    const target = this.attribute();
    const response: ResponseEvent = {
      kind: 'response',
      at: when,
      text,
      injectId: target ? target.id : null,
      responseSeconds: target ? when - target.at * 60 : null,
    };
    if (target) this.answered.add(target.id);
    this.record(response);
    return { released, response };
  }

  /** End the exercise at simulated second `at` (default: now; the scenario's end when completed). */
  end(reason: EndReason, at?: number): { released: InjectEvent[]; debrief: Debrief } {
    if (this.ended) return { released: [], debrief: this.debrief() };
    const when = reason === 'completed' ? this.endAt : Math.min(this.endAt, Math.max(at ?? this.elapsed(), this.lastAt));
    const released = this.release(when);
    this.ended = { reason, at: when };
    return { released, debrief: this.debrief() };
  }

  private record(event: TimelineEvent): void {
    this.lastAt = Math.max(this.lastAt, event.at);
    this.timeline.push(event);
  }

  private attribute(): Inject | undefined {
    const released = this.scenario.injects.slice(0, this.released);
    for (let i = released.length - 1; i >= 0; i--) {
      const inject = released[i]!;
      if (inject.expects_response && !this.answered.has(inject.id)) return inject;
    }
    return released[released.length - 1];
  }

  /** The record so far (complete once ended). */
  debrief(): Debrief {
    const responses = this.timeline.filter((e): e is ResponseEvent => e.kind === 'response');
    const injects: InjectResult[] = this.scenario.injects.map((inject, i) => {
      const own = responses.filter((r) => r.injectId === inject.id);
      const reached = i < this.released;
      const status: InjectStatus = !reached ? 'not reached' : own.length > 0 ? 'answered' : inject.expects_response ? 'unanswered' : 'no response needed';
      return {
        number: i + 1,
        id: inject.id,
        at: inject.at * 60,
        channel: inject.channel,
        from: inject.from,
        expectsResponse: inject.expects_response,
        status,
        responses: own.length,
        firstResponseSeconds: own[0]?.responseSeconds ?? null,
        guidance: inject.guidance,
      };
    });
    const expecting = injects.filter((r) => r.expectsResponse && r.status !== 'not reached');
    const answeredTimes = expecting.filter((r) => r.firstResponseSeconds !== null).map((r) => ({ id: r.id, seconds: r.firstResponseSeconds! }));
    const slowest = answeredTimes.reduce<{ injectId: string; seconds: number } | null>(
      (worst, r) => (worst === null || r.seconds > worst.seconds ? { injectId: r.id, seconds: r.seconds } : worst),
      null,
    );
    return {
      scenario: { id: this.scenario.id, title: this.scenario.title, summary: this.scenario.summary, durationMinutes: this.scenario.duration_minutes },
      speed: this.speed,
      end: this.ended ?? { reason: 'ended', at: this.lastAt },
      timeline: [...this.timeline],
      injects,
      unanswered: injects.filter((r) => r.status === 'unanswered').map((r) => r.id),
      notReached: injects.filter((r) => r.status === 'not reached').map((r) => r.id),
      summary: {
        injectsReleased: this.released,
        responses: responses.length,
        expectingResponse: expecting.length,
        answered: answeredTimes.length,
        medianResponseSeconds: median(answeredTimes.map((r) => r.seconds)),
        slowest,
      },
      debriefQuestions: [...this.scenario.debrief_questions],
      goodPractice: [...this.scenario.good_practice],
    };
  }
}

/** A response placed in simulated time, e.g. from a script. */
export interface TimedResponse {
  at: number;
  text: string;
}

/**
 * Play a whole exercise at once: injects and responses merged in simulated time; a response of
 * `/end` ends it there. Pure: the same scenario and responses always give the same debrief.
 */
export function replay(scenario: Scenario, responses: readonly TimedResponse[], speed = 1): Debrief {
  const sim = new Simulation(scenario, speed, { now: () => 0 });
  for (const r of [...responses].sort((a, b) => a.at - b.at)) {
    if (r.text.trim() === END_COMMAND) return sim.end('ended', r.at).debrief;
    sim.respond(r.text, r.at);
  }
  return sim.end('completed').debrief;
}

export const END_COMMAND = '/end';
