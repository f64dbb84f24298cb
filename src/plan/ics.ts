/**
 * The plan's dates as an iCalendar file (RFC 5545) for a shared team calendar: the stage, each
 * technique's preparation and run, the consultation window and every milestone, as all-day events.
 * Pure; the UIDs come from the plan's content, so re-rendering gives the same events.
 */
import { createHash } from 'node:crypto';
import type { Toolkit } from '../toolkit/load.js';
import { addDays } from './build.js';
import type { Plan } from './schema.js';

interface Event {
  summary: string;
  from: string;
  /** Inclusive last day. */
  to: string;
}

const compact = (date: string) => date.replace(/-/g, '');
/** TEXT values escape backslash, semicolon, comma and line breaks. */
const escapeText = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Fold lines longer than 75 octets, as the format requires, without splitting a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

export function planEvents(plan: Plan, toolkit?: Toolkit): Event[] {
  const events: Event[] = [];
  const name = (id: string) => toolkit?.techniques.get(id)?.value.name ?? id;
  for (const s of plan.stages) {
    const stageName = toolkit?.stages.find((x) => x.number === s.stage)?.name ?? `Stage ${s.stage}`;
    if (s.start && s.end) events.push({ summary: `${plan.policy.title}: ${stageName}`, from: s.start, to: addDays(s.end, -1) });
    for (const t of s.techniques) {
      if (t.prepare_from && t.start && t.prepare_from < t.start) events.push({ summary: `Prepare ${name(t.id)}`, from: t.prepare_from, to: addDays(t.start, -1) });
      if (t.start && t.end) events.push({ summary: `${name(t.id)} running`, from: t.start, to: t.end });
    }
  }
  const c = plan.consultation;
  if (c?.opens && c.closes) events.push({ summary: `Consultation open: ${plan.policy.title}`, from: c.opens, to: c.closes });
  for (const m of plan.timeline) events.push({ summary: m.milestone, from: m.date, to: m.date });
  return events;
}

export function planToIcs(plan: Plan, toolkit?: Toolkit): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//policy-toolkit//ptk plan render//EN', 'CALSCALE:GREGORIAN', fold(`X-WR-CALNAME:${escapeText(plan.policy.title)}`)];
  // a fixed stamp keeps the file identical between renders of the same plan
  const stamp = `${compact(plan.start ?? plan.timeline[0]?.date ?? '2000-01-01')}T000000Z`;
  const seen = new Map<string, number>();
  for (const e of planEvents(plan, toolkit)) {
    const key = createHash('sha256').update(`${e.summary}|${e.from}|${e.to}`).digest('hex').slice(0, 20);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${key}${n > 1 ? `-${n}` : ''}@ptk`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${compact(e.from)}`,
      // DTEND is exclusive for all-day events
      `DTEND;VALUE=DATE:${compact(addDays(e.to, 1))}`,
      fold(`SUMMARY:${escapeText(e.summary)}`),
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
}
