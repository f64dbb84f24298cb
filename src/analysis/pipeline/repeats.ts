/**
 * First-pass results of rows whose texts were met before. Campaign copies repeat a few texts
 * thousands of times (in the bench, 150,000 rows carry about 5,600 distinct texts), and a row's
 * first-pass result (sentiment, rule codes and campaign signature) depends on nothing but its texts,
 * so a repeated row takes the stored result instead of being scanned again: each campaign text is
 * analysed once, as consultation practice asks, and the first pass does less work.
 *
 * A direct-mapped table: a cheap key (lengths and a few sampled units of each text) picks a slot,
 * and a stored result is used only when every text is equal (===) to the stored one. A result is
 * stored the second time its key is met, so rows met once (most of them) cost no copies.
 */
import { ownCopy } from '../../lib/string-cache.js';

const SLOTS = 4096;
/** Rows with less text than this are cheap to scan: not worth a slot. */
const MIN_UNITS = 96;
/** Text kept for stored rows, at most (UTF-16 units per thread: 8 MB), so long answers cannot make the table large. */
const MAX_STORED_UNITS = 1 << 22;
/** A row with more text than this is not stored. */
const MAX_ROW_UNITS = 1 << 16;

export interface RowResult {
  scores: Float64Array<ArrayBuffer>;
  codes: Int32Array<ArrayBuffer>;
  signature: Uint32Array<ArrayBuffer>;
}

interface Stored extends RowResult {
  texts: string[];
  units: number;
}

export class RepeatedRows {
  private readonly keys = new Int32Array(SLOTS);
  private readonly seen = new Uint8Array(SLOTS);
  private readonly stored: (Stored | undefined)[] = new Array<Stored | undefined>(SLOTS).fill(undefined);
  private key = 0;
  private units = 0;
  private storedUnits = 0;
  private candidate = false;
  hits = 0;

  /** UTF-16 units of text held by the stored rows. */
  get keptUnits(): number {
    return this.storedUnits;
  }

  /** `columns`: the cells the first-pass result depends on. */
  constructor(private readonly columns: readonly number[]) {}

  /** The stored result for a row with these cells, or undefined (then `remember` may store the row's). */
  find(fields: readonly string[]): RowResult | undefined {
    let key = 0x811c9dc5;
    let units = 0;
    for (const column of this.columns) {
      const text = fields[column] ?? '';
      const length = text.length;
      units += length;
      key = Math.imul(key ^ length, 0x01000193);
      if (length > 0) {
        key = Math.imul(key ^ text.charCodeAt(0), 0x01000193);
        key = Math.imul(key ^ text.charCodeAt(length >> 2), 0x01000193);
        key = Math.imul(key ^ text.charCodeAt(length >> 1), 0x01000193);
        key = Math.imul(key ^ text.charCodeAt((3 * length) >> 2), 0x01000193);
        key = Math.imul(key ^ text.charCodeAt(length - 1), 0x01000193);
      }
    }
    this.units = units;
    this.candidate = units >= MIN_UNITS && units <= MAX_ROW_UNITS;
    if (!this.candidate) return undefined;
    key ^= key >>> 15;
    this.key = key;
    const slot = key & (SLOTS - 1);
    const stored = this.stored[slot];
    if (stored && this.keys[slot] === key && this.sameTexts(stored, fields)) {
      this.hits++;
      return stored;
    }
    return undefined;
  }

  /**
   * After a `find` that missed: should the row's result be given to `remember`? Only when its key
   * was met before; otherwise the key is noted (so rows met once cost no copies).
   */
  worthRemembering(): boolean {
    if (!this.candidate) return false;
    const slot = this.key & (SLOTS - 1);
    if (this.keys[slot] === this.key && this.seen[slot]) return this.storedUnits - (this.stored[slot]?.units ?? 0) + this.units <= MAX_STORED_UNITS;
    this.keys[slot] = this.key;
    this.seen[slot] = 1;
    this.drop(slot);
    return false;
  }

  /** Store the result of the row `find` missed (after worthRemembering said so). */
  remember(fields: readonly string[], result: RowResult): void {
    const slot = this.key & (SLOTS - 1);
    this.drop(slot);
    this.storedUnits += this.units;
    this.stored[slot] = {
      units: this.units,
      // own copies: the cells are slices of a block's text, which must not be kept alive
      texts: this.columns.map((column) => ownCopy(fields[column] ?? '')),
      scores: result.scores.slice(),
      codes: result.codes.slice(),
      signature: result.signature.slice(),
    };
  }

  private drop(slot: number): void {
    this.storedUnits -= this.stored[slot]?.units ?? 0;
    this.stored[slot] = undefined;
  }

  private sameTexts(stored: Stored, fields: readonly string[]): boolean {
    for (let k = 0; k < this.columns.length; k++) if (stored.texts[k] !== (fields[this.columns[k]!] ?? '')) return false;
    return true;
  }
}
