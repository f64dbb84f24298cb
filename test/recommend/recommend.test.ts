import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { defaultSelection, parseSituation, recommend, scoreTechnique, type Recommendation, type Situation } from '../../src/recommend/recommend.js';
import { loadToolkitFolders, type Toolkit } from '../../src/toolkit/load.js';
import { ROOT, runPtk } from '../helpers/cli.js';

const FIXTURE = join(ROOT, 'test/fixtures/toolkits/ranking');

function fixture(): Toolkit {
  const { toolkit, problems } = loadToolkitFolders([FIXTURE]);
  expect(problems).toEqual([]);
  return toolkit;
}

const officeSurvey: Situation = { stage: 2, audiences: ['public'], budget: 'low', weeks: 6, skills: 'basic', reach: 'broad' };
const rarelyOnline: Situation = { stage: 2, audiences: ['rarely-online', 'older-people'], budget: 'medium', weeks: 10 };

describe('recommend on the ranking fixture', () => {
  it('pins the order and scores for a broad, cheap, quick situation', () => {
    const recs = recommend(fixture(), officeSurvey);
    expect(recs.map((r) => [r.id, r.score])).toEqual([
      ['online-survey', 10],
      ['phone-panels', 1],
      ['webinars', 1],
      ['community-events', -4],
      ['expert-panel', -7],
      ['citizens-jury', -12],
    ]);
  });

  it('excludes techniques that do not serve the stage, and filters by activity', () => {
    const toolkit = fixture();
    const ids = recommend(toolkit, officeSurvey).map((r) => r.id);
    expect(ids).not.toContain('idea-platform'); // stage 1 only
    expect(ids).not.toContain('response-coding'); // stage 3 only
    const asking = recommend(toolkit, { ...officeSurvey, activity: 'asking-questions' }).map((r) => r.id);
    expect(asking).toEqual(['online-survey', 'phone-panels']);
  });

  it('explains each score with matched and against reasons', () => {
    const recs = recommend(fixture(), officeSurvey);
    const events = recs.find((r) => r.id === 'community-events')!;
    expect(events.reasons.against).toContain('lead time 8 weeks exceeds your 6');
    expect(events.reasons.against).toContain('cost medium exceeds your low budget');
    expect(events.reasons.matched).toContain('reaches public');
    const survey = recs.find((r) => r.id === 'online-survey')!;
    expect(survey.reasons.against).toEqual([]);
    expect(survey.reasons.matched).toContain('lead time 2 weeks fits your 6');
  });

  it('ranks differently, and explainably, for people who are rarely online', () => {
    const toolkit = fixture();
    const a = recommend(toolkit, officeSurvey).map((r) => r.id);
    const b = recommend(toolkit, rarelyOnline);
    expect(b.map((r) => r.id)).not.toEqual(a);
    // equal scores: community-events before phone-panels by id
    expect(b.slice(0, 2).map((r) => [r.id, r.score])).toEqual([
      ['community-events', 12],
      ['phone-panels', 12],
    ]);
    expect(b[0]!.reasons.matched).toContain('offline: reaches people who are rarely online');
    const survey = b.find((r) => r.id === 'online-survey')!;
    expect(survey.reasons.against).toContain('online only: needs an offline route for people rarely online');
  });

  it('always pairs an online technique with the best offline or blended one when people are rarely online', () => {
    const b = recommend(fixture(), rarelyOnline);
    const online = b.filter((r) => r.mode === 'online');
    expect(online.map((r) => r.id).sort()).toEqual(['online-survey', 'webinars']);
    for (const r of online) {
      expect(r.offlinePairing).toEqual({
        id: 'community-events',
        name: 'Community events',
        mode: 'offline',
        assistedDigital: `${r.name} by phone or post on request.`,
        pairAssistedDigital: 'Community events by phone or post on request.',
      });
    }
    expect(b.filter((r) => r.mode !== 'online').every((r) => r.offlinePairing === undefined)).toBe(true);
    // the pairing comes from the whole stage even when the activity filter leaves no offline technique
    const asking = recommend(fixture(), { ...rarelyOnline, activity: 'asking-questions' });
    expect(asking.find((r) => r.id === 'online-survey')!.offlinePairing?.id).toBe('community-events');
  });

  it('pairs from an offline share of 10% up, not below', () => {
    const toolkit = fixture();
    const at = recommend(toolkit, { ...officeSurvey, offlineShare: 10 });
    const below = recommend(toolkit, { ...officeSurvey, offlineShare: 9 });
    expect(at.find((r) => r.id === 'online-survey')!.offlinePairing).toBeDefined();
    expect(below.find((r) => r.id === 'online-survey')!.offlinePairing).toBeUndefined();
  });

  it('penalises techniques unsuitable for sensitive policy', () => {
    const t = fixture().techniques.get('online-survey')!.value;
    const plain = scoreTechnique(t, { stage: 2, audiences: [] });
    const sensitive = scoreTechnique(t, { stage: 2, audiences: [], sensitive: true });
    expect(sensitive.score - plain.score).toBe(-5);
    expect(sensitive.reasons.against).toEqual(['not suitable for sensitive or unannounced policy']);
  });

  it('is deterministic whatever order the toolkit was loaded in', () => {
    const toolkit = fixture();
    const reversed: Toolkit = { ...toolkit, techniques: new Map([...toolkit.techniques].reverse()) };
    expect(recommend(reversed, rarelyOnline)).toEqual(recommend(toolkit, rarelyOnline));
  });

  it('validates the situation with one clear line', () => {
    const toolkit = fixture();
    expect(parseSituation(toolkit, { stage: 'engaging', audiences: ['public,carers'] })).toMatchObject({ stage: 2, audiences: ['public', 'carers'] });
    expect(() => parseSituation(toolkit, { stage: 7 })).toThrow(UsageError);
    expect(() => parseSituation(toolkit, { stage: 2, weeks: -1 })).toThrow(/weeks must be 0 or more/);
    expect(() => parseSituation(toolkit, { stage: 2, audiences: ['martians'] })).toThrow(/unknown audience "martians"/);
    expect(() => parseSituation(toolkit, { stage: 2, activity: 'explaining-policy' })).toThrow(/unknown activity "explaining-policy" for stage 2/);
    expect(() => parseSituation(toolkit, { stage: 2, offlineShare: 120 })).toThrow(/0 to 100/);
  });
});

describe('defaultSelection', () => {
  const rec = (id: string, mode: Recommendation['mode'], score: number): Recommendation => ({ id, name: id, summary: '', mode, score, reasons: { matched: [], against: [] } });
  const offlineFirst = [rec('drop-ins', 'blended', 9), rec('paper', 'offline', 8), rec('partners', 'blended', 7), rec('survey', 'online', 5), rec('forum', 'online', 4)];

  it('takes the top techniques when one of them is digital', () => {
    const mixed = [rec('survey', 'online', 9), rec('paper', 'offline', 8), rec('partners', 'blended', 7), rec('forum', 'online', 6)];
    expect(defaultSelection(mixed, 3)).toEqual(['survey', 'paper', 'partners']);
  });

  it('swaps the last pick for the best digital technique when the top ones are all offline or blended', () => {
    expect(defaultSelection(offlineFirst, 3)).toEqual(['drop-ins', 'paper', 'survey']);
    expect(defaultSelection(offlineFirst, 1)).toEqual(['survey']);
  });

  it('keeps the top ones when there is no digital technique to choose', () => {
    expect(defaultSelection(offlineFirst.slice(0, 3), 2)).toEqual(['drop-ins', 'paper']);
  });
});

describe('ptk recommend (built binary)', () => {
  const args = ['--toolkit', FIXTURE, 'recommend'];
  const env = { PTK_TOOLKIT: '' };

  it('prints JSON whose order differs between two situations', () => {
    const a = runPtk([...args, '--stage', '2', '--audience', 'public', '--budget', 'low', '--weeks', '6', '--skills', 'basic', '--reach', 'broad', '--json'], { env });
    const b = runPtk([...args, '--stage', '2', '--audience', 'rarely-online', 'older-people', '--budget', 'medium', '--weeks', '10', '--json'], { env });
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    const ja = JSON.parse(a.stdout) as { recommendations: { id: string }[] };
    const jb = JSON.parse(b.stdout) as { recommendations: { id: string; offlinePairing?: { id: string } }[] };
    expect(ja.recommendations[0]!.id).toBe('online-survey');
    expect(jb.recommendations[0]!.id).toBe('community-events');
    expect(jb.recommendations.find((r) => r.id === 'online-survey')!.offlinePairing!.id).toBe('community-events');
  });

  it('shows reasons and the pairing in the terminal', () => {
    const r = runPtk([...args, '--stage', '2', '--audience', 'rarely-online', '--weeks', '6'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('- lead time 8 weeks exceeds your 6');
    // with only 6 weeks the 8-week community events drop below phone panels, so the pairing follows
    expect(r.stdout).toMatch(/pair with Phone panels \[phone-panels\] \(blended\)/);
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it.each([
    [['--stage', '9'], /^ptk: unknown stage "9"/],
    [['--stage', '2', '--weeks', '-3'], /--weeks.*invalid/],
    [['--stage', '2', '--audience', 'martians'], /^ptk: unknown audience "martians"/],
    [['--stage', '2', '--activity', 'dancing'], /^ptk: unknown activity "dancing"/],
  ])('%j: one line, exit 2', (extra, message) => {
    const r = runPtk([...args, ...extra], { env });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});

describe('--sensitive is a hard constraint', () => {
  it('lists no technique marked unsuitable, and names each one left out with the reason (built-in toolkit)', () => {
    const r = runPtk(['recommend', '--stage', '2', '--audience', 'public', '--sensitive', '--top', '100', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { recommendations: { id: string }[]; leftOut: { id: string; reason: string }[] };
    // the reference: every stage-2 technique file's own sensitive_policy_ok flag, read here directly
    const dir = join(ROOT, 'toolkit/techniques');
    const stage2 = readdirSync(dir).map((f) => parse(readFileSync(join(dir, f), 'utf8')) as { id: string; stages: number[]; sensitive_policy_ok: boolean }).filter((t) => t.stages.includes(2));
    const unsuitable = stage2.filter((t) => !t.sensitive_policy_ok).map((t) => t.id).sort();
    expect(unsuitable.length).toBeGreaterThan(5);
    expect(json.recommendations.map((x) => x.id).filter((id) => unsuitable.includes(id))).toEqual([]);
    expect(json.recommendations.map((x) => x.id).sort()).toEqual(stage2.filter((t) => t.sensitive_policy_ok).map((t) => t.id).sort());
    expect(json.leftOut.map((x) => x.id)).toEqual(unsuitable);
    expect(new Set(json.leftOut.map((x) => x.reason))).toEqual(new Set(['not suitable for sensitive or unannounced policy']));
    const text = runPtk(['recommend', '--stage', '2', '--audience', 'public', '--sensitive']);
    expect(text.stdout).toContain('Left out (ruled out by your situation):');
  });
});
