/**
 * A new per-answer analysis is one file plus one registry line (docs/architecture.md): the worked
 * example registered here shows up in responses.csv, summary.json, report.md and report.html, and
 * its figures equal a separate count over the demo file (csv-parse, hand-written rules).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it, vi } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';
import { loadConfigFile } from '../../src/analysis/load-config.js';
import { questionMarkAnalysis } from './question-mark.js';

// the one registry line, added for this test only
vi.mock('../../src/analysis/answers/registry.js', async (original) => {
  const real = await original<typeof import('../../src/analysis/answers/registry.js')>();
  const analyses = [...real.ANSWER_ANALYSES, questionMarkAnalysis];
  return { ...real, ANSWER_ANALYSES: analyses, plainAnalyses: (list = analyses) => real.plainAnalyses(list) };
});

const { run } = await import('../../src/commands/analyse.js');

const DEMO = join(ROOT, 'examples/consultation/responses.csv');
const CONFIG = join(ROOT, 'examples/consultation/analysis.yaml');
const OPEN = ['Q5. Please explain your answer to question 1.', 'Q6. Is there anything else you would like to tell us?'];

describe('a plain analysis added to the registry', () => {
  it('writes its column, tallies, summary part and report section, equal to a separate count', async () => {
    const out = tempDir();
    await run(DEMO, { config: CONFIG, out, force: true, quiet: true, workers: 0, format: ['md', 'html', 'csv', 'json'] });
    const input = parse(readFileSync(DEMO), { columns: true, bom: true }) as Record<string, string>[];
    const responses = parse(readFileSync(join(out, 'responses.csv')), { columns: true }) as Record<string, string>[];
    const header = Object.keys(responses[0]!);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { answers: Record<string, { question: string; summary: { answered: number; asking: number; percent: number; excludingCampaignCopies: { answered: number; asking: number } } }[]> };
    const markdown = readFileSync(join(out, 'report.md'), 'utf8');
    expect(input.length).toBe(responses.length);
    const byId = new Map(input.map((row) => [row['Response ID']!, row]));
    for (const [q, column] of OPEN.entries()) {
      // its column comes right after the question's own columns (themes, evidence, review)
      expect(header.indexOf(`${column}: asks a question`)).toBe(header.indexOf(`${column}: review`) + 1);
      let answered = 0;
      let asking = 0;
      let answeredExcluding = 0;
      let askingExcluding = 0;
      for (const row of responses) {
        const text = byId.get(row['id']!)![column]!;
        const blank = text.trim() === '';
        const expected = blank ? '' : text.includes('?') ? 'yes' : 'no';
        expect(row[`${column}: asks a question`], `${row['id']} ${column}`).toBe(expected);
        if (blank) continue;
        const copy = row['campaign role'] === 'standard' || row['campaign role'] === 'edited';
        answered++;
        if (expected === 'yes') asking++;
        if (!copy) {
          answeredExcluding++;
          if (expected === 'yes') askingExcluding++;
        }
      }
      // the demo has answers of both kinds and campaign copies, so each figure is a real check
      expect(asking).toBeGreaterThan(0);
      expect(asking).toBeLessThan(answered);
      expect(answeredExcluding).toBeLessThan(answered);
      const part = summary.answers['questionMark']![q]!;
      expect(part.question).toBe(column);
      expect(part.summary).toMatchObject({ answered, asking, percent: Math.round((asking / answered) * 1000) / 10 });
      expect(part.summary.excludingCampaignCopies).toEqual({ answered: answeredExcluding, asking: askingExcluding, percent: Math.round((askingExcluding / answeredExcluding) * 1000) / 10 });
      expect(markdown).toContain(`| ${column} | ${answered} | ${asking} | ${part.summary.percent} |`);
    }
    // the fused descriptors' reference implementations give what the scanner wrote
    const { sentimentAnalysis } = await import('../../src/analysis/answers/sentiment.js');
    const { themesAnalysis } = await import('../../src/analysis/answers/themes.js');
    const codeframe = loadConfigFile(CONFIG).config!.codeframe!;
    let compared = 0;
    for (const row of responses) {
      for (const column of OPEN) {
        const text = byId.get(row['id']!)![column]!;
        if (text.trim() === '') continue;
        const question = { column, themes: codeframe.questions[column]! };
        expect(row[`${column}: sentiment score`]).toBe(String(sentimentAnalysis.analyse(text, question).score));
        expect(row[`${column}: themes`]).toBe(themesAnalysis.analyse(text, question).map((code) => code.themeId).join('; '));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(4000);
    const section = markdown.indexOf('## Answers that ask a question');
    expect(section).toBeGreaterThan(markdown.indexOf('## Themes'));
    expect(section).toBeLessThan(markdown.indexOf('## Method and caveats'));
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<h2>Answers that ask a question</h2>');
  });
});

describe('plain analyses tallies', () => {
  it('merge block by block into the sum of the blocks (made on first use)', async () => {
    const { emptyAnswerTallies, mergeAnswerTallies } = await import('../../src/analysis/answers/tallies.js');
    const questions = [{ column: 'q', themes: null }];
    const blocks = [['a?', 'b', 'c?'], ['d'], [], ['e?', 'f?']].map((texts) => {
      const tallies = emptyAnswerTallies([questionMarkAnalysis], questions, true);
      for (const text of texts) questionMarkAnalysis.count(tallies['questionMark']!['q']!.all as { answered: number; asking: number }, questionMarkAnalysis.analyse(text));
      return tallies;
    });
    const merged = {};
    for (const block of blocks) mergeAnswerTallies([questionMarkAnalysis], merged, block);
    expect(merged).toEqual({ questionMark: { q: { all: { answered: 6, asking: 4 }, excludingCampaignCopies: { answered: 0, asking: 0 } } } });
  });
});
