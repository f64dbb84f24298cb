/**
 * Dates in exports: ISO 8601 (with or without a time and offset), UK day-first dates, US month-first
 * dates when configured, the classic Twitter API form and Unix timestamps. Everything becomes a UTC
 * calendar day `YYYY-MM-DD` plus a timestamp for ordering. Pure.
 */
import type { DateFormat } from './columns.js';

export interface ParsedDate {
  day: string;
  time: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const TWITTER = /^[a-z]{3} ([a-z]{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-]\d{4}) (\d{4})$/i;
const WRITTEN = /^(\d{1,2}) ([a-z]{3})[a-z]* (\d{4})(?:,? (\d{1,2}):(\d{2}))?$/i;

function build(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, offsetMinutes = 0): ParsedDate | undefined {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return undefined;
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 31 April over to 1 May: reject instead
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  const time = local - offsetMinutes * 60_000;
  return { day: new Date(time).toISOString().slice(0, 10), time };
}

function offsetOf(text: string | undefined): number {
  if (!text || text.toUpperCase() === 'Z') return 0;
  const digits = text.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
}

/** Parse one cell; undefined when it is not a date in the accepted formats. */
export function parseDate(value: string, format: DateFormat = 'auto'): ParsedDate | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  if (format === 'unix' || (format === 'auto' && /^\d{10}(\d{3})?$/.test(text))) {
    if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
    const n = Number(text);
    const time = text.length >= 13 ? n : n * 1000;
    return { day: new Date(time).toISOString().slice(0, 10), time };
  }
  const iso = ISO.exec(text);
  if (iso && (format === 'auto' || format === 'YYYY-MM-DD')) {
    const [, y, m, d, hh, mm, ss, zone] = iso;
    return build(Number(y), Number(m), Number(d), Number(hh ?? 0), Number(mm ?? 0), Number(ss ?? 0), offsetOf(zone));
  }
  const slashed = SLASHED.exec(text);
  if (slashed && format !== 'YYYY-MM-DD') {
    const [, a, b, y, hh, mm, ss] = slashed;
    const [day, month] = format === 'MM/DD/YYYY' ? [Number(b), Number(a)] : [Number(a), Number(b)];
    return build(Number(y), month, day, Number(hh ?? 0), Number(mm ?? 0), Number(ss ?? 0));
  }
  if (format !== 'auto') return undefined;
  const twitter = TWITTER.exec(text);
  if (twitter) {
    const [, mon, d, hh, mm, ss, zone, y] = twitter;
    const month = MONTHS.indexOf(mon!.toLowerCase()) + 1;
    return build(Number(y), month, Number(d), Number(hh), Number(mm), Number(ss), offsetOf(zone));
  }
  const written = WRITTEN.exec(text);
  if (written) {
    const [, d, mon, y, hh, mm] = written;
    const month = MONTHS.indexOf(mon!.toLowerCase()) + 1;
    return build(Number(y), month, Number(d), Number(hh ?? 0), Number(mm ?? 0));
  }
  return undefined;
}

export function expectedFormat(format: DateFormat): string {
  switch (format) {
    case 'auto':
      return 'expected YYYY-MM-DD (optionally with a time, e.g. 2026-03-14T09:30:00Z) or DD/MM/YYYY; set dateFormat in the --config file for other orders';
    case 'unix':
      return 'expected a Unix timestamp in seconds or milliseconds (dateFormat: unix)';
    default:
      return `expected ${format} (dateFormat in the config)`;
  }
}

/** Whole days from a to b (both YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Every day from first to last inclusive. */
export function dayRange(first: string, last: string): string[] {
  const days: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) days.push(d);
  return days;
}

/** A strict YYYY-MM-DD for flags such as --since; undefined when invalid. */
export function parseDayFlag(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value.trim())) return undefined;
  return parseDate(value.trim(), 'YYYY-MM-DD')?.day;
}
