/**
 * Turn complete answers and the chosen techniques into a plan; pure. Starting targets, dates,
 * risks and accessibility notes are drawn from the techniques so the plan is useful at once,
 * and the official edits plan.yaml afterwards.
 */
import type { Toolkit } from '../toolkit/load.js';
import type { Audience, CostLevel, Technique } from '../toolkit/schema.js';
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
}

export function addWeeks(date: string, weeks: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + Math.round(weeks * 7));
  return d.toISOString().slice(0, 10);
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Which metric a technique is most naturally measured by. */
function metricFor(t: Technique): Plan['metrics'][number]['metric'] {
  if (t.iap2 === 'inform') return 'reach';
  if (t.iap2 === 'consult') return 'responses';
  return 'signups';
}

export function buildPlan(toolkit: Toolkit, inputs: PlanInputs): Plan {
  const techniques = inputs.techniques.map((id) => toolkit.techniques.get(id)?.value).filter((t): t is Technique => t !== undefined);
  let end = addWeeks(inputs.start, inputs.weeks);

  // the consultation opens once the techniques are ready, but early enough to close by the end when it can
  let consultation = inputs.consultation;
  if (consultation) {
    const ready = addWeeks(inputs.start, Math.min(Math.max(0, ...techniques.map((t) => t.lead_time_weeks)), inputs.weeks));
    const latestOpen = consultation.duration_weeks !== undefined ? addWeeks(end, -consultation.duration_weeks) : ready;
    const opens = consultation.opens ?? [ready, latestOpen < inputs.start ? inputs.start : latestOpen].sort()[0]!;
    const closes = consultation.closes ?? (consultation.duration_weeks !== undefined ? addWeeks(opens, consultation.duration_weeks) : undefined);
    consultation = { ...consultation, opens, ...(closes ? { closes } : {}) };
    if (closes && closes > end) end = closes;
  }
  const stageName = toolkit.stages.find((s) => s.number === inputs.stage)?.name ?? `stage ${inputs.stage}`;
  const objectives = (inputs.objectives.length > 0 ? inputs.objectives : [`Involve ${inputs.audiences.join(', ')} in ${stageName.toLowerCase()} for ${inputs.policy.title}.`]).map((text, i) => ({ id: `obj-${i + 1}`, text }));

  const planned = techniques.map((t) => {
    const ready = addWeeks(inputs.start, Math.min(t.lead_time_weeks, inputs.weeks));
    return { id: t.id, owner: inputs.owner, channels: t.channels.slice(0, 3), start: ready, end };
  });

  const metrics =
    inputs.metrics ??
    techniques.map((t, i) => {
      const metric = metricFor(t);
      const target = metric === 'reach' ? inputs.target * 10 : metric === 'signups' ? Math.max(10, Math.round(inputs.target / 10)) : inputs.target;
      return { id: `${t.id}-${metric}`, objective: objectives[Math.min(i, objectives.length - 1)]!.id, channel: t.id, metric, target, start: planned[i]!.start, by: end };
    });


  const timeline: Plan['timeline'] = [{ date: inputs.start, milestone: 'Plan agreed and owners confirmed' }];
  techniques.forEach((t, i) => timeline.push({ date: planned[i]!.start, milestone: `${t.name} ready to run` }));
  if (consultation?.opens) timeline.push({ date: consultation.opens, milestone: 'Consultation opens' });
  if (consultation?.closes) {
    timeline.push({ date: consultation.closes, milestone: 'Consultation closes' });
    if (consultation.summary_of_responses_weeks !== undefined) timeline.push({ date: addWeeks(consultation.closes, consultation.summary_of_responses_weeks), milestone: 'Summary of responses published' });
    if (consultation.government_response_weeks !== undefined) timeline.push({ date: addWeeks(consultation.closes, consultation.government_response_weeks), milestone: 'Government response published' });
  }
  timeline.push({ date: end, milestone: `${stageName} complete` });
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
    stages: [{ stage: inputs.stage, activities: inputs.activities, techniques: planned }],
    timeline,
    owners: inputs.team ?? [{ name: inputs.owner, role: 'Plan owner' }],
    channels: unique(techniques.flatMap((t) => t.channels)),
    metrics,
    risks,
    accessibility,
    ...(inputs.budget ? { budget: { level: inputs.budget } } : {}),
    ...(consultation ? { consultation } : {}),
  };
}
