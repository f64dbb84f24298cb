/** Rows of a posts export turned into typed posts, with one clear error line per bad cell. Pure. */
import { InputError } from '../errors.js';
import { resolveColumns, type Field, type MappingConfig } from './columns.js';
import type { CsvTable } from '../analysis/ingest/reader.js';
import { expectedFormat, parseDate } from './dates.js';

export interface Post {
  /** 1-based line in the export. */
  line: number;
  id: string;
  /** Handle as written (without @). */
  author: string;
  /** Lower-cased handle: the account's identity. */
  account: string;
  text: string;
  /** UTC day, YYYY-MM-DD; empty when the export has no date column. */
  day: string;
  time: number;
  followers: number | null;
  reposts: number;
  replies: number;
  likes: number;
  /** Accounts mentioned (lower-cased, without @, excluding the author and any reply/repost target). */
  mentions: string[];
  replyTo: string | null;
  repostOf: string | null;
  url: string;
}

const HANDLE_IN_TEXT = /(?<![\w@/.])@([a-z0-9_](?:[a-z0-9_.]{0,48}[a-z0-9_])?)/gi;
const RETWEET_PREFIX = /^RT @([a-z0-9_]{1,50})\b/i;

export function normaliseHandle(value: string): string {
  return value.trim().replace(/^@+/, '').toLowerCase();
}

/** Mentions found in text, lower-cased, in order, without repeats. */
export function handlesInText(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(HANDLE_IN_TEXT)) found.add(match[1]!.toLowerCase());
  return [...found];
}

export function parseCount(cell: string | undefined): number | undefined {
  const text = (cell ?? '').trim().replace(/[,\s]/g, '');
  if (text === '') return 0;
  const match = /^(\d+(?:\.\d+)?)([kmKM]?)$/.exec(text);
  if (!match) return undefined;
  const multiplier = match[2]?.toLowerCase() === 'k' ? 1_000 : match[2]?.toLowerCase() === 'm' ? 1_000_000 : 1;
  return Math.round(Number(match[1]) * multiplier);
}

export interface PostsOptions {
  /** Fields that must have a column. */
  required: readonly Field[];
}

export function toPosts(table: CsvTable, config: MappingConfig, options: PostsOptions): Post[] {
  const optional: Field[] = ['id', 'text', 'date', 'followers', 'reposts', 'replies', 'likes', 'mentions', 'reply_to', 'repost_of', 'url'];
  const columns = resolveColumns(table.header, table.file, config, options.required, optional.filter((f) => !options.required.includes(f)));
  const format = config.dateFormat ?? 'auto';
  const cell = (row: string[], field: Field) => (columns[field] === undefined ? undefined : (row[columns[field]] ?? ''));
  const headerOf = (field: Field) => table.header[columns[field]!] ?? field;

  return table.rows.map((row, i) => {
    const line = table.lines[i]!;
    const where = (field: Field) => `${table.file}:${line}: ${headerOf(field)}`;
    const rawAuthor = cell(row, 'author') ?? '';
    const account = normaliseHandle(rawAuthor);
    if (account === '') throw new InputError(where('author'), 'empty author: every row needs the account that posted it.');
    const text = cell(row, 'text') ?? '';

    let day = '';
    let time = 0;
    const rawDate = cell(row, 'date');
    if (rawDate !== undefined) {
      const parsed = parseDate(rawDate, format);
      if (!parsed) throw new InputError(where('date'), `"${rawDate}" is not a date: ${expectedFormat(format)}.`);
      ({ day, time } = parsed);
    }

    const count = (field: Field): number => {
      const raw = cell(row, field);
      if (raw === undefined) return 0;
      const n = parseCount(raw);
      if (n === undefined) throw new InputError(where(field), `"${raw}" is not a whole number.`);
      return n;
    };
    const rawFollowers = cell(row, 'followers');
    const followers = rawFollowers === undefined || rawFollowers.trim() === '' ? null : count('followers');

    const replyToCell = cell(row, 'reply_to');
    const replyTo = replyToCell && normaliseHandle(replyToCell) !== '' ? normaliseHandle(replyToCell) : null;
    const repostCell = cell(row, 'repost_of');
    let repostOf = repostCell && normaliseHandle(repostCell) !== '' ? normaliseHandle(repostCell) : null;
    if (repostOf === null && columns.repost_of === undefined) {
      const rt = RETWEET_PREFIX.exec(text.trim());
      if (rt) repostOf = rt[1]!.toLowerCase();
    }
    const mentionsCell = cell(row, 'mentions');
    const listed = mentionsCell === undefined ? handlesInText(text) : mentionsCell.split(/[\s,;|]+/).map(normaliseHandle).filter(Boolean);
    // A reply or repost is already an edge of its own kind: do not count its target again as a mention
    const mentions = [...new Set(listed)].filter((m) => m !== account && m !== replyTo && m !== repostOf);

    return {
      line,
      id: cell(row, 'id')?.trim() || String(line),
      author: rawAuthor.trim().replace(/^@+/, ''),
      account,
      text,
      day,
      time,
      followers,
      reposts: count('reposts'),
      replies: count('replies'),
      likes: count('likes'),
      mentions,
      replyTo: replyTo === account ? null : replyTo,
      repostOf: repostOf === account ? null : repostOf,
      url: cell(row, 'url')?.trim() ?? '',
    };
  });
}

