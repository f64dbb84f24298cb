/**
 * The case studies are the source strategy's own: twelve of them, their quotes word for word with the
 * attribution the strategy gives, and their figures as the strategy states them. The source is read
 * from ../shared when it is present; without it those checks are skipped with a printed line.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadToolkit } from '../../src/toolkit/load.js';
import { techniqueToMarkdown } from '../../src/toolkit/render.js';
import { ROOT, SHARED, runPtk, tempDir } from '../helpers/cli.js';

const SOURCE_FILE = join(SHARED, 'source/000_d8207e65cf7b78b8.txt');
const hasSource = existsSync(SOURCE_FILE);
if (!hasSource) console.log(`skipped: the source strategy is not at ${SOURCE_FILE}, so quotes and figures are not checked against it`);

/** The strategy's twelve case studies, by the ids the toolkit gives them (listed by hand from the source). */
const TWELVE = [
  'corporate-plan-living-document',
  'care-and-support-bill-commentable',
  'influencer-mapping-and-monitoring',
  'maps-and-apps',
  'caring-for-our-future',
  'wenurses-twitter-chats',
  'social-media-crisis-simulation',
  'digital-first-publications',
  'stoptober',
  'public-health-responsibility-deal',
  'nhs-choices',
  'norah-uk-online-centres',
];

interface Study {
  id: string;
  year?: number;
  story: string;
  summary: string;
  figures: { label: string; value: number | string }[];
  quotes?: { quote: string; who: string; source: string }[];
  techniques: string[];
}

const FOLDER = join(ROOT, 'toolkit/case-studies');
const studies = readdirSync(FOLDER).map((f) => parse(readFileSync(join(FOLDER, f), 'utf8')) as Study);
const byId = new Map(studies.map((s) => [s.id, s]));
const toolkit = loadToolkit([]);

/** Whitespace runs count as one space: the source wraps some quotes differently. */
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
const source = hasSource ? squash(readFileSync(SOURCE_FILE, 'utf8')) : '';
const inSource = (text: string) => source.includes(squash(text));

describe('the built-in case studies', () => {
  it.runIf(process.env.PTK_REQUIRE_SHARED === '1')('are checked against the source strategy in CI', () => {
    expect(hasSource, SOURCE_FILE).toBe(true);
  });

  it('are the twelve of the source strategy', () => {
    expect(studies.map((s) => s.id).sort()).toEqual([...TWELVE].sort());
    const listed = JSON.parse(runPtk(['cases', 'list', '--json']).stdout) as { id: string }[];
    expect(listed.map((c) => c.id).sort()).toEqual([...TWELVE].sort());
  });

  it.runIf(hasSource)('quote the strategy word for word, with the attribution it gives', () => {
    const quotes = studies.flatMap((s) => (s.quotes ?? []).map((q) => ({ ...q, id: s.id })));
    expect(quotes.length).toBe(8); // the strategy's attributed quotes in its case studies, counted by hand
    for (const q of quotes) {
      expect(inSource(q.quote), `${q.id}: ${q.quote}`).toBe(true);
      expect(inSource(q.who), `${q.id}: ${q.who}`).toBe(true);
      expect(q.source).toMatch(/Digital strategy/);
    }
    // the check can fail: one changed word is not in the source
    expect(inSource(quotes[0]!.quote.replace(/\b(\w+)\b/, 'Truly'))).toBe(false);
  });

  it.runIf(hasSource)('give figures as the strategy states them', () => {
    for (const study of studies) {
      for (const figure of study.figures) {
        const text = typeof figure.value === 'number' ? figure.value.toLocaleString('en-GB') : figure.value;
        const found = source.toLowerCase().includes(text.toLowerCase()) || (typeof figure.value === 'number' && /^\d+$/.test(String(figure.value)) && new RegExp(`\\b${figure.value}\\b`).test(source));
        expect(found, `${study.id}: ${figure.label} = ${text}`).toBe(true);
      }
    }
  });

  it('have the facts the strategy gives', () => {
    expect(byId.get('maps-and-apps')?.year).toBe(2011);
    expect(byId.get('maps-and-apps')?.story).toMatch(/six-week/);
    const caring = byId.get('caring-for-our-future')!;
    expect(caring.year).toBe(2011);
    expect(caring.story).toMatch(/11-week/);
    expect(caring.story).toMatch(/six issues/);
    expect(caring.story).toMatch(/260 linked engagement events/);
    expect(byId.get('stoptober')?.story).toMatch(/In October 2012 more people tried to stop smoking than in the same period of any of the previous five years/);
    expect(byId.get('care-and-support-bill-commentable')?.story).toMatch(/600 useful comments/);
    const pubs = byId.get('digital-first-publications')!.figures.map((f) => f.value);
    expect(pubs).toEqual(expect.arrayContaining(['£3 million', '£750,000', '£200,000']));
  });

  it('contain no invented testimonials anywhere in the toolkit', () => {
    const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
    for (const file of walk(join(ROOT, 'toolkit'))) expect(readFileSync(file, 'utf8'), file).not.toMatch(/illustrative\)/i);
    const withTestimonials = readdirSync(join(ROOT, 'toolkit/techniques')).filter((f) => /^testimonials:/m.test(readFileSync(join(ROOT, 'toolkit/techniques', f), 'utf8')));
    expect(withTestimonials).toEqual([]);
  });

  it('are linked both ways with the techniques they illustrate', () => {
    for (const study of studies) {
      for (const id of study.techniques) {
        const technique = toolkit.techniques.get(id)?.value;
        expect(technique, id).toBeDefined();
        expect(techniqueToMarkdown(toolkit, technique!), `${id} -> ${study.id}`).toContain(`(\`${study.id}\`)`);
      }
    }
  });
});

describe('ptk toolkit validate on quotes', () => {
  const overlays: string[] = [];
  afterAll(() => overlays.forEach((d) => rmSync(d, { recursive: true, force: true })));

  function overlay(file: string, text: string): string {
    const dir = tempDir();
    overlays.push(dir);
    mkdirSync(join(dir, file.split('/')[0]!), { recursive: true });
    writeFileSync(join(dir, file), text);
    return dir;
  }

  const STUDY = `id: local-study
title: A local study
organisation: A council
summary: A short summary.
story: What happened.
techniques: [online-surveys]
lessons: [One lesson.]
quotes:
  - quote: It worked well.
    who: A resident
`;

  it('fails on a case-study quote without a source, naming file, line and field', () => {
    const dir = overlay('case-studies/local-study.yaml', STUDY);
    const result = runPtk(['toolkit', 'validate', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/case-studies\/local-study\.yaml:9: quotes\.0\.source: required field is missing/);
  });

  it('accepts the same quote with a source', () => {
    const dir = overlay('case-studies/local-study.yaml', `${STUDY}    source: Council evaluation report, 2025\n`);
    const result = runPtk(['toolkit', 'validate', dir]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('fails on a technique testimonial without a source, and on one marked illustrative', () => {
    const base = readFileSync(join(ROOT, 'toolkit/techniques/online-surveys.yaml'), 'utf8').trimEnd();
    const noSource = runPtk(['toolkit', 'validate', overlay('techniques/online-surveys.yaml', `${base}\ntestimonials:\n  - quote: Great.\n    who: An official\n`)]);
    expect(noSource.code).toBe(2);
    expect(noSource.stderr).toMatch(/techniques\/online-surveys\.yaml:\d+: testimonials\.0\.source: required field is missing/);
    const invented = runPtk(['toolkit', 'validate', overlay('techniques/online-surveys.yaml', `${base}\ntestimonials:\n  - quote: Great.\n    who: An official (illustrative)\n    source: nowhere\n`)]);
    expect(invented.code).toBe(2);
    expect(invented.stderr).toMatch(/testimonials\.0\.who: an invented or illustrative quote is not allowed/);
  });
});

describe('ptk cases', () => {
  it('shows a case study with its story, figures, quotes with attribution and techniques', () => {
    const result = runPtk(['cases', 'show', 'caring-for-our-future']);
    expect(result.code).toBe(0);
    for (const text of ['What happened', 'Figures', 'In their words', 'A great example of how engagement can work well', '— Jeremy Hughes, CEO, Alzheimer\'s UK', 'Lessons', 'digital-engagement-programme']) {
      expect(result.stdout).toContain(text);
    }
    expect(result.stdout).not.toMatch(/\u001b\[/);
  });

  it('renders Markdown and escaped HTML, and writes a file only once without --force', () => {
    const md = runPtk(['cases', 'show', 'stoptober', '--format', 'markdown']);
    expect(md.stdout).toMatch(/^# Stoptober/);
    expect(md.stdout).toContain('Web and app downloads: **209,131**');
    const html = runPtk(['cases', 'show', 'stoptober', '--format', 'html']);
    expect(html.stdout).toMatch(/^<!doctype html>/);
    expect(html.stdout).toContain('<blockquote>');
    expect(html.stdout).toContain('it&#39;s nice to talk to people');
    const dir = tempDir();
    try {
      const file = join(dir, 'stoptober.html');
      expect(runPtk(['cases', 'show', 'stoptober', '-f', 'html', '-o', file]).code).toBe(0);
      const again = runPtk(['cases', 'show', 'stoptober', '-f', 'html', '-o', file]);
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/already exists: pass --force/);
      expect(runPtk(['cases', 'show', 'stoptober', '-f', 'html', '-o', file, '--force']).code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints JSON with the linked techniques', () => {
    const study = JSON.parse(runPtk(['cases', 'show', 'norah-uk-online-centres', '--json']).stdout) as { techniques: string[]; quotes: { who: string }[] };
    expect(study.techniques).toContain('assisted-digital-sessions');
    expect(study.quotes[0]?.who).toBe('Norah Hanley');
  });

  it('finds case studies by words from their story', () => {
    const briefing = JSON.parse(runPtk(['cases', 'search', 'weekly', 'briefing', '--json']).stdout) as { id: string }[];
    expect(briefing[0]?.id).toBe('influencer-mapping-and-monitoring');
    const ukulele = JSON.parse(runPtk(['cases', 'search', 'ukulele', '--json']).stdout) as { id: string }[];
    expect(ukulele.map((h) => h.id)).toEqual(['norah-uk-online-centres']);
    expect(runPtk(['cases', 'search', 'zzzz']).stdout).toMatch(/No case studies match/);
  });

  it('suggests the closest id for an unknown case study, exit 2', () => {
    const result = runPtk(['cases', 'show', 'stoptobr']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('ptk: no case study with id "stoptobr". Did you mean stoptober?');
  });

  it('includes an overlay case study, linked from the technique it names', () => {
    const dir = tempDir();
    try {
      mkdirSync(join(dir, 'case-studies'));
      writeFileSync(join(dir, 'case-studies/local.yaml'), 'id: local-panel\ntitle: A local panel\norganisation: A council\nsummary: Local.\nstory: It ran.\ntechniques: [webinars]\nlessons: [Plan.]\n');
      expect(JSON.parse(runPtk(['cases', 'list', '--json', '--toolkit', dir]).stdout).length).toBe(13);
      expect(runPtk(['techniques', 'show', 'webinars', '--toolkit', dir]).stdout).toContain('A local panel');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
