import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SpillDirectory, SpillReader, SpillWriter, type SpilledRecords } from '../../src/analysis/pipeline/spill.js';

/** A block's records: `answers` scores pairs and, per answer, a code count then four numbers per code. */
function records(seed: number, answers: number) {
  const scores = Float64Array.from({ length: 2 * answers }, (_, i) => (i % 2 === 0 ? seed + i : (seed + i) / 7));
  const codes: number[] = [];
  for (let a = 0; a < answers; a++) {
    const count = (seed + a) % 3;
    codes.push(count);
    for (let c = 0; c < count; c++) codes.push(c, a, a + 5, -1);
  }
  return { scores, codes: Int32Array.from(codes) };
}

describe('answer records spilled between the passes', () => {
  it('reads back every block exactly, whichever writer wrote it and in any order', () => {
    const dir = new SpillDirectory();
    try {
      // two writers, as two worker threads would be, taking blocks in turn
      const writers = [new SpillWriter(), new SpillWriter()];
      const blocks = [records(1, 10), records(2, 3000), records(3, 0), records(4, 50), records(5, 7)];
      const where: SpilledRecords[] = blocks.map((block, k) => writers[k % 2]!.append(dir.path, block));
      expect(new Set(where.map((w) => w.path)).size).toBe(2);
      const reader = new SpillReader();
      for (const k of [3, 0, 4, 1, 2, 1]) {
        const back = reader.read(where[k]!);
        expect(back.scores).toEqual(blocks[k]!.scores);
        expect(back.codes).toEqual(blocks[k]!.codes);
      }
      expect(readdirSync(dir.path)).toHaveLength(2);
    } finally {
      dir.close();
    }
    expect(existsSync(dir.path)).toBe(false);
  });

  it('says so when a file is shorter than its records', () => {
    const dir = new SpillDirectory();
    try {
      const where = new SpillWriter().append(dir.path, records(1, 4));
      expect(() => new SpillReader().read({ ...where, codes: where.codes + 100 })).toThrow(/ended early/);
    } finally {
      dir.close();
    }
  });
});
