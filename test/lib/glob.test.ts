/** matchesGlob against the anchored regular expression it replaces, and on inputs that made that backtrack. */
import { describe, expect, it } from 'vitest';
import { matchesGlob } from '../../src/lib/glob.js';
import { compileCodeframe, parseCodeframe } from '../../src/analysis/themes/index.js';
import { seededRandom } from '../helpers/random.js';

const reference = (pattern: string, text: string): boolean =>
  new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'u').test(text);

describe('matchesGlob', () => {
  it.each([
    ['care*', 'carers', true],
    ['*way', 'highway', true],
    ['*way', 'way', true],
    ['*care*home', 'carehome', true],
    ['*care*home', 'childcare-at-home', true],
    ['*care*home', 'homecare', false],
    ['a*a', 'a', false],
    ['a*a', 'aa', true],
    ['off-licence*', 'off-licences', true],
    ['x.y*', 'xzy', false],
    ['**', '', true],
  ])('%s ~ %s: %s', (pattern, text, expected) => {
    expect(matchesGlob(pattern, text)).toBe(expected);
    expect(reference(pattern, text)).toBe(expected);
  });

  it('agrees with the regular expression on a seeded fuzz', () => {
    const random = seededRandom(20261202);
    const letters = 'ab*';
    const word = (n: number, alphabet: string) => Array.from({ length: Math.floor(random() * n) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (let i = 0; i < 20_000; i++) {
      const pattern = word(7, letters);
      const text = word(9, 'ab');
      expect(matchesGlob(pattern, text), `${pattern} ~ ${text}`).toBe(reference(pattern, text));
    }
  });

  it('finishes at once on the inputs that made the regular expression backtrack', () => {
    const started = performance.now();
    expect(matchesGlob('*care*home', 'care'.repeat(100_000))).toBe(false);
    expect(matchesGlob(`${'a*'.repeat(22)}b`, 'a'.repeat(45))).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('codes a 400,000-letter answer against *care*home in well under a second', () => {
    const frame = parseCodeframe('questions:\n  q:\n    - id: t\n      label: T\n      include: ["*care*home", "a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b"]\n', 'frame.yaml');
    const matcher = compileCodeframe(frame).get('q')!;
    const started = performance.now();
    expect(matcher.codeResponse('care'.repeat(100_000))).toEqual([]);
    expect(matcher.codeResponse(`${'a'.repeat(45)} carehome`).map((c) => c.themeId)).toEqual(['t']);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
