/**
 * The technique recommender: a pure function from a toolkit and a situation to a ranked list, each
 * entry with a score and the reasons for it, plus the techniques the situation rules out and a
 * balanced starting set. Same inputs, same order, whatever order the toolkit was loaded in.
 *
 * Hard constraints (the technique is left out, with the reason, never just scored down):
 *   sensitive or unannounced policy and the technique is not suitable for it;
 *   cost above the budget; lead time that fills the weeks available (nothing left to run it).
 *
 * Scoring, in points (documented in docs/plan-schema.md under "How recommendations are ranked"):
 *   your audiences: +6 for serving all of them, their share of 6 for some (rounded); none of yours -3
 *   what you need from people (IAP2 level): the technique's own level +3, one step away +1, further -1
 *   your problem statement: +2 for each of its distinctive words the technique's purpose shares (at most +6)
 *   skills within your team's +1; over -2 per level
 *   reach matches (or the technique does both) +2; mismatch -1
 *   people rarely online (audience or offline share >= threshold), for techniques that reach people
 *   (desk analysis has no audience): blended/offline +2, online-only -1
 *
 * Equal scores are ordered by fit to purpose (more of your problem's words, then the closer IAP2
 * level), then by evidence (case studies and testimonials in the toolkit); each technique placed
 * below an equal score says why, and when nothing separates them it says so instead of pretending.
 */
import { stemmer } from 'stemmer';
import { UsageError } from '../errors.js';
import { roleOf, type Role } from '../plan/roles.js';
import type { Toolkit } from '../toolkit/load.js';
import {
  AUDIENCES,
  COST_LEVELS,
  IAP2_LEVELS,
  SKILL_LEVELS,
  type Audience,
  type CostLevel,
  type SkillLevel,
  type Stage,
  type Technique,
} from '../toolkit/schema.js';

/** An offline share at or above this percentage means some of the audience must be reached off line. */
export const OFFLINE_SHARE_THRESHOLD = 10;
/** What the official needs from people, on the IAP2 spectrum of public participation. */
export type Intent = (typeof IAP2_LEVELS)[number];
/** A problem word counts only if at most this share of the toolkit's techniques mention it in their purpose. */
export const DISTINCTIVE_SHARE = 1 / 3;
export const PROBLEM_WORD_POINTS = 2;
export const MAX_PROBLEM_POINTS = 6;
/** Points for serving all of your audiences; a technique serving some of them gets its share. */
export const AUDIENCE_POINTS = 6;

export const INTENT_MEANING: Record<Intent, string> = {
  inform: 'inform: tell people what is happening and why',
  consult: 'consult: get their views on options or proposals',
  involve: 'involve: work with them so their concerns shape the options',
  collaborate: 'collaborate: develop the options and the preferred solution with them',
  empower: 'empower: let them decide',
};

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
  /** What the official needs from people (IAP2). */
  intent?: Intent;
  /** The problem statement (and objectives), matched against what each technique is for. */
  problem?: string;
}

export interface OfflinePairing {
  /** The blended or offline technique for the same stage that reaches people rarely online; absent when there is none. */
  id?: string;
  name?: string;
  mode?: string;
  /** Why this one: the activity it shares and the audience it reaches. */
  why?: string;
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
  role: Role;
  score: number;
  reasons: { matched: string[]; against: string[] };
  /** Fit to purpose: the problem's words the technique's purpose shares, and how far its IAP2 level is from yours. */
  fit: { terms: string[]; intentDistance?: number };
  /** Case studies and testimonials in the toolkit that show the technique in use. */
  evidence: number;
  /** Set when the technique above has the same score: why it is above. */
  tieBreak?: string;
  offlinePairing?: OfflinePairing;
}

/** A technique the situation rules out, and why. */
export interface LeftOut {
  id: string;
  name: string;
  reason: string;
}

/** True when the situation needs a route for people who are rarely online. */
export function needsOfflineRoute(situation: Pick<Situation, 'audiences' | 'offlineShare'>): boolean {
  return situation.audiences.includes('rarely-online') || (situation.offlineShare ?? 0) >= OFFLINE_SHARE_THRESHOLD;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

// function words and words every technique's purpose uses; the distinctive-share rule catches the rest
const STOP_WORDS = new Set(
  (
    'a about after again all also an and any are as at be been before being but by can could did do does for from had has have how i if in ' +
    'include included includes including into is it its more most must need needs not of on one or our out over so some such than that the their them ' +
    'then there these they this those through to too up us very was we were what when where which while who whom why will with would you your'
  ).split(' '),
);

/** Stemmed content words of a text, each with the first word it came from (for the reasons). */
export function contentTerms(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    if (word.length < 3 || STOP_WORDS.has(word)) continue;
    const stem = stemmer(word);
    if (!out.has(stem)) out.set(stem, word);
  }
  return out;
}

/** What a technique is for, as the toolkit states it: its name, summary and when to use it. */
const purposeText = (t: Technique) => [t.name, t.summary, ...t.when_to_use].join(' ');

/** The problem's distinctive words, matched against every technique's purpose once. */
interface ProblemIndex {
  words: Map<string, string>;
  purpose: Map<string, Set<string>>;
}

function indexProblem(toolkit: Toolkit, problem: string | undefined): ProblemIndex | undefined {
  if (!problem?.trim()) return undefined;
  const all = [...toolkit.techniques.values()].map((e) => e.value);
  const purpose = new Map(all.map((t) => [t.id, new Set(contentTerms(purposeText(t)).keys())]));
  const limit = Math.max(1, Math.floor(all.length * DISTINCTIVE_SHARE));
  const words = new Map<string, string>();
  for (const [stem, word] of contentTerms(problem)) {
    const df = [...purpose.values()].filter((terms) => terms.has(stem)).length;
    if (df > 0 && df <= limit) words.set(stem, word);
  }
  return { words, purpose };
}

function evidenceOf(toolkit: Toolkit, t: Technique): number {
  const studies = new Set(t.case_studies);
  for (const { value: study } of toolkit.caseStudies.values()) if (study.techniques.includes(t.id)) studies.add(study.id);
  return studies.size + t.testimonials.length;
}

/** Why a technique cannot be used in this situation at all, or undefined when it can. */
export function hardConstraint(t: Technique, situation: Situation): string | undefined {
  const reasons: string[] = [];
  if (situation.sensitive && !t.sensitive_policy_ok) reasons.push('not suitable for sensitive or unannounced policy');
  if (situation.budget && COST_LEVELS.indexOf(t.cost) > COST_LEVELS.indexOf(situation.budget)) reasons.push(`cost ${t.cost} is over your ${situation.budget} budget`);
  if (situation.weeks !== undefined && t.lead_time_weeks >= situation.weeks) {
    reasons.push(`needs ${plural(t.lead_time_weeks, 'week')} of preparation, which leaves no time to run it in your ${plural(situation.weeks, 'week')}`);
  }
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}

/** Score one technique for the situation; pure. `problem` comes from indexProblem over the same toolkit. */
export function scoreTechnique(
  t: Technique,
  situation: Situation,
  problem?: ProblemIndex,
): Pick<Recommendation, 'score' | 'reasons' | 'fit'> {
  let score = 0;
  const matched: string[] = [];
  const against: string[] = [];
  const fit: Recommendation['fit'] = { terms: [] };

  if (situation.audiences.length > 0) {
    const served = situation.audiences.filter((a) => t.audiences.includes(a));
    if (served.length > 0) {
      // a share, not a count, so a technique listing many audiences cannot outweigh purpose
      score += Math.round((AUDIENCE_POINTS * served.length) / situation.audiences.length);
      matched.push(`reaches ${served.join(', ')}${served.length < situation.audiences.length ? ` (${served.length} of your ${situation.audiences.length} audiences)` : ''}`);
    } else {
      score -= 3;
      against.push(`reaches none of your audiences (it suits ${t.audiences.join(', ')})`);
    }
  }
  if (situation.intent) {
    const distance = Math.abs(IAP2_LEVELS.indexOf(t.iap2) - IAP2_LEVELS.indexOf(situation.intent));
    fit.intentDistance = distance;
    if (distance === 0) {
      score += 3;
      matched.push(`made to ${t.iap2}, which is what you need from people`);
    } else if (distance === 1) {
      score += 1;
      matched.push(`made to ${t.iap2}, one step from your ${situation.intent}`);
    } else {
      score -= 1;
      against.push(`made to ${t.iap2}; you need people to ${situation.intent}`);
    }
  }
  if (problem && problem.words.size > 0) {
    const own = problem.purpose.get(t.id) ?? new Set(contentTerms(purposeText(t)).keys());
    fit.terms = [...problem.words].filter(([stem]) => own.has(stem)).map(([, word]) => word);
    if (fit.terms.length > 0) {
      score += Math.min(MAX_PROBLEM_POINTS, PROBLEM_WORD_POINTS * fit.terms.length);
      matched.push(`its purpose shares your problem's words: ${fit.terms.map((w) => `"${w}"`).join(', ')}`);
    }
  }
  if (situation.budget) matched.push(`cost ${t.cost} is within your ${situation.budget} budget`);
  if (situation.weeks !== undefined) matched.push(`lead time ${plural(t.lead_time_weeks, 'week')} leaves ${plural(situation.weeks - t.lead_time_weeks, 'week')} to run it`);
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
  if (situation.sensitive) matched.push('usable for sensitive or unannounced policy');
  // desk analysis reaches nobody, so it needs no offline route
  if (needsOfflineRoute(situation) && roleOf(t) !== 'desk') {
    if (t.mode === 'online') {
      score -= 1;
      against.push('online only: needs an offline route for people rarely online');
    } else {
      score += 2;
      matched.push(`${t.mode}: reaches people who are rarely online`);
    }
  }
  return { score, reasons: { matched, against }, fit };
}

/** Order: score, then fit to purpose (problem words, IAP2 closeness), then evidence, then id (stated as such). */
function compare(a: Recommendation, b: Recommendation): number {
  return (
    b.score - a.score ||
    b.fit.terms.length - a.fit.terms.length ||
    (a.fit.intentDistance ?? 0) - (b.fit.intentDistance ?? 0) ||
    b.evidence - a.evidence ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Why `above` is placed before `below` when they have the same score. */
function tieReason(above: Recommendation, below: Recommendation): string {
  const same = `same score as ${above.name} [${above.id}] (${above.score > 0 ? '+' : ''}${above.score})`;
  if (above.fit.terms.length !== below.fit.terms.length) {
    return `${same}; placed after it because its purpose shares more of your problem's words (${above.fit.terms.length} against ${below.fit.terms.length})`;
  }
  if ((above.fit.intentDistance ?? 0) !== (below.fit.intentDistance ?? 0)) {
    return `${same}; placed after it because its level of participation is closer to what you need from people`;
  }
  if (above.evidence !== below.evidence) {
    return `${same}; placed after it because the toolkit has more evidence of it in use (${plural(above.evidence, 'case study or testimonial')} against ${below.evidence})`;
  }
  return `${same}, fit to purpose and evidence: nothing separates them, so they are listed by id`;
}

const forStage = (toolkit: Toolkit, stage: number) => [...toolkit.techniques.values()].map((e) => e.value).filter((t) => t.stages.includes(stage));
const inActivity = (situation: Situation) => (t: Technique) => !situation.activity || t.activities.includes(situation.activity);

/** The stage's techniques left out by a hard constraint, with the reason; ordered by id. */
export function leftOut(toolkit: Toolkit, situation: Situation): LeftOut[] {
  return forStage(toolkit, situation.stage)
    .filter(inActivity(situation))
    .flatMap((t) => {
      const reason = hardConstraint(t, situation);
      return reason ? [{ id: t.id, name: t.name, reason }] : [];
    })
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

function rankStage(toolkit: Toolkit, situation: Situation): { t: Technique; rec: Recommendation }[] {
  const problem = indexProblem(toolkit, situation.problem);
  return forStage(toolkit, situation.stage)
    .filter((t) => hardConstraint(t, situation) === undefined)
    .map((t) => ({
      t,
      rec: { id: t.id, name: t.name, summary: t.summary, mode: t.mode, role: roleOf(t), ...scoreTechnique(t, situation, problem), evidence: evidenceOf(toolkit, t) } as Recommendation,
    }))
    .sort((a, b) => compare(a.rec, b.rec));
}

/**
 * Rank the techniques serving the situation's stage (and activity, when given), leaving out any a
 * hard constraint rules out (see leftOut). When people are rarely online, every online technique
 * that reaches people carries an offline pairing chosen for them: a blended or offline technique of
 * the stage that reaches people who are rarely online, sharing the technique's activity where one does.
 */
export function recommend(toolkit: Toolkit, situation: Situation): Recommendation[] {
  const ranked = rankStage(toolkit, situation);
  const offlineRoutes = ranked.filter(({ t }) => t.mode !== 'online' && t.audiences.includes('rarely-online'));
  const pairingNeeded = needsOfflineRoute(situation);
  const recs = ranked
    .filter(({ t }) => inActivity(situation)(t))
    .map(({ t, rec }) => {
      if (pairingNeeded && t.mode === 'online' && rec.role !== 'desk') {
        const sharing = offlineRoutes.find(({ t: o }) => o.activities.some((a) => t.activities.includes(a)));
        const pair = sharing ?? offlineRoutes[0];
        rec.offlinePairing = pair
          ? {
              id: pair.t.id,
              name: pair.t.name,
              mode: pair.t.mode,
              why: sharing
                ? `it also serves ${pair.t.activities.filter((a) => t.activities.includes(a)).join(', ')} and reaches people who are rarely online`
                : 'no offline route shares its activity; this is the best-ranked one that reaches people who are rarely online',
              assistedDigital: t.assisted_digital,
              pairAssistedDigital: pair.t.assisted_digital,
            }
          : { assistedDigital: t.assisted_digital };
      }
      return rec;
    });
  for (let i = 1; i < recs.length; i++) if (recs[i]!.score === recs[i - 1]!.score) recs[i]!.tieBreak = tieReason(recs[i - 1]!, recs[i]!);
  return recs;
}

/** True when the situation will bring in responses that someone must analyse. */
export function expectsResponses(situation: Situation): boolean {
  if (situation.stage === 3 || situation.activity === 'asking-questions' || situation.activity === 'analysing-responses') return true;
  if (situation.intent) return situation.intent !== 'inform';
  return situation.stage !== 4;
}

export type Slot = 'reach' | 'offline' | 'analysis' | 'report-back';

export const SLOT_NAMES: Record<Slot, string> = {
  reach: 'a way to reach people',
  offline: 'an offline or assisted route',
  analysis: 'an analysis method',
  'report-back': 'a way to report back',
};

export interface BalancedPick {
  slot: Slot;
  /** The technique chosen; absent when neither this stage nor a later one has one. */
  id?: string;
  name?: string;
  /** Set when no technique of this stage fills the slot and a later stage's is suggested instead. */
  laterStage?: number;
  reason: string;
}

/**
 * A balanced starting set: a way to reach people; an offline or assisted route when some of them
 * are rarely online (a blended or offline technique that reaches them); an analysis method when
 * responses are expected; and a way to report back. Each slot takes the best-ranked technique that
 * fills it; a slot this stage cannot fill names the later stage's best technique, or says there is none.
 */
export function balancedSet(toolkit: Toolkit, situation: Situation, recs: readonly Recommendation[] = recommend(toolkit, situation)): BalancedPick[] {
  const picks: BalancedPick[] = [];
  const chosen = new Set<string>();
  const techniqueOf = (id: string) => toolkit.techniques.get(id)!.value;
  const take = (slot: Slot, fits: (t: Technique, r: Recommendation) => boolean, why: (r: Recommendation) => string, later?: () => BalancedPick | undefined) => {
    const r = recs.find((x) => !chosen.has(x.id) && fits(techniqueOf(x.id), x)) ?? recs.find((x) => fits(techniqueOf(x.id), x));
    if (r) {
      chosen.add(r.id);
      picks.push({ slot, id: r.id, name: r.name, reason: why(r) });
      return;
    }
    picks.push(later?.() ?? { slot, reason: `no technique in stage ${situation.stage} is ${SLOT_NAMES[slot]} for this situation` });
  };
  const laterFrom = (slot: Slot, stage: number, fits: (t: Technique) => boolean, why: string) => () => {
    if (stage === situation.stage || !toolkit.stages.some((s) => s.number === stage)) return undefined;
    const r = recommend(toolkit, { ...situation, stage, activity: undefined }).find((x) => fits(techniqueOf(x.id)));
    return r ? { slot, id: r.id, name: r.name, laterStage: stage, reason: `no technique in stage ${situation.stage} does this; plan ${r.name} for stage ${stage}: ${why}` } : undefined;
  };
  const audienceText = situation.audiences.length > 0 ? situation.audiences.join(', ') : 'your audiences';
  // the specific slots choose first, so the general "reach" slot does not take their best technique
  if (expectsResponses(situation)) {
    const analyses = (t: Technique) => t.activities.includes('analysing-responses');
    take('analysis', analyses, (r) => `the best-ranked way to analyse the responses (score ${r.score})`, laterFrom('analysis', 3, analyses, 'the responses you collect need analysing'));
  }
  // a channel that tells people what happened; testing tools (A/B tests, simulations) explain but do not report back
  const explains = (t: Technique) => t.activities.includes('explaining-policy') && !t.activities.includes('evaluating-what-works') && roleOf(t) === 'reach';
  take('report-back', explains, (r) => `the best-ranked way to tell people what was heard and decided (score ${r.score})`, laterFrom('report-back', 4, explains, 'tell people what you heard and what you decided'));
  // this is a digital toolkit: the way to reach people is digital where the stage has one, and the
  // offline route is chosen for it and for the people it would miss
  const digital = recs.some((r) => r.role !== 'desk' && r.mode !== 'offline' && !chosen.has(r.id));
  take('reach', (_t, r) => r.role !== 'desk' && (!digital || r.mode !== 'offline'), (r) => `the best-ranked ${digital ? 'digital or blended ' : ''}technique for ${audienceText} (score ${r.score})`);
  if (needsOfflineRoute(situation)) {
    const reachPick = recs.find((r) => r.id === picks.find((p) => p.slot === 'reach')?.id);
    const pairId = reachPick?.offlinePairing?.id;
    const share = situation.offlineShare !== undefined ? `${situation.offlineShare}% of your audience` : 'people in your audience';
    take(
      'offline',
      (t) => (pairId ? t.id === pairId : t.mode !== 'online' && t.audiences.includes('rarely-online')),
      (r) => (pairId ? `the offline route for ${reachPick!.name}: ${reachPick!.offlinePairing!.why}` : `${r.mode}, and made for the ${share} who are rarely online`),
    );
  }
  const order: Slot[] = ['reach', 'offline', 'analysis', 'report-back'];
  picks.sort((a, b) => order.indexOf(a.slot) - order.indexOf(b.slot));
  return picks;
}

/**
 * The techniques a plan starts with when the official does not choose: the balanced set's techniques
 * for this stage, topped up from the ranking to `count`, and never without a digital technique when
 * one is on the list (an offline route is paired with it, not a replacement for it).
 */
export function defaultSelection(recommendations: readonly Recommendation[], count: number, balanced: readonly BalancedPick[] = []): string[] {
  const ids = [...new Set(balanced.filter((p) => p.id && p.laterStage === undefined).map((p) => p.id!))];
  for (const r of recommendations) if (ids.length < count && !ids.includes(r.id)) ids.push(r.id);
  const top = recommendations.filter((r) => ids.includes(r.id));
  const bestOnline = recommendations.find((r) => r.mode === 'online' && r.role !== 'desk') ?? recommendations.find((r) => r.mode === 'online');
  if (bestOnline && top.length > 0 && !top.some((r) => r.mode === 'online')) {
    // the balanced set's picks all stay; without one, the last of the top-up gives way
    if (ids.length < count || balanced.length > 0) ids.push(bestOnline.id);
    else ids[ids.length - 1] = bestOnline.id;
  }
  return ids;
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
  intent?: string;
  problem?: string;
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
  const problem = input.problem?.trim();
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
    intent: oneOf('intent (what you need from people)', input.intent, IAP2_LEVELS),
    ...(problem ? { problem } : {}),
  };
}
