/**
 * The standard's content and consistency checks: each reads the value at its rule's path and the rest
 * of the plan, and says pass or fail with a reason that names what to change. Pure given the context.
 */
import type { Calendar, Period } from './calendar.js';
import { inWindow, nationsNote, overlaps } from './calendar.js';
import { hardQuestions, lintQuestions } from './questions.js';
import type { Role } from './roles.js';
import type { Plan, Route } from './schema.js';

export const CONTENT_CHECKS = [
  'window',
  'routes_ready',
  'accessible_formats',
  'document_reference',
  'substantive',
  'clear_questions',
  'readable_questions',
  'attested',
  'holidays',
  'election_launch',
  'election_overlap',
] as const;
export type ContentCheck = (typeof CONTENT_CHECKS)[number];

export interface CheckContext {
  calendar: Calendar;
  /** The role of a technique id in the toolkit; without it only dated routes are checked. */
  roleOf?: (techniqueId: string) => Role | undefined;
}

export interface Outcome {
  status: 'pass' | 'fail' | 'not stated';
  reason: string;
}

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
const pass = (reason: string): Outcome => ({ status: 'pass', reason });
const fail = (reason: string): Outcome => ({ status: 'fail', reason });
const weeksText = (days: number) => (days % 7 === 0 ? `${days / 7} weeks` : `${(days / 7).toFixed(1)} weeks (${days} days)`);
const period = (p: Period) => `${p.name} (${p.from} to ${p.to})`;
const list = (items: string[]) => items.join('; ');

function windowOf(plan: Plan): { opens: string; closes: string } | undefined {
  const c = plan.consultation;
  return c?.opens && c.closes ? { opens: c.opens, closes: c.closes } : undefined;
}
const noWindow: Outcome = { status: 'not stated', reason: 'consultation.opens and consultation.closes are not both stated, so the window cannot be checked' };

function checkWindow(value: unknown, plan: Plan): Outcome {
  const w = windowOf(plan);
  if (!w) return noWindow;
  if (typeof value !== 'number' || value <= 0) return fail(`consultation.duration_weeks is ${JSON.stringify(value)}; give the weeks the consultation is open`);
  const days = daysBetween(w.opens, w.closes);
  const stated = Math.round(value * 7);
  if (days !== stated) {
    return fail(`opens ${w.opens} and closes ${w.closes} are ${weeksText(days)} apart, but duration_weeks says ${value}: make the dates and the duration agree`);
  }
  return pass(`open ${weeksText(days)}, ${w.opens} to ${w.closes}, as duration_weeks says`);
}

function checkRoutesReady(_value: unknown, plan: Plan, ctx: CheckContext): Outcome {
  const w = windowOf(plan);
  if (!w) return noWindow;
  const late: string[] = [];
  const early: string[] = [];
  let counted = 0;
  const routes = [...(plan.consultation?.response_routes?.online ?? []), ...(plan.consultation?.response_routes?.offline ?? [])] as Route[];
  for (const r of routes) {
    if (typeof r === 'string') continue;
    counted++;
    if (r.ready > w.opens) late.push(`${r.route} is ready ${r.ready}`);
  }
  for (const stage of plan.stages) {
    for (const t of stage.techniques) {
      if (ctx.roleOf?.(t.id) !== 'response-route') continue;
      counted++;
      if (t.start && t.start > w.opens) late.push(`${t.id} is ready ${t.start}`);
      if (t.end && t.end < w.closes) early.push(`${t.id} ends ${t.end}`);
    }
  }
  if (late.length > 0) return fail(`${list(late)}, after the consultation opens ${w.opens}: every response route must be ready on the opening day (start preparing earlier, or open later)`);
  if (early.length > 0) return fail(`${list(early)}, before the consultation closes ${w.closes}: keep every response route open until closing`);
  if (counted === 0) return pass(`no route carries a ready date; give routes as { route, ready } or schedule the response techniques in stages to check them against ${w.opens}`);
  return pass(`${counted} response route${counted === 1 ? '' : 's'} ready by the opening on ${w.opens}`);
}

const HTML = /\bhtml\b|\bweb ?page\b/i;
const PDF = /\bpdf\b/i;
function checkFormats(value: unknown): Outcome {
  if (!Array.isArray(value)) return fail('consultation.formats should be a list');
  const formats = value.map(String);
  if (!formats.some((f) => HTML.test(f))) {
    const pdfOnly = formats.length > 0 && formats.every((f) => PDF.test(f));
    return fail(
      pdfOnly
        ? `formats are PDF only (${list(formats)}): publish the document as accessible HTML too; a PDF alone does not meet accessibility needs`
        : `no accessible HTML version among ${list(formats)}: publish the document as accessible HTML`,
    );
  }
  const others = formats.filter((f) => !HTML.test(f));
  return pass(`accessible HTML${others.length ? `, and ${list(others)}` : '; say too how to ask for other formats (easy read, large print, BSL)'}`);
}

const URL_RE = /\bhttps?:\/\/[^\s]+\.[^\s]+/i;
const DOC_REF = /\b(?:annex|appendix|section|paragraph|page|chapter|part|schedule)\s+[A-Z0-9][\w.-]*\b|\b[\w-]+\.(?:pdf|docx?|odt|html?)\b|\bwww\.[^\s]+\.[^\s]+|\bgov\.uk\/[^\s]+/i;
function checkDocumentReference(value: unknown, field: string): Outcome {
  const text = String(value);
  if (URL_RE.test(text) || DOC_REF.test(text)) return pass(`${field} points to ${text.match(URL_RE)?.[0] ?? text.match(DOC_REF)?.[0]}`);
  return fail(`"${text}" is a sentence, not a link or document reference: give the notice's web address, or the document and section that holds it (e.g. "Annex B of the consultation document")`);
}

const EMPTY_ANSWERS = /^(?:yes|no|y|n|n\/a|na|none|done|ok|true|false|checked|considered|tbc|-)\.?$/i;
function checkSubstantive(value: unknown, field: string): Outcome {
  const text = String(value).trim();
  const wordCount = text.split(/\s+/).filter(Boolean).length;
  if (EMPTY_ANSWERS.test(text) || wordCount < 4) return fail(`${field} is "${text}": say in a sentence what was done and where it is recorded`);
  return pass(`${field} is stated`);
}

function checkQuestions(value: unknown, readable: boolean): Outcome {
  if (!Array.isArray(value) || value.length === 0) return fail('consultation.questions should be a list of the questions');
  const questions = value.map(String);
  const findings = readable ? hardQuestions(questions) : lintQuestions(questions);
  if (findings.length === 0) return pass(readable ? `all ${questions.length} questions read easily enough` : `${questions.length} question${questions.length === 1 ? '' : 's'}, each asking one thing neutrally`);
  return fail(list(findings.map((f) => `question ${f.index + 1} ("${f.question.length > 60 ? `${f.question.slice(0, 57)}...` : f.question}") ${f.problem}: ${f.detail}`)));
}

function checkAttested(value: unknown, field: string, plan: Plan): Outcome {
  if (!value || typeof value !== 'object') return fail(`${field} should say who checked it and when: { ${field.endsWith('collective_agreement') ? 'agreed_by' : 'finding, checked_by'}, date }`);
  const v = value as { checked_by?: string; agreed_by?: string; date?: string; finding?: string };
  const who = v.checked_by ?? v.agreed_by;
  if (!who || !v.date) return fail(`${field} needs who (checked_by or agreed_by) and the date`);
  const opens = plan.consultation?.opens;
  if (opens && v.date > opens) return fail(`${field} is dated ${v.date}, after the consultation opens ${opens}: it must be done before publication`);
  return pass(`${v.finding ? `${v.finding} ` : ''}(${who}, ${v.date})`);
}

function checkHolidays(plan: Plan, ctx: CheckContext): Outcome {
  const w = windowOf(plan);
  if (!w) return noWindow;
  const found = inWindow(ctx.calendar, w.opens, w.closes);
  const holidays = found.bankHolidays.map((h) => `${h.name} ${h.date}${nationsNote(h.nations)}`);
  if (found.holidayPeriods.length > 0) {
    return fail(
      `the window ${w.opens} to ${w.closes} runs over ${list(found.holidayPeriods.map((p) => `${period(p)}, ${p.daysInWindow} days of it`))}${holidays.length ? `, with the bank holidays ${list(holidays)}` : ''}: add the time lost to the window or move it`,
    );
  }
  return pass(`no school holiday period in ${w.opens} to ${w.closes}${holidays.length ? `; bank holidays in it: ${list(holidays)}` : ''}`);
}

function electionPeriods(plan: Plan, ctx: CheckContext): Period[] {
  return [...ctx.calendar.pre_election_periods, ...(plan.consultation?.pre_election_periods ?? [])];
}

function checkElectionLaunch(plan: Plan, ctx: CheckContext): Outcome {
  const opens = plan.consultation?.opens;
  if (!opens) return { status: 'not stated', reason: 'consultation.opens is not stated' };
  const during = electionPeriods(plan, ctx).filter((p) => p.from <= opens && opens <= p.to);
  if (during.length > 0) return fail(`opens ${opens}, during ${list(during.map(period))}: launch before or after the pre-election period`);
  return pass(`opens ${opens}, outside the ${electionPeriods(plan, ctx).length} pre-election periods known (add others to consultation.pre_election_periods)`);
}

function checkElectionOverlap(plan: Plan, ctx: CheckContext): Outcome {
  const w = windowOf(plan);
  if (!w) return noWindow;
  const overlap = electionPeriods(plan, ctx).filter((p) => overlaps(w.opens, w.closes, p.from, p.to));
  if (overlap.length > 0) return fail(`the window runs into ${list(overlap.map(period))}: plan for no new publicity during it, and consider closing later`);
  return pass('the window is clear of every known pre-election period');
}

export function runContentCheck(check: string, value: unknown, plan: Plan, ctx: CheckContext, field = ''): Outcome {
  switch (check as ContentCheck) {
    case 'window':
      return checkWindow(value, plan);
    case 'routes_ready':
      return checkRoutesReady(value, plan, ctx);
    case 'accessible_formats':
      return checkFormats(value);
    case 'document_reference':
      return checkDocumentReference(value, field);
    case 'substantive':
      return checkSubstantive(value, field);
    case 'clear_questions':
      return checkQuestions(value, false);
    case 'readable_questions':
      return checkQuestions(value, true);
    case 'attested':
      return checkAttested(value, field, plan);
    case 'holidays':
      return checkHolidays(plan, ctx);
    case 'election_launch':
      return checkElectionLaunch(plan, ctx);
    case 'election_overlap':
      return checkElectionOverlap(plan, ctx);
  }
  return fail(`unknown check ${check}`);
}
