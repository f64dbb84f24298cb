import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { assess, checkMaturityModel, loadMaturityModel, lowerMedian, techniquesFor } from '../../src/maturity/model.js';
import { BUILTIN_TOOLKIT, loadToolkitFolders } from '../../src/toolkit/load.js';
import type { Problem } from '../../src/toolkit/yaml-file.js';
import { HAVE_SHARED, ROOT, SHARED, runPtk, tempDir } from '../helpers/cli.js';

const FIXTURE = join(ROOT, 'test/fixtures/toolkits/ranking');
const ANSWERS = join(ROOT, 'test/fixtures/maturity/answers.yaml');
const fixture = () => loadToolkitFolders([FIXTURE]).toolkit;

describe('maturity model', () => {
  it('the built-in model is valid: five levels, five dimensions, five options per question', () => {
    const problems: Problem[] = [];
    checkMaturityModel([BUILTIN_TOOLKIT], problems);
    expect(problems).toEqual([]);
    const model = loadMaturityModel();
    expect(model.levels.map((l) => l.name)).toEqual([
      'No awareness of digital capability',
      'Some digital services, siloed digital teams',
      'Senior digital management in place',
      'Services re-engineered to be digital by default',
      'Digital at the heart of policy and strategy',
    ]);
    expect(model.dimensions.map((d) => d.id)).toEqual(['leadership', 'skills', 'culture', 'services', 'metrics']);
  });

  it("each level carries the framework's own descriptor, word for word as the source strategy's Figure 2 gives it", () => {
    const model = loadMaturityModel();
    // the reference: the strategy's table when ../shared is there (required in CI), else the descriptors' key phrases
    const table = HAVE_SHARED
      ? new Map(
          [...readFileSync(join(SHARED, 'source', '000_d8207e65cf7b78b8.txt'), 'utf8').matchAll(/^([1-5])\t(.+)$/gm)].map(
            (m) => [Number(m[1]), m[2]!.trim()],
          ),
        )
      : undefined;
    for (const l of model.levels) {
      if (table) expect(l.framework).toBe(table.get(l.level));
    }
    expect(model.levels[1]!.framework).toContain('siloed in business units');
    expect(model.levels[1]!.framework).toContain('Senior (board level) digital management not in place');
    expect(model.levels[4]!.framework).toContain('Services are digital by default');
  });

  it('reports a broken model with file:line', () => {
    const problems: Problem[] = [];
    checkMaturityModel([join(ROOT, 'test/fixtures/maturity/bad-model')], problems);
    expect(problems.map((p) => `${p.line}: ${p.field}: ${p.message}`)).toEqual([
      '3: levels: there must be exactly five levels',
      '7: dimensions: there must be five dimensions: leadership, skills, culture, services, metrics',
    ]);
  });

  it('the lower median never claims a level most answers do not reach', () => {
    expect(lowerMedian([1, 5])).toBe(1);
    expect(lowerMedian([2, 3, 4])).toBe(3);
    expect(lowerMedian([1, 1, 5, 5, 5])).toBe(5);
    expect(lowerMedian([2, 2, 3, 3, 4])).toBe(3);
  });

  it('assesses each dimension, the overall level and next steps for the weakest dimension', () => {
    const answers = parse(readFileSync(ANSWERS, 'utf8')) as Record<string, number>;
    const result = assess(loadMaturityModel(), answers, fixture());
    expect(result.dimensions.map((d) => [d.id, d.level])).toEqual([
      ['leadership', 2],
      ['skills', 1],
      ['culture', 3],
      ['services', 2],
      ['metrics', 3],
    ]);
    expect(result.overall).toBe(2);
    expect(result.overallName).toBe('Some digital services, siloed digital teams');
    expect(result.overallDescriptor).toMatch(/^Some digital services, but often of limited quality\./);
    expect(result.weakest).toEqual(['skills']);
    // skills -> analysing-responses, asking-questions; level 1 -> basic-skill techniques first, cheapest first,
    // then the easiest that needs more skill
    expect(result.nextSteps).toEqual([
      {
        dimension: 'skills',
        techniques: [expect.objectContaining({ id: 'online-survey' }), expect.objectContaining({ id: 'phone-panels' }), expect.objectContaining({ id: 'response-coding' })],
      },
    ]);
  });

  it("puts techniques within the level's skills first, and harder ones only after them", () => {
    const toolkit = fixture();
    // talking-to-people at level 2: the basic ones (cheapest first), then the intermediate one
    expect(techniquesFor(toolkit, ['talking-to-people'], 2, 5).map((t) => t.id)).toEqual(['phone-panels', 'webinars', 'community-events']);
    // at level 3 intermediate skills fit, so cost decides
    expect(techniquesFor(toolkit, ['gathering-evidence', 'evaluating-what-works'], 3, 5).map((t) => t.id)).toEqual(['social-listening', 'online-survey', 'expert-panel']);
    // nothing easier serves analysing-responses, so the intermediate technique still appears at level 1
    expect(techniquesFor(toolkit, ['analysing-responses'], 1).map((t) => t.id)).toEqual(['response-coding']);
  });
});

describe('ptk maturity (built binary)', () => {
  it('--json from an answers file', () => {
    const r = runPtk(['--toolkit', FIXTURE, 'maturity', '--answers', ANSWERS, '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { overall: number; weakest: string[] };
    expect(json.overall).toBe(2);
    expect(json.weakest).toEqual(['skills']);
  });

  it('terminal output and a Markdown file', () => {
    const out = join(tempDir(), 'maturity.md');
    const r = runPtk(['--toolkit', FIXTURE, 'maturity', '--answers', ANSWERS, '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Digital maturity: level 2 of 5, Some digital services, siloed digital teams/);
    expect(r.stdout).toContain('European Digital Capability Framework, level 2: "Some digital services, but often of limited quality.');
    expect(r.stdout).toMatch(/Skills\s+#\.\.\.\.\s+1 No awareness of digital capability\s+<- weakest/);
    expect(readFileSync(out, 'utf8')).toContain('| Skills | 1 | No awareness of digital capability (weakest) |');
    expect(runPtk(['--toolkit', FIXTURE, 'maturity', '--answers', ANSWERS, '-o', out]).code).toBe(2);
  });

  it('names missing answers without a TTY (exit 2) and rejects out-of-range levels with file:line', () => {
    const dir = tempDir();
    const partial = join(dir, 'partial.yaml');
    const bad = join(dir, 'bad.yaml');
    const unknown = join(dir, 'unknown.yaml');
    writeFileSync(partial, 'leadership-sponsorship: 2\n');
    writeFileSync(bad, 'leadership-sponsorship: 2\nskills-confidence: 7\n');
    writeFileSync(unknown, 'leadership-sponsorship: 2\nleadership-vision: 3\n');
    const r = runPtk(['maturity', '--answers', partial, '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ptk: missing answers for leadership-resources, skills-confidence/);
    const b = runPtk(['maturity', '--answers', bad]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/bad\.yaml:2: skills-confidence: answer with a level from 1 to 5/);
    const u = runPtk(['maturity', '--answers', unknown]);
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/unknown\.yaml:2: leadership-vision: unknown question/);
  });
});
