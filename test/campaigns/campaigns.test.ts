import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  CampaignDetector,
  ROLE_EDITED_COPY,
  ROLE_NONE,
  ROLE_STANDARD_COPY,
  ROLE_TEMPLATE,
  chooseBands,
  estimateJaccard,
  normaliseText,
  rowRole,
  signature,
  signatureBins,
} from '../../src/analysis/campaigns/index.js';

const FIXTURE = join(import.meta.dirname, '../fixtures/campaigns/responses.csv');
interface FixtureRow {
  response_id: string;
  text: string;
  construction: string;
}
const rows = parse(readFileSync(FIXTURE), { columns: true }) as FixtureRow[];

describe('normaliseText', () => {
  it('folds case, spacing, punctuation, apostrophes and HTML entities', () => {
    expect(normaliseText('Fish &amp; Chips!')).toBe('fish and chips');
    expect(normaliseText('fish & chips')).toBe('fish and chips');
    expect(normaliseText('FISH  AND\tchips...')).toBe('fish and chips');
    expect(normaliseText('Don&#39;t&nbsp;close it &#x2019;now&#8217;')).toBe('dont close it now');
    expect(normaliseText("don't")).toBe(normaliseText('dont'));
    expect(normaliseText('&bogus; stays')).toBe('and bogus stays'); // an unknown entity is a plain ampersand
  });
});

describe('signature', () => {
  it('is identical for texts equal after normalisation and differs otherwise', () => {
    const a = signature('Keep the pharmacy open &amp; fund it properly please.');
    const b = signature('keep the pharmacy open and fund it properly, please');
    const c = signature('keep the library open and fund it properly please');
    expect(Array.from(a)).toEqual(Array.from(b));
    expect([a[0], a[1]]).not.toEqual([c[0], c[1]]);
    expect(a[2]).toBe(9);
  });

  it('hashes exactly the normalised text (the fast path agrees with normaliseText)', () => {
    const samples = [
      ...rows.map((r) => r.text),
      'Café RÉSUMÉ naïve — “quoted” it’s 3½ × 2 = 6 &amp; more',
      'Emoji 😀 between words, 𝐁old maths letters and 中文 text',
      '  &nbsp;&#39;leading&#x2019; and trailing &amp;  ',
      "İstanbul ǅemal Straße ß ÆØÅ don't `back` ´tick´",
      '',
      '!!!',
    ];
    for (const text of samples) {
      expect(Array.from(signature(text)), text).toEqual(Array.from(signature(normaliseText(text))));
      expect(signature(text)[2], text).toBe(normaliseText(text) === '' ? 0 : normaliseText(text).split(' ').length);
    }
  });

  it('estimates Jaccard similarity of 3-word shingles closely', () => {
    const words = Array.from({ length: 200 }, (_, i) => `word${i}`);
    const base = words.join(' ');
    // 150 of 200 words shared at the end: shingle sets of 198 and 148 sharing 148 => J = 148/198
    const part = words.slice(50).join(' ');
    const estimate = estimateJaccard(signatureBins(signature(base)), 0, signatureBins(signature(part)), 0);
    expect(Math.abs(estimate - 148 / 198)).toBeLessThan(0.1);
    const other = Array.from({ length: 200 }, (_, i) => `other${i}`).join(' ');
    expect(estimateJaccard(signatureBins(signature(base)), 0, signatureBins(signature(other)), 0)).toBeLessThan(0.1);
  });

  it('chooses LSH bands that catch pairs at the threshold', () => {
    for (const threshold of [0.5, 0.7, 0.8, 0.9]) {
      const { bands, rows: perBand } = chooseBands(threshold);
      expect(bands * perBand).toBeLessThanOrEqual(128);
      expect(1 - (1 - threshold ** perBand) ** bands).toBeGreaterThan(0.99);
    }
    expect(chooseBands(0.9).rows).toBeGreaterThan(chooseBands(0.5).rows);
  });
});

describe('CampaignDetector on the constructed fixture', () => {
  const detector = new CampaignDetector();
  rows.forEach((row, index) => detector.add(index, row.response_id, row.text));
  const result = detector.finish();
  const idsWhere = (prefix: string) => rows.filter((r) => r.construction.startsWith(prefix)).map((r) => r.response_id);

  it('finds exactly the two constructed campaigns', () => {
    expect(result.rows).toBe(rows.length);
    expect(result.campaigns.map((c) => [c.id, c.size, c.standardCopies, c.editedCopies])).toEqual([
      ['C1', 11, 8, 3],
      ['C2', 5, 5, 0],
    ]);
  });

  it('lists standard and edited copies exactly as constructed', () => {
    const [c1, c2] = result.campaigns;
    expect(c1!.standardIds).toEqual(idsWhere('C1 standard'));
    expect(c1!.editedIds).toEqual(idsWhere('C1 edited'));
    expect(c2!.standardIds).toEqual(idsWhere('C2 standard'));
    expect(c2!.editedIds).toEqual([]);
    expect(c1!.template).toBe(rows[0]!.text);
    expect(c1!.templateResponseId).toBe('R001');
    expect(c2!.templateResponseId).toBe('R007');
    expect(c1!.distinctTexts).toBe(4);
  });

  it('never groups unrelated, short or rare repeated responses, and keeps every row', () => {
    for (const prefix of ['unrelated', 'short', 'exact pair']) {
      for (const id of idsWhere(prefix)) {
        const index = rows.findIndex((r) => r.response_id === id);
        expect(result.campaignOf[index], id).toBe(-1);
        expect(rowRole(result, index)).toBe('none');
      }
    }
    expect(result.rowsInCampaigns).toBe(16);
    expect(result.copies).toBe(14);
    // every row has a role; counting with and without copies
    const roles = Array.from(result.roles);
    expect(roles.length).toBe(rows.length);
    expect(roles.filter((r) => r === ROLE_TEMPLATE)).toHaveLength(2);
    expect(roles.filter((r) => r === ROLE_STANDARD_COPY)).toHaveLength(11);
    expect(roles.filter((r) => r === ROLE_EDITED_COPY)).toHaveLength(3);
    expect(roles.filter((r) => r === ROLE_NONE)).toHaveLength(rows.length - 16);
  });

  it('honours the minimum size and threshold options', () => {
    const strict = new CampaignDetector({ minSize: 2, threshold: 0.99 });
    rows.forEach((row, index) => strict.add(index, row.response_id, row.text));
    const found = strict.finish().campaigns.map((c) => [c.size, c.standardCopies, c.editedCopies]);
    // the edited copies no longer join; the exact pair now counts
    expect(found).toEqual([
      [8, 8, 0],
      [5, 5, 0],
      [2, 2, 0],
    ]);
  });

  it('gives the same result whatever number of rows it was told to expect', () => {
    for (const expectedRows of [3, 100_000]) {
      const sized = new CampaignDetector({ expectedRows });
      rows.forEach((row, index) => sized.add(index, row.response_id, row.text));
      const again = sized.finish();
      expect(again.campaigns).toEqual(result.campaigns);
      expect(again.roles).toEqual(result.roles);
    }
  });

  it('accepts rows in any order and signatures computed elsewhere', () => {
    const shuffled = new CampaignDetector();
    const order = rows.map((_, i) => i).reverse();
    for (const index of order) {
      const row = rows[index]!;
      shuffled.addSignature(index, row.response_id, signature(row.text), 0, row.text);
    }
    const again = shuffled.finish();
    expect(again.campaigns.map((c) => [c.size, c.standardCopies, c.editedCopies, c.templateResponseId])).toEqual([
      [11, 8, 3, 'R001'],
      [5, 5, 0, 'R007'],
    ]);
    expect(() => shuffled.addSignature(0, 'R001', signature('x'))).toThrow(/added twice/);
  });
});

describe('CampaignDetector at scale (not timed)', () => {
  it('groups 20,000 rows with 15% campaign copies exactly', () => {
    let seed = 42;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const vocabulary = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}`);
    const sentence = (words: number) => Array.from({ length: words }, () => vocabulary[Math.floor(random() * vocabulary.length)]).join(' ');
    const templates = Array.from({ length: 6 }, () => `${sentence(60 + Math.floor(random() * 80))}.`);
    const total = 20_000;
    const expected = templates.map(() => ({ standard: 0, edited: 0 }));
    const detector = new CampaignDetector();
    for (let row = 0; row < total; row++) {
      let text: string;
      if (random() < 0.15) {
        const which = Math.floor(random() * templates.length);
        const template = templates[which]!;
        if (random() < 0.3) {
          text = `${template} ${sentence(3 + Math.floor(random() * 6))}`;
          expected[which]!.edited++;
        } else {
          text = random() < 0.5 ? template.toUpperCase() : template;
          expected[which]!.standard++;
        }
      } else {
        text = sentence(10 + Math.floor(random() * 120));
      }
      detector.add(row, `id${row}`, text);
    }
    const result = detector.finish();
    const found = result.campaigns.map((c) => `${c.standardCopies}+${c.editedCopies}`).sort();
    const wanted = expected.map((e) => `${e.standard}+${e.edited}`).sort();
    expect(found).toEqual(wanted);
    expect(result.rowsInCampaigns).toBe(expected.reduce((sum, e) => sum + e.standard + e.edited, 0));
  });
});
