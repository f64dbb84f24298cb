/**
 * Turn complete answers and the chosen techniques into a plan; pure. The schedule is validated as
 * it is made: each technique is prepared (its lead time) before it runs, every run sits inside the
 * stage, the consultation's response routes are ready on its opening day, and the stage length the
 * official gave is kept: a plan that cannot fit is a ScheduleError naming the fix, never a silently
 * longer stage. Targets are split across channels, and each technique gets the metric that means
 * something for what it does (see ./roles.ts).
 */
import { PtkError } from '../errors.js';
import type { Toolkit } from '../toolkit/load.js';
import type { Audience, CostLevel, Technique } from '../toolkit/schema.js';
import { metricForRole, roleOf, type Role } from './roles.js';
import type { Consultation, Plan } from './schema.js';

export interface PlanInputs {
  stage: number;
  policy: { title: string; area?: string; problem: string };
  objectives: string[];
  audiences: Audience[];
  offlineShare?: number;
  start: string;
  weeks: number;
  budget?: CostLevel;
  activities: string[];
  techniques: string[];
  owner: string;
  team?: { name: string; role: string }[];
  target: number;
  metrics?: Plan['metrics'];
  consultation?: Consultation;
  /** Stage 3: how many responses there are to analyse. */
  responsesToAnalyse?: number;
  /** The recommender's reasons for the chosen techniques, kept in the plan. */
  recommendations?: NonNullable<Plan['recommendations']>;
}

/** A schedule that cannot be made as asked; the message says what to change. */
export class ScheduleError extends PtkError {}

export function addWeeks(date: string, weeks: number): string {
  return addDays(date, Math.round(weeks * 7));
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

const weeksText = (w: number) => `${w} week${w === 1 ? '' : 's'}`;

/** Split a whole-number total across shares (weights), largest remainders first; sums to the total. */
export function splitTarget(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || weights.length === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i]!++;
    left--;
  }
  return out;
}

interface Scheduled {
  technique: Technique;
  role: Role;
  prepareFrom: string;
  start: string;
  end: string;
}

export function buildPlan(toolkit: Toolkit, inputs: PlanInputs): Plan {
  const techniques = inputs.techniques.map((id) => toolkit.techniques.get(id)?.value).filter((t): t is Technique => t !== undefined);
  const stageEnd = addWeeks(inputs.start, inputs.weeks);
  const stageName = toolkit.stages.find((s) => s.number === inputs.stage)?.name ?? `stage ${inputs.stage}`;

  // every technique needs time to run after its preparation, inside the stage
  for (const t of techniques) {
    if (t.lead_time_weeks >= inputs.weeks) {
      throw new ScheduleError(
        `${t.name} (${t.id}) needs ${weeksText(t.lead_time_weeks)} of preparation, which leaves no time to run it in a ${weeksText(inputs.weeks)} stage: give the stage more than ${weeksText(t.lead_time_weeks)} (weeks:), or choose another technique.`,
      );
    }
  }
  const roles = new Map(techniques.map((t) => [t.id, roleOf(t)]));

  // the consultation opens when its slowest response route is ready, and must close inside the stage
  let consultation = inputs.consultation;
  const routeTechniques = techniques.filter((t) => roles.get(t.id) === 'response-route');
  if (consultation) {
    const slowest = routeTechniques.reduce<Technique | undefined>((a, t) => (a && a.lead_time_weeks >= t.lead_time_weeks ? a : t), undefined);
    const ready = addWeeks(inputs.start, slowest?.lead_time_weeks ?? 0);
    if (consultation.opens && slowest && consultation.opens < ready) {
      throw new ScheduleError(
        `the consultation opens ${consultation.opens}, but ${slowest.name} (${slowest.id}) needs ${weeksText(slowest.lead_time_weeks)} of preparation from ${inputs.start} and is ready only on ${ready}: open on ${ready} or later, or start preparing earlier.`,
      );
    }
    const opens = consultation.opens ?? ready;
    const closes = consultation.closes ?? (consultation.duration_weeks !== undefined ? addWeeks(opens, consultation.duration_weeks) : undefined);
    if (closes && closes > stageEnd) {
      const needed = Math.ceil((Date.parse(`${closes}T00:00:00Z`) - Date.parse(`${inputs.start}T00:00:00Z`)) / (7 * 86_400_000));
      throw new ScheduleError(
        `the consultation opens ${opens}${slowest && !inputs.consultation?.opens ? ` (when ${slowest.name} is ready)` : ''} and closes ${closes}, after this ${weeksText(inputs.weeks)} stage ends on ${stageEnd}: give the stage at least ${weeksText(needed)} (weeks:), shorten the consultation (duration_weeks:), or choose response routes that take less preparation.`,
      );
    }
    consultation = { ...consultation, opens, ...(closes ? { closes } : {}) };
  }

  const scheduled: Scheduled[] = techniques.map((t) => {
    const role = roles.get(t.id)!;
    const ownReady = addWeeks(inputs.start, t.lead_time_weeks);
    // response routes take responses for the whole consultation window; the rest run once ready
    if (consultation?.opens && role === 'response-route') {
      const start = consultation.opens;
      return { technique: t, role, prepareFrom: addWeeks(start, -t.lead_time_weeks) < inputs.start ? inputs.start : addWeeks(start, -t.lead_time_weeks), start, end: consultation.closes ?? stageEnd };
    }
    return { technique: t, role, prepareFrom: inputs.start, start: ownReady, end: stageEnd };
  });

  const objectives = (inputs.objectives.length > 0 ? inputs.objectives : [`Involve ${inputs.audiences.join(', ')} in ${stageName.toLowerCase()} for ${inputs.policy.title}.`]).map((text, i) => ({ id: `obj-${i + 1}`, text }));
  const planned = scheduled.map((s) => ({ id: s.technique.id, owner: inputs.owner, channels: s.technique.channels.slice(0, 3), prepare_from: s.prepareFrom, start: s.start, end: s.end }));

  const metrics = inputs.metrics ?? metricsFor(scheduled, inputs, objectives);

  const timeline: Plan['timeline'] = [{ date: inputs.start, milestone: 'Plan agreed and owners confirmed' }];
  for (const s of scheduled) {
    if (s.prepareFrom > inputs.start) timeline.push({ date: s.prepareFrom, milestone: `${s.technique.name}: preparation starts` });
    timeline.push({ date: s.start, milestone: `${s.technique.name} running` });
  }
  if (consultation?.opens) timeline.push({ date: consultation.opens, milestone: 'Consultation opens' });
  if (consultation?.closes) {
    timeline.push({ date: consultation.closes, milestone: 'Consultation closes' });
    if (consultation.summary_of_responses_weeks !== undefined) timeline.push({ date: addWeeks(consultation.closes, consultation.summary_of_responses_weeks), milestone: 'Summary of responses published' });
    if (consultation.government_response_weeks !== undefined) timeline.push({ date: addWeeks(consultation.closes, consultation.government_response_weeks), milestone: 'Government response published' });
  }
  timeline.push({ date: stageEnd, milestone: `${stageName} complete` });
  timeline.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  const unique = (items: string[]) => [...new Set(items)];
  const risks = techniques.flatMap((t) => t.risks.slice(0, 1));
  const accessibility = unique(techniques.flatMap((t) => [t.accessibility, `${t.name}, assisted digital: ${t.assisted_digital}`]));

  return {
    version: 1,
    policy: inputs.policy,
    start: inputs.start,
    objectives,
    audiences: inputs.audiences,
    ...(inputs.offlineShare !== undefined ? { offline_share: inputs.offlineShare } : {}),
    stages: [{ stage: inputs.stage, start: inputs.start, end: stageEnd, activities: inputs.activities, techniques: planned }],
    timeline,
    owners: inputs.team ?? [{ name: inputs.owner, role: 'Plan owner' }],
    channels: unique(techniques.flatMap((t) => t.channels)),
    metrics,
    risks,
    accessibility,
    ...(inputs.budget ? { budget: { level: inputs.budget } } : {}),
    ...(consultation ? { consultation } : {}),
    ...(inputs.responsesToAnalyse !== undefined ? { responses_to_analyse: inputs.responsesToAnalyse } : {}),
    ...(inputs.recommendations?.length ? { recommendations: inputs.recommendations } : {}),
  };
}

/**
 * Starting metrics: the response (or participant) target is split across the channels that collect
 * it, by their expected share (the offline share goes to offline and blended routes); reach channels
 * share a reach target; desk methods get none, as nobody responds to them.
 */
function metricsFor(scheduled: Scheduled[], inputs: PlanInputs, objectives: { id: string }[]): Plan['metrics'] {
  const byRole = (role: Role) => scheduled.filter((s) => s.role === role);
  const routes = byRole('response-route');
  const collectors = routes.length > 0 ? routes : byRole('participation');
  const offlineShare = Math.min(100, Math.max(0, inputs.offlineShare ?? 0));
  const isOffline = (s: Scheduled) => s.technique.mode !== 'online';
  const offlineCount = collectors.filter(isOffline).length;
  const onlineCount = collectors.length - offlineCount;
  const weights = collectors.map((s) => {
    if (offlineCount === 0 || onlineCount === 0) return 1;
    return isOffline(s) ? offlineShare / offlineCount : (100 - offlineShare) / onlineCount;
  });
  const shares = splitTarget(inputs.target, weights);
  const targets = new Map<string, number>(collectors.map((s, i) => [s.technique.id, shares[i]!]));
  // participation alongside response routes: a small sign-up target of its own
  if (routes.length > 0) {
    const others = byRole('participation');
    splitTarget(Math.max(10 * others.length, Math.round(inputs.target / 10)), others.map(() => 1)).forEach((n, i) => targets.set(others[i]!.technique.id, n));
  }
  const reach = byRole('reach');
  splitTarget(inputs.target * 10, reach.map(() => 1)).forEach((n, i) => targets.set(reach[i]!.technique.id, n));

  const objectiveFor = (i: number) => objectives[Math.min(i, objectives.length - 1)]!.id;
  return scheduled.flatMap((s, i) => {
    const metric = metricForRole(s.role);
    const target = targets.get(s.technique.id) ?? 0;
    if (!metric || target <= 0) return [];
    return [{ id: `${s.technique.id}-${metric}`, objective: objectiveFor(i), channel: s.technique.id, metric, target, start: s.start, by: s.end }];
  });
}
