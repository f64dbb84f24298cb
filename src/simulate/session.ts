/**
 * One exercise for several teams in the browser: one shared clock and schedule, one Simulation per
 * team (the same engine and debrief as the terminal). No I/O; the server turns requests into calls.
 */
import { ExerciseClock, ReplyTargetError, Simulation, type Clock, type Debrief, type InjectEvent, type ReleasedInject, type ResponseEvent, type TypingMode } from './engine.js';
import type { Channel, Scenario } from './schema.js';

export type Phase = 'waiting' | 'running' | 'paused' | 'ended';

export interface TeamState {
  name: string;
  phase: Phase;
  elapsed: number;
  speed: number;
  endAt: number;
  injects: (ReleasedInject & { mentionCount?: number; replies: { at: number; text: string; responseSeconds: number | null }[] })[];
  /** The inject a reply goes to unless the team picks another: the latest still waiting. */
  defaultTarget: number | null;
  mentions: number | null;
}

export interface FacilitatorState {
  phase: Phase;
  elapsed: number;
  speed: number;
  endAt: number;
  title: string;
  teams: { name: string; replies: number; waiting: number }[];
  injects: { number: number; id: string; at: number; channel: Channel; from: string; source: string }[];
  reserve: { id: string; channel: Channel; from: string }[];
  debriefs: { team: string; file: string }[];
}

export class Session {
  readonly clock: ExerciseClock;
  private readonly teams = new Map<string, Simulation>();
  private readonly endAt: number;
  private pausedSince: number | undefined;
  private debriefs: Debrief[] | undefined;

  constructor(
    readonly scenario: Scenario,
    speed: number,
    private readonly real: Clock,
    readonly typing: TypingMode = 'count',
  ) {
    this.clock = new ExerciseClock(speed, real);
    this.endAt = scenario.duration_minutes * 60;
  }

  get phase(): Phase {
    if (this.debriefs) return 'ended';
    if (!this.clock.started) return 'waiting';
    return this.clock.held('facilitator') ? 'paused' : 'running';
  }

  teamNames(): string[] {
    return [...this.teams.keys()];
  }

  /** A team joins before the start; joining again with the same name rejoins it. */
  join(name: string): void {
    if (this.teams.has(name)) return;
    if (this.phase !== 'waiting') throw new ReplyTargetError('the exercise has started: teams join before the facilitator starts it');
    this.teams.set(name, new Simulation(this.scenario, this.clock.speed, this.clock, { typing: this.typing, team: name }));
  }

  hasTeam(name: string): boolean {
    return this.teams.has(name);
  }

  private get first(): Simulation | undefined {
    return this.teams.values().next().value;
  }

  start(): void {
    if (this.teams.size === 0) throw new ReplyTargetError('no team has joined yet');
    this.clock.start();
  }

  elapsed(): number {
    return Math.min(this.endAt, Math.round(this.clock.exact()));
  }

  /** Exercise second of the next event the timer waits for (an inject or the end). */
  nextAt(): number {
    return Math.min(this.first?.nextInjectAt() ?? Infinity, this.endAt);
  }

  realMsUntilNext(): number {
    return this.clock.realMsUntil(this.nextAt());
  }

  /** Release what is due on every team's feed; true when the scenario reached its end. */
  tick(): { released: InjectEvent[]; completed: boolean } {
    if (this.phase !== 'running') return { released: [], completed: false };
    const now = this.elapsed();
    let released: InjectEvent[] = [];
    for (const sim of this.teams.values()) released = sim.release(now);
    return { released, completed: now >= this.endAt };
  }

  pause(): boolean {
    if (this.phase !== 'running' || !this.clock.hold('facilitator')) return false;
    this.pausedSince = this.real.now();
    for (const sim of this.teams.values()) sim.notePause();
    return true;
  }

  resume(): boolean {
    if (this.phase !== 'paused') return false;
    this.clock.release('facilitator');
    const ms = this.real.now() - (this.pausedSince ?? this.real.now());
    this.pausedSince = undefined;
    for (const sim of this.teams.values()) sim.noteResume(ms);
    return true;
  }

  addInject(what: { reserveId: string } | { channel: Channel; from: string; text: string }): void {
    if (this.phase !== 'running' && this.phase !== 'paused') throw new ReplyTargetError('injects are added while the exercise runs');
    const at = this.elapsed();
    for (const sim of this.teams.values()) sim.addInject(what, at);
  }

  reply(team: string, to: number, text: string, typingRealMs: number | null): ResponseEvent {
    const sim = this.teams.get(team);
    if (!sim) throw new ReplyTargetError(`no team "${team}" has joined`);
    if (this.phase !== 'running' && this.phase !== 'paused') throw new ReplyTargetError('replies are logged while the exercise runs');
    // typing measured in the browser, in real time; counted in exercise time at the speed
    const typingSeconds = typingRealMs === null ? null : (Math.max(0, typingRealMs) / 1000) * this.clock.speed;
    return sim.respond(text, { to, typingSeconds }).response;
  }

  /** End for every team (completed at the scenario's end, else ended now); the debriefs, one per team. */
  end(reason: 'completed' | 'ended' | 'interrupted'): Debrief[] {
    if (this.debriefs) return this.debriefs;
    if (this.pausedSince !== undefined) this.resume();
    this.debriefs = [...this.teams.values()].map((sim) => sim.end(reason).debrief);
    return this.debriefs;
  }

  teamState(name: string): TeamState {
    const sim = this.teams.get(name)!;
    const record = sim.debrief().timeline;
    const injects = sim.releasedInjects().map((r) => {
      const event = record.find((e): e is InjectEvent => e.kind === 'inject' && e.number === r.number)!;
      const replies = record
        .filter((e): e is ResponseEvent => e.kind === 'response' && e.injectId === r.id)
        .map((e) => ({ at: e.at, text: e.text, responseSeconds: e.responseSeconds }));
      return { ...r, ...(event.mentionCount === undefined ? {} : { mentionCount: event.mentionCount }), replies };
    });
    const mentions = [...injects].reverse().find((i) => i.mentionCount !== undefined)?.mentionCount ?? null;
    return {
      name,
      phase: this.phase,
      elapsed: this.elapsed(),
      speed: this.clock.speed,
      endAt: this.endAt,
      injects,
      defaultTarget: sim.defaultTarget()?.number ?? null,
      mentions,
    };
  }

  facilitatorState(files: (team: string) => string): FacilitatorState {
    const first = this.first;
    return {
      phase: this.phase,
      elapsed: this.elapsed(),
      speed: this.clock.speed,
      endAt: this.endAt,
      title: this.scenario.title,
      teams: [...this.teams.entries()].map(([name, sim]) => ({ name, replies: sim.debrief().summary.responses, waiting: sim.waiting().length })),
      injects: first ? first.debrief().timeline.filter((e): e is InjectEvent => e.kind === 'inject').map((e) => ({ number: e.number, id: e.injectId, at: e.at, channel: e.channel, from: e.from, source: e.source })) : [],
      reserve: (first?.reserve() ?? this.scenario.reserve_injects ?? []).map((r) => ({ id: r.id, channel: r.channel, from: r.from })),
      debriefs: (this.debriefs ?? []).map((d) => ({ team: d.team!, file: files(d.team!) })),
    };
  }
}
