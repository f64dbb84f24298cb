/**
 * scoreSentiment must give exactly (===) the score and comparative of the `sentiment` package,
 * which is the reference implementation it replaces for speed.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import Sentiment from 'sentiment';
import { describe, expect, it } from 'vitest';
import { scoreSentiment } from '../../src/analysis/sentiment.js';
import { HAVE_SHARED, SHARED } from '../helpers/cli.js';
import { seededRandom } from '../helpers/random.js';

const require = createRequire(import.meta.url);
const reference = new Sentiment();

interface Mismatch {
  text: string;
  expected: { score: number; comparative: number };
  actual: { score: number; comparative: number };
}

/** Every text whose result differs from the package (empty when all agree). */
function mismatches(texts: Iterable<string>): Mismatch[] {
  const found: Mismatch[] = [];
  for (const text of texts) {
    const { score, comparative } = reference.analyze(text);
    const actual = scoreSentiment(text);
    if (!Object.is(actual.score, score) || !Object.is(actual.comparative, comparative)) {
      found.push({ text, expected: { score, comparative }, actual });
    }
  }
  return found;
}

function fixtureSentences(name: string): string[] {
  const rows = JSON.parse(readFileSync(require.resolve(`sentiment/test/fixtures/${name}.json`), 'utf8')) as { text: string }[];
  return rows.map((row) => row.text);
}

function csvCells(file: string): string[] {
  const rows = parse(readFileSync(file), { relax_column_count: true }) as string[][];
  return rows.flat();
}

describe('scoreSentiment equals sentiment@5.0.2 analyze()', () => {
  it('uses the pinned package version it was written against', () => {
    const { version } = require('sentiment/package.json') as { version: string };
    expect(version).toBe('5.0.2');
  });

  for (const name of ['amazon', 'imdb', 'yelp']) {
    it(`on all labelled ${name} sentences`, () => {
      const sentences = fixtureSentences(name);
      expect(sentences.length).toBeGreaterThanOrEqual(1000); // 1,001 in 5.0.2
      expect(mismatches(sentences)).toEqual([]);
      // The corpus is not trivially neutral: both signs occur.
      expect(sentences.some((s) => scoreSentiment(s).score > 0)).toBe(true);
      expect(sentences.some((s) => scoreSentiment(s).score < 0)).toBe(true);
    });
  }

  for (const name of ['bowling-green_comments.csv', 'canadian-electoral-reform_comments.csv']) {
    it.runIf(HAVE_SHARED)(`conformance: on every cell of polis ${name}`, () => {
      const cells = csvCells(join(SHARED, 'data/polis', name));
      expect(cells.length).toBeGreaterThan(1000);
      expect(mismatches(cells)).toEqual([]);
    });
  }

  it('on tricky texts', () => {
    const tricky = [
      '',
      ' ',
      '   \t\n  ',
      '!!!',
      '...?!',
      '"(){}"',
      'good',
      'GOOD',
      'Good, GoOd; gOOD!',
      'not good',
      'NOT GOOD',
      'not, good',
      'not  good',
      'not\tgood',
      'not\t\tgood',
      'not\ngood',
      'not\r\ngood',
      'good\tbad',
      '\tgood\t',
      'good\u00a0bad',
      'good \u00a0bad',
      '\u00a0good',
      'good\u2028bad',
      '\ufeffgood',
      "don't like it",
      "dont like it",
      "I can't stand it, it isn't good and won't help",
      'it doesnt work, it wont help, non good',
      'cant love',
      'not not good',
      "it's good, they're bad",
      "good's",
      'we’re not happy', // curly apostrophe
      'don’t like',
      'self-confident well-being ill-advised',
      '-good- good-',
      'no-fun',
      'no fun',
      'not good at all',
      'does not work',
      'kind of',
      '10 out of 10, 100% good, 5 stars, 0 complaints',
      '£1,200 wasted',
      'love love love love',
      'constructor good', // the package treats the inherited "constructor" key as a negator
      'toString good hasOwnProperty bad __proto__ good valueOf bad',
      'naïve NAÏVE',
      '\u212aill', // KELVIN SIGN lower-cases to "k": "kill"
      'İyi ama kötü',
      'Ça va très bien, merci — c’est magnifique',
      'Это очень хорошо',
      '这是好的',
      'ΟΔΟΣ. good ΣΑΣ',
      'I ❤ this 😍😍 but 😭',
      '😂😂😂',
      '❤️',
      'good😂bad',
      '👍🏽 great',
      '&amp; good &lt;3 &quot;bad&quot; &#39;ok&#39;',
      '<p>good</p><br/>bad',
      'https://example.com/good?bad=1#ugly',
      'email@good.com #love @hate',
      'a_b good_bad ^great^ `nice` ~awful~ $cheap$ *sad*',
      'lone surrogate \ud83d good',
      'null undefined NaN good',
      ` ${'good bad not great '.repeat(5000)} `,
      'x'.repeat(100_000),
      'wonderful '.repeat(20_000),
    ];
    expect(mismatches(tricky)).toEqual([]);
  });

  it('with every UTF-16 code unit as a separator, prefix and joiner', () => {
    const texts: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      const char = String.fromCharCode(code);
      texts.push(`not${char}good`, `${char}bad`, `not${char}${char}love ${char}`, char);
    }
    expect(mismatches(texts)).toEqual([]);
  });

  it('on a seeded fuzz of lexicon words, negators, noise and punctuation', () => {
    const labels = Object.keys(require('sentiment/languages/en/labels.json') as object);
    const emoji = Object.keys(require('sentiment/build/emoji.json') as object);
    const negators = Object.keys(require('sentiment/languages/en/negators.json') as object);
    const noise = ['the', 'policy', 'NHS', '2024', 'x', '', 'İ', 'ß', 'Σ', 'é', '\u212a', 'constructor', 'ïn'];
    const separators = [' ', ' ', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', ', ', '. ', '!', '?', '-', "'", '’', '_', '/', '"', ')(', '&', '#', ''];
    const random = seededRandom(20240301);
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
    const recase = (word: string): string => {
      const roll = random();
      return roll < 0.7 ? word : roll < 0.85 ? word.toUpperCase() : word.charAt(0).toUpperCase() + word.slice(1);
    };
    const texts: string[] = [];
    for (let n = 0; n < 20_000; n++) {
      const words = 1 + Math.floor(random() * 40);
      let text = random() < 0.2 ? pick(separators) : '';
      for (let w = 0; w < words; w++) {
        const roll = random();
        const word = roll < 0.45 ? pick(labels) : roll < 0.6 ? pick(negators) : roll < 0.7 ? pick(emoji) : pick(noise);
        text += recase(word) + pick(separators);
      }
      texts.push(text);
    }
    const found = mismatches(texts);
    expect(found.slice(0, 5)).toEqual([]);
    // The fuzz really exercises scoring and negation.
    expect(texts.filter((t) => scoreSentiment(t).score !== 0).length).toBeGreaterThan(10_000);
  });

  it('keeps its public shape: only score and comparative', () => {
    const result = scoreSentiment('I love this but hate that');
    expect(Object.keys(result).sort()).toEqual(['comparative', 'score']);
    expect(result).toEqual({ score: reference.analyze('I love this but hate that').score, comparative: reference.analyze('I love this but hate that').comparative });
  });
});
