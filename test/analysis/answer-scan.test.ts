/**
 * AnswerScanner gives, in one pass, exactly what the three reference functions give: the sentiment
 * package's score and comparative, QuestionMatcher.codeResponse's codes (with their evidence offsets)
 * and signatureInto's campaign signature. Checked on real comments, the demo's answers, tricky texts,
 * every UTF-16 code unit in three positions and a seeded fuzz.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import Sentiment from 'sentiment';
import { describe, expect, it } from 'vitest';
import { SIGNATURE_WORDS, signatureInto } from '../../src/analysis/campaigns/signature.js';
import { loadConfigFile } from '../../src/analysis/load-config.js';
import { AnswerScanner, beginAnswerSignature, finishAnswerSignatureInto } from '../../src/analysis/pipeline/answer-scan.js';
import { QuestionMatcher } from '../../src/analysis/themes/matcher.js';
import { parseCodeframe } from '../../src/analysis/themes/codeframe.js';
import { HAVE_SHARED, SHARED } from '../helpers/cli.js';
import { seededRandom } from '../helpers/random.js';

const require = createRequire(import.meta.url);
const sentiment = new Sentiment();
const ROOT = join(import.meta.dirname, '../..');
const example = loadConfigFile(join(ROOT, 'examples/consultation/analysis.yaml')).config!.codeframe!;
const exampleThemes = example.questions['Q5. Please explain your answer to question 1.']!;
const trickyThemes = parseCodeframe(
  'questions:\n  q:\n    - id: a\n      label: A\n      include: [ay, "eed", gp, "off-licence*", "don\'t know", "*way", "fish and chips"]\n      exclude: ["no way"]\n    - id: b\n      label: B\n      include: ["i", "cycl*", "council\'s", "well being"]\n      parent: a\n',
  'x.yaml',
).questions.q!;

interface Outcome {
  fast: number;
  mismatches: string[];
}

/** Scan every text with and without a signature and compare with the reference functions. */
function compare(texts: Iterable<string>, themes = exampleThemes): Outcome {
  const scanner = new AnswerScanner(new QuestionMatcher(themes));
  const reference = new QuestionMatcher(themes);
  const expected = new Uint32Array(SIGNATURE_WORDS);
  const actual = new Uint32Array(SIGNATURE_WORDS);
  const mismatches: string[] = [];
  let fast = 0;
  for (const text of texts) {
    if (scanner.scan(text, false)) {
      fast++;
      const { score, comparative } = sentiment.analyze(text);
      const codes = reference.codeResponse(text);
      const offsets = [...reference.lastCodes.subarray(0, 4 * reference.lastCodeCount)];
      const scanned = (scanner as unknown as { matcher: QuestionMatcher }).matcher;
      const scannedOffsets = [...scanned.lastCodes.subarray(0, 4 * scanned.lastCodeCount)];
      if (!Object.is(scanner.score, score) || !Object.is(scanner.comparative, comparative)) mismatches.push(`sentiment: ${JSON.stringify(text)}`);
      const scannedCodes = scanned.decodeCodes(text, scanned.lastCodes, 0, scanned.lastCodeCount);
      if (JSON.stringify(scannedCodes) !== JSON.stringify(codes) || JSON.stringify(offsets) !== JSON.stringify(scannedOffsets)) mismatches.push(`codes: ${JSON.stringify(text)}`);
    }
    beginAnswerSignature();
    if (scanner.scan(text, true)) {
      finishAnswerSignatureInto(actual, 0);
      signatureInto(text, expected, 0);
      if (expected.join() !== actual.join()) mismatches.push(`signature: ${JSON.stringify(text)}`);
    }
  }
  return { fast, mismatches };
}

const polis = HAVE_SHARED
  ? ['bowling-green_comments.csv', 'canadian-electoral-reform_comments.csv'].flatMap((name) =>
      (parse(readFileSync(join(SHARED, 'data/polis', name)), { columns: true }) as { 'comment-body': string }[]).map((r) => r['comment-body']),
    )
  : [];
// 3,000 labelled review sentences that ship inside the sentiment package (UCI, CC BY 4.0)
const labelled = ['amazon', 'imdb', 'yelp'].flatMap((name) =>
  (JSON.parse(readFileSync(require.resolve(`sentiment/test/fixtures/${name}.json`), 'utf8')) as { text: string }[]).map((row) => row.text),
);
const demo = (parse(readFileSync(join(ROOT, 'examples/consultation/responses.csv')), { columns: true }) as Record<string, string>[]).flatMap((r) => [
  r['Q5. Please explain your answer to question 1.']!,
  r['Q6. Is there anything else you would like to tell us?']!,
]);

describe('AnswerScanner equals the reference functions', () => {
  it('on labelled review sentences and the demo answers, mostly in one pass', () => {
    const texts = [...labelled, ...demo];
    expect(labelled.length).toBeGreaterThanOrEqual(3000);
    const { fast, mismatches } = compare(texts);
    expect(mismatches.slice(0, 5)).toEqual([]);
    // the one-pass path really is taken (only rare characters send a text to the reference functions)
    expect(fast).toBeGreaterThan(texts.length * 0.9);
  });

  it.runIf(HAVE_SHARED)('conformance: on real public-deliberation comments, mostly in one pass', () => {
    const texts = polis;
    expect(texts.length).toBeGreaterThan(1000);
    const { fast, mismatches } = compare(texts);
    expect(mismatches.slice(0, 5)).toEqual([]);
    // the one-pass path really is taken (only rare characters send a text to the reference functions)
    expect(fast).toBeGreaterThan(texts.length * 0.9);
  });

  it('on tricky texts, with a codeframe of phrases, wildcards, excludes and a parent', () => {
    const tricky = [
      '', ' ', '   \t\n  ', '!!!', 'good', 'Good, GoOd; gOOD!', 'not good', 'not  good', 'not\tgood', 'not\r\ngood', 'not\rgood', 'good\u00a0bad',
      "don't know", 'DON’T KNOW', "the council's plan", "the council’s plan", 'Ays and ayes', 'I eed it', 'The GP’s surgery', 'off-licences',
      'a highway, no way', 'cycling & cyclists', 'fish & chips', 'fish &amp; chips', 'fish and chips', 'R&D and A&E', '&#39;ok&#39; &lt;3',
      'don`t', '`nice`', 'well-being', 'well being', 'İstanbul 😀 cycles', 'ΟΔΟΣ and I', 'ΣΑΣ. good', 'naïve café', '\u212aill',
      'constructor good', 'x-ray y+z [a] <b> @c #d', '10 out of 10, 100% good', 'a\u2028b', '\ufeffgood', 'lone \ud83d surrogate',
      ` ${'good bad not great cycling '.repeat(500)} `,
    ];
    const { fast, mismatches } = compare(tricky, trickyThemes);
    expect(mismatches).toEqual([]);
    expect(fast).toBeGreaterThan(20);
  });

  it('with every UTF-16 code unit as a separator, prefix and joiner', () => {
    const texts: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      const char = String.fromCharCode(code);
      texts.push(`not${char}good cycling`, `${char}way bad`, `off${char}licence ${char}${char}i`);
    }
    const { mismatches } = compare(texts, trickyThemes);
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('on a seeded fuzz of lexicon words, theme words, noise and separators', () => {
    const labels = Object.keys(require('sentiment/languages/en/labels.json') as object);
    const negators = Object.keys(require('sentiment/languages/en/negators.json') as object);
    const themeWords = ['cheap', 'strong', 'harm', 'liver', 'hospital', 'admissions', 'crime', 'pubs', 'price', 'tax', 'cycling', 'way', 'no', 'fish', 'and', 'chips', "council's", 'GP'];
    const noise = ['the', 'policy', 'NHS', '2024', 'x', '', 'İ', 'ß', 'Σ', 'é', 'constructor', '&amp;', '&', 'R&D', '`'];
    const separators = [' ', ' ', ' ', '  ', '\t', '\n', '\r\n', '\r', '\u00a0', ', ', '. ', '!', '-', "'", '’', '_', '/', '"', '&', '#', ''];
    const random = seededRandom(20261129);
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
    // half the texts use only characters the one-pass path takes, so both paths are exercised
    const plainLabels = labels.filter((word) => /^[\x20-\x7e]*$/.test(word));
    const plainNoise = noise.filter((word) => /^[\x20-\x7e]*$/.test(word) && !/[&`]/.test(word));
    const plainSeparators = separators.filter((separator) => /^[ \n,.!\-'"/_#]*$|^\r\n$/.test(separator));
    const texts: string[] = [];
    for (let n = 0; n < 20_000; n++) {
      const plain = n % 2 === 0;
      let text = '';
      for (let w = 1 + Math.floor(random() * 40); w > 0; w--) {
        const roll = random();
        const word = roll < 0.35 ? pick(plain ? plainLabels : labels) : roll < 0.5 ? pick(negators) : roll < 0.8 ? pick(themeWords) : pick(plain ? plainNoise : noise);
        text += (random() < 0.2 ? word.toUpperCase() : word) + pick(plain ? plainSeparators : separators);
      }
      texts.push(text);
    }
    const { fast, mismatches } = compare(texts);
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(fast).toBeGreaterThan(10_000);
  });

  it('scans answers far longer than its first text buffer, and leaves an answer with more distinct words than its token table holds to the reference functions', () => {
    const long = `${'good '.repeat(50_000)}bad idea, not happy, ${exampleThemes.map((t) => t.label).join(' ')}`;
    const { fast, mismatches } = compare([long, long.slice(0, 90_000)]);
    expect(mismatches).toEqual([]);
    expect(fast).toBe(2);
    const scanner = new AnswerScanner(null);
    const crowded = `${Array.from({ length: 80_000 }, (_, i) => `w${i}`).join(' ')} love it`;
    expect(scanner.scan(crowded, false)).toBe(false);
    // the table starts again and the next answers are scanned as before
    expect(compare(demo.slice(0, 200)).mismatches).toEqual([]);
    expect(scanner.scan('a good answer', false)).toBe(true);
    expect(scanner.score).toBe(sentiment.analyze('a good answer').score);
  });

  it('builds one signature across several answers, as signatureInto does on them joined by a line feed', () => {
    const scanner = new AnswerScanner(null);
    const expected = new Uint32Array(SIGNATURE_WORDS);
    const actual = new Uint32Array(SIGNATURE_WORDS);
    for (let i = 0; i + 1 < demo.length; i += 2) {
      beginAnswerSignature();
      if (!scanner.scan(demo[i]!, true) || !scanner.scan(demo[i + 1]!, true)) continue;
      finishAnswerSignatureInto(actual, 0);
      signatureInto(`${demo[i]}\n${demo[i + 1]}`, expected, 0);
      expect(actual.join(), demo[i]).toBe(expected.join());
    }
  });
});
