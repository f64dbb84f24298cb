import { describe, expect, it } from 'vitest';
import { StringCache, ownCopy } from '../../src/lib/string-cache.js';

describe('StringCache', () => {
  it('finds values by equal strings made anew, as a Map does', () => {
    const cache = new StringCache<number>();
    const reference = new Map<string, number>();
    const block = Array.from({ length: 3000 }, (_, i) => `value ${i % 700} ${'x'.repeat(i % 40)}`).join('\n');
    const cells = block.split('\n');
    for (const [i, cell] of cells.entries()) {
      if (cache.get(cell) === undefined) cache.set(cell, i);
      if (!reference.has(cell)) reference.set(cell, i);
    }
    // keys sharing their first 32 units are told apart by comparison, not by the hash
    for (const cell of block.slice(0).split('\n')) expect(cache.get(cell)).toBe(reference.get(cell));
    expect(cache.get('value 1 ')).toBe(undefined);
    expect(cache.size).toBe(reference.size);
  });

  it('stores no more than its capacity', () => {
    const cache = new StringCache<string>(10);
    for (let i = 0; i < 50; i++) cache.set(`k${i}`, `v${i}`);
    expect(cache.size).toBe(10);
    expect(cache.get('k9')).toBe('v9');
    expect(cache.get('k10')).toBe(undefined);
  });

  it('own copies are equal to the text they copy, short or long', () => {
    const long = 'a long answer that is cut into a cell';
    expect(ownCopy(long.slice(2, 30))).toBe(long.slice(2, 30));
    expect(ownCopy('short')).toBe('short');
  });
});
