/**
 * The dated calendar a consultation window is held against (toolkit/calendar.yaml): bank holidays,
 * school holiday periods and pre-election periods. Every toolkit folder's calendar is added to the
 * built-in one, so an organisation adds its own local holidays or polls without copying the file.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ProblemsError } from '../errors.js';
import { BUILTIN_TOOLKIT } from '../toolkit/load.js';
import { checkSchema, formatProblem, locate, readYaml, type Problem } from '../toolkit/yaml-file.js';
import { day } from './schema.js';

const text = z.string().trim().min(1, 'must not be empty');
export const NATIONS = ['england', 'wales', 'scotland', 'northern-ireland'] as const;

export const periodSchema = z.object({ name: text, from: day, to: day }).strict();

export const calendarSchema = z
  .object({
    bank_holidays: z.array(z.object({ date: day, name: text, nations: z.array(z.enum(NATIONS)).min(1) }).strict()).default([]),
    holiday_periods: z.array(periodSchema).default([]),
    pre_election_periods: z.array(periodSchema).default([]),
  })
  .strict();

export type Calendar = z.infer<typeof calendarSchema>;
export type Period = z.infer<typeof periodSchema>;

const EMPTY: Calendar = { bank_holidays: [], holiday_periods: [], pre_election_periods: [] };

function readCalendar(path: string, problems: Problem[]): Calendar | undefined {
  const { parsed, problems: syntax } = readYaml(path);
  problems.push(...syntax);
  if (!parsed) return undefined;
  const { value, problems: invalid } = checkSchema(parsed, calendarSchema);
  problems.push(...invalid);
  if (!value) return undefined;
  for (const key of ['holiday_periods', 'pre_election_periods'] as const) {
    value[key].forEach((p, i) => {
      if (p.from > p.to) problems.push({ file: parsed.file, line: locate(parsed, [key, i, 'to']), field: `${key}.${i}.to`, message: `ends ${p.to}, before it starts ${p.from}` });
    });
  }
  return value;
}

/** Validate each folder's calendar.yaml (for `ptk toolkit validate`). */
export function checkCalendars(folders: string[], problems: Problem[]): void {
  for (const folder of folders) {
    const path = join(folder, 'calendar.yaml');
    if (existsSync(path)) readCalendar(path, problems);
  }
}

/** The built-in calendar plus every folder's additions. */
export function loadCalendar(folders: string[] = [BUILTIN_TOOLKIT]): Calendar {
  const problems: Problem[] = [];
  const merged: Calendar = { bank_holidays: [], holiday_periods: [], pre_election_periods: [] };
  for (const folder of new Set([BUILTIN_TOOLKIT, ...folders])) {
    const path = join(folder, 'calendar.yaml');
    if (!existsSync(path)) continue;
    const calendar = readCalendar(path, problems) ?? EMPTY;
    merged.bank_holidays.push(...calendar.bank_holidays);
    merged.holiday_periods.push(...calendar.holiday_periods);
    merged.pre_election_periods.push(...calendar.pre_election_periods);
  }
  if (problems.length > 0) throw new ProblemsError(problems.map(formatProblem), 'ptk: a calendar.yaml is invalid; run `ptk toolkit validate`.');
  return merged;
}

/** Whether two inclusive date ranges share a day. */
export const overlaps = (aFrom: string, aTo: string, bFrom: string, bTo: string) => aFrom <= bTo && bFrom <= aTo;

/** Where a holiday is kept, when not everywhere in the UK. */
export function nationsNote(nations: readonly string[]): string {
  if (NATIONS.every((n) => nations.includes(n))) return '';
  return ` (${nations.map((n) => n.replace('-', ' ').replace(/\b\w/g, (c) => c.toUpperCase())).join(', ')})`;
}

/** The calendar dates that fall inside a window (inclusive). */
export function inWindow(calendar: Calendar, opens: string, closes: string) {
  const days = (p: Period) => Math.round((Date.parse(`${p.to < closes ? p.to : closes}T00:00:00Z`) - Date.parse(`${p.from > opens ? p.from : opens}T00:00:00Z`)) / 86_400_000) + 1;
  // a holiday kept in several nations is listed once per date and name
  const holidays = new Map<string, Calendar['bank_holidays'][number]>();
  for (const h of calendar.bank_holidays) if (h.date >= opens && h.date <= closes) holidays.set(`${h.date} ${h.name}`, h);
  return {
    bankHolidays: [...holidays.values()].sort((a, b) => a.date.localeCompare(b.date)),
    holidayPeriods: calendar.holiday_periods.filter((p) => overlaps(opens, closes, p.from, p.to)).map((p) => ({ ...p, daysInWindow: days(p) })),
    preElection: calendar.pre_election_periods.filter((p) => overlaps(opens, closes, p.from, p.to)),
  };
}
