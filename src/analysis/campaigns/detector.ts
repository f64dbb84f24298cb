/**
 * Campaign detection over compact per-row state.
 *
 * `add`/`addSignature` take rows one at a time (in any order; in `ptk analyse` the signatures come
 * from the worker threads' first pass). Each distinct normalised text (a "form") is stored once: its
 * 64-bit exact hash in an open-addressing table, first row, row count, word count and its 128 4-bit
 * MinHash bins (SIGNATURE_BYTES bytes). Each row costs one Int32 (its form), plus its response id
 * packed into shared strings unless `keepIds` is false. Grouping then has two steps: `similarPairs`
 * (pure, over `groupingInput`'s typed arrays, which may be shared memory: the workers search bands
 * of it in parallel) finds near-duplicate forms with LSH banding (per band, a stable counting sort on
 * the high half of the band keys and a small stamped table over the low half: no per-bucket objects)
 * and verifies each candidate with `agreesAtLeast` (estimated Jaccard, with a margin for short
 * texts); `finishWithPairs` unions the pairs and keeps the members near each group's template.
 * `finish` does both in one thread.
 *
 * A campaign is a group of at least `minSize` responses of at least `minWords` words. Short answers
 * ("Yes", "I agree") repeat naturally and are never campaigns. Nothing is dropped: every row keeps its
 * place and `role` says whether it is a campaign's template row, a standard copy or an edited copy.
 */
import { SHINGLE_WORDS, SIGNATURE_BINS, SIGNATURE_BYTES, SIGNATURE_WORDS, binValue, binsNeeded, chooseBands, signatureInto } from './signature.js';

export interface CampaignOptions {
  /** Estimated Jaccard similarity of 3-word shingles at or above which two texts are near-duplicates. Default 0.8. */
  threshold?: number;
  /** Fewest responses (copies of all kinds) that make a campaign. Default 5. */
  minSize?: number;
  /** Fewest words (after normalisation) a response needs to join a campaign. Default 8. */
  minWords?: number;
  /** Characters of original text kept for possible templates beyond repeated forms. Default 16 million. */
  textBudget?: number;
  /** Keep MinHash bytes in shared memory so worker threads can search them (`groupingInput`). Default false. */
  shared?: boolean;
  /**
   * Keep each row's response id (for `standardIds`, `editedIds`, `templateResponseId`). Default true;
   * `ptk analyse` turns it off and reads ids and templates in its second pass, saving memory per row.
   */
  keepIds?: boolean;
  /**
   * Rows expected (an estimate; 0 when unknown): the exact-text table is made that big at once rather
   * than doubled and rebuilt as rows arrive (each rebuild touches every form at random).
   */
  expectedRows?: number;
}

export const DEFAULT_CAMPAIGN_OPTIONS: Required<CampaignOptions> = {
  threshold: 0.8,
  minSize: 5,
  minWords: 8,
  textBudget: 16_000_000,
  keepIds: true,
  shared: false,
  expectedRows: 0,
};

/** Most table slots made up front from `expectedRows` (4 bytes each): beyond that the table grows as before. */
const MAX_PRESIZED_SLOTS = 1 << 23;

/**
 * MinHash bytes are kept in blocks of 2^19 forms (32 MB, of which only the pages written become
 * resident): blocks that large are always mapped by the allocator on their own, so their memory goes
 * back to the system when the detector is dropped, and growing never copies them.
 */
const BLOCK_SHIFT = 19;
/** Below this many shingles a near-copy must clear the threshold by a margin (see finish). */
const SHORT_SHINGLES = 64;
const BLOCK_FORMS = 1 << BLOCK_SHIFT;

export const ROLE_NONE = 0;
/** The one row of a campaign counted in figures that exclude campaign copies (first row of the template). */
export const ROLE_TEMPLATE = 1;
/** An exact copy (after normalisation) of the template. */
export const ROLE_STANDARD_COPY = 2;
/** A near-duplicate of the template: edited, e.g. with a personal sentence added. */
export const ROLE_EDITED_COPY = 3;
export type RowRole = 'none' | 'template' | 'standard-copy' | 'edited-copy';
const ROLE_NAMES: readonly RowRole[] = ['none', 'template', 'standard-copy', 'edited-copy'];

export interface Campaign {
  /** C1, C2, ... by size, largest first. */
  id: string;
  /** Responses in the campaign, template row included. */
  size: number;
  /** Responses whose normalised text is exactly the template's (template row included). */
  standardCopies: number;
  /** Responses that are near-duplicates of the template but not exact copies. */
  editedCopies: number;
  /** Distinct normalised texts in the campaign. */
  distinctTexts: number;
  /** The most common exact form (earliest on a tie), as first written; null only if its text was not kept. */
  template: string | null;
  templateRow: number;
  templateResponseId: string;
  /** Member response ids in row order; standard and edited copies separately. */
  standardIds: string[];
  editedIds: string[];
}

export interface CampaignResult {
  options: Required<CampaignOptions>;
  bands: number;
  rowsPerBand: number;
  /** Rows added. */
  rows: number;
  campaigns: Campaign[];
  /** Rows that belong to some campaign (template rows included). */
  rowsInCampaigns: number;
  /** Rows that belong to a campaign but are not its template row: leave these out for "excluding copies". */
  copies: number;
  /** Candidate pairs checked by estimated Jaccard. */
  pairsVerified: number;
  /** Per row index: ROLE_NONE, ROLE_TEMPLATE, ROLE_STANDARD_COPY or ROLE_EDITED_COPY. */
  roles: Uint8Array;
  /** Per row index: index into `campaigns`, or -1. */
  campaignOf: Int32Array;
}

export function rowRole(result: CampaignResult, row: number): RowRole {
  return ROLE_NAMES[result.roles[row] ?? ROLE_NONE]!;
}

/** Strings appended into large joined chunks: about one byte per ASCII character plus a 4-byte slot. */
class PackedStrings {
  private chunks: string[] = [];
  private pending: string[] = [];
  private pendingLength = 0;
  private starts = new Float64Array(1024);
  private count = 0;
  private chunkStarts: number[] = [0];
  private total = 0;

  push(value: string): number {
    if (this.count + 1 >= this.starts.length) this.starts = grow(this.starts, this.count + 2);
    this.starts[this.count] = this.total;
    this.pending.push(value);
    this.pendingLength += value.length;
    this.total += value.length;
    this.starts[this.count + 1] = this.total;
    if (this.pending.length >= 4096) this.flush();
    return this.count++;
  }

  get(index: number): string {
    const start = this.starts[index]!;
    const end = this.starts[index + 1]!;
    this.flush();
    // The chunk holding `start`: the last chunk start <= start.
    let lo = 0;
    let hi = this.chunkStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.chunkStarts[mid]! <= start) lo = mid;
      else hi = mid - 1;
    }
    const base = this.chunkStarts[lo]!;
    return this.chunks[lo]!.slice(start - base, end - base);
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const chunkStart = this.total - this.pendingLength;
    if (this.chunks.length > 0) this.chunkStarts.push(chunkStart);
    this.chunks.push(this.pending.join(''));
    this.pending = [];
    this.pendingLength = 0;
  }
}

/** 32-bit words of MinHash values per signature (eight 4-bit bins each). */
const SIGNATURE_UINT32S = SIGNATURE_BYTES / 4;

/**
 * Is the estimated Jaccard similarity of two runs of MinHash values at least `threshold`? The same
 * as `estimateJaccard(...) >= threshold`, but compares eight bins at a time (as 32-bit words, `aStart`
 * and `bStart` counted in words) and stops as soon as too many bins disagree.
 */
export function agreesAtLeast(a: Uint32Array, aStart: number, b: Uint32Array, bStart: number, threshold: number): boolean {
  const allowed = SIGNATURE_BINS - binsNeeded(threshold);
  let misses = 0;
  for (let i = 0; i < SIGNATURE_UINT32S; i++) {
    const x = a[aStart + i]! ^ b[bStart + i]!;
    if (x !== 0) {
      // one bit per differing bin (the low bit of its nibble), then add the eight bits up
      const differing = (x | (x >>> 1) | (x >>> 2) | (x >>> 3)) & 0x11111111;
      misses += Math.imul(differing, 0x11111111) >>> 28;
      if (misses > allowed) return false;
    }
  }
  return true;
}

type Typed = Int32Array | Uint32Array | Uint8Array | Float64Array;
type TypedKind<T extends Typed> = { new (buffer: ArrayBufferLike, offset: number, length: number): T; BYTES_PER_ELEMENT: number };

/** Arrays above this size get at least MAPPED_BYTES of address space (see `allocate`). */
const BIG_BYTES = 1 << 20;
const MAPPED_BYTES = 32 << 20;

/**
 * A zeroed typed array of `length` elements, in shared memory if asked. A big one gets at least
 * 32 MB of address space: the system allocator maps a block that size on its own and gives it back
 * to the system when it is freed, whereas smaller blocks stay in the allocator's heap and would keep
 * the process large after the detector is dropped. Pages never written cost no memory.
 */
function allocate<T extends Typed>(Kind: TypedKind<T>, length: number, shared = false): T {
  const bytes = Math.max(1, length * Kind.BYTES_PER_ELEMENT);
  const capacity = bytes > BIG_BYTES ? Math.max(bytes, MAPPED_BYTES) : bytes;
  return new Kind(shared ? new SharedArrayBuffer(capacity) : new ArrayBuffer(capacity), 0, length);
}

function grow<T extends Typed>(array: T, atLeast: number): T {
  let size = Math.max(16, array.length);
  while (size < atLeast) size *= 2;
  const bigger = allocate(array.constructor as TypedKind<T>, size);
  bigger.set(array);
  return bigger;
}

/** Typed arrays a near-duplicate search reads (see `CampaignDetector.groupingInput`). */
export interface GroupingInput {
  /** MinHash bytes in blocks of BLOCK_FORMS forms. */
  bins: readonly Uint8Array[];
  /** Words per form (capped at 255); 0 for forms too short to be in a campaign. */
  words: Uint8Array;
  /** Forms long enough to be in a campaign, in form order. */
  eligible: Int32Array;
  threshold: number;
  bands: number;
  rowsPerBand: number;
}

/**
 * The test two forms must pass to be near-copies: estimated Jaccard at or above the threshold, with
 * a margin for short texts. MinHash over few shingles is noisy (with fewer shingles than bins,
 * borrowed bins add no information): texts of fewer than SHORT_SHINGLES shingles must clear the
 * threshold by 1.5 times the extra standard error, so that chance agreement does not make
 * near-copies of short answers that merely share a phrase.
 */
function similarity(input: GroupingInput): (a: number, b: number) => boolean {
  const { threshold, words } = input;
  const bins = input.bins.map((block) => new Uint32Array(block.buffer, block.byteOffset, block.byteLength >>> 2));
  const margin = new Float64Array(SIGNATURE_BINS + 1);
  const base = Math.sqrt((threshold * (1 - threshold)) / SHORT_SHINGLES);
  for (let n = 1; n <= SIGNATURE_BINS; n++) margin[n] = 1.5 * Math.max(0, Math.sqrt((threshold * (1 - threshold)) / n) - base);
  margin[0] = 1;
  return (a, b) => {
    const wordsA = words[a]!;
    const wordsB = words[b]!;
    const required = threshold + margin[Math.max(0, Math.min(SIGNATURE_BINS, Math.min(wordsA, wordsB) - (SHINGLE_WORDS - 1)))]!;
    // Jaccard is at most (smaller set) / (larger set): texts of very different lengths never qualify.
    if (wordsA < 255 && wordsB < 255) {
      const shinglesA = Math.max(1, wordsA - (SHINGLE_WORDS - 1));
      const shinglesB = Math.max(1, wordsB - (SHINGLE_WORDS - 1));
      if (Math.min(shinglesA, shinglesB) < required * Math.max(shinglesA, shinglesB)) return false;
    }
    return agreesAtLeast(bins[a >>> BLOCK_SHIFT]!, (a & (BLOCK_FORMS - 1)) * SIGNATURE_UINT32S, bins[b >>> BLOCK_SHIFT]!, (b & (BLOCK_FORMS - 1)) * SIGNATURE_UINT32S, required);
  };
}

/**
 * Near-duplicate pairs found in bands [bandFrom, bandTo) by locality-sensitive hashing: per band,
 * forms with the same band key form a bucket, and each member is compared with the bucket's first
 * form (the template, for a campaign: its most common text is usually first written early;
 * `finishWithPairs` checks every member against the template anyway). Buckets come from a stable
 * counting sort by the high half of the band keys and a small table over the low half, so each key's
 * forms are met in form order and the whole band is read and written sequentially: a hash table of
 * a million forms would cost a cache miss per form per band. Returns the similar pairs, flattened
 * (a, b, a, b, ...), in no particular order. Pure: runs in a worker over shared memory, or in the
 * main thread.
 */
export function similarPairs(input: GroupingInput, bandFrom: number, bandTo: number): { pairs: Int32Array<ArrayBuffer>; verified: number } {
  const { bins, eligible, rowsPerBand } = input;
  const similar = similarity(input);
  const n = eligible.length;
  // Up to 7 bins of 4 bits are the band key itself (28 bits); more are hashed to 32 bits (a hash
  // collision only adds a candidate, which verification then rejects).
  const exactKey = rowsPerBand * 4 <= 28;
  const keyBits = exactKey ? rowsPerBand * 4 : 32;
  // Forms are put in buckets by the high bits of their key (one counting sort, stable, so each bucket
  // lists its forms in form order); within a bucket, a table indexed by the low bits finds each
  // key's first form, stamped with the bucket so it is never cleared.
  const lowBits = keyBits >>> 1;
  const highBits = keyBits - lowBits;
  const lowMask = (1 << lowBits) - 1;
  const keys = allocate(Uint32Array, n);
  const sorted = allocate(Int32Array, n);
  const sortedLow = allocate(Int32Array, n);
  const counts = new Int32Array((1 << highBits) + 1);
  const anchorOf = new Int32Array(1 << lowBits);
  const stampOf = new Int32Array(1 << lowBits).fill(-1);
  let stamp = 0;
  let pairs = new Int32Array(1024);
  let count = 0;
  let verified = 0;
  // With an even number of bins per band, each band is whole bytes (two bins to a byte): the key is
  // those bytes read at once (another exact key, so the same buckets).
  const wholeBytes = exactKey && rowsPerBand % 2 === 0 ? rowsPerBand / 2 : 0;
  for (let band = bandFrom; band < bandTo; band++) {
    const start = band * rowsPerBand;
    counts.fill(0);
    for (let k = 0; k < n; k++) {
      const form = eligible[k]!;
      const block = bins[form >>> BLOCK_SHIFT]!;
      const base = (form & (BLOCK_FORMS - 1)) * SIGNATURE_BYTES;
      let key = exactKey ? 0 : 0x811c9dc5 ^ band;
      if (wholeBytes > 0) for (let b = wholeBytes - 1, at = base + start / 2; b >= 0; b--) key = (key << 8) | block[at + b]!;
      else if (exactKey) for (let r = 0; r < rowsPerBand; r++) key = (key << 4) | binValue(block, base, start + r);
      else for (let r = 0; r < rowsPerBand; r++) key = Math.imul(key ^ binValue(block, base, start + r), 0x01000193);
      keys[k] = key >>> 0;
      counts[(key >>> lowBits) + 1]!++;
    }
    for (let b = 1; b < counts.length; b++) counts[b]! += counts[b - 1]!;
    // the form itself rather than its place in `eligible`: buckets then need no look-up there
    for (let k = 0; k < n; k++) {
      const key = keys[k]!;
      const at = counts[key >>> lowBits]!++;
      sorted[at] = eligible[k]!;
      sortedLow[at] = key & lowMask;
    }
    // counts[b] is now where bucket b ends
    for (let bucket = 0, from = 0; bucket < counts.length - 1; bucket++) {
      const to = counts[bucket]!;
      if (to - from > 1) {
        stamp++;
        for (let i = from; i < to; i++) {
          const low = sortedLow[i]!;
          const form = sorted[i]!;
          if (stampOf[low] !== stamp) {
            stampOf[low] = stamp;
            anchorOf[low] = form;
            continue;
          }
          const anchor = anchorOf[low]!;
          verified++;
          if (!similar(anchor, form)) continue;
          if (count + 2 > pairs.length) {
            const bigger = new Int32Array(pairs.length * 2);
            bigger.set(pairs);
            pairs = bigger;
          }
          pairs[count++] = anchor;
          pairs[count++] = form;
        }
      }
      from = to;
    }
  }
  return { pairs: pairs.slice(0, count), verified };
}

export class CampaignDetector {
  readonly options: Required<CampaignOptions>;
  private readonly scratch = new Uint32Array(SIGNATURE_WORDS);
  // per row
  /** Per row: its form + 1 (0 = row not added). */
  private rowForm = new Int32Array(1024);
  private rowIdSlot = new Int32Array(1024);
  private readonly ids = new PackedStrings();
  private rowCount = 0;
  private maxRow = -1;
  // per form
  private formCount = 0;
  private formFirstRow = new Int32Array(1024);
  private formRows = new Int32Array(1024);
  /** Words of each form (capped at 255), 0 for forms too short to be in a campaign. */
  private formWords = new Uint8Array(1024);
  /** MinHash bytes in fixed blocks of BLOCK_FORMS forms: growing never copies them (no memory spikes). */
  private readonly binBlocks: Uint8Array[] = [];
  /** The same blocks as 32-bit words (a signature's bins are copied word by word, with no view made per form). */
  private readonly binWords: Uint32Array[] = [];
  private readonly formText = new Map<number, string>();
  private textKept = 0;
  /** Each form's 64-bit exact hash, in two halves. */
  private formHashA = new Uint32Array(1024);
  private formHashB = new Uint32Array(1024);
  // exact-hash table: open addressing over form indices + 1 (0 = empty); the keys are the forms' hashes
  private tableForm = new Int32Array(2048);

  constructor(options: CampaignOptions = {}) {
    this.options = { ...DEFAULT_CAMPAIGN_OPTIONS, ...options };
    const { threshold, minSize, minWords } = this.options;
    if (!(threshold > 0 && threshold <= 1)) throw new RangeError('campaign threshold must be above 0 and at most 1');
    if (!(Number.isInteger(minSize) && minSize >= 2)) throw new RangeError('campaign minimum size must be a whole number of 2 or more');
    if (!(Number.isInteger(minWords) && minWords >= 1)) throw new RangeError('campaign minimum words must be a whole number of 1 or more');
    // Twice as many slots as rows, rounded down: an estimate that is a little high then costs no
    // more memory than growing would (rows repeat, so there are fewer texts than rows), and one
    // that is low at most one rebuild.
    let slots = this.tableForm.length;
    while (slots * 2 <= 2 * this.options.expectedRows && slots * 2 <= MAX_PRESIZED_SLOTS) slots *= 2;
    if (slots > this.tableForm.length) this.tableForm = allocate(Int32Array, slots);
  }

  /** Add one row, computing its signature here (single-threaded use and tests). */
  add(row: number, responseId: string, text: string): void {
    signatureInto(text, this.scratch, 0);
    this.addSignature(row, responseId, this.scratch, 0, text);
  }

  /**
   * Add one row from a signature computed elsewhere (`signatureInto` in a worker). `text` is optional:
   * when given it may be kept as a campaign template (texts of repeated forms are always kept).
   */
  addSignature(row: number, responseId: string, sig: Uint32Array, offset = 0, text?: string): void {
    if (!Number.isInteger(row) || row < 0) throw new RangeError(`row index must be a whole number of 0 or more, got ${row}`);
    if (row >= this.rowForm.length) {
      this.rowForm = grow(this.rowForm, row + 1);
      if (this.options.keepIds) this.rowIdSlot = grow(this.rowIdSlot, row + 1);
    }
    if (this.rowForm[row] !== 0) throw new RangeError(`row ${row} was added twice`);
    this.rowCount++;
    if (row > this.maxRow) this.maxRow = row;
    if (this.options.keepIds) this.rowIdSlot[row] = this.ids.push(responseId);

    const a = sig[offset]!;
    const b = sig[offset + 1]!;
    const mask = this.tableForm.length - 1;
    let slot = (a ^ Math.imul(b, 0x9e3779b1)) & mask;
    for (;;) {
      const found = this.tableForm[slot]! - 1;
      if (found === -1 || (this.formHashA[found] === a && this.formHashB[found] === b)) break;
      slot = (slot + 1) & mask;
    }
    let form = this.tableForm[slot]! - 1;
    if (form !== -1) {
      this.formRows[form]!++;
      if (row < this.formFirstRow[form]!) this.formFirstRow[form] = row;
      // A repeated text may become a template: keep one copy.
      if (text !== undefined && this.formWords[form] && !this.formText.has(form)) this.formText.set(form, text);
    } else {
      form = this.formCount++;
      if (form >= this.formFirstRow.length) {
        this.formFirstRow = grow(this.formFirstRow, form + 1);
        this.formRows = grow(this.formRows, form + 1);
        this.formWords = grow(this.formWords, form + 1);
        this.formHashA = grow(this.formHashA, form + 1);
        this.formHashB = grow(this.formHashB, form + 1);
      }
      this.formHashA[form] = a;
      this.formHashB[form] = b;
      this.formFirstRow[form] = row;
      this.formRows[form] = 1;
      const eligible = sig[offset + 2]! >= this.options.minWords;
      this.formWords[form] = eligible ? Math.min(255, sig[offset + 2]!) : 0;
      if (form % BLOCK_FORMS === 0) {
        const block = this.options.shared ? new Uint8Array(new SharedArrayBuffer(BLOCK_FORMS * SIGNATURE_BYTES)) : new Uint8Array(BLOCK_FORMS * SIGNATURE_BYTES);
        this.binBlocks.push(block);
        this.binWords.push(new Uint32Array(block.buffer, block.byteOffset, block.byteLength >>> 2));
      }
      const words = this.binWords[form >>> BLOCK_SHIFT]!;
      const into = (form & (BLOCK_FORMS - 1)) * SIGNATURE_UINT32S;
      for (let k = 0; k < SIGNATURE_UINT32S; k++) words[into + k] = sig[offset + 3 + k]!;
      if (eligible && text !== undefined && this.textKept + text.length <= this.options.textBudget) {
        this.formText.set(form, text);
        this.textKept += text.length;
      }
      this.tableForm[slot] = form + 1;
      if (this.formCount * 2 > this.tableForm.length) this.rehash();
    }
    this.rowForm[row] = form + 1;
  }

  private rehash(): void {
    const size = this.tableForm.length * 2;
    this.tableForm = allocate(Int32Array, size);
    const mask = size - 1;
    for (let form = 0; form < this.formCount; form++) {
      let slot = (this.formHashA[form]! ^ Math.imul(this.formHashB[form]!, 0x9e3779b1)) & mask;
      while (this.tableForm[slot] !== 0) slot = (slot + 1) & mask;
      this.tableForm[slot] = form + 1;
    }
  }

  /**
   * What near-duplicate search needs, as typed arrays only (shared memory when the detector was made
   * with `shared: true`), so worker threads can search bands in parallel with `similarPairs`.
   */
  groupingInput(): GroupingInput {
    const { threshold } = this.options;
    const { bands, rows: rowsPerBand } = chooseBands(threshold);
    let count = 0;
    for (let f = 0; f < this.formCount; f++) if (this.formWords[f]) count++;
    const eligible = allocate(Int32Array, count, this.options.shared);
    let k = 0;
    for (let f = 0; f < this.formCount; f++) if (this.formWords[f]) eligible[k++] = f;
    const words = allocate(Uint8Array, this.formCount, this.options.shared);
    words.set(this.formWords.subarray(0, this.formCount));
    return { bins: this.binBlocks, words, eligible, threshold, bands, rowsPerBand };
  }

  /** Group near-duplicate forms and report campaigns (single thread). The detector can still be queried afterwards. */
  finish(): CampaignResult {
    const input = this.groupingInput();
    const { pairs, verified } = similarPairs(input, 0, input.bands);
    return this.finishWithPairs(input, [pairs], verified);
  }

  /** Group forms joined by near-duplicate pairs (from `similarPairs`, in any order) and report campaigns. */
  finishWithPairs(input: GroupingInput, pairLists: readonly Int32Array[], verified: number): CampaignResult {
    const { minSize } = this.options;
    const { bands, rowsPerBand } = input;
    const forms = this.formCount;
    const parent = allocate(Int32Array, forms);
    for (let f = 0; f < forms; f++) parent[f] = f;
    const find = (f: number): number => {
      while (parent[f] !== f) {
        parent[f] = parent[parent[f]!]!;
        f = parent[f]!;
      }
      return f;
    };
    for (const pairs of pairLists) {
      for (let i = 0; i + 1 < pairs.length; i += 2) {
        const a = find(pairs[i]!);
        const b = find(pairs[i + 1]!);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
    const eligible = input.eligible;
    const similar = similarity(input);
    let pairsVerified = verified;

    // Templates: the form with most rows in each group (earliest first row on a tie).
    const groupTemplate = allocate(Int32Array, forms).fill(-1);
    for (const form of eligible) {
      const root = find(form);
      const best = groupTemplate[root]!;
      if (
        best === -1 ||
        this.formRows[form]! > this.formRows[best]! ||
        (this.formRows[form] === this.formRows[best] && this.formFirstRow[form]! < this.formFirstRow[best]!)
      ) {
        groupTemplate[root] = form;
      }
    }
    // A copy must be near the template itself, not only near another copy: without this check,
    // chains of texts that each differ a little from the next (A~B~C~D) would join unrelated texts.
    const attached = allocate(Uint8Array, forms);
    const groupRows = allocate(Int32Array, forms);
    const groupForms = allocate(Int32Array, forms);
    for (const form of eligible) {
      const root = find(form);
      const template = groupTemplate[root]!;
      if (form !== template) {
        pairsVerified++;
        if (!similar(template, form)) continue;
      }
      attached[form] = 1;
      groupRows[root]! += this.formRows[form]!;
      groupForms[root]!++;
    }
    const roots: number[] = [];
    for (const form of eligible) if (find(form) === form && groupRows[form]! >= minSize) roots.push(form);
    roots.sort((x, y) => groupRows[y]! - groupRows[x]! || this.formFirstRow[groupTemplate[x]!]! - this.formFirstRow[groupTemplate[y]!]!);
    const campaignOfRoot = new Map<number, number>();
    const campaigns: Campaign[] = roots.map((root, index) => {
      campaignOfRoot.set(root, index);
      const template = groupTemplate[root]!;
      const templateRow = this.formFirstRow[template]!;
      return {
        id: `C${index + 1}`,
        size: groupRows[root]!,
        standardCopies: this.formRows[template]!,
        editedCopies: groupRows[root]! - this.formRows[template]!,
        distinctTexts: groupForms[root]!,
        template: this.formText.get(template) ?? null,
        templateRow,
        templateResponseId: this.options.keepIds ? this.ids.get(this.rowIdSlot[templateRow]!) : '',
        standardIds: [],
        editedIds: [],
      };
    });

    const rowSpan = this.maxRow + 1;
    const roles = allocate(Uint8Array, rowSpan);
    const campaignOf = allocate(Int32Array, rowSpan).fill(-1);
    let rowsInCampaigns = 0;
    for (let row = 0; row < rowSpan; row++) {
      const form = this.rowForm[row]! - 1;
      if (form === -1 || !this.formWords[form] || !attached[form]) continue;
      const index = campaignOfRoot.get(find(form));
      if (index === undefined) continue;
      const campaign = campaigns[index]!;
      rowsInCampaigns++;
      campaignOf[row] = index;
      const keepIds = this.options.keepIds;
      if (form === groupTemplate[find(form)]) {
        roles[row] = row === campaign.templateRow ? ROLE_TEMPLATE : ROLE_STANDARD_COPY;
        if (keepIds) campaign.standardIds.push(this.ids.get(this.rowIdSlot[row]!));
      } else {
        roles[row] = ROLE_EDITED_COPY;
        if (keepIds) campaign.editedIds.push(this.ids.get(this.rowIdSlot[row]!));
      }
    }
    return {
      options: this.options,
      bands,
      rowsPerBand,
      rows: this.rowCount,
      campaigns,
      rowsInCampaigns,
      copies: rowsInCampaigns - campaigns.length,
      pairsVerified,
      roles,
      campaignOf,
    };
  }
}
