/**
 * End to end: `ptk analyse` with coding frames, the review loop, campaign detection and redaction,
 * on small fixtures whose expected results were worked out by hand (themes) or built in on purpose
 * (test/fixtures/campaigns/make-fixture.py), and on the bundled example checked independently.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ROOT, runPtk, tempDir } from '../helpers/cli.js';

const THEMES = join(ROOT, 'test/fixtures/themes');
const CAMPAIGNS = join(ROOT, 'test/fixtures/campaigns');
const DEMO = join(ROOT, 'examples/consultation/responses.csv');
const DEMO_CONFIG = join(ROOT, 'examples/consultation/analysis.yaml');

interface CountPercent {
  count: number;
  percent: number;
}
interface ThemeQuestion {
  column: string;
  answered: number;
  blank: number;
  uncoded: CountPercent;
  byRespondentType: Record<string, { answered: number; blank: number; uncoded: CountPercent }>;
  themes: { id: string; count: number; percent: number; parent: string | null; byRespondentType: Record<string, CountPercent>; excludingCampaignCopies: CountPercent | null }[];
  cooccurrence: { a: string; b: string; count: number }[];
  codes: { rule: number; review: number };
  review: { responsesReviewed: number; added: number; removed: number; flagged: number };
}
interface Campaign {
  id: string;
  size: number;
  standardCopies: number;
  editedCopies: number;
  distinctTexts: number;
  templateResponseId: string | null;
  templateLine: number | null;
}
interface Summary {
  rows: { read: number; analysed: number };
  openQuestions: { column: string; overall: { base: number; answered: number }; excludingCampaignCopies: { overall: { base: number; answered: number } } | null }[];
  closedQuestions: { column: string; overall: { base: number }; excludingCampaignCopies: { overall: { base: number; counts: { value: string; count: number }[] } } | null }[];
  respondentTypes: { counts: { value: string; count: number }[]; excludingCampaignCopies: { value: string; count: number }[] | null } | null;
  themes: { source: string; review: { file: string; entries: number; matched: number; unmatched: number } | null; questions: ThemeQuestion[] } | null;
  campaigns: { columns: string[]; count: number; responsesInCampaigns: number; copies: number; responsesExcludingCopies: number; campaigns: Campaign[] } | null;
  redaction: { reports: boolean; counts: Record<string, number>; responsesCsv: boolean; responsesCsvCounts: Record<string, number> };
}

function analyse(file: string, args: string[]): { out: string; summary: Summary; stdout: string; stderr: string } {
  const out = join(tempDir('ptk-themes-'), 'report');
  const result = runPtk(['analyse', file, '--out', out, ...args]);
  expect(result.stderr).not.toMatch(/internal error|    at /);
  expect(result.code, result.stderr).toBe(0);
  return { out, summary: JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary, stdout: result.stdout, stderr: result.stderr };
}

const csvRows = (path: string): Record<string, string>[] => parse(readFileSync(path), { columns: true, bom: true }) as Record<string, string>[];
/** theme id -> [all, individual, organisation] */
const themeCounts = (question: ThemeQuestion): Record<string, number[]> =>
  Object.fromEntries(question.themes.map((t) => [t.id, [t.count, t.byRespondentType.individual?.count ?? 0, t.byRespondentType.organisation?.count ?? 0]]));

describe('themes through ptk analyse (test/fixtures/themes)', () => {
  const fixture = join(THEMES, 'responses.csv');
  const base = ['--config', join(THEMES, 'analysis.yaml'), '--codeframe', join(THEMES, 'codeframe.yaml')];

  it('counts answers per theme exactly, overall and by respondent type, with uncoded and blank answers', () => {
    const { summary } = analyse(fixture, base);
    const [question] = summary.themes!.questions;
    expect(summary.themes!.source).toBe('codeframe.yaml');
    expect(question!.column).toBe('improve');
    expect([question!.answered, question!.blank]).toEqual([11, 1]);
    expect(question!.uncoded).toEqual({ count: 2, percent: 18.2 });
    expect(question!.byRespondentType).toEqual({
      individual: { answered: 7, blank: 1, uncoded: { count: 1, percent: 14.3 } },
      organisation: { answered: 4, blank: 0, uncoded: { count: 1, percent: 25 } },
    });
    expect(themeCounts(question!)).toEqual({
      transport: [5, 3, 2],
      roads: [4, 3, 1],
      parking: [1, 0, 1],
      schools: [3, 2, 1],
      housing: [2, 1, 1],
      homelessness: [3, 2, 1],
    });
    expect(question!.themes.find((t) => t.id === 'transport')).toMatchObject({ percent: 45.5, parent: null });
    expect(question!.themes.find((t) => t.id === 'roads')).toMatchObject({ percent: 36.4, parent: 'transport' });
    expect(question!.codes).toEqual({ rule: 18, review: 0 });
  });

  it('counts co-occurring themes, leaving out parents coded only through a sub-theme', () => {
    const { summary } = analyse(fixture, base);
    expect(summary.themes!.questions[0]!.cooccurrence).toEqual([
      { a: 'roads', b: 'schools', count: 2 },
      { a: 'homelessness', b: 'housing', count: 1 },
      { a: 'housing', b: 'transport', count: 1 },
      { a: 'parking', b: 'roads', count: 1 },
      { a: 'parking', b: 'schools', count: 1 },
      { a: 'roads', b: 'transport', count: 1 },
    ]);
  });

  it('writes the themes and evidence of every answer to responses.csv (not the answers themselves)', () => {
    const { out } = analyse(fixture, base);
    const rows = csvRows(join(out, 'responses.csv'));
    expect(rows).toHaveLength(12);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(Object.keys(rows[0]!)).toEqual(['line', 'id', 'campaign', 'campaign role', 'improve: sentiment score', 'improve: sentiment comparative', 'improve: themes', 'improve: evidence', 'improve: review']);
    expect(byId.get('1')).toMatchObject({ 'improve: themes': 'transport; roads', 'improve: evidence': 'roads: potholes', 'improve: review': '' });
    expect(byId.get('3')).toMatchObject({ 'improve: themes': 'transport; housing', 'improve: evidence': 'transport: bus | housing: Rents' });
    expect(byId.get('7')).toMatchObject({ 'improve: themes': '', 'improve: evidence': '' });
    expect(byId.get('8')).toMatchObject({ 'improve: themes': '', 'improve: sentiment score': '' });
    expect(byId.get('12')).toMatchObject({ 'improve: themes': 'homelessness', 'improve: evidence': 'homelessness: Rough sleepers' });
  });

  it('quotes an evidence cell whose matched words hold a comma or a quote, and writes broken spacing single-spaced', () => {
    const dir = tempDir('ptk-evidence-');
    const file = join(dir, 'responses.csv');
    writeFileSync(file, 'id,type,improve\n1,individual,"We need a turn, lane here"\n2,individual,"A turn ""lane"" now"\n3,organisation,"the turn\n  lane, and a car park"\n4,individual,car  park\n');
    const { out } = analyse(file, base);
    const text = readFileSync(join(out, 'responses.csv'), 'utf8');
    expect(text).toContain(',"roads: turn, lane",');
    expect(text).toContain(',"roads: turn ""lane",');
    const byId = new Map(csvRows(join(out, 'responses.csv')).map((r) => [r.id, r]));
    expect(byId.get('1')!['improve: evidence']).toBe('roads: turn, lane');
    expect(byId.get('2')!['improve: evidence']).toBe('roads: turn "lane');
    expect(byId.get('3')!['improve: evidence']).toBe('roads: turn lane | parking: car park');
    expect(byId.get('4')!['improve: evidence']).toBe('parking: car park');
  });

  it('gives the same counts with the codeframe inside the analysis config', () => {
    const separate = analyse(fixture, base).summary.themes!;
    const embedded = analyse(fixture, ['--config', join(THEMES, 'analysis-with-codeframe.yaml')]).summary.themes!;
    expect(embedded.source).toBe('analysis-with-codeframe.yaml');
    expect(embedded.questions).toEqual(separate.questions.map((q) => ({ ...q, excludingCampaignCopies: null, themes: q.themes.map((t) => ({ ...t, excludingCampaignCopies: null })) })));
  });

  it('quotes up to 3 answers per theme in the reports, redacted unless --no-redact', () => {
    const { out, summary } = analyse(fixture, base);
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    const schools = md.slice(md.indexOf('**Schools and education**: example answers'));
    expect(schools.split('\n').filter((l) => l.startsWith('> —')).slice(0, 3)).toEqual(['> — line 3, individual', '> — line 7, organisation', '> — line 12, individual']);
    expect(md).toContain('Call me on \\[phone\\].');
    expect(md).not.toContain('07700 900123');
    expect(summary.redaction).toMatchObject({ reports: true, responsesCsv: false });
    expect(summary.redaction.counts.phone).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(summary)).not.toContain('07700');
    const raw = analyse(fixture, [...base, '--no-redact']);
    expect(readFileSync(join(raw.out, 'report.md'), 'utf8')).toContain('Call me on 07700 900123.');
    expect(raw.summary.redaction).toMatchObject({ reports: false, counts: {} });
  });
});

describe('the review loop (test/fixtures/themes/review.csv)', () => {
  const fixture = join(THEMES, 'responses.csv');
  const base = ['--config', join(THEMES, 'analysis.yaml'), '--codeframe', join(THEMES, 'codeframe.yaml')];

  it('applies review.csv and reports codes assigned by a person versus by rule', () => {
    const { summary, out, stdout } = analyse(fixture, [...base, '--review', join(THEMES, 'review.csv')]);
    const [question] = summary.themes!.questions;
    // 1: transport removed (roads with it); 6: housing and homelessness added, parking removed;
    // 7: roads added (transport with it); 9: flagged.
    expect(themeCounts(question!)).toEqual({
      transport: [5, 3, 2],
      roads: [4, 3, 1],
      parking: [0, 0, 0],
      schools: [3, 2, 1],
      housing: [3, 1, 2],
      homelessness: [4, 2, 2],
    });
    expect(question!.uncoded).toEqual({ count: 2, percent: 18.2 });
    expect(question!.codes).toEqual({ rule: 15, review: 4 });
    expect(question!.review).toEqual({ responsesReviewed: 4, added: 4, removed: 3, flagged: 1 });
    expect(summary.themes!.review).toEqual({ file: 'review.csv', entries: 4, matched: 4, unmatched: 0 });
    expect(question!.cooccurrence).toEqual([
      { a: 'homelessness', b: 'housing', count: 2 },
      { a: 'roads', b: 'schools', count: 2 },
      { a: 'homelessness', b: 'roads', count: 1 },
      { a: 'homelessness', b: 'schools', count: 1 },
      { a: 'housing', b: 'roads', count: 1 },
      { a: 'housing', b: 'schools', count: 1 },
      { a: 'housing', b: 'transport', count: 1 },
      { a: 'roads', b: 'transport', count: 1 },
    ]);
    expect(stdout).toMatch(/codes: 15 by rule, 4 by a person/);
    const rows = new Map(csvRows(join(out, 'responses.csv')).map((r) => [r.id, r]));
    expect(rows.get('6')).toMatchObject({ 'improve: themes': 'transport; roads; schools; housing; homelessness', 'improve: review': 'added housing; homelessness, removed parking' });
    expect(rows.get('7')).toMatchObject({ 'improve: themes': 'transport; roads', 'improve: evidence': 'roads: (added in review)', 'improve: review': 'added roads' });
    expect(rows.get('9')).toMatchObject({ 'improve: review': 'flagged' });
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).toMatch(/Codes: 15 assigned by rule, 4 by a person\. 4 answers reviewed: 4 codes added, 3 removed, 1 flagged\./);
    // a flagged answer is never quoted
    expect(md).not.toMatch(/> Nothing to add\./);
  });

  it('writes a review.csv template that carries earlier corrections forward, and reads it back', () => {
    const first = analyse(fixture, base);
    const template = csvRows(join(first.out, 'review.csv'));
    expect(Object.keys(template[0]!)).toEqual(['response_id', 'question', 'themes', 'add_themes', 'remove_themes', 'flag', 'text']);
    // every answered response (a small file), none of them reviewed yet
    expect(template.map((r) => r.response_id)).toEqual(['1', '2', '3', '4', '5', '6', '7', '9', '10', '11', '12']);
    expect(template.find((r) => r.response_id === '12')).toEqual({ response_id: '12', question: 'improve', themes: 'homelessness', add_themes: '', remove_themes: '', flag: '', text: 'Rough sleepers in the town centre' });
    // a reviewer codes answer 9 to schools and says answer 4 is not homelessness
    const edited = template.map((r) => (r.response_id === '9' ? { ...r, add_themes: 'schools' } : r.response_id === '4' ? { ...r, remove_themes: 'homelessness', flag: 'check' } : r));
    const reviewFile = join(tempDir(), 'review.csv');
    writeFileSync(reviewFile, `response_id,question,themes,add_themes,remove_themes,flag,text\n${edited.map((r) => Object.values(r).map((v) => `"${v.replace(/"/g, '""')}"`).join(',')).join('\n')}\n`);
    const second = analyse(fixture, [...base, '--review', reviewFile]);
    const question = second.summary.themes!.questions[0]!;
    expect(themeCounts(question).schools).toEqual([4, 1 + 1, 1 + 1]);
    expect(themeCounts(question).homelessness).toEqual([2, 1, 1]);
    // rows left as they were are not reviews: only the two changed rows count
    expect(question.review).toEqual({ responsesReviewed: 2, added: 1, removed: 1, flagged: 1 });
    expect(second.summary.themes!.review).toEqual({ file: 'review.csv', entries: 2, matched: 2, unmatched: 0 });
    const carried = csvRows(join(second.out, 'review.csv'));
    expect(carried.find((r) => r.response_id === '9')).toMatchObject({ themes: 'schools', add_themes: 'schools' });
    expect(carried.find((r) => r.response_id === '4')).toMatchObject({ themes: '', remove_themes: 'homelessness', flag: 'check' });
  });

  it('names the file and line of a bad review row, and needs a codeframe', () => {
    const bad = join(tempDir(), 'review.csv');
    writeFileSync(bad, 'response_id,question,add_themes,remove_themes,flag\n1,improve,roads,,\n2,improve,cycling,,\n');
    const result = runPtk(['analyse', fixture, '--out', join(tempDir(), 'r'), ...base, '--review', bad]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/review\.csv:3: add_themes: unknown theme "cycling" for improve/);
    const noFrame = runPtk(['analyse', fixture, '--out', join(tempDir(), 'r'), '--review', join(THEMES, 'review.csv')]);
    expect(noFrame.code).toBe(2);
    expect(noFrame.stderr).toMatch(/--review needs a codeframe/);
  });

  it('names the line of a codeframe question that is not in the file or not an open question', () => {
    const frame = join(tempDir(), 'codeframe.yaml');
    writeFileSync(frame, 'questions:\n  improve:\n    - id: a\n      label: A\n      include: [bus]\n  imporve:\n    - id: b\n      label: B\n      include: [road]\n');
    const missing = runPtk(['analyse', fixture, '--out', join(tempDir(), 'r'), '--config', join(THEMES, 'analysis.yaml'), '--codeframe', frame]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/codeframe\.yaml:6: questions: no column "imporve" in responses\.csv; did you mean "improve"\?/);
    const config = join(tempDir(), 'analysis.yaml');
    writeFileSync(config, 'version: 1\nid: id\nopen:\n  - column: improve\ncodeframe:\n  questions:\n    type:\n      - id: a\n        label: A\n        include: [x]\n');
    const notOpen = runPtk(['analyse', fixture, '--out', join(tempDir(), 'r'), '--config', config]);
    expect(notOpen.code).toBe(2);
    expect(notOpen.stderr).toMatch(/analysis\.yaml:7: codeframe\.questions: "type" is not one of the open questions/);
  });
});

describe('campaign detection through ptk analyse (test/fixtures/campaigns)', () => {
  const fixture = join(CAMPAIGNS, 'responses.csv');
  const config = ['--config', join(CAMPAIGNS, 'analysis.yaml')];
  const constructed = csvRows(fixture);
  const idsWhere = (prefix: string): string[] => constructed.filter((r) => r.construction!.startsWith(prefix)).map((r) => r.response_id!);

  it('groups identical copies, &amp; and & for "and", and copies with a personal sentence, exactly as constructed', () => {
    const { summary, out } = analyse(fixture, config);
    const c = summary.campaigns!;
    expect(c.columns).toEqual(['text']);
    expect(c.campaigns.map((x) => [x.id, x.size, x.standardCopies, x.editedCopies, x.distinctTexts, x.templateResponseId, x.templateLine])).toEqual([
      ['C1', 11, 8, 3, 4, 'R001', 2],
      ['C2', 5, 5, 0, 1, 'R007', 8],
    ]);
    const rows = csvRows(join(out, 'responses.csv'));
    expect(rows).toHaveLength(constructed.length);
    const role = (prefix: string, campaign: string, name: string) => idsWhere(prefix).map((id) => [id, campaign, id === 'R001' || id === 'R007' ? 'template' : name]);
    const expected = new Map<string, string[]>(
      [...role('C1 standard', 'C1', 'standard'), ...role('C1 edited', 'C1', 'edited'), ...role('C2 standard', 'C2', 'standard')].map(([id, campaign, r]) => [id!, [campaign!, r!]]),
    );
    for (const row of rows) expect([row.id, row.campaign, row['campaign role']]).toEqual([row.id, ...(expected.get(row.id!) ?? ['', ''])]);
    // unrelated answers, short ones ("I agree." x7) and an exact pair below the minimum size are no campaign
    for (const id of [...idsWhere('unrelated'), ...idsWhere('short'), ...idsWhere('exact pair')]) expect(expected.has(id)).toBe(false);
  });

  it('counts every response, and gives figures excluding campaign copies', () => {
    const { summary } = analyse(fixture, config);
    expect(summary.rows.analysed).toBe(31);
    expect(summary.campaigns).toMatchObject({ count: 2, responsesInCampaigns: 16, copies: 14, responsesExcludingCopies: 17 });
    const [text] = summary.openQuestions;
    expect(text!.overall).toMatchObject({ base: 31, answered: 31 });
    expect(text!.excludingCampaignCopies!.overall).toMatchObject({ base: 17, answered: 17 });
  });

  it('reports each campaign with its template, in the method note too', () => {
    const { out } = analyse(fixture, config);
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).toContain('| C1 | 11 | 35.5% | 8 | 3 | 4 | R001 (line 2) |');
    expect(md).toContain('> Stop the closure of the minor injuries unit at Riverside.');
    expect(md).toMatch(/Campaigns: the text of "text" was compared/);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<h2>Campaigns</h2>');
    expect(html).toMatch(/<svg class="bars campaigns"/);
  });

  it('--similarity sets the near-copy threshold; detection can be turned off', () => {
    const strict = analyse(fixture, [...config, '--similarity', '0.99']).summary.campaigns!;
    expect(strict.campaigns.map((x) => [x.size, x.standardCopies, x.editedCopies])).toEqual([
      [8, 8, 0],
      [5, 5, 0],
    ]);
    const wrong = runPtk(['analyse', fixture, '--out', join(tempDir(), 'r'), ...config, '--similarity', '1.5']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--similarity: 1\.5 is not a Jaccard similarity/);
    const off = join(tempDir(), 'off.yaml');
    writeFileSync(off, `${readFileSync(join(CAMPAIGNS, 'analysis.yaml'), 'utf8')}campaigns:\n  detect: false\n`);
    const none = analyse(fixture, ['--config', off]).summary;
    expect(none.campaigns).toBeNull();
    expect(none.openQuestions[0]!.excludingCampaignCopies).toBeNull();
  });
});

describe('the bundled example', () => {
  it('finds its two campaigns exactly, counted independently from the text', () => {
    const { summary, out } = analyse(DEMO, ['--config', DEMO_CONFIG]);
    const rows = csvRows(DEMO);
    const q5 = 'Q5. Please explain your answer to question 1.';
    const alliance = rows.filter((r) => r[q5]!.includes('I support the Alcohol Health Alliance campaign.'));
    const local = rows.filter((r) => r[q5]!.includes('As a member of the Save Our Local campaign'));
    const c = summary.campaigns!;
    expect(c.campaigns.map((x) => x.size)).toEqual([alliance.length, local.length]);
    expect(c.responsesInCampaigns).toBe(alliance.length + local.length);
    const responses = csvRows(join(out, 'responses.csv'));
    expect(responses.filter((r) => r.campaign === 'C1').map((r) => r.id)).toEqual(alliance.map((r) => r['Response ID']));
    // excluding copies: each campaign counts once
    expect(c.responsesExcludingCopies).toBe(rows.length - alliance.length - local.length + 2);
    const closed = summary.closedQuestions[0]!;
    expect(closed.excludingCampaignCopies!.overall.base).toBe(c.responsesExcludingCopies);
    expect(summary.respondentTypes!.excludingCampaignCopies!.reduce((sum, t) => sum + t.count, 0)).toBe(c.responsesExcludingCopies);
    // themes on both open questions, counted over the answers given
    expect(summary.themes!.questions.map((q) => q.column)).toEqual([q5, 'Q6. Is there anything else you would like to tell us?']);
    for (const question of summary.themes!.questions) expect(question.answered + question.blank).toBe(rows.length);
  });

  it('keeps personal data out of reports, summary.json, responses.csv and review.csv; --no-redact-review keeps review.csv as written', () => {
    const plain = analyse(DEMO, ['--config', DEMO_CONFIG]);
    const kept = analyse(DEMO, ['--config', DEMO_CONFIG, '--no-redact-review']);
    expect(readFileSync(join(kept.out, 'review.csv'), 'utf8')).toContain('jane.doe@example.org');
    expect(kept.summary.redaction.workingSheets).toBe(false);
    expect(plain.summary.redaction.workingSheets).toBe(true);
    for (const name of ['report.md', 'report.html', 'summary.json', 'responses.csv', 'review.csv']) expect(readFileSync(join(plain.out, name), 'utf8')).not.toMatch(/jane\.doe@example\.org|07700 900123/);
    expect(plain.summary.redaction.counts.email).toBeGreaterThanOrEqual(1);
    expect(plain.summary.redaction.responsesCsv).toBe(false);
    const redacted = analyse(DEMO, ['--config', DEMO_CONFIG, '--redact-responses']);
    for (const name of ['responses.csv', 'review.csv']) expect(readFileSync(join(redacted.out, name), 'utf8')).not.toMatch(/jane\.doe@example\.org|m\.smith@example\.com|07700 900123/);
    expect(redacted.summary.redaction.responsesCsv).toBe(true);
    expect(redacted.summary.redaction.responsesCsvCounts.email).toBeGreaterThanOrEqual(1);
    expect(redacted.summary.redaction.responsesCsvCounts.phone).toBeGreaterThanOrEqual(1);
  });

  it('leaves nothing in the temporary folder (the first pass keeps its answer records there between the passes)', () => {
    const temp = tempDir('ptk-tmpdir-');
    const result = runPtk(['analyse', DEMO, '--config', DEMO_CONFIG, '--out', join(tempDir('ptk-themes-'), 'report'), '--debug'], { env: { TMPDIR: temp } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/2 passes/);
    expect(readdirSync(temp)).toEqual([]);
  });

  it('gives the same outputs with worker threads as in-process, with themes and campaigns', async () => {
    const { responses, csvLine, COLUMNS } = (await import('../../bench/synthetic.js')) as {
      responses: (n: number, o: object) => Iterable<string[]>;
      csvLine: (row: string[]) => string;
      COLUMNS: string[];
    };
    const file = join(tempDir('ptk-workers-'), 'generated.csv');
    let text = `${COLUMNS.map((c) => `"${c}"`).join(',')}\r\n`;
    for (const row of responses(5000, { seed: 5, campaign: 0.15, wordsMax: 200 })) text += csvLine(row);
    writeFileSync(file, text);
    const inProcess = analyse(file, ['--config', DEMO_CONFIG]);
    const workers = analyse(file, ['--config', DEMO_CONFIG, '--workers', '2', '--debug']);
    expect(workers.stderr).toMatch(/debug: 2 worker threads, 2 passes/);
    expect(workers.summary).toEqual(inProcess.summary);
    for (const name of ['responses.csv', 'review.csv', 'rejects.csv', 'report.md', 'report.html']) {
      expect(readFileSync(join(workers.out, name), 'utf8'), name).toBe(readFileSync(join(inProcess.out, name), 'utf8'));
    }
    expect(inProcess.summary.campaigns!.count).toBeGreaterThanOrEqual(2);
  });
});
