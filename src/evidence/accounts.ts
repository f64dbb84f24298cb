/** Account lookups: a CSV of known accounts (account, type, name) or the influence.json of `ptk influence`. Pure. */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { normaliseHeader } from './columns.js';
import type { CsvTable } from '../analysis/ingest/reader.js';
import { normaliseHandle } from './posts.js';

export interface KnownAccount {
  account: string;
  type: string | null;
  name: string | null;
  /** Influence rank when the list came from `ptk influence`. */
  rank: number | null;
}

const ACCOUNT_COLUMNS = ['account', 'handle', 'author', 'username', 'user', 'screen_name'];
const TYPE_COLUMNS = ['type', 'category', 'class', 'classification', 'group', 'role'];
const NAME_COLUMNS = ['name', 'label', 'display_name', 'organisation', 'organization'];

function findColumn(header: readonly string[], names: readonly string[]): number | undefined {
  const keys = header.map(normaliseHeader);
  for (const name of names) {
    const at = keys.indexOf(normaliseHeader(name));
    if (at >= 0) return at;
  }
  return undefined;
}

export function accountsFromCsv(table: CsvTable, needType: boolean): Map<string, KnownAccount> {
  const available = table.header.map((h) => `"${h}"`).join(', ');
  const accountAt = findColumn(table.header, ACCOUNT_COLUMNS);
  if (accountAt === undefined) throw new InputError(table.file, `no account column (account, handle or username); the columns are ${available}.`);
  const typeAt = findColumn(table.header, TYPE_COLUMNS);
  if (needType && typeAt === undefined) throw new InputError(table.file, `no type column (type or category); the columns are ${available}.`);
  const nameAt = findColumn(table.header, NAME_COLUMNS);
  const result = new Map<string, KnownAccount>();
  table.rows.forEach((row, i) => {
    const account = normaliseHandle(row[accountAt] ?? '');
    if (account === '') throw new InputError(`${table.file}:${table.lines[i]}: ${table.header[accountAt]}`, 'empty account name.');
    const type = typeAt === undefined ? '' : (row[typeAt] ?? '').trim().toLowerCase();
    const name = nameAt === undefined ? '' : (row[nameAt] ?? '').trim();
    result.set(account, { account, type: type || null, name: name || null, rank: null });
  });
  return result;
}

const influenceJsonSchema = z.object({
  top: z.number().int().positive(),
  accounts: z.array(
    z.object({ account: z.string(), rank: z.number().int(), type: z.string().nullable().optional() }),
  ),
});

/** The top accounts of an influence.json written by `ptk influence`. */
export function accountsFromInfluenceJson(data: unknown, file: string): Map<string, KnownAccount> {
  const parsed = influenceJsonSchema.safeParse(data);
  if (!parsed.success) {
    throw new InputError(file, 'not an influence.json from `ptk influence` (expected "top" and "accounts" with account and rank).');
  }
  const result = new Map<string, KnownAccount>();
  for (const entry of parsed.data.accounts.filter((a) => a.rank <= parsed.data.top)) {
    result.set(entry.account, { account: entry.account, type: entry.type ?? null, name: null, rank: entry.rank });
  }
  return result;
}
