import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ProblemsError } from '../../src/errors.js';
import { formatProblem, parseYaml } from '../../src/toolkit/yaml-file.js';
import {
  QuestionMatcher,
  addCodedResponse,
  checkCodeframe,
  compileCodeframe,
  createThemeTally,
  loadCodeframe,
  mergeThemeTallies,
  parseCodeframe,
  shortQuote,
  summariseThemes,
  tokenise,
} from '../../src/analysis/themes/index.js';
import { HAVE_SHARED, SHARED } from '../helpers/cli.js';

const DIR = join(import.meta.dirname, '../fixtures/themes');
const codeframe = loadCodeframe(join(DIR, 'codeframe.yaml'));
const rows = parse(readFileSync(join(DIR, 'responses.csv')), { columns: true }) as { id: string; type: string; improve: string }[];
const matcher = compileCodeframe(codeframe).get('improve')!;
const codesOf = (id: string) => matcher.codeResponse(rows.find((r) => r.id === id)!.improve);

describe('loading a codeframe', () => {
  it('reports every problem with file:line', () => {
    let error: unknown;
    try {
      loadCodeframe(join(DIR, 'bad-codeframe.yaml'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProblemsError);
    const problems = (error as ProblemsError).problems.join('\n');
    expect(problems).toMatch(/bad-codeframe\.yaml:12: questions\.improve\.2\.includes: unknown field/);
    const second = (() => {
      try {
        parseCodeframe(readFileSync(join(DIR, 'bad-codeframe.yaml'), 'utf8').replace('includes', 'include'), 'bad.yaml');
      } catch (e) {
        return (e as ProblemsError).problems;
      }
      return [];
    })();
    expect(second).toContain('bad.yaml:6: questions.improve.0.parent: no theme "transport" in improve; a parent must be one of its themes');
    expect(second).toContain('bad.yaml:7: questions.improve.1.id: duplicate theme id "roads" (also theme 1)');
  });

  it('checks a codeframe embedded in another YAML file (an analysis config)', () => {
    const text = 'input: x.csv\ncodeframe:\n  questions:\n    q:\n      - id: a\n        label: A\n        include: [x]\n        colour: red\n      - id: b\n        label: B\n        include: [y]\n        parent: zz\n';
    const { parsed } = parseYaml(text, 'analysis.yaml');
    const bad = checkCodeframe(parsed!, ['codeframe']);
    expect(bad.problems.map(formatProblem)).toEqual(['analysis.yaml:8: codeframe.questions.q.0.colour: unknown field; check the spelling or remove it']);
    const fixed = checkCodeframe(parseYaml(text.replace('        colour: red\n', ''), 'analysis.yaml').parsed!, ['codeframe']);
    expect(fixed.problems.map(formatProblem)).toEqual(['analysis.yaml:11: codeframe.questions.q.1.parent: no theme "zz" in q; a parent must be one of its themes']);
  });

  it('rejects wildcards that would match almost anything and parent loops', () => {
    const text = 'questions:\n  q:\n    - id: a\n      label: A\n      include: ["*"]\n      parent: b\n    - id: b\n      label: B\n      include: [x]\n      parent: a\n';
    expect(() => parseCodeframe(text, 'loop.yaml')).toThrow(ProblemsError);
    try {
      parseCodeframe(text, 'loop.yaml');
    } catch (e) {
      const problems = (e as ProblemsError).problems;
      expect(problems.some((p) => p.startsWith('loop.yaml:5:') && p.includes('no letters or digits'))).toBe(true);
      expect(problems.some((p) => p.startsWith('loop.yaml:6:') && p.includes('loops back'))).toBe(true);
    }
  });
});

describe('coding one response', () => {
  it('matches stems, wildcards and phrases, keeping the words as evidence', () => {
    expect(codesOf('1')).toEqual([
      { themeId: 'transport', evidence: 'potholes', via: 'roads' },
      { themeId: 'roads', evidence: 'potholes' },
    ]);
    expect(codesOf('2')).toEqual([{ themeId: 'schools', evidence: 'teachers' }]);
    expect(codesOf('3')).toEqual([
      { themeId: 'transport', evidence: 'bus' },
      { themeId: 'housing', evidence: 'Rents' },
    ]);
    expect(codesOf('12')).toEqual([{ themeId: 'homelessness', evidence: 'Rough sleepers' }]);
  });

  it('lets an exclude phrase cancel only the matches it overlaps', () => {
    expect(codesOf('4').map((c) => c.themeId)).toEqual(['homelessness']);
    expect(codesOf('5')).toEqual([
      { themeId: 'housing', evidence: 'homes' },
      { themeId: 'homelessness', evidence: 'Homeless' },
    ]);
    expect(codesOf('7')).toEqual([]);
    expect(new QuestionMatcher(codeframe.questions.improve!).codeResponse('a road trip on a busy road')).toEqual([
      { themeId: 'transport', evidence: 'road', via: 'roads' },
      { themeId: 'roads', evidence: 'road' },
    ]);
  });

  it('matches multi-word wildcard phrases across punctuation', () => {
    expect(matcher.codeResponse('Affordable-housing, please').map((c) => c.evidence)).toEqual(['Affordable-housing']);
    expect(matcher.codeResponse('a new turn-lane').map((c) => c.themeId)).toEqual(['transport', 'roads']);
  });
});

describe('tokenise', () => {
  it('gives the same tokens on the fast path as the regular expression', () => {
    const WORD = /[\p{L}\p{N}]+(?:['\u2019][\p{L}]+)*/gu;
    const samples = [
      ...rows.map((r) => r.improve),
      "Don't close the council's café; it’s 24/7 — naïve résumé ÉCOLE 3rd rock'n'roll ' '' x'2",
      'İstanbul has 😀 emoji and 𝐁old letters',
    ];
    for (const text of samples) {
      const expected = [...text.matchAll(WORD)].map((m) => {
        const word = m[0].toLowerCase().replace(/\u2019/g, "'");
        return [word.endsWith("'s") ? word.slice(0, -2) : word, text.slice(m.index, m.index + m[0].length)];
      });
      const tokens = tokenise(text);
      expect(tokens.words.map((w, i) => [w, text.slice(tokens.starts[i], tokens.ends[i])]), text).toEqual(expected);
    }
  });
});

describe('theme tallies', () => {
  const tally = createThemeTally();
  for (const row of rows) addCodedResponse(tally, 'improve', row.type, row.improve, matcher.codeResponse(row.improve));
  const [summary] = summariseThemes(tally, codeframe);

  it('counts responses per theme and respondent type exactly', () => {
    expect(summary!.answered).toBe(11);
    expect(summary!.blank).toBe(1);
    const counts = Object.fromEntries(summary!.themes.map((t) => [t.id, [t.count, t.byType.individual!.count, t.byType.organisation!.count]]));
    expect(counts).toEqual({
      transport: [5, 3, 2],
      roads: [4, 3, 1],
      parking: [1, 0, 1],
      schools: [3, 2, 1],
      housing: [2, 1, 1],
      homelessness: [3, 2, 1],
    });
    expect(summary!.themes[0]!.share).toBeCloseTo(5 / 11);
    expect(summary!.themes[0]!.byType.organisation!.share).toBeCloseTo(2 / 4);
    expect(summary!.uncoded).toEqual({ count: 2, share: 2 / 11 });
    expect(summary!.byType.individual).toEqual({ answered: 7, blank: 1, uncoded: { count: 1, share: 1 / 7 } });
  });

  it('counts co-occurring themes, leaving out parents coded only through a child', () => {
    expect(summary!.cooccurrence).toEqual([
      { a: 'roads', b: 'schools', count: 2 },
      { a: 'homelessness', b: 'housing', count: 1 },
      { a: 'housing', b: 'transport', count: 1 },
      { a: 'parking', b: 'roads', count: 1 },
      { a: 'parking', b: 'schools', count: 1 },
      { a: 'roads', b: 'transport', count: 1 },
    ]);
  });

  it('keeps up to 3 short, redacted quotes per theme', () => {
    const schools = summary!.themes.find((t) => t.id === 'schools')!;
    expect(schools.quotes).toHaveLength(3);
    expect(schools.quotes[2]).toBe('Teachers and school staff deserve better pay; the school run traffic is awful. Call me on [phone].');
    expect(tally.redactions.phone).toBeGreaterThanOrEqual(1);
    const long = `${'word '.repeat(100)}end`;
    const quote = shortQuote(long);
    expect(quote.length).toBeLessThanOrEqual(201);
    expect(quote.endsWith('word…')).toBe(true);
  });

  it('merges tallies built in chunks to the same result', () => {
    const first = createThemeTally();
    const second = createThemeTally();
    rows.forEach((row, i) => addCodedResponse(i < 6 ? first : second, 'improve', row.type, row.improve, matcher.codeResponse(row.improve)));
    const merged = mergeThemeTallies(structuredClone(first), structuredClone(second));
    expect(summariseThemes(merged, codeframe)).toEqual(summariseThemes(tally, codeframe));
  });
});

describe('the fast matcher agrees with the general path', () => {
  // The fast path skips words that cannot start a phrase (by their first letters) and lower-cases
  // unit by unit; the general path tokenises with regular expressions. They must give the same codes.
  const general = (m: QuestionMatcher, text: string) => (m as unknown as { codeGeneral(t: string): unknown }).codeGeneral(text);
  // real comments when the conformance data is there; the sentiment package's labelled sentences always
  const polis = HAVE_SHARED
    ? ['bowling-green_comments.csv', 'canadian-electoral-reform_comments.csv'].flatMap((name) =>
        (parse(readFileSync(join(SHARED, 'data/polis', name)), { columns: true }) as { 'comment-body': string }[]).map((r) => r['comment-body']),
      )
    : [];
  const labelled = ['amazon', 'imdb', 'yelp'].flatMap((name) =>
    (JSON.parse(readFileSync(createRequire(import.meta.url).resolve(`sentiment/test/fixtures/${name}.json`), 'utf8')) as { text: string }[]).map((row) => row.text),
  );
  const demo = parse(readFileSync(join(import.meta.dirname, '../../examples/consultation/responses.csv')), { columns: true }) as Record<string, string>[];
  const answers = [...labelled, ...polis, ...demo.flatMap((r) => [r['Q5. Please explain your answer to question 1.']!, r['Q6. Is there anything else you would like to tell us?']!])];

  it('on real and synthetic answers, with the fixture and the example codeframes', async () => {
    const { loadConfigFile } = await import('../../src/analysis/load-config.js');
    const example = loadConfigFile(join(import.meta.dirname, '../../examples/consultation/analysis.yaml')).config!.codeframe!;
    const frames = [codeframe.questions.improve!, example.questions['Q5. Please explain your answer to question 1.']!];
    let coded = 0;
    for (const themes of frames) {
      const fast = new QuestionMatcher(themes);
      const slow = new QuestionMatcher(themes);
      for (const text of answers) {
        const codes = fast.codeResponse(text);
        expect(codes, text).toEqual(general(slow, text));
        coded += codes.length;
      }
    }
    expect(coded).toBeGreaterThan(5000);
  });

  it('on words whose Porter stem changes their first letters, short stems and wildcards', () => {
    const themes = parseCodeframe(
      'questions:\n  q:\n    - id: a\n      label: A\n      include: [ay, "eed", gp, "off-licence*", "don\'t know", "*way"]\n    - id: b\n      label: B\n      include: ["i", "cycl*", "council\'s"]\n',
      'x.yaml',
    ).questions.q!;
    const fast = new QuestionMatcher(themes);
    const slow = new QuestionMatcher(themes);
    for (const text of ['Ays and ayes', 'I eed it', 'The GP’s surgery', "Off-licences, don’t know, DON'T KNOW", 'a highway and a motorway', 'Cycling & cyclists', "the council's plan", 'İstanbul 😀 cycles', 'ΟΔΟΣ and I']) {
      expect(fast.codeResponse(text), text).toEqual(general(slow, text));
    }
    expect(fast.codeResponse('a highway').map((c) => c.themeId)).toEqual(['a']);
  });
});

describe('a Porter stem keeps all but the last of its letters from the word (the prefilter relies on it)', () => {
  it('holds for many generated words', async () => {
    const { stemmer } = await import('stemmer');
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const suffixes = ['', 's', 'es', 'ed', 'ing', 'y', 'ys', 'ies', 'ied', 'ly', 'ness', 'ment', 'er', 'al', 'ion', 'ize', 'ful', 'able', 'ous', 'ive', 'ate', 'ational', 'tional', 'izer', 'ization', 'ation', 'alism', 'iveness', 'aliti', 'icate', 'ative', 'alize', 'ical', 'ement', 'ence', 'eed', 'ying', 'yed', 'izing', 'lled'];
    let checked = 0;
    for (const a of letters) {
      for (const b of `${letters}'`) {
        for (const c of letters) {
          for (const suffix of suffixes) {
            const word = a + b + c + suffix;
            const stem = stemmer(word);
            const kept = Math.min(3, stem.length - 1);
            if (stem.slice(0, kept) !== word.slice(0, kept)) throw new Error(`${word} -> ${stem}`);
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(26 * 27 * 26 * suffixes.length);
  });
});
