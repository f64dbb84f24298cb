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
    // keys sharing the units hashed are told apart by comparison, not by the hash
    for (const cell of block.slice(0).split('\n')) expect(cache.get(cell)).toBe(reference.get(cell));
    expect(cache.get('value 1 ')).toBe(undefined);
    expect(cache.size).toBe(reference.size);
  });

  it('tells apart keys that agree in every unit it hashes', () => {
    // a long key is hashed by its length, first four, middle two and last four units: these differ elsewhere
    const cache = new StringCache<number>();
    const keys: string[] = [];
    for (const a of 'pqrstu') for (const b of 'vwxyz') keys.push(`abcd${a}MM${b}wxyz`);
    for (const [i, key] of keys.entries()) cache.set(key, i);
    for (const [i, key] of keys.entries()) expect(cache.get(` ${key}`.slice(1))).toBe(i);
    expect(cache.get('abcdaMMawxyz')).toBe(undefined);
    expect(cache.size).toBe(keys.length);
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
