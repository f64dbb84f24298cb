/** The known-themes fixture (test/fixtures/themes/known, written by make.py there) read with csv-parse, independent of ptk's reader. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ROOT } from '../helpers/cli.js';

export const KNOWN = join(ROOT, 'test/fixtures/themes/known');
export const KNOWN_THEMES = ['buses', 'consultation', 'cost', 'cycling', 'disruption', 'green', 'housing', 'parking', 'safety', 'shops'];

export interface KnownAnswer {
  id: string;
  group: string;
  campaign: string;
  answer: string;
  gold: string[];
}

export function readKnown(): KnownAnswer[] {
  const answers = parse(readFileSync(join(KNOWN, 'answers.csv')), { columns: true }) as Record<string, string>[];
  const gold = new Map((parse(readFileSync(join(KNOWN, 'gold.csv')), { columns: true }) as Record<string, string>[]).map((r) => [r.id!, r.themes!]));
  return answers.map((r) => ({ id: r.id!, group: r.group!, campaign: r.campaign!, answer: r.answer!, gold: (gold.get(r.id!) ?? '').split(';').filter((t) => t !== '') }));
}
