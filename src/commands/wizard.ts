/**
 * `ptk wizard [stage]`: an ordered list of steps over one context (create-astro style). Each answer is
 * `fromAnswers ?? (interactive ? await prompt : default)`; with --yes or no TTY it never prompts and
 * names every missing required answer (exit 2). Nothing is written until every question is answered.
 */
import type { ChalkInstance } from 'chalk';
import type { OptionsOf } from '../command-table.js';
import { UsageError } from '../errors.js';
import { checkOutputDir } from '../lib/fs.js';
import { colourFor, info, printJson } from '../lib/output.js';
import { closest } from '../lib/suggest.js';
import { readAnswers, type Answers } from '../plan/answers.js';
import { buildPlan, ScheduleError, today, type PlanInputs } from '../plan/build.js';
import { stringify } from 'yaml';
import { checklistMarkdown, planToMarkdown, planToYaml, stampGenerated } from '../plan/render.js';
import { planSchema, type Consultation, type Plan } from '../plan/schema.js';
import { checkPlanAgainst, loadStandard } from '../plan/standard.js';
import { loadCalendar } from '../plan/calendar.js';
import { roleOf, rolesFrom } from '../plan/roles.js';
import { readTemplate, writePlanFolder } from '../plan/write.js';
import { canPrompt, prompter, type Prompter } from '../prompts.js';
import { balancedToTerminal, leftOutToTerminal, recommendationsToTerminal } from '../recommend/format.js';
import {
  balancedSet,
  defaultSelection,
  INTENT_MEANING,
  leftOut,
  parseSituation,
  recommend,
  resolveStageInput,
  SLOT_NAMES,
  type BalancedPick,
  type Recommendation,
  type Situation,
} from '../recommend/recommend.js';
import { loadToolkit, type Toolkit } from '../toolkit/load.js';
import { AUDIENCES, COST_LEVELS, IAP2_LEVELS, SKILL_LEVELS, type Stage } from '../toolkit/schema.js';

export interface WizardContext {
  toolkit: Toolkit;
  answers: Answers;
  stageArg?: string;
  interactive: boolean;
  prompt: Prompter;
  chalk: ChalkInstance;
  say: (text: string) => void;
  // filled in by the steps
  stage?: Stage;
  policy?: PlanInputs['policy'];
  objectives?: string[];
  situation?: Situation;
  start?: string;
  weeks?: number;
  activities?: string[];
  recommendations?: Recommendation[];
  balanced?: BalancedPick[];
  techniques?: string[];
  owner?: string;
  target?: number;
  responses?: number;
  consultation?: Consultation;
  /** Techniques chosen before an answer was changed on the review screen: ticked again when asked again. */
  previousTechniques?: string[];
}

type Step = (ctx: WizardContext) => Promise<void>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A real calendar date as YYYY-MM-DD: 2027-02-30 is refused where it is typed, not fifteen questions later. */
export function validDate(v: string): true | string {
  const text = v.trim();
  if (!DATE.test(text)) return 'Enter a date as YYYY-MM-DD, e.g. 2027-03-01';
  const d = new Date(`${text}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== text) return `${text} is not a date in the calendar: enter YYYY-MM-DD, e.g. 2027-03-01`;
  return true;
}
const required = (v: string) => (v.trim() ? true : 'This answer is required');
/** Lower-case the first letter for use inside a sentence, unless the first word is an acronym ("NHS"). */
export function inSentence(text: string): string {
  const first = text.split(/\s/, 1)[0] ?? '';
  return /^[A-Z0-9]{2,}\b/.test(first) || /[A-Z]/.test(first.slice(1)) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

/** The answers the wizard cannot invent: named all at once when there is nobody to ask. */
export function missingRequired(answers: Answers, stageArg?: string): string[] {
  const missing: string[] = [];
  if (stageArg === undefined && answers.stage === undefined) missing.push('stage');
  if (!answers.policy?.title) missing.push('policy.title');
  if (!answers.policy?.problem) missing.push('policy.problem');
  if (!answers.audiences?.length) missing.push('audiences');
  return missing;
}

const stageStep: Step = async (ctx) => {
  const given = ctx.stageArg ?? ctx.answers.stage;
  if (given !== undefined) {
    ctx.stage = resolveStageInput(ctx.toolkit, given);
    return;
  }
  const number = await ctx.prompt.select(
    'Which stage of the policy cycle are you planning?',
    ctx.toolkit.stages.map((s) => ({ value: s.number, name: `${s.number}. ${s.name}`, description: s.summary })),
  );
  ctx.stage = resolveStageInput(ctx.toolkit, number);
  ctx.answers.stage = ctx.stage.number;
};

const policyStep: Step = async (ctx) => {
  const p = ctx.answers.policy ?? {};
  const title = p.title ?? (await ctx.prompt.input('Policy title:', { validate: required }));
  const area = p.area ?? (ctx.interactive ? await ctx.prompt.input('Policy area:', { default: 'Health and social care' }) : undefined);
  const problem = p.problem ?? (await ctx.prompt.input('Problem statement (one or two sentences):', { validate: required }));
  ctx.policy = { title: title.trim(), ...(area?.trim() ? { area: area.trim() } : {}), problem: problem.trim() };
  const objective = ctx.answers.objectives ?? (ctx.interactive ? [await ctx.prompt.input('Main objective of this engagement (Enter to use a suggested one):', { default: '' })] : []);
  ctx.objectives = objective.map((o) => o.trim()).filter(Boolean);
  ctx.answers.policy = ctx.policy;
  ctx.answers.objectives = ctx.objectives;
};

const situationStep: Step = async (ctx) => {
  const a = ctx.answers;
  const audiences =
    a.audiences ??
    (await ctx.prompt.checkbox(
      'Who do you need to reach? (space to select, enter to confirm)',
      AUDIENCES.map((x) => ({ value: x, name: x })),
      { required: true },
    ));
  const offlineShare = a.offline_share ?? (ctx.interactive ? await ctx.prompt.number('What share of them is rarely or never online (%)?', { default: audiences.includes('rarely-online') ? 20 : 5, min: 0, max: 100, percent: true }) : undefined);
  const start = a.start ?? (ctx.interactive ? (await ctx.prompt.input('Start date (YYYY-MM-DD):', { default: today(), validate: validDate })).trim() : today());
  const weeks = a.weeks ?? (ctx.interactive ? await ctx.prompt.number('How many weeks do you have for this stage?', { default: 12, min: 1, max: 104 }) : 12);
  const levelChoices = <T extends string>(items: readonly T[]) => items.map((x) => ({ value: x, name: x }));
  const budget = a.budget ?? (ctx.interactive ? await ctx.prompt.select('Budget for this stage:', levelChoices(COST_LEVELS), { default: 'low' }) : 'low');
  const skills = a.skills ?? (ctx.interactive ? await ctx.prompt.select("Your team's digital engagement skills:", levelChoices(SKILL_LEVELS), { default: 'basic' }) : 'basic');
  const reach = a.reach ?? (ctx.interactive ? await ctx.prompt.select('Do you need targeted or broad reach?', levelChoices(['broad', 'targeted'] as const), { default: 'broad' }) : undefined);
  const sensitive = a.sensitive ?? (ctx.interactive ? await ctx.prompt.confirm('Is the policy sensitive or unannounced?', { default: false }) : false);
  const intent =
    a.intent ??
    (ctx.interactive
      ? await ctx.prompt.select('What do you need from people at this stage?', IAP2_LEVELS.map((x) => ({ value: x, name: INTENT_MEANING[x] })), { default: INTENT_BY_STAGE[ctx.stage!.number] ?? 'consult' })
      : undefined);
  ctx.start = start;
  ctx.weeks = weeks;
  Object.assign(ctx.answers, { audiences, start, weeks, budget, skills, sensitive, ...(offlineShare !== undefined ? { offline_share: offlineShare } : {}), ...(reach ? { reach } : {}), ...(intent ? { intent } : {}) });
  const problem = [ctx.policy!.problem, ...(ctx.objectives ?? [])].join(' ');
  ctx.situation = parseSituation(ctx.toolkit, { stage: ctx.stage!.number, audiences, budget, weeks, skills, reach, offlineShare, sensitive, intent, problem });
};

const activitiesStep: Step = async (ctx) => {
  const stage = ctx.stage!;
  let chosen = ctx.answers.activities;
  if (chosen === undefined && ctx.interactive) {
    chosen = await ctx.prompt.checkbox(
      `Which activities of "${stage.name}" does this plan cover?`,
      stage.activities.map((a) => ({ value: a.id, name: a.name, description: a.description, checked: true })),
      { required: true },
    );
  }
  chosen ??= stage.activities.map((a) => a.id);
  for (const id of chosen) {
    if (!stage.activities.some((a) => a.id === id)) throw new UsageError(`unknown activity "${id}" for stage ${stage.number}: use any of ${stage.activities.map((a) => a.id).join(', ')}.`);
  }
  ctx.activities = chosen;
  ctx.answers.activities = chosen;
};

const recommendStep: Step = async (ctx) => {
  const activities = new Set(ctx.activities);
  ctx.recommendations = recommend(ctx.toolkit, ctx.situation!).filter((r) => ctx.toolkit.techniques.get(r.id)!.value.activities.some((a) => activities.has(a)));
  if (ctx.recommendations.length === 0) throw new UsageError(`the toolkit has no technique for stage ${ctx.stage!.number} and activities ${[...activities].join(', ')}.`);
  ctx.balanced = balancedSet(ctx.toolkit, ctx.situation!, ctx.recommendations);
  if (ctx.interactive) {
    ctx.say(recommendationsToTerminal(ctx.recommendations, ctx.situation!, ctx.chalk, 5, 'all of them are in the list below'));
    ctx.say(balancedToTerminal(ctx.balanced, ctx.chalk));
    const excluded = leftOut(ctx.toolkit, ctx.situation!).filter((x) => ctx.toolkit.techniques.get(x.id)!.value.activities.some((a) => activities.has(a)));
    if (excluded.length > 0) ctx.say(leftOutToTerminal(excluded, ctx.chalk));
  }
};

const pickStep: Step = async (ctx) => {
  // a technique whose preparation fills the stage cannot run in it, so it is never suggested
  const fits = (id: string) => ctx.toolkit.techniques.get(id)!.value.lead_time_weeks < ctx.weeks!;
  const recs = ctx.recommendations!.filter((r) => fits(r.id));
  if (recs.length === 0) throw new UsageError(`no recommended technique can be prepared and run within ${ctx.weeks} weeks: give the stage more weeks (weeks:).`);
  const defaults = defaultSelection(recs, ctx.answers.pick ?? 3, ctx.balanced);
  const given = ctx.answers.techniques;
  if (given) {
    for (const id of given) {
      if (!ctx.toolkit.techniques.has(id)) {
        const hint = closest(id, ctx.toolkit.techniques.keys());
        throw new UsageError(`techniques: no technique with id "${id}"${hint.length ? `; did you mean ${hint.join(', ')}?` : '; see `ptk techniques list`'}.`);
      }
    }
    ctx.techniques = given;
  } else if (ctx.interactive) {
    // after a change on the review screen, the official's own earlier picks stay ticked where they still fit
    const previous = (ctx.previousTechniques ?? []).filter((id) => recs.some((r) => r.id === id));
    const ticked = previous.length > 0 ? previous : defaults;
    const shown = recs.filter((r, i) => i < 10 || ticked.includes(r.id));
    ctx.techniques = await ctx.prompt.checkbox(
      'Pick the techniques for your plan (space to select, enter to confirm):',
      shown.map((r) => ({ value: r.id, name: `${r.name} (score ${r.score})`, description: r.summary, checked: ticked.includes(r.id) })),
      { required: true },
    );
  } else {
    ctx.techniques = defaults;
  }
  // an online technique for an audience that is rarely online brings its offline pairing with it
  for (const r of recs.filter((x) => ctx.techniques!.includes(x.id))) {
    const pair = r.offlinePairing?.id;
    if (pair && fits(pair) && !ctx.techniques.includes(pair)) ctx.techniques = [...ctx.techniques, pair];
  }
  ctx.answers.techniques = ctx.techniques;
};

/** The target question for each stage, and its suggestion: what "how many" means at that stage. */
const TARGET_QUESTION: Record<number, [string, number]> = {
  1: ['How many people do you aim to hear from or involve?', 200],
  2: ['How many responses or participants do you aim for?', 500],
  3: ['How many people do you aim to hear from in the evaluation (e.g. a survey of respondents)?', 100],
  4: ['How many people do you aim to reach?', 5000],
};

const ownerStep: Step = async (ctx) => {
  const a = ctx.answers;
  ctx.owner = a.owner ?? (ctx.interactive ? await ctx.prompt.input('Who owns this plan (name or role)?', { default: 'Policy lead' }) : 'Policy lead');
  a.owner = ctx.owner;
  const stage = ctx.stage!.number;
  // analysis works on responses already in; it has no reach target
  if (stage === 3) {
    const responses = a.responses_to_analyse ?? (ctx.interactive ? await ctx.prompt.number('How many responses are there to analyse?', { min: 1, integer: true }) : undefined);
    if (responses !== undefined) ctx.responses = a.responses_to_analyse = responses;
  }
  const reachesPeople = (ctx.techniques ?? []).some((id) => {
    const t = ctx.toolkit.techniques.get(id)?.value;
    return t !== undefined && roleOf(t) !== 'desk';
  });
  if (!reachesPeople && a.target === undefined) {
    ctx.target = 0;
    return;
  }
  const [question, suggestion] = TARGET_QUESTION[stage] ?? TARGET_QUESTION[2]!;
  ctx.target = a.target ?? (ctx.interactive ? await ctx.prompt.number(question, { default: suggestion, min: 1, integer: true }) : suggestion);
  a.target = ctx.target;
};

/** Weeks left in the stage once the slowest chosen response route is ready: the longest consultation that fits. */
function consultationRoom(ctx: WizardContext): number {
  const routes = (ctx.techniques ?? []).map((id) => ctx.toolkit.techniques.get(id)?.value).filter((t) => t !== undefined && roleOf(t) === 'response-route');
  return ctx.weeks! - Math.max(0, ...routes.map((t) => t!.lead_time_weeks));
}

function defaultConsultation(ctx: WizardContext): Consultation {
  return {
    purpose: `To hear views on ${ctx.policy!.title} while the policy can still change.`,
    questions: [`What would make the biggest difference to ${inSentence(ctx.policy!.title)}?`],
    duration_weeks: Math.max(1, Math.min(12, consultationRoom(ctx))),
    published_online: true,
    formats: ['accessible HTML', 'easy read', 'large print on request'],
    response_routes: { online: ['online form'], offline: ['post', 'phone line'] },
    who_consulted: ctx.situation!.audiences,
    digital_reach: 'GOV.UK, partner mailing lists and social media',
    analysis: {
      method: 'coding frame applied to every open answer, with a second coder on a sample',
      campaign_responses: 'Count every campaign response, analyse the text once, report standard and edited copies separately.',
      organisations_vs_individuals: 'Report organisations, representative groups and individuals separately.',
    },
    summary_of_responses_weeks: 12,
    government_response_weeks: 12,
    privacy_notice: 'Privacy notice published with the consultation on GOV.UK',
  };
}

/** Mark suggested values the official did not change as assumed, so the check fails until they are confirmed. */
function markAssumed(consultation: Consultation, fields: string[]): Consultation {
  return fields.length === 0 ? consultation : { ...consultation, assumed: Object.fromEntries(fields.map((f) => [f, true])) };
}

const consultationStep: Step = async (ctx) => {
  if (ctx.answers.consultation) {
    ctx.consultation = ctx.answers.consultation;
    return;
  }
  const include = ctx.answers.include_consultation ?? (ctx.interactive ? await ctx.prompt.confirm('Does this stage include a formal consultation?', { default: ctx.stage!.number === 2 }) : false);
  ctx.answers.include_consultation = include;
  if (!include) return;
  const base = defaultConsultation(ctx);
  if (!ctx.interactive) {
    ctx.consultation = markAssumed(base, Object.keys(base));
    return;
  }
  const p = ctx.prompt;
  const purpose = await p.input('Purpose of the consultation:', { default: base.purpose });
  const questions = await p.input('Questions (separate with ;):', { default: base.questions!.join('; ') });
  const room = consultationRoom(ctx);
  if (room < 1) throw new UsageError(`the response routes chosen need ${ctx.weeks! - room} weeks of preparation, which fills this ${ctx.weeks}-week stage: run the wizard again with more weeks.`);
  const duration = await p.number(`How many weeks will it be open? (at most ${room}, to close within the stage)`, { default: base.duration_weeks, min: 1, max: room, integer: true });
  const online = await p.checkbox('Online response routes:', ['online form', 'commentable document', 'email'].map((x, i) => ({ value: x, name: x, checked: i === 0 })));
  const offline = await p.checkbox('Offline response routes:', ['post', 'phone line', 'in-person events', 'paper copies on request'].map((x, i) => ({ value: x, name: x, checked: i < 2 })));
  const method = await p.select('How will responses be analysed?', ['coding frame', 'thematic analysis', 'quantitative summary', 'mixed methods'].map((x) => ({ value: x, name: x })), { default: 'coding frame' });
  const reach = await p.input('How will people hear about it online?', { default: base.digital_reach });
  const privacy = await p.input('Privacy notice (link or where it is published):', { default: base.privacy_notice });
  const consultation: Consultation = {
    ...base,
    purpose,
    questions: questions.split(';').map((q) => q.trim()).filter(Boolean),
    duration_weeks: duration,
    response_routes: { online, offline },
    analysis: { ...base.analysis, method },
    digital_reach: reach,
    privacy_notice: privacy,
  };
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  // never asked: the suggestion stands until the official confirms it in plan.yaml
  const assumed = ['published_online', 'formats', 'who_consulted', 'analysis.campaign_responses', 'analysis.organisations_vs_individuals', 'summary_of_responses_weeks', 'government_response_weeks'];
  const asked: [string, unknown, unknown][] = [
    ['purpose', purpose, base.purpose],
    ['questions', questions, base.questions!.join('; ')],
    ['duration_weeks', duration, base.duration_weeks],
    ['response_routes', { online, offline }, base.response_routes],
    ['analysis.method', method, 'coding frame'],
    ['digital_reach', reach, base.digital_reach],
    ['privacy_notice', privacy, base.privacy_notice],
  ];
  for (const [field, answer, suggestion] of asked) if (same(answer, suggestion)) assumed.push(field);
  ctx.consultation = markAssumed(consultation, assumed);
  ctx.answers.consultation = ctx.consultation;
};

export const STEPS: Step[] = [stageStep, policyStep, situationStep, activitiesStep, recommendStep, pickStep, ownerStep, consultationStep];

/** The usual thing an official needs from people at each stage, offered first. */
const INTENT_BY_STAGE: Record<number, (typeof IAP2_LEVELS)[number]> = { 1: 'involve', 2: 'consult', 3: 'consult', 4: 'inform' };

/** The recommender's reasons for each chosen technique, for the plan to keep. */
function keptReasons(ctx: WizardContext): NonNullable<Plan['recommendations']> {
  return (ctx.techniques ?? []).map((id) => {
    const rec = ctx.recommendations?.find((r) => r.id === id);
    const slots = (ctx.balanced ?? []).filter((p) => p.id === id && p.laterStage === undefined);
    const pairedWith = ctx.recommendations?.find((r) => r.offlinePairing?.id === id && ctx.techniques!.includes(r.id));
    const role = slots.length > 0 ? slots.map((p) => SLOT_NAMES[p.slot]).join(' and ') : pairedWith ? `offline route for ${pairedWith.name}` : ctx.answers.techniques ? 'chosen by the official' : 'recommended';
    if (!rec) return { id, role, reasons: ['not among the recommendations for this situation: chosen by the official'] };
    const reasons = [...slots.map((p) => p.reason), ...rec.reasons.matched, ...rec.reasons.against.map((a) => `against: ${a}`), ...(rec.tieBreak ? [rec.tieBreak] : [])];
    return { id, role, score: rec.score, reasons };
  });
}

/** Build the plan from what the steps collected; a plan the answers cannot make is a UsageError or ScheduleError. */
function buildFromContext(ctx: WizardContext): Plan {
  const plan = buildPlan(ctx.toolkit, {
    stage: ctx.stage!.number,
    policy: ctx.policy!,
    objectives: ctx.objectives ?? [],
    audiences: ctx.situation!.audiences,
    offlineShare: ctx.situation!.offlineShare,
    start: ctx.start!,
    weeks: ctx.weeks!,
    budget: ctx.situation!.budget,
    activities: ctx.activities!,
    techniques: ctx.techniques!,
    owner: ctx.owner!,
    team: ctx.answers.team,
    target: ctx.target!,
    metrics: ctx.answers.metrics,
    consultation: ctx.consultation,
    responsesToAnalyse: ctx.responses,
    recommendations: keptReasons(ctx),
  });
  const checked = planSchema.safeParse(plan);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new UsageError(`the answers make an invalid plan: ${issue.path.join('.')}: ${issue.message}`);
  }
  return checked.data;
}

/** The answers the review screen lists, in the order they were asked, with a label each. */
export const REVIEW_FIELDS: readonly [path: string, label: string][] = [
  ['stage', 'Stage'],
  ['policy.title', 'Policy title'],
  ['policy.area', 'Policy area'],
  ['policy.problem', 'Problem statement'],
  ['objectives', 'Objectives'],
  ['audiences', 'Audiences'],
  ['offline_share', 'Share rarely or never online (%)'],
  ['start', 'Start date'],
  ['weeks', 'Weeks for this stage'],
  ['budget', 'Budget'],
  ['skills', 'Team skills'],
  ['reach', 'Reach'],
  ['sensitive', 'Sensitive or unannounced'],
  ['intent', 'What you need from people'],
  ['activities', 'Activities'],
  ['techniques', 'Techniques'],
  ['owner', 'Plan owner'],
  ['responses_to_analyse', 'Responses to analyse'],
  ['target', 'Target'],
  ['consultation', 'Formal consultation'],
];

// changing one of these changes the recommendations, so the techniques are chosen again
const SHAPES_RECOMMENDATIONS = new Set(['stage', 'policy.problem', 'objectives', 'audiences', 'offline_share', 'weeks', 'budget', 'skills', 'reach', 'sensitive', 'intent', 'activities']);

function valueAt(answers: Answers, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), answers);
}

function showValue(path: string, value: unknown, answers: Answers): string {
  if (path === 'consultation') {
    const c = value as Consultation | undefined;
    if (!c) return answers.include_consultation === false ? 'none' : '';
    return `${c.duration_weeks ?? '?'} weeks, ${c.questions?.length ?? 0} question${c.questions?.length === 1 ? '' : 's'}${c.assumed ? `, ${Object.keys(c.assumed).length} suggested values to confirm` : ''}`;
  }
  if (Array.isArray(value)) return value.join(', ') || '(none)';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** Forget one answer (and those that depend on it) so the steps ask it again; pure on the answers object. */
export function forgetAnswer(answers: Answers, path: string): void {
  const [head, tail] = path.split('.') as [keyof Answers, string | undefined];
  if (tail && head === 'policy' && answers.policy) delete (answers.policy as Record<string, unknown>)[tail];
  else delete answers[head];
  if (path === 'stage') {
    delete answers.activities;
    delete answers.responses_to_analyse;
    delete answers.target;
    delete answers.include_consultation;
    delete answers.consultation;
  }
  if (path === 'consultation') delete answers.include_consultation;
  if (SHAPES_RECOMMENDATIONS.has(path)) delete answers.techniques;
}

const WRITE = '\u0000write';

/** The review screen: every answer, any of which can be changed; returns WRITE or the path to change. */
async function review(ctx: WizardContext, plan: Plan | undefined, problem: string | undefined): Promise<string> {
  const rows = REVIEW_FIELDS.map(([path, label]) => ({ path, label, value: showValue(path, valueAt(ctx.answers, path), ctx.answers) })).filter((r) => r.value !== '' && r.value !== 'undefined');
  const width = Math.max(...rows.map((r) => r.label.length));
  ctx.say(`\n${ctx.chalk.bold('Review your answers')}\n${rows.map((r) => `  ${r.label.padEnd(width)}  ${r.value}`).join('\n')}\n`);
  if (problem) ctx.say(`${ctx.chalk.red('The plan cannot be made with these answers yet:')} ${problem}\nChange an answer below; the others are kept.\n`);
  const choices = [
    ...(plan ? [{ value: WRITE, name: 'Write the plan' }] : []),
    ...rows.map((r) => ({ value: r.path, name: `Change ${r.label.toLowerCase()} (${r.value.length > 50 ? `${r.value.slice(0, 47)}...` : r.value})` })),
  ];
  return ctx.prompt.select(plan ? 'Write the plan, or change an answer?' : 'Which answer do you want to change?', choices, plan ? { default: WRITE } : {});
}

function resetCollected(ctx: WizardContext): void {
  for (const key of ['stage', 'policy', 'objectives', 'situation', 'start', 'weeks', 'activities', 'recommendations', 'balanced', 'techniques', 'owner', 'target', 'responses', 'consultation'] as const) delete ctx[key];
}

/**
 * Run the steps and build the plan; no files touched. Every answer, asked or given, is kept in
 * `ctx.answers` (and written to answers.yaml). In a terminal the official reviews them before
 * anything is written and can change any one; a plan the answers cannot make (a consultation that
 * does not fit, say) sends them back to the review with the reason, never out with the work lost.
 */
export async function collectPlan(ctx: WizardContext): Promise<Plan> {
  if (!ctx.interactive) {
    const missing = missingRequired(ctx.answers, ctx.stageArg);
    if (missing.length > 0) {
      throw new UsageError(`missing required answer${missing.length === 1 ? '' : 's'}: ${missing.join(', ')}. Add ${missing.length === 1 ? 'it' : 'them'} to the --answers file (see examples/answers-stage2.yaml), or run in a terminal without --yes.`);
    }
    for (const step of STEPS) await step(ctx);
    return buildFromContext(ctx);
  }
  for (;;) {
    let plan: Plan | undefined;
    let problem: string | undefined;
    try {
      for (const step of STEPS) await step(ctx);
      plan = buildFromContext(ctx);
    } catch (error) {
      if (!(error instanceof UsageError || error instanceof ScheduleError)) throw error;
      problem = error.message;
    }
    const choice = await review(ctx, plan, problem);
    if (choice === WRITE && plan) return plan;
    if (choice === 'stage') ctx.stageArg = undefined;
    if (ctx.answers.techniques) ctx.previousTechniques = ctx.answers.techniques;
    forgetAnswer(ctx.answers, choice);
    resetCollected(ctx);
  }
}

const ANSWERS_HEADER = `# The answers this plan was made from, written by ptk wizard. Change any of them and run again:
#   ptk wizard --answers answers.yaml --yes --out <folder>
`;

/** The answers as a file that \`--answers\` reads back (see src/plan/answers.ts). */
export function answersToYaml(answers: Answers, stage: number): string {
  return ANSWERS_HEADER + stringify({ stage, ...answers }, { lineWidth: 0 });
}

/** The files of a plan folder, rendered from the plan (and the answers it was made from, when given). */
export function planFiles(toolkit: Toolkit, plan: Plan, answers?: Answers): Record<string, string> {
  const standard = loadStandard(toolkit.folders);
  const result = plan.consultation ? checkPlanAgainst(standard, plan, 'plan.yaml', { calendar: loadCalendar(toolkit.folders), roleOf: rolesFrom(toolkit.techniques) }) : undefined;
  return {
    'plan.yaml': planToYaml(plan),
    'plan.md': stampGenerated(planToMarkdown(plan, toolkit), 'md'),
    // the checklist is for a formal consultation; a plan without one is not sent to check against it
    ...(plan.consultation ? { 'consultation-checklist.md': checklistMarkdown(standard, readTemplate('consultation-checklist.md'), result) } : {}),
    ...(answers ? { 'answers.yaml': answersToYaml(answers, plan.stages[0]!.stage) } : {}),
  };
}

type WizardOptions = OptionsOf<'wizard'>;

export async function run(stageArg: string | undefined, options: WizardOptions): Promise<void> {
  const toolkit = loadToolkit(options.toolkit);
  if (stageArg !== undefined) resolveStageInput(toolkit, stageArg);
  const answers = options.answers ? readAnswers(options.answers) : {};
  // refuse before asking anything, and again at the end in case the folder filled up meanwhile
  checkOutputDir(options.out, options.force);
  const ctx: WizardContext = {
    toolkit,
    answers,
    stageArg,
    interactive: canPrompt(options),
    prompt: prompter(),
    chalk: colourFor(process.stderr),
    say: info,
  };
  const plan = await collectPlan(ctx);
  const written = await writePlanFolder(options.out, planFiles(toolkit, plan, ctx.answers), options.force);
  if (options.json) {
    printJson(plan);
  }
  info(`Wrote ${written.length} files to ${options.out}: ${written.map((f) => f.split(/[\\/]/).pop()).join(', ')}`);
  info(plan.consultation ? `Next: ptk plan check ${options.out}   ptk plan render ${options.out} --format html` : `Next: ptk plan render ${options.out} --format html   (no formal consultation, so no standard to check)`);
}
