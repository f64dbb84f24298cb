import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCodeframe } from '../../src/analysis/themes/codeframe.js';
import { compileCodeframe } from '../../src/analysis/themes/matcher.js';
import { suggestThemes } from '../../src/analysis/themes/suggest.js';
import { readQuestion } from '../../src/commands/themes-suggest.js';
import { HAVE_SHARED, ROOT, SHARED, runPtk, tempDir } from '../helpers/cli.js';

// statements written for these tests, in the shape of a Polis export (see make.py beside it):
// 115 rows, 6 moderated out (moderated = -1), 2 blank, so 107 answers; six topics of 12 to 20 statements
const COMMENTS = join(ROOT, 'test/fixtures/comments/millbrook_comments.csv');
const POLIS = join(SHARED, 'data/polis/bowling-green_comments.csv');

describe('suggestThemes on statements with six known topics', () => {
  const input = readQuestion(COMMENTS, 'comment-body');
  const suggestions = suggestThemes(input.texts, { top: 8 });
  const themeWith = (term: string) => suggestions.themes.find((t) => t.include.includes(term));

  it('leaves out rows moderated out and blank answers', () => {
    expect(input.rows).toBe(115);
    expect(input.moderatedOut).toBe(6);
    expect(input.blank).toBe(2);
    expect(input.texts).toHaveLength(107);
  });

  it('finds each topic as a separate theme', () => {
    const topics = ['schools', 'traffic', 'parking', 'housing', 'tax', 'police'];
    for (const term of topics) expect(themeWith(term), term).toBeDefined();
    expect(new Set(topics.map((t) => themeWith(t)!.id)).size).toBe(6);
  });

  it('gives honest sizes and samples that contain the theme', () => {
    const police = themeWith('police')!;
    expect(police.size).toBeGreaterThanOrEqual(input.texts.filter((t) => /\bpolice\b/i.test(t)).length);
    for (const theme of suggestions.themes) {
      const matcher = compileCodeframe({ questions: { q: [theme] } }).get('q')!;
      expect(theme.size).toBe(input.texts.filter((t) => matcher.codeResponse(t).length > 0).length);
      for (const sample of theme.samples) expect(matcher.codeResponse(sample.replace(/…$/, '')).length, sample).toBeGreaterThan(0);
    }
  });
});

describe.runIf(HAVE_SHARED)('conformance: suggestThemes on Bowling Green statements', () => {
  const input = HAVE_SHARED ? readQuestion(POLIS, 'comment-body') : { texts: [], rows: 0, blank: 0, moderatedOut: 0 };
  const suggestions = suggestThemes(input.texts, { top: 12 });
  const themeWith = (term: string) => suggestions.themes.find((t) => t.include.includes(term));

  it('leaves out rows moderated out', () => {
    expect(input.rows).toBe(896);
    expect(input.moderatedOut).toBe(289);
    expect(input.texts).toHaveLength(607);
  });

  it('proposes recognisable, separate topics', () => {
    expect(suggestions.themes).toHaveLength(12);
    const topics = ['school', 'traffic', 'parking', 'housing', 'tax', 'police'];
    for (const term of topics) expect(themeWith(term), term).toBeDefined();
    // schools and education together; roads and traffic, housing and homelessness not mixed with schools
    expect(themeWith('education')).toBe(themeWith('school'));
    expect(themeWith('homeless')).toBe(themeWith('housing'));
    expect(new Set(['school', 'traffic', 'housing', 'tax'].map((t) => themeWith(t)!.id)).size).toBe(4);
    // words that name the place the question is about are not topics
    expect(suggestions.themes.some((t) => t.include.some((term) => /bowling|warren|wku/i.test(term)))).toBe(false);
  });

  it('gives honest sizes and samples that contain the theme', () => {
    const school = themeWith('school')!;
    const mentioningSchool = input.texts.filter((t) => /\bschools?\b/i.test(t)).length;
    expect(school.size).toBeGreaterThanOrEqual(mentioningSchool);
    expect(school.size).toBe(input.texts.filter((t) => compileCodeframe({ questions: { q: [school] } }).get('q')!.codeResponse(t).length > 0).length);
    expect(school.samples).toHaveLength(3);
    for (const theme of suggestions.themes) {
      const matcher = compileCodeframe({ questions: { q: [theme] } }).get('q')!;
      for (const sample of theme.samples) expect(matcher.codeResponse(sample.replace(/…$/, '')).length, sample).toBeGreaterThan(0);
    }
  });
});

describe('ptk themes suggest', () => {
  it('prints a codeframe YAML that loads as a codeframe', () => {
    const result = runPtk(['themes', 'suggest', COMMENTS, '--question', 'comment-body', '--top', '6']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('6 rows moderated out');
    expect(result.stdout).toContain('# Read 115 rows: 107 answers used, 2 blank, 6 moderated out');
    const codeframe = parseCodeframe(result.stdout, 'stdout');
    expect(codeframe.questions['comment-body']).toHaveLength(6);
  });

  it('writes to a file, refusing to overwrite without --force', () => {
    const dir = tempDir();
    const out = join(dir, 'frame.yaml');
    writeFileSync(out, 'mine');
    const refused = runPtk(['themes', 'suggest', COMMENTS, '--question', 'comment-body', '-o', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already exists: pass --force/);
    expect(readFileSync(out, 'utf8')).toBe('mine');
    const forced = runPtk(['themes', 'suggest', COMMENTS, '--question', 'comment-body', '-o', out, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toBe('');
    expect(existsSync(out) && readFileSync(out, 'utf8')).toMatch(/^# Suggested coding frame/);
  });

  it('prints JSON with --json', () => {
    const result = runPtk(['themes', 'suggest', COMMENTS, '--question', 'comment-body', '-n', '3', '--json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { moderatedOut: number; responses: number; themes: { id: string; size: number; samples: string[] }[] };
    expect(json.moderatedOut).toBe(6);
    expect(json.responses).toBe(107);
    expect(json.themes).toHaveLength(3);
    expect(json.themes[0]!.size).toBeGreaterThan(0);
  });

  it('names the available columns when the question is unknown', () => {
    const result = runPtk(['themes', 'suggest', COMMENTS, '--question', 'comment']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n').at(-1)).toBe(
      `ptk: ${COMMENTS}: no column "comment"; the columns are: timestamp, datetime, comment-id, author-id, agrees, disagrees, moderated, comment-body`,
    );
  });
});
