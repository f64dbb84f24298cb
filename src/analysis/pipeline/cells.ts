/**
 * A block's tallies by cell. Rows with the same respondent type, segment values and campaign-copy
 * status share a cell, and each row updates only its cell: one set of counters per row instead of
 * one per group it belongs to (overall, without copies, its type with and without copies, each of
 * its segment values). When the block ends, `finishInto` adds the cells up into those groups.
 *
 * The groups come out exactly as counting each row into each of its groups would make them: groups
 * are created in the order their first rows appear, and each closed question's answer values are
 * added to a group's Map in the order they first appear among the group's rows (addCount keeps the
 * first MAX_VALUES distinct values, so the order decides which values are kept by name). Sentiment
 * sums are added per cell first, which can change the last bits of a floating-point sum, never a
 * reported (rounded) mean.
 */
import { grown } from '../../lib/typed-arrays.js';
import { EXCLUDING, OVERALL, addCount, emptyGroup, excludingTypeKey, segmentKey, typeKey, type Aggregate, type GroupTotals } from './aggregate.js';

/** Per open question in a cell: answered, negative, neutral, positive, score sum, comparative sum. */
const OPEN_FIELDS = 6;

export interface Cell {
  rows: number;
  readonly typeValue: string;
  readonly segmentValues: readonly (string | undefined)[];
  readonly copy: boolean;
  /** Per closed question: count per answer value (block-local value ids). */
  counts: Int32Array<ArrayBuffer>[];
  /** Per closed question: when each value was first counted in this cell (the block's count sequence). */
  firstSeen: Float64Array<ArrayBuffer>[];
  readonly open: Float64Array;
}

/** A group being added up from cells. */
interface GroupSum {
  totals: GroupTotals;
  counts: Int32Array<ArrayBuffer>[];
  firstSeen: Float64Array<ArrayBuffer>[];
  open: Float64Array;
}

export class BlockTallies {
  private readonly cells = new Map<number | string, Cell>();
  /** Per dimension (the type, then each segment): block-local ids of its values. */
  private readonly valueIds: Map<string, number>[];
  /** Per closed question: block-local ids of its answer values, and the values. */
  private readonly labelIds: Map<string, number>[];
  private readonly labels: string[][];
  private sequence = 0;
  private readonly ids: number[];

  /**
   * `segments` is the number of segment columns (undefined values mean the segment is not in the
   * file); `hasType` whether there is a respondent-type column; `excluding` whether to make the
   * "without campaign copies" groups.
   */
  constructor(
    private readonly closedQuestions: number,
    private readonly openQuestions: number,
    private readonly hasType: boolean,
    private readonly segments: number,
    private readonly excluding: boolean,
  ) {
    this.valueIds = Array.from({ length: 1 + segments }, () => new Map());
    this.labelIds = Array.from({ length: closedQuestions }, () => new Map());
    this.labels = Array.from({ length: closedQuestions }, () => []);
    this.ids = new Array<number>(1 + segments).fill(0);
  }

  /** The cell of a row: its type ('' without a type column), segment values (undefined: segment not in the file) and copy status. */
  cell(typeValue: string, segmentValues: readonly (string | undefined)[], copy: boolean): Cell {
    const ids = this.ids;
    let small = true;
    for (let d = 0; d <= this.segments; d++) {
      const value = d === 0 ? (this.hasType ? typeValue : undefined) : segmentValues[d - 1];
      let id = 0;
      if (value !== undefined) {
        const known = this.valueIds[d]!;
        const found = known.get(value);
        if (found === undefined) {
          id = known.size + 1;
          known.set(value, id);
        } else id = found;
      }
      ids[d] = id;
      if (id >= 0xffff) small = false;
    }
    // a number when it fits exactly in a double (up to three dimensions of 16 bits), else a string
    let key: number | string;
    if (small && this.segments <= 2) {
      key = 0;
      for (let d = 0; d <= this.segments; d++) key = key * 0x10000 + ids[d]!;
      key = key * 2 + (copy ? 1 : 0);
    } else key = `${ids.join(',')}:${copy ? 1 : 0}`;
    let cell = this.cells.get(key);
    if (!cell) {
      cell = {
        rows: 0,
        typeValue,
        segmentValues: segmentValues.slice(0, this.segments),
        copy,
        counts: Array.from({ length: this.closedQuestions }, () => new Int32Array(8)),
        firstSeen: Array.from({ length: this.closedQuestions }, () => new Float64Array(8)),
        open: new Float64Array(OPEN_FIELDS * this.openQuestions),
      };
      this.cells.set(key, cell);
    }
    return cell;
  }

  /** Count one answer value of closed question `q` in a cell. */
  count(cell: Cell, q: number, label: string): void {
    const ids = this.labelIds[q]!;
    let id = ids.get(label);
    if (id === undefined) {
      id = ids.size;
      ids.set(label, id);
      this.labels[q]!.push(label);
    }
    let counts = cell.counts[q]!;
    if (id >= counts.length) {
      counts = cell.counts[q] = grown(counts, id + 1);
      cell.firstSeen[q] = grown(cell.firstSeen[q]!, id + 1);
    }
    if (counts[id]++ === 0) cell.firstSeen[q]![id] = this.sequence++;
  }

  /** Count one non-blank answer to open question `o` in a cell. */
  answer(cell: Cell, o: number, score: number, comparative: number): void {
    const open = cell.open;
    const at = OPEN_FIELDS * o;
    open[at]!++;
    if (score < 0) open[at + 1]!++;
    else if (score > 0) open[at + 3]!++;
    else open[at + 2]!++;
    open[at + 4]! += score;
    open[at + 5]! += comparative;
  }

  /** Add the cells up into the aggregate's groups (OVERALL, and EXCLUDING when made, are expected there already). */
  finishInto(aggregate: Aggregate): void {
    const sums = new Map<GroupTotals, GroupSum>();
    const sumOf = (key: string): GroupSum => {
      let totals = aggregate.groups.get(key);
      if (!totals) {
        totals = emptyGroup(this.closedQuestions, this.openQuestions);
        aggregate.groups.set(key, totals);
      }
      let sum = sums.get(totals);
      if (!sum) {
        sum = {
          totals,
          counts: this.labels.map((labels) => new Int32Array(labels.length)),
          firstSeen: this.labels.map((labels) => new Float64Array(labels.length).fill(Infinity)),
          open: new Float64Array(OPEN_FIELDS * this.openQuestions),
        };
        sums.set(totals, sum);
      }
      return sum;
    };
    const overall = sumOf(OVERALL);
    const excluding = this.excluding ? sumOf(EXCLUDING) : null;
    const groups: GroupSum[] = [];
    for (const cell of this.cells.values()) {
      // the groups of the cell's rows, created in the order rows meet them
      groups.length = 0;
      groups.push(overall);
      if (excluding && !cell.copy) groups.push(excluding);
      if (this.hasType) {
        const all = sumOf(typeKey(cell.typeValue));
        const without = this.excluding ? sumOf(excludingTypeKey(cell.typeValue)) : null;
        groups.push(all);
        if (without && !cell.copy) groups.push(without);
      }
      for (let s = 0; s < this.segments; s++) {
        const value = cell.segmentValues[s];
        if (value !== undefined) groups.push(sumOf(segmentKey(s, value)));
      }
      for (const sum of groups) {
        sum.totals.rows += cell.rows;
        for (let q = 0; q < this.closedQuestions; q++) {
          const from = cell.counts[q]!;
          const seen = cell.firstSeen[q]!;
          const into = sum.counts[q]!;
          const first = sum.firstSeen[q]!;
          for (let id = 0, end = Math.min(from.length, into.length); id < end; id++) {
            const n = from[id]!;
            if (n === 0) continue;
            into[id]! += n;
            if (seen[id]! < first[id]!) first[id] = seen[id]!;
          }
        }
        for (let k = 0; k < cell.open.length; k++) sum.open[k]! += cell.open[k]!;
      }
    }
    for (const sum of sums.values()) {
      for (let q = 0; q < this.closedQuestions; q++) {
        const counts = sum.counts[q]!;
        const first = sum.firstSeen[q]!;
        const present: number[] = [];
        for (let id = 0; id < counts.length; id++) if (counts[id]! > 0) present.push(id);
        present.sort((a, b) => first[a]! - first[b]!);
        const map = sum.totals.closed[q]!;
        for (const id of present) addCount(map, this.labels[q]![id]!, counts[id]!);
      }
      for (let o = 0; o < this.openQuestions; o++) {
        const totals = sum.totals.open[o]!;
        const at = OPEN_FIELDS * o;
        totals.answered += sum.open[at]!;
        totals.negative += sum.open[at + 1]!;
        totals.neutral += sum.open[at + 2]!;
        totals.positive += sum.open[at + 3]!;
        totals.sumScore += sum.open[at + 4]!;
        totals.sumComparative += sum.open[at + 5]!;
      }
    }
  }
}
