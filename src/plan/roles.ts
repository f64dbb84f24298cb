/**
 * What a technique does in a plan, worked out from its toolkit entry, so schedules and metrics mean
 * something: a response route takes responses (and must be ready when a consultation opens), a
 * reach channel explains and is measured by reach, a desk method is analysis done by the team (no
 * audience target), and a participation method is measured by the people taking part.
 */
import type { Plan } from './schema.js';
import type { Technique } from '../toolkit/schema.js';

export type Role = 'response-route' | 'reach' | 'desk' | 'participation';

const DESK_ACTIVITIES = new Set(['analysing-responses', 'evaluating-what-works', 'gathering-evidence']);

export function roleOf(t: Pick<Technique, 'activities' | 'iap2' | 'mode'>): Role {
  if (t.activities.includes('asking-questions')) return 'response-route';
  // desk work: only analysis or evidence activities, done online by the team
  if (t.mode === 'online' && t.activities.every((a) => DESK_ACTIVITIES.has(a))) return 'desk';
  if (t.iap2 === 'inform' || (t.activities.includes('explaining-policy') && t.iap2 === 'consult')) return 'reach';
  return 'participation';
}

/** The metric that means something for a role; none for desk methods. */
export function metricForRole(role: Role): Plan['metrics'][number]['metric'] | undefined {
  return role === 'response-route' ? 'responses' : role === 'reach' ? 'reach' : role === 'participation' ? 'signups' : undefined;
}

/** A lookup of roles by technique id, for the standard's route checks. */
export function rolesFrom(techniques: { get(id: string): { value: Technique } | undefined }): (id: string) => Role | undefined {
  return (id) => {
    const t = techniques.get(id)?.value;
    return t ? roleOf(t) : undefined;
  };
}
