/**
 * The technique recommender: a pure function from a toolkit and a situation to a ranked list,
 * each entry with a score and the reasons for it. Same inputs, same order (score, then id).
 *
 * Scoring, in points (documented in docs/plan-schema.md under "How recommendations are ranked"):
 *   audience served +3 each; none of yours served -3
 *   cost within budget +2; over budget -3 per level over
 *   lead time within your weeks +2; over -4
 *   skills within your team's +1; over -2 per level
 *   reach matches (or the technique does both) +2; mismatch -1
 *   sensitive policy: usable +1, not usable -5
 *   people rarely online (audience or offline share >= threshold): blended/offline +2, online-only -1
 */
import { UsageError } from '../errors.js';
import type { Toolkit } from '../toolkit/load.js';
import { AUDIENCES, COST_LEVELS, SKILL_LEVELS, type Audience, type CostLevel, type SkillLevel, type Stage, type Technique } from '../toolkit/schema.js';

/** An offline share at or above this percentage means some of the audience must be reached off line. */
export const OFFLINE_SHARE_THRESHOLD = 10;

export interface Situation {
  stage: number;
  activity?: string;
  audiences: Audience[];
  budget?: CostLevel;
  weeks?: number;
  skills?: SkillLevel;
  reach?: 'targeted' | 'broad';
  /** Percentage (0-100) of the audience rarely or never online. */
  offlineShare?: number;
  sensitive?: boolean;
}

export interface OfflinePairing {
  /** The best blended or offline technique for the same stage; absent when the toolkit has none. */
  id?: string;
  name?: string;
  mode?: string;
  /** How to give people who are rarely online a route into the online technique itself. */
  assistedDigital: string;
  /** The paired technique's own assisted-digital note. */
  pairAssistedDigital?: string;
}

export interface Recommendation {
  id: string;
  name: string;
  summary: string;
  mode: Technique['mode'];
  score: number;
  reasons: { matched: string[]; against: string[] };
  offlinePairing?: OfflinePairing;
}

/** True when the situation needs a route for people who are rarely online. */
export function needsOfflineRoute(situation: Pick<Situation, 'audiences' | 'offlineShare'>): boolean {
  return situation.audiences.includes('rarely-online') || (situation.offlineShare ?? 0) >= OFFLINE_SHARE_THRESHOLD;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Score one technique for the situation; pure. */
export function scoreTechnique(t: Technique, situation: Situation): Pick<Recommendation, 'score' | 'reasons'> {
  let score = 0;
  const matched: string[] = [];
  const against: string[] = [];

  if (situation.audiences.length > 0) {
    const served = situation.audiences.filter((a) => t.audiences.includes(a));
    if (served.length > 0) {
      score += 3 * served.length;
      matched.push(`reaches ${served.join(', ')}`);
    } else {
      score -= 3;
      against.push(`reaches none of your audiences (it suits ${t.audiences.join(', ')})`);
    }
  }
  if (situation.budget) {
    const over = COST_LEVELS.indexOf(t.cost) - COST_LEVELS.indexOf(situation.budget);
    if (over <= 0) {
      score += 2;
      matched.push(`cost ${t.cost} is within your ${situation.budget} budget`);
    } else {
      score -= 3 * over;
      against.push(`cost ${t.cost} exceeds your ${situation.budget} budget`);
    }
  }
  if (situation.weeks !== undefined) {
    if (t.lead_time_weeks <= situation.weeks) {
      score += 2;
      matched.push(`lead time ${plural(t.lead_time_weeks, 'week')} fits your ${situation.weeks}`);
    } else {
      score -= 4;
      against.push(`lead time ${plural(t.lead_time_weeks, 'week')} exceeds your ${situation.weeks}`);
    }
  }
  if (situation.skills) {
    const over = SKILL_LEVELS.indexOf(t.skills) - SKILL_LEVELS.indexOf(situation.skills);
    if (over <= 0) {
      score += 1;
      matched.push(`needs ${t.skills} skills; your team has ${situation.skills}`);
    } else {
      score -= 2 * over;
      against.push(`needs ${t.skills} skills; your team has ${situation.skills}`);
    }
  }
  if (situation.reach) {
    if (t.reach === situation.reach || t.reach === 'both') {
      score += 2;
      matched.push(`${t.reach === 'both' ? 'works for targeted and broad' : t.reach} reach`);
    } else {
      score -= 1;
      against.push(`${t.reach} reach; you want ${situation.reach}`);
    }
  }
  if (situation.sensitive) {
    if (t.sensitive_policy_ok) {
      score += 1;
      matched.push('usable for sensitive or unannounced policy');
    } else {
      score -= 5;
      against.push('not suitable for sensitive or unannounced policy');
    }
  }
  if (needsOfflineRoute(situation)) {
    if (t.mode === 'online') {
      score -= 1;
      against.push('online only: needs an offline route for people rarely online');
    } else {
      score += 2;
      matched.push(`${t.mode}: reaches people who are rarely online`);
    }
  }
  return { score, reasons: { matched, against } };
}

const byScoreThenId = (a: { score: number; id: string }, b: { score: number; id: string }) =>
  b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A technique the situation rules out, and why (sensitivity is a hard constraint; lead time and budget are scored). */
export interface LeftOut {
  id: string;
  name: string;
  reason: string;
}

/** Why a technique cannot be used in this situation at all, or undefined when it can. */
export function hardConstraint(t: Technique, situation: Situation): string | undefined {
  if (situation.sensitive && !t.sensitive_policy_ok) return 'not suitable for sensitive or unannounced policy';
  return undefined;
}

const forStage = (toolkit: Toolkit, situation: Situation) => [...toolkit.techniques.values()].map((e) => e.value).filter((t) => t.stages.includes(situation.stage));

/** The stage's techniques left out by a hard constraint, with the reason; same order as ids. */
export function leftOut(toolkit: Toolkit, situation: Situation): LeftOut[] {
  return forStage(toolkit, situation)
    .filter((t) => !situation.activity || t.activities.includes(situation.activity))
    .flatMap((t) => {
      const reason = hardConstraint(t, situation);
      return reason ? [{ id: t.id, name: t.name, reason }] : [];
    })
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

/**
 * Rank the techniques serving the situation's stage (and activity, when given), leaving out any a
 * hard constraint rules out (see leftOut). When people are rarely online, every online technique
 * carries an offline pairing: the best-scoring blended or offline technique for the stage.
 */
export function recommend(toolkit: Toolkit, situation: Situation): Recommendation[] {
  const scored = forStage(toolkit, situation)
    .filter((t) => hardConstraint(t, situation) === undefined)
    .map((t) => ({ t, ...scoreTechnique(t, situation) }))
    .map(({ t, score, reasons }) => ({ t, id: t.id, score, reasons }))
    .sort(byScoreThenId);
  const offlineCandidates = scored.filter((s) => s.t.mode !== 'online');
  const pairingNeeded = needsOfflineRoute(situation);
  return scored
    .filter((s) => !situation.activity || s.t.activities.includes(situation.activity))
    .map(({ t, score, reasons }) => {
      const rec: Recommendation = { id: t.id, name: t.name, summary: t.summary, mode: t.mode, score, reasons };
      if (pairingNeeded && t.mode === 'online') {
        const pair = offlineCandidates[0]?.t;
        rec.offlinePairing = pair
          ? { id: pair.id, name: pair.name, mode: pair.mode, assistedDigital: t.assisted_digital, pairAssistedDigital: pair.assisted_digital }
          : { assistedDigital: t.assisted_digital };
      }
      return rec;
    });
}

/**
 * The techniques a plan starts with when the official does not choose: the top `count` by score, but
 * never without a digital technique when one is on the list (this is a digital toolkit; an offline
 * route is paired with it, not a replacement for it).
 */
export function defaultSelection(recommendations: readonly Recommendation[], count: number): string[] {
  const top = recommendations.slice(0, count);
  const bestOnline = recommendations.find((r) => r.mode === 'online');
  if (bestOnline && top.length > 0 && !top.some((r) => r.mode === 'online')) top[top.length - 1] = bestOnline;
  return top.map((r) => r.id);
}

/** Accepts 1-4, a stage id ("engaging") or a stage name ("Engaging stakeholders"). */
export function resolveStageInput(toolkit: Toolkit, input: string | number): Stage {
  const wanted = String(input).trim().toLowerCase();
  const stage = toolkit.stages.find((s) => String(s.number) === wanted || s.id === wanted || s.name.toLowerCase() === wanted);
  if (!stage) {
    const known = toolkit.stages.map((s) => `${s.number} (${s.id})`).join(', ');
    throw new UsageError(`unknown stage "${input}": use one of ${known}.`);
  }
  return stage;
}

export interface SituationInput {
  stage: string | number;
  activity?: string;
  audiences?: string[];
  budget?: string;
  weeks?: number;
  skills?: string;
  reach?: string;
  offlineShare?: number;
  sensitive?: boolean;
}

/** Check raw answers or flags and turn them into a Situation; every problem is one UsageError line. */
export function parseSituation(toolkit: Toolkit, input: SituationInput): Situation {
  const stage = resolveStageInput(toolkit, input.stage);
  let activity: string | undefined;
  if (input.activity !== undefined) {
    const found = stage.activities.find((a) => a.id === input.activity || a.name.toLowerCase() === input.activity!.toLowerCase());
    if (!found) {
      throw new UsageError(`unknown activity "${input.activity}" for stage ${stage.number}: use one of ${stage.activities.map((a) => a.id).join(', ')}.`);
    }
    activity = found.id;
  }
  const audiences = (input.audiences ?? []).flatMap((a) => a.split(',')).map((a) => a.trim()).filter(Boolean);
  for (const a of audiences) {
    if (!(AUDIENCES as readonly string[]).includes(a)) throw new UsageError(`unknown audience "${a}": use any of ${AUDIENCES.join(', ')}.`);
  }
  const oneOf = <T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined => {
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`unknown ${name} "${value}": use one of ${allowed.join(', ')}.`);
    return value as T;
  };
  if (input.weeks !== undefined && (!Number.isFinite(input.weeks) || input.weeks < 0)) {
    throw new UsageError(`weeks must be 0 or more, not ${input.weeks}.`);
  }
  if (input.offlineShare !== undefined && (!Number.isFinite(input.offlineShare) || input.offlineShare < 0 || input.offlineShare > 100)) {
    throw new UsageError(`offline share must be a percentage from 0 to 100, not ${input.offlineShare}.`);
  }
  return {
    stage: stage.number,
    activity,
    audiences: [...new Set(audiences)] as Audience[],
    budget: oneOf('budget', input.budget, COST_LEVELS),
    weeks: input.weeks,
    skills: oneOf('skills level', input.skills, SKILL_LEVELS),
    reach: oneOf('reach', input.reach, ['targeted', 'broad'] as const),
    offlineShare: input.offlineShare,
    sensitive: input.sensitive,
  };
}
