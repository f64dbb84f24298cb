import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseCsvText } from '../../src/analysis/ingest/reader.js';
import { ADDED_EVIDENCE, applyReview, countSources, parseReview, reviewKey } from '../../src/analysis/review.js';
import { compileCodeframe, loadCodeframe } from '../../src/analysis/themes/index.js';

const DIR = join(import.meta.dirname, '../fixtures/themes');
const codeframe = loadCodeframe(join(DIR, 'codeframe.yaml'));
const themes = codeframe.questions.improve!;
const matcher = compileCodeframe(codeframe).get('improve')!;
const rows = parse(readFileSync(join(DIR, 'responses.csv')), { columns: true }) as { id: string; improve: string }[];
const review = parseReview(parseCsvText(readFileSync(join(DIR, 'review.csv'), 'utf8'), 'review.csv'), codeframe);

function reviewed(id: string) {
  const codes = matcher.codeResponse(rows.find((r) => r.id === id)!.improve);
  return applyReview(codes, review.entries.get(reviewKey(id, 'improve')), themes);
}

describe('review.csv', () => {
  it('removes a theme with its descendants', () => {
    expect(reviewed('1')).toEqual({ codes: [], added: 0, removed: 2, flagged: false });
  });

  it('adds a theme with its missing ancestors, marked as reviewed', () => {
    expect(reviewed('7').codes).toEqual([
      { themeId: 'transport', evidence: ADDED_EVIDENCE, via: 'roads', source: 'review' },
      { themeId: 'roads', evidence: ADDED_EVIDENCE, source: 'review' },
    ]);
  });

  it('mixes rule and review codes, and drops a parent left without children', () => {
    const outcome = reviewed('6');
    expect(outcome.codes.map((c) => [c.themeId, c.source])).toEqual([
      ['transport', 'rule'],
      ['roads', 'rule'],
      ['schools', 'rule'],
      ['housing', 'review'],
      ['homelessness', 'review'],
    ]);
    expect(outcome.codes[0]!.via).toBe('roads');
    expect(outcome.removed).toBe(1);
    expect(countSources(outcome.codes)).toEqual({ rule: 3, review: 2 });
  });

  it('flags without changing codes, and leaves unreviewed responses to the rules', () => {
    expect(reviewed('9')).toEqual({ codes: [], added: 0, removed: 0, flagged: true });
    const outcome = reviewed('2');
    expect(outcome.codes).toEqual([{ themeId: 'schools', evidence: 'teachers', source: 'rule' }]);
  });

  it('counts codes across the fixture by source', () => {
    let rule = 0;
    let person = 0;
    for (const row of rows) {
      const counts = countSources(reviewed(row.id).codes);
      rule += counts.rule;
      person += counts.review;
    }
    // 18 rule codes in all; review removes 2 (row 1) + 1 (row 6) and adds 2 (row 7) + 2 (row 6)
    expect(person).toBe(4);
    expect(rule).toBe(18 - 3);
  });

  it('rejects unknown questions and themes with the line', () => {
    const bad = (body: string) => () => parseReview(parseCsvText(`response_id,question,add_themes,remove_themes,flag\n1,improve,,,\n${body}\n`, 'r.csv'), codeframe);
    expect(bad('2,other,roads,,')).toThrow(new InputError('r.csv:3', 'unknown question "other"; the codeframe has improve'));
    expect(bad('2,improve,road,,')).toThrow(/^r\.csv:3: add_themes: unknown theme "road" for improve/);
    expect(bad('2,improve,roads,roads,')).toThrow(/r\.csv:3: theme "roads" is both added and removed/);
    expect(() => parseReview(parseCsvText('id,question\n1,improve\n', 'r.csv'), codeframe)).toThrow(/r\.csv:1: missing the "response_id" column/);
  });
});
