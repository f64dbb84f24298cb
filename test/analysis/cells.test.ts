import { describe, expect, it } from 'vitest';
import { BlockTallies } from '../../src/analysis/pipeline/cells.js';
import {
  EXCLUDING,
  MAX_VALUES,
  NOT_ANSWERED,
  OTHER_VALUES,
  OVERALL,
  addCount,
  emptyAggregate,
  emptyGroup,
  excludingTypeKey,
  segmentKey,
  typeKey,
  type Aggregate,
  type GroupTotals,
} from '../../src/analysis/pipeline/aggregate.js';

interface Row {
  type: string;
  segments: (string | undefined)[];
  copy: boolean;
  /** Per closed question: the labels counted for the row (several for a multi-select answer). */
  labels: string[][];
  /** Per open question: score and comparative, or null when blank. */
  answers: ([number, number] | null)[];
}

/** Count each row into each of its groups, row by row: what the analysis did before cells. */
function reference(rows: Row[], closed: number, open: number, hasType: boolean, segments: number, excluding: boolean): Aggregate {
  const aggregate = emptyAggregate(open);
  const group = (key: string): GroupTotals => {
    let totals = aggregate.groups.get(key);
    if (!totals) {
      totals = emptyGroup(closed, open);
      aggregate.groups.set(key, totals);
    }
    return totals;
  };
  group(OVERALL);
  if (excluding) group(EXCLUDING);
  for (const row of rows) {
    const groups = [group(OVERALL)];
    if (excluding && !row.copy) groups.push(group(EXCLUDING));
    if (hasType) {
      const all = group(typeKey(row.type));
      const without = excluding ? group(excludingTypeKey(row.type)) : null;
      groups.push(all);
      if (without && !row.copy) groups.push(without);
    }
    row.segments.forEach((value, s) => {
      if (value !== undefined) groups.push(group(segmentKey(s, value)));
    });
    for (const totals of groups) totals.rows++;
    row.labels.forEach((labels, q) => {
      for (const label of labels) for (const totals of groups) addCount(totals.closed[q]!, label);
    });
    row.answers.forEach((answer, o) => {
      if (!answer) return;
      const [score, comparative] = answer;
      for (const totals of groups) {
        const t = totals.open[o]!;
        t.answered++;
        if (score < 0) t.negative++;
        else if (score > 0) t.positive++;
        else t.neutral++;
        t.sumScore += score;
        t.sumComparative += comparative;
      }
    });
  }
  return aggregate;
}

function withCells(rows: Row[], closed: number, open: number, hasType: boolean, segments: number, excluding: boolean): Aggregate {
  const aggregate = emptyAggregate(open);
  aggregate.groups.set(OVERALL, emptyGroup(closed, open));
  if (excluding) aggregate.groups.set(EXCLUDING, emptyGroup(closed, open));
  const tallies = new BlockTallies(closed, open, hasType, segments, excluding);
  for (const row of rows) {
    const cell = tallies.cell(hasType ? row.type : '', row.segments, row.copy);
    cell.rows++;
    row.labels.forEach((labels, q) => {
      for (const label of labels) tallies.count(cell, q, label);
    });
    row.answers.forEach((answer, o) => {
      if (answer) tallies.answer(cell, o, answer[0], answer[1]);
    });
  }
  tallies.finishInto(aggregate);
  return aggregate;
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function makeRows(count: number, seed: number, segments: number, distinctFree: number): Row[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const rows: Row[] = [];
  for (let i = 0; i < count; i++) {
    rows.push({
      type: pick(['Individual', 'Organisation', '']),
      segments: Array.from({ length: segments }, (_, s) => (s === 1 && next() < 0.1 ? undefined : pick(['North', 'South', 'East', 'West', 'Wales', '']))),
      copy: next() < 0.3,
      labels: [
        [pick(['Agree', 'Disagree', 'Neither', NOT_ANSWERED])],
        // multi-select: several labels in a row, sometimes the same label twice
        next() < 0.2 ? [NOT_ANSWERED] : [pick(['A', 'B', 'C']), pick(['B', 'C', 'D'])],
        // a "closed" column with very many distinct values: more than MAX_VALUES, so which values keep their own count depends on order
        [next() < 0.1 ? NOT_ANSWERED : `value ${Math.floor(next() * distinctFree)}`],
      ],
      answers: [next() < 0.2 ? null : [Math.round(next() * 10 - 5), next() - 0.5], next() < 0.5 ? null : [0, 0]],
    });
  }
  return rows;
}

function comparable(aggregate: Aggregate): unknown {
  return [...aggregate.groups].map(([key, totals]) => ({
    key,
    rows: totals.rows,
    closed: totals.closed.map((map) => [...map]),
    open: totals.open.map((t) => ({ ...t, sumComparative: Math.round(t.sumComparative * 1e9) })),
  }));
}

describe('BlockTallies', () => {
  it.each([
    { segments: 2, hasType: true, excluding: true },
    { segments: 1, hasType: false, excluding: false },
    { segments: 0, hasType: true, excluding: false },
    // more segments than fit a numeric cell key
    { segments: 4, hasType: true, excluding: true },
  ])('gives the groups counting each row into each group gives ($segments segments, type $hasType, excluding $excluding)', ({ segments, hasType, excluding }) => {
    const rows = makeRows(5000, 17 + segments, segments, 2000);
    const expected = reference(rows, 3, 2, hasType, segments, excluding);
    const actual = withCells(rows, 3, 2, hasType, segments, excluding);
    expect(comparable(actual)).toEqual(comparable(expected));
  });

  it('keeps the same values by name as row-by-row counting once a group has more than MAX_VALUES', () => {
    const rows = makeRows(4000, 5, 1, 3000);
    const overall = withCells(rows, 3, 2, true, 1, true).groups.get(OVERALL)!.closed[2]!;
    // MAX_VALUES values by name (one is "not answered"), then everything else counted together
    expect(overall.size).toBe(MAX_VALUES + 1);
    expect(overall.has(OTHER_VALUES)).toBe(true);
    expect([...overall]).toEqual([...reference(rows, 3, 2, true, 1, true).groups.get(OVERALL)!.closed[2]!]);
  });
});
