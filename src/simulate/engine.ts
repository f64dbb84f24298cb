/**
 * The simulation clock and the record of what happened, with no I/O: the real clock is injected, so
 * tests drive it by hand and the front ends (terminal, web) drive it with the real one.
 *
 * Time is counted in exercise seconds from the start. At speed N, one real second is N exercise
 * seconds, except while the clock is paused (by the facilitator, or while a reply is typed when the
 * exercise is set up that way). Scheduled injects are released at their minute (stamped with that
 * minute, so timer jitter never shifts the record); replies and live injects are stamped when they
 * arrive.
 *
 * Attribution: a reply names the inject it answers. When it names none, it answers the latest
 * released inject that expects a response and has none yet (the default a picker offers); when every
 * such inject has been answered, the latest released inject. A reply before the first inject
 * answers nothing.
 */
import type { Channel, Inject, ReserveInject, Scenario } from './schema.js';

export interface Clock {
  /** Milliseconds, monotonic (e.g. performance.now()). */
  now(): number;
}

export type EndReason = 'completed' | 'ended' | 'interrupted';

/** How an inject came into the exercise. */
export type InjectSource = 'scheduled' | 'reserve' | 'live';

export interface InjectEvent {
  kind: 'inject';
  /** Exercise seconds from the start. */
  at: number;
  /** 1-based, in the order injects were released: the number a reply names (`/reply 3`). */
  number: number;
  injectId: string;
  source: InjectSource;
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
  /** Who replied, when several teams play (the web simulator); absent for a single team. */
  team?: string;
  /** The inject this reply answers, or null before the first inject. */
  injectId: string | null;
  /** Whether the team chose the inject (`/reply N`, a picker, a script's reply_to) or it was the default. */
  chosen: boolean;
  /** Exercise seconds from that inject's release to this reply. */
  responseSeconds: number | null;
  /** Exercise seconds that passed while the reply was typed (part of responseSeconds); null when not measured. */
  typingSeconds: number | null;
}

export interface PauseEvent {
  kind: 'pause';
  at: number;
}

export interface ResumeEvent {
  kind: 'resume';
  at: number;
  /** Real seconds the clock stood still. */
  realSeconds: number;
}

export type TimelineEvent = InjectEvent | ResponseEvent | PauseEvent | ResumeEvent;

export type InjectStatus = 'answered' | 'unanswered' | 'no response needed' | 'not reached';

export interface InjectResult {
  number: number;
  id: string;
  source: InjectSource;
  /** Release time (scheduled time when not reached), exercise seconds. */
  at: number;
  channel: Channel;
  from: string;
  expectsResponse: boolean;
  status: InjectStatus;
  responses: number;
  /** Seconds from release to the first reply attributed to it. */
  firstResponseSeconds: number | null;
  guidance: string;
}

export interface RoleAssignment {
  role: string;
  /** Who played it; empty when not recorded. */
  player: string;
}

/** Count typing time in response times, or stop the clock while a reply is typed. */
export type TypingMode = 'count' | 'pause';

export interface Debrief {
  scenario: { id: string; title: string; summary: string; durationMinutes: number };
  team?: string;
  speed: number;
  typing: TypingMode;
  roles: RoleAssignment[];
  end: { reason: EndReason; at: number };
  timeline: TimelineEvent[];
  injects: InjectResult[];
  /** Ids of released injects that expected a response and got none. */
  unanswered: string[];
  /** Ids of scheduled injects the exercise ended before. */
  notReached: string[];
  summary: {
    injectsReleased: number;
    responses: number;
    expectingResponse: number;
    answered: number;
    /** Median of the first-response times of the answered injects that expected one. */
    medianResponseSeconds: number | null;
    slowest: { injectId: string; seconds: number } | null;
    /** Exercise seconds spent typing, summed over the replies where it was measured. */
    typingSeconds: number;
    /** Real seconds the facilitator had the clock paused. */
    pausedRealSeconds: number;
  };
  debriefQuestions: string[];
  goodPractice: string[];
}

/** `T+mm:ss` from exercise seconds (minutes run past 59 rather than into hours). */
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

/** Above this speed a reply's typing time is a large share of its response time; the front ends warn. */
export const HIGH_SPEED = 10;

/**
 * Exercise time from real time: not running until start(), standing still while paused. Several
 * teams' simulations can share one, so a pause or the end holds for all of them.
 */
export class ExerciseClock {
  private startedAt: number | undefined;
  /** Real ms spent paused before the current pause. */
  private pausedMs = 0;
  private pausedSince: number | undefined;
  /** Why the clock is paused: a facilitator's pause outlasts a typing pause. */
  private holds = new Set<string>();

  constructor(
    readonly speed: number,
    private readonly real: Clock,
  ) {
    if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError('speed must be a number above 0');
  }

  get started(): boolean {
    return this.startedAt !== undefined;
  }

  get paused(): boolean {
    return this.pausedSince !== undefined;
  }

  /** Whether a hold of this kind is on (e.g. 'facilitator'). */
  held(kind: string): boolean {
    return this.holds.has(kind);
  }

  start(): void {
    if (this.startedAt === undefined) this.startedAt = this.real.now();
  }

  /** Exercise seconds since the start (fractional; 0 before the start). */
  exact(): number {
    if (this.startedAt === undefined) return 0;
    const now = this.pausedSince ?? this.real.now();
    return ((now - this.startedAt - this.pausedMs) * this.speed) / 1000;
  }

  /** Put on a hold; the clock stops with the first. Returns false when that hold was already on. */
  hold(kind: string): boolean {
    if (this.holds.has(kind)) return false;
    this.holds.add(kind);
    if (this.pausedSince === undefined) this.pausedSince = this.real.now();
    return true;
  }

  /** Take a hold off; the clock runs again when none is left. Returns the real ms of the stop that ended, or 0. */
  release(kind: string): number {
    if (!this.holds.delete(kind) || this.holds.size > 0 || this.pausedSince === undefined) return 0;
    const stopped = this.real.now() - this.pausedSince;
    this.pausedMs += stopped;
    this.pausedSince = undefined;
    return stopped;
  }

  /** Real milliseconds from now until exercise second `at`: 0 when it has passed, Infinity while stopped. */
  realMsUntil(at: number): number {
    if (this.startedAt === undefined || this.pausedSince !== undefined) return Infinity;
    return Math.max(0, ((at - this.exact()) * 1000) / this.speed);
  }
}

/** A reply naming no inject, or one that names an inject not released yet. */
export class ReplyTargetError extends Error {}

/** What a reply says about itself besides its text. */
export interface ReplyOptions {
  /** Exercise second (default: now). */
  at?: number;
  /** The inject it answers, by id or by its release number. */
  to?: string | number;
  typingSeconds?: number | null;
}

/** A released inject, as the front ends list it. */
export interface ReleasedInject {
  number: number;
  id: string;
  at: number;
  channel: Channel;
  from: string;
  text: string;
  expectsResponse: boolean;
  responses: number;
}

interface Released {
  event: InjectEvent;
  guidance: string;
}

export interface SimulationOptions {
  typing?: TypingMode;
  team?: string;
  roles?: RoleAssignment[];
}

export class Simulation {
  readonly endAt: number;
  readonly clock: ExerciseClock;
  readonly typing: TypingMode;
  readonly team: string | undefined;
  roles: RoleAssignment[];
  private readonly timeline: TimelineEvent[] = [];
  private readonly released: Released[] = [];
  /** Index of the next scheduled inject. */
  private scheduled = 0;
  private lastAt = 0;
  private readonly replies = new Map<string, number>();
  private readonly reserveUsed = new Set<string>();
  private liveCount = 0;
  private ended: { reason: EndReason; at: number } | undefined;

  /**
   * With a plain Clock the exercise clock starts at once (scripts, tests); with an ExerciseClock it
   * starts when that clock does, and may be shared by several teams.
   */
  constructor(
    readonly scenario: Scenario,
    speed: number,
    clock: Clock | ExerciseClock,
    options: SimulationOptions = {},
  ) {
    if (clock instanceof ExerciseClock) this.clock = clock;
    else {
      this.clock = new ExerciseClock(speed, clock);
      this.clock.start();
    }
    this.endAt = scenario.duration_minutes * 60;
    this.typing = options.typing ?? 'count';
    this.team = options.team;
    this.roles = options.roles ?? scenario.roles.map((r) => ({ role: r.name, player: '' }));
  }

  get speed(): number {
    return this.clock.speed;
  }

  /** Exercise seconds since the start, by the clock (whole seconds, never past the end). */
  elapsed(): number {
    return Math.min(this.endAt, Math.round(this.clock.exact()));
  }

  /** Real milliseconds from now until exercise second `at` (0 when it has passed, Infinity while paused). */
  realMsUntil(at: number): number {
    return this.clock.realMsUntil(at);
  }

  /** Exercise second of the next scheduled inject still to come, if any. */
  nextInjectAt(): number | undefined {
    const next = this.scenario.injects[this.scheduled];
    return next ? next.at * 60 : undefined;
  }

  get finished(): boolean {
    return this.ended !== undefined;
  }

  /** Released injects, in release order. */
  releasedInjects(): ReleasedInject[] {
    return this.released.map(({ event: e }) => ({
      number: e.number,
      id: e.injectId,
      at: e.at,
      channel: e.channel,
      from: e.from,
      text: e.text,
      expectsResponse: e.expectsResponse,
      responses: this.replies.get(e.injectId) ?? 0,
    }));
  }

  /** Released injects that expect a response and have none yet, latest last. */
  waiting(): ReleasedInject[] {
    return this.releasedInjects().filter((r) => r.expectsResponse && r.responses === 0);
  }

  /** The inject a reply naming none answers: the latest waiting, else the latest released. */
  defaultTarget(): ReleasedInject | undefined {
    const all = this.releasedInjects();
    return all.filter((r) => r.expectsResponse && r.responses === 0).pop() ?? all[all.length - 1];
  }

  /** Reserve injects not used yet. */
  reserve(): ReserveInject[] {
    return (this.scenario.reserve_injects ?? []).filter((r) => !this.reserveUsed.has(r.id));
  }

  /** Release every scheduled inject due by exercise second `upTo` (default: now); returns those newly released. */
  release(upTo: number = this.elapsed()): InjectEvent[] {
    const out: InjectEvent[] = [];
    if (this.ended) return out;
    for (;;) {
      const inject: Inject | undefined = this.scenario.injects[this.scheduled];
      if (!inject || inject.at * 60 > upTo) break;
      this.scheduled++;
      out.push(this.push(inject, inject.at * 60, 'scheduled'));
    }
    return out;
  }

  private push(inject: Omit<Inject, 'at'>, at: number, source: InjectSource): InjectEvent {
    const event: InjectEvent = {
      kind: 'inject',
      at,
      number: this.released.length + 1,
      injectId: inject.id,
      source,
      channel: inject.channel,
      from: inject.from,
      text: inject.text,
      ...(inject.mention_count === undefined ? {} : { mentionCount: inject.mention_count }),
      expectsResponse: inject.expects_response,
    };
    this.released.push({ event, guidance: inject.guidance });
    this.record(event);
    return event;
  }

  /**
   * The facilitator adds an inject now: a reserve inject by id, or a new one. Scheduled injects due by
   * now are released first (returned before it), so the timeline stays in order.
   */
  addInject(
    what: { reserveId: string } | { channel: Channel; from: string; text: string; expectsResponse?: boolean; guidance?: string },
    at: number = this.elapsed(),
  ): InjectEvent[] {
    if (this.ended) throw new Error('the simulation has ended');
    const when = Math.min(this.endAt, Math.max(at, this.lastAt));
    const out = this.release(when);
    if ('reserveId' in what) {
      const reserve = (this.scenario.reserve_injects ?? []).find((r) => r.id === what.reserveId);
      if (!reserve) throw new ReplyTargetError(`no reserve inject "${what.reserveId}" in scenario ${this.scenario.id}`);
      if (this.reserveUsed.has(reserve.id)) throw new ReplyTargetError(`reserve inject "${reserve.id}" has already been used`);
      this.reserveUsed.add(reserve.id);
      out.push(this.push(reserve, when, 'reserve'));
    } else {
      this.liveCount++;
      out.push(
        this.push(
          {
            id: `live-${this.liveCount}`,
            channel: what.channel,
            from: what.from,
            text: what.text,
            expects_response: what.expectsResponse ?? true,
            guidance: what.guidance ?? 'Added by the facilitator during the exercise: discuss what a good response would have been.',
          },
          when,
          'live',
        ),
      );
    }
    return out;
  }

  private find(to: string | number): Released {
    const found = typeof to === 'number' ? this.released[to - 1] : this.released.find((r) => r.event.injectId === to);
    if (found) return found;
    const known = this.released.length === 0 ? 'no inject has arrived yet' : `the injects so far are 1 to ${this.released.length}`;
    if (typeof to === 'number') throw new ReplyTargetError(`there is no inject ${to}: ${known}`);
    const scheduled = this.scenario.injects.some((i) => i.id === to);
    throw new ReplyTargetError(scheduled ? `inject "${to}" has not arrived yet` : `no inject "${to}" in this exercise`);
  }

  /**
   * Record a reply at exercise second `at` (default: now). Injects due by then are released first and
   * returned with it, so the front end can show them before the acknowledgement.
   */
  respond(text: string, options: ReplyOptions = {}): { released: InjectEvent[]; response: ResponseEvent } {
    if (this.ended) throw new Error('the simulation has ended');
    const when = Math.min(this.endAt, Math.max(options.at ?? this.elapsed(), this.lastAt));
    const released = this.release(when);
    const chosen = options.to !== undefined;
    const target = chosen ? this.find(options.to!).event : this.defaultTargetEvent();
    const typing = options.typingSeconds ?? null;
    const response: ResponseEvent = {
      kind: 'response',
      at: when,
      text,
      ...(this.team === undefined ? {} : { team: this.team }),
      injectId: target ? target.injectId : null,
      chosen,
      responseSeconds: target ? when - target.at : null,
      typingSeconds: typing === null ? null : Math.max(0, Math.round(typing)),
    };
    if (target) this.replies.set(target.injectId, (this.replies.get(target.injectId) ?? 0) + 1);
    this.record(response);
    return { released, response };
  }

  private defaultTargetEvent(): InjectEvent | undefined {
    const d = this.defaultTarget();
    return d ? this.released[d.number - 1]!.event : undefined;
  }

  /**
   * Record the facilitator's pause or resume (the shared clock is held by the front end). Injects due
   * by the pause are released first and returned, so the front end shows them.
   */
  notePause(at: number = this.elapsed()): InjectEvent[] {
    const released = this.release(at);
    this.record({ kind: 'pause', at: Math.max(at, this.lastAt) });
    return released;
  }

  noteResume(realMs: number, at: number = this.elapsed()): ResumeEvent {
    const event: ResumeEvent = { kind: 'resume', at: Math.max(at, this.lastAt), realSeconds: Math.round(realMs / 1000) };
    this.record(event);
    return event;
  }

  /** End the exercise at exercise second `at` (default: now; the scenario's end when completed). */
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

  /** The record so far (complete once ended). */
  debrief(): Debrief {
    const responses = this.timeline.filter((e): e is ResponseEvent => e.kind === 'response');
    const result = (e: Omit<InjectEvent, 'kind'>, guidance: string, reached: boolean): InjectResult => {
      const own = responses.filter((r) => r.injectId === e.injectId);
      const status: InjectStatus = !reached ? 'not reached' : own.length > 0 ? 'answered' : e.expectsResponse ? 'unanswered' : 'no response needed';
      return {
        number: e.number,
        id: e.injectId,
        source: e.source,
        at: e.at,
        channel: e.channel,
        from: e.from,
        expectsResponse: e.expectsResponse,
        status,
        responses: own.length,
        firstResponseSeconds: own[0]?.responseSeconds ?? null,
        guidance,
      };
    };
    const injects: InjectResult[] = this.released.map((r) => result(r.event, r.guidance, true));
    this.scenario.injects.slice(this.scheduled).forEach((inject, i) => {
      const number = this.released.length + i + 1;
      injects.push(
        result(
          { at: inject.at * 60, number, injectId: inject.id, source: 'scheduled', channel: inject.channel, from: inject.from, text: inject.text, expectsResponse: inject.expects_response },
          inject.guidance,
          false,
        ),
      );
    });
    const expecting = injects.filter((r) => r.expectsResponse && r.status !== 'not reached');
    const answeredTimes = expecting.filter((r) => r.firstResponseSeconds !== null).map((r) => ({ id: r.id, seconds: r.firstResponseSeconds! }));
    const slowest = answeredTimes.reduce<{ injectId: string; seconds: number } | null>(
      (worst, r) => (worst === null || r.seconds > worst.seconds ? { injectId: r.id, seconds: r.seconds } : worst),
      null,
    );
    const paused = this.timeline.reduce((sum, e) => sum + (e.kind === 'resume' ? e.realSeconds : 0), 0);
    return {
      scenario: { id: this.scenario.id, title: this.scenario.title, summary: this.scenario.summary, durationMinutes: this.scenario.duration_minutes },
      ...(this.team === undefined ? {} : { team: this.team }),
      speed: this.speed,
      typing: this.typing,
      roles: this.roles.map((r) => ({ ...r })),
      end: this.ended ?? { reason: 'ended', at: this.lastAt },
      timeline: [...this.timeline],
      injects,
      unanswered: injects.filter((r) => r.status === 'unanswered').map((r) => r.id),
      notReached: injects.filter((r) => r.status === 'not reached').map((r) => r.id),
      summary: {
        injectsReleased: this.released.length,
        responses: responses.length,
        expectingResponse: expecting.length,
        answered: answeredTimes.length,
        medianResponseSeconds: median(answeredTimes.map((r) => r.seconds)),
        slowest,
        typingSeconds: responses.reduce((sum, r) => sum + (r.typingSeconds ?? 0), 0),
        pausedRealSeconds: paused,
      },
      debriefQuestions: [...this.scenario.debrief_questions],
      goodPractice: [...this.scenario.good_practice],
    };
  }
}

/** A reply placed in exercise time, e.g. from a script. */
export interface TimedResponse {
  at: number;
  text: string;
  /** The inject it answers (a script's reply_to or after_inject); the default when absent. */
  injectId?: string;
}

/**
 * Play a whole exercise at once: injects and replies merged in exercise time; a reply of `/end`
 * ends it there. Pure: the same scenario and replies always give the same debrief.
 */
export function replay(scenario: Scenario, responses: readonly TimedResponse[], speed = 1): Debrief {
  const sim = new Simulation(scenario, speed, { now: () => 0 });
  for (const r of [...responses].sort((a, b) => a.at - b.at)) {
    if (r.text.trim() === END_COMMAND) return sim.end('ended', r.at).debrief;
    sim.respond(r.text, { at: r.at, ...(r.injectId === undefined ? {} : { to: r.injectId }) });
  }
  return sim.end('completed').debrief;
}

export const END_COMMAND = '/end';
