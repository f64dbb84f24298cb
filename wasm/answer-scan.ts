/*
 * AssemblyScript, compiled to wasm/answer-scan.wasm by `npm run build` (not TypeScript for Node).
 *
 * The inner loop of src/analysis/pipeline/answer-scan.ts: one pass over an answer's UTF-16 units
 * cuts it into tokens at the sentiment separators, looks each token up in a table of tokens already
 * worked out, and adds up its sentiment, its theme-word hits and its campaign-signature words; then it
 * matches the coding frame's phrases over those hits (match(), at the end of this file). The
 * JavaScript side owns what a token means (it works each new token out with the reference modules'
 * own rules and writes the results into the table); this side owns the table's hashing and the
 * signature arithmetic, which must give bit for bit what src/analysis/campaigns/signature.ts gives
 * (the tests compare them). Everything lives in linear memory at offsets the JavaScript side reads
 * from the exported constants below; nothing here allocates.
 */

// Kinds of UTF-16 unit (CLASSES, filled in by the JavaScript side as units are first met).
const TOKEN: u8 = 0;
const SEPARATOR: u8 = 1;
const CARRIAGE_RETURN: u8 = 2;
const AMPERSAND: u8 = 3;
const BACKTICK: u8 = 4;
const SLOW: u8 = 5;
const UNKNOWN: u8 = 255;
// the same, exported: the JavaScript side reads them rather than keeping its own copies
export const UNIT_TOKEN: i32 = TOKEN;
export const UNIT_SEPARATOR: i32 = SEPARATOR;
export const UNIT_CARRIAGE_RETURN: i32 = CARRIAGE_RETURN;
export const UNIT_AMPERSAND: i32 = AMPERSAND;
export const UNIT_BACKTICK: i32 = BACKTICK;
export const UNIT_SLOW: i32 = SLOW;
export const UNIT_UNKNOWN: i32 = UNKNOWN;

// What scan() returns.
export const DONE: i32 = 0;
/** The text needs the reference functions. */
export const FALLBACK: i32 = 1;
/** Units of unknown kind are listed in MISSING_CLASSES; learn them and scan again. */
export const NEED_CLASSES: i32 = 2;
/** Tokens not in the table are listed in MISSING_TOKENS; add them and scan again. */
export const NEED_TOKENS: i32 = 3;

const FNV_OFFSET: u32 = 0x811c9dc5;
const FNV_PRIME: u32 = 0x01000193;

// One token table (per question), at a base address the JavaScript side allocates: a header, the
// slots (open addressing, at most half full, grown as the vocabulary grows), one 64-byte record per
// token (one cache line: what a scan needs of a token is read together), then the token characters
// (pool), the signature-word hashes of tokens with more than one word, and the theme-word hits.
export const MAX_ENTRIES: i32 = 1 << 16;
const MAX_SLOTS: i32 = MAX_ENTRIES * 2;
const FIRST_SLOTS: i32 = 1 << 12;
export const POOL_UNITS: i32 = 1 << 20;
/** Room after a text or the pool for tokenHash and sameUnits to read past the end. */
export const READ_PAST: i32 = 16;
export const WORD_HASH_CAPACITY: i32 = 1 << 18;
export const HIT_CAPACITY: i32 = 1 << 16;
const COUNT_AT: i32 = 0;
const POOL_USED_AT: i32 = 4;
const SLOT_MASK_AT: i32 = 8;
const SLOTS_AT: i32 = 64;
const ENTRIES_AT: i32 = SLOTS_AT + MAX_SLOTS * 4;
export const ENTRY_BYTES: i32 = 64;
export const WORD_HASHES_AT: i32 = ENTRIES_AT + MAX_ENTRIES * ENTRY_BYTES;
export const HIT_INDEX_AT: i32 = WORD_HASHES_AT + WORD_HASH_CAPACITY * 4;
export const HIT_START_AT: i32 = HIT_INDEX_AT + HIT_CAPACITY * 4;
export const HIT_END_AT: i32 = HIT_START_AT + HIT_CAPACITY * 4;
/** Per hit: where its theme-pattern atoms start in ATOMS, and how many. */
export const HIT_ATOMS_FIRST_AT: i32 = HIT_END_AT + HIT_CAPACITY * 4;
export const HIT_ATOMS_COUNT_AT: i32 = HIT_ATOMS_FIRST_AT + HIT_CAPACITY * 4;
export const ATOM_CAPACITY: i32 = 1 << 18;
export const ATOMS_AT: i32 = HIT_ATOMS_COUNT_AT + HIT_CAPACITY * 4;
const POOL_AT: i32 = ATOMS_AT + ATOM_CAPACITY * 4;
export const TABLE_BYTES: i32 = POOL_AT + POOL_UNITS * 2 + READ_PAST;
export const ENTRIES: i32 = ENTRIES_AT;
// Fields of a token's record: these set by the table...
const HASH: i32 = 0;
const LENGTH: i32 = 4;
const POOL_OFFSET: i32 = 8;
const INLINE_UNITS: i32 = 48; // the first 8 units, enough to compare most tokens without the pool
// ...and these by the JavaScript side
export const VALUE: i32 = 12;
export const NEGATOR: i32 = 16;
export const WORD_COUNT: i32 = 20;
/** Where the token's word-hash pairs start in WORD_HASHES (when it has more than one word). */
export const WORD_START: i32 = 24;
/** The pair of a one-word token. */
export const WORD_A: i32 = 28;
export const WORD_B: i32 = 32;
export const THEME_WORDS: i32 = 36;
export const HIT_FIRST: i32 = 40;
export const HIT_COUNT: i32 = 44;

// Shared by all tables of an instance (one instance per thread).
export const CLASSES: usize = memory.data(65536);
export const MISSING_CAPACITY: i32 = 4096;
/** Unknown units: one u16 each. */
export const MISSING_CLASSES: usize = memory.data(MISSING_CAPACITY * 2);
/** Tokens not in the table: start, end, hash (three i32 each). */
export const MISSING_TOKENS: usize = memory.data(MISSING_CAPACITY * 12);
export const HITS_CAPACITY: i32 = 1 << 16;
/** Theme-word hits of the answer being scanned: word position, start, end, the table's hit (four i32 each). */
const HITS: usize = memory.data(HITS_CAPACITY * 16);
/** Results of the last scan: score, tokens, hits, missing count, codes (i32 each). */
export const RESULT: usize = memory.data(20);
// The fields of RESULT, in bytes from its start (each an i32).
export const RESULT_SCORE: i32 = 0;
export const RESULT_TOKENS: i32 = 4;
export const RESULT_HITS: i32 = 8;
export const RESULT_MISSING: i32 = 12;
export const RESULT_CODES: i32 = 16;

// The signature being built (see signature.ts): 128 bin minimums, then the state words.
const BINS: i32 = 128;
const SHINGLE_WORDS: u32 = 3;
const SEED: u32 = 0x5bd1e995;
const SIGNATURE_STATE: usize = memory.data(BINS * 4 + 24);
const SIGNATURE_BACKUP: usize = memory.data(BINS * 4 + 24);
const EXACT_A: usize = SIGNATURE_STATE + BINS * 4;
const EXACT_B: usize = EXACT_A + 4;
const WORDS: usize = EXACT_A + 8;
const FILLED: usize = EXACT_A + 12;
const PREVIOUS_1: usize = EXACT_A + 16;
const PREVIOUS_2: usize = EXACT_A + 20;
/** Where finishSignature writes the signature (SIGNATURE_WORDS u32). */
export const SIGNATURE_OUT: usize = memory.data(128);
let rightLow: u64 = 0;
let rightHigh: u64 = 0;
let andA: u32 = 0;
let andB: u32 = 0;

/** First address free for tables and texts. */
export function heapBase(): usize {
  return __heap_base;
}

/**
 * The two word hashes "&" adds, and each bin's borrowing direction as a 128-bit mask in four words
 * (both worked out in JavaScript, so they are defined once).
 */
export function setUp(andWordA: u32, andWordB: u32, borrow0: u32, borrow1: u32, borrow2: u32, borrow3: u32): void {
  andA = andWordA;
  andB = andWordB;
  rightLow = <u64>borrow0 | (<u64>borrow1 << 32);
  rightHigh = <u64>borrow2 | (<u64>borrow3 << 32);
}

@inline function mix32(value: u32): u32 {
  let h = value;
  h ^= h >>> 16;
  h *= 0x85ebca6b;
  h ^= h >>> 13;
  h *= 0xc2b2ae35;
  h ^= h >>> 16;
  return h;
}

export function beginSignature(): void {
  memory.fill(SIGNATURE_STATE, 0xff, BINS * 4);
  memory.fill(EXACT_A, 0, 24);
  store<u32>(EXACT_A, FNV_OFFSET);
  store<u32>(EXACT_B, SEED);
}

@inline function addShingle(shingle: u32): u32 {
  const h = mix32(shingle ^ SEED);
  const at = SIGNATURE_STATE + ((h >>> 25) << 2);
  const current = load<u32>(at);
  // an empty bin holds 0xffffffff, so the smaller value is right either way (no branch: bins are random)
  store<u32>(at, min(current, h & 0x1ffffff));
  return <u32>(current == 0xffffffff);
}

@inline function endWord(wordA: u32, wordB: u32): void {
  const words = load<u32>(WORDS);
  store<u32>(EXACT_A, ((load<u32>(EXACT_A) ^ wordA) * FNV_PRIME) + words);
  const exactB = load<u32>(EXACT_B);
  store<u32>(EXACT_B, ((exactB ^ wordB) * 0x9e3779b1) + (exactB >>> 13));
  store<u32>(WORDS, words + 1);
  const previous1 = load<u32>(PREVIOUS_1);
  if (words + 1 >= SHINGLE_WORDS) {
    const shingle = load<u32>(PREVIOUS_2) * 0x9e3779b1 + previous1 * 0x85ebca77 + wordA * 0xc2b2ae3d;
    store<u32>(FILLED, load<u32>(FILLED) + addShingle(shingle));
  }
  store<u32>(PREVIOUS_2, previous1);
  store<u32>(PREVIOUS_1, wordA);
}

/** Each bin's 4-bit value, before they are packed two to a byte. */
const NIBBLES: usize = memory.data(BINS);

/** Finish the signature into SIGNATURE_OUT (layout in signature.ts). */
export function finishSignature(): void {
  const words = load<u32>(WORDS);
  if (words > 0 && words < SHINGLE_WORDS) {
    const previous1 = load<u32>(PREVIOUS_1);
    const previous2 = load<u32>(PREVIOUS_2);
    const shingle = words == 1 ? previous1 * 0x9e3779b1 : previous2 * 0x9e3779b1 + previous1 * 0x85ebca77 + 1;
    store<u32>(FILLED, load<u32>(FILLED) + addShingle(shingle));
  }
  store<u32>(SIGNATURE_OUT, mix32(load<u32>(EXACT_A) ^ words));
  store<u32>(SIGNATURE_OUT + 4, mix32(load<u32>(EXACT_B) + words));
  store<u32>(SIGNATURE_OUT + 8, words);
  if (load<u32>(FILLED) == 0) {
    memory.fill(SIGNATURE_OUT + 12, 0, BINS / 2);
    return;
  }
  // Filled bins: the minimum is already a well-mixed hash, its low bits are the b-bit MinHash value.
  // Sixteen bins at a time: their low four bits narrowed to bytes, and which of them are filled.
  let low: u64 = 0;
  let high: u64 = 0;
  const emptyBin = i32x4.splat(-1);
  const lowBits = i32x4.splat(0x0f);
  for (let group = 0; group < 8; group++) {
    const at = SIGNATURE_STATE + (<usize>group << 6);
    const a = v128.load(at);
    const b = v128.load(at + 16);
    const c = v128.load(at + 32);
    const d = v128.load(at + 48);
    const nibbles = i8x16.narrow_i16x8_u(
      i16x8.narrow_i32x4_u(v128.and(a, lowBits), v128.and(b, lowBits)),
      i16x8.narrow_i32x4_u(v128.and(c, lowBits), v128.and(d, lowBits)),
    );
    v128.store(NIBBLES + (<usize>group << 4), nibbles);
    const empty =
      i32x4.bitmask(i32x4.eq(a, emptyBin)) |
      (i32x4.bitmask(i32x4.eq(b, emptyBin)) << 4) |
      (i32x4.bitmask(i32x4.eq(c, emptyBin)) << 8) |
      (i32x4.bitmask(i32x4.eq(d, emptyBin)) << 12);
    const filled = <u64>(~empty & 0xffff);
    if (group < 4) low |= filled << <u64>(group << 4);
    else high |= filled << <u64>((group - 4) << 4);
  }
  // Empty bins borrow from the nearest filled bin in their direction (signature.ts walks there; here
  // bit scans over which bins are filled find it, and nothing branches on a bin's direction).
  borrow(~low & rightLow, 0, true, low, high);
  borrow(~high & rightHigh, 64, true, low, high);
  borrow(~low & ~rightLow, 0, false, low, high);
  borrow(~high & ~rightHigh, 64, false, low, high);
  // two bins to a byte (even bin in the low four bits): as 16-bit lanes (even | odd << 8), each lane
  // becomes even | odd << 4, and pairs of vectors narrow to bytes
  const lowByte = i16x8.splat(0xff);
  for (let at: usize = 0; at < <usize>BINS; at += 32) {
    const first = v128.load(NIBBLES + at);
    const second = v128.load(NIBBLES + at + 16);
    const packedFirst = v128.or(v128.and(first, lowByte), i16x8.shr_u(first, 4));
    const packedSecond = v128.or(v128.and(second, lowByte), i16x8.shr_u(second, 4));
    v128.store(SIGNATURE_OUT + 12 + (at >>> 1), i8x16.narrow_i16x8_u(packedFirst, packedSecond));
  }
}

/** Set the value of each empty bin in `empty` (bins `offset` + bit) from the filled bin it borrows from. */
@inline function borrow(empty: u64, offset: i32, right: bool, low: u64, high: u64): void {
  while (empty != 0) {
    const bin = <i32>ctz(empty) + offset;
    empty &= empty - 1;
    const distance = right ? distanceRight(bin, low, high) : distanceLeft(bin, low, high);
    const from = (right ? bin + distance : bin - distance) & (BINS - 1);
    const value = load<u32>(SIGNATURE_STATE + (<usize>from << 2));
    store<u8>(NIBBLES + bin, <u8>(mix32(value + <u32>distance * 0x9e3779b9) & 0x0f));
  }
}

/** Steps from empty `bin` up (wrapping round) to the nearest filled bin; `low` and `high` mark filled bins 0-63 and 64-127. */
@inline function distanceRight(bin: i32, low: u64, high: u64): i32 {
  if (bin < 63) {
    const after = low >> <u64>(bin + 1);
    if (after != 0) return <i32>ctz(after) + 1;
    if (high != 0) return 64 - bin + <i32>ctz(high);
    return 128 - bin + <i32>ctz(low);
  }
  if (bin < 127) {
    const after = high >> <u64>(bin - 63);
    if (after != 0) return <i32>ctz(after) + 1;
  }
  if (low != 0) return 128 - bin + <i32>ctz(low);
  return 192 - bin + <i32>ctz(high);
}

/** Steps from empty `bin` down (wrapping round) to the nearest filled bin. */
@inline function distanceLeft(bin: i32, low: u64, high: u64): i32 {
  if (bin > 64) {
    const before = high << <u64>(128 - bin);
    if (before != 0) return <i32>clz(before) + 1;
  }
  if (bin >= 64) {
    if (low != 0) return bin - 63 + <i32>clz(low);
    return bin + 1 + <i32>clz(high);
  }
  if (bin > 0) {
    const before = low << <u64>(64 - bin);
    if (before != 0) return <i32>clz(before) + 1;
  }
  if (high != 0) return bin + 1 + <i32>clz(high);
  return bin + 65 + <i32>clz(low);
}

/** Empty a table (when it is full: a consultation's vocabulary rarely fills one). */
export function clearTable(table: usize): void {
  memory.fill(table + SLOTS_AT, 0, MAX_SLOTS * 4);
  store<i32>(table + COUNT_AT, 0);
  store<i32>(table + POOL_USED_AT, 0);
  store<i32>(table + SLOT_MASK_AT, FIRST_SLOTS - 1);
}

@inline function slotOf(hash: u32, mask: i32): i32 {
  return <i32>((hash * 0x9e3779b1) & <u32>mask);
}

/**
 * Hash of the `length` units at `source`, four units (8 bytes) at a time. Reads up to 6 bytes past
 * the end (texts and pools are allocated with room for that); those bytes are masked off.
 */
@inline function tokenHash(source: usize, length: i32): u32 {
  let h: u64 = <u64>length * 0x9e3779b97f4a7c15;
  let k = 0;
  for (; k + 4 <= length; k += 4) {
    h = (h ^ load<u64>(source + (<usize>k << 1))) * 0xff51afd7ed558ccd;
    h ^= h >> 32;
  }
  if (k < length) {
    const mask: u64 = (<u64>1 << (<u64>(length - k) << 4)) - 1;
    h = (h ^ (load<u64>(source + (<usize>k << 1)) & mask)) * 0xff51afd7ed558ccd;
    h ^= h >> 32;
  }
  return <u32>(h ^ (h >> 29));
}

/** How many of the 8 units at `at` are ASCII letters or digits before the first that is not (8 when all are). */
@inline function asciiAlphanumerics(at: usize): i32 {
  const units = v128.load(at);
  const letter = i16x8.lt_u(i16x8.sub(v128.or(units, i16x8.splat(0x20)), i16x8.splat(0x61)), i16x8.splat(26));
  const digit = i16x8.lt_u(i16x8.sub(units, i16x8.splat(0x30)), i16x8.splat(10));
  return ctz<i32>(~i16x8.bitmask(v128.or(letter, digit)));
}

/** Do the `length` units at `a` and `b` agree? Up to 8 units are compared with masks, without a loop. */
@inline function sameUnits(a: usize, b: usize, length: i32): bool {
  if (length <= 8) {
    const low: u64 = length >= 4 ? <u64>-1 : (<u64>1 << (<u64>length << 4)) - 1;
    const high: u64 = length >= 8 ? <u64>-1 : length <= 4 ? 0 : (<u64>1 << (<u64>(length - 4) << 4)) - 1;
    return (((load<u64>(a) ^ load<u64>(b)) & low) | ((load<u64>(a + 8) ^ load<u64>(b + 8)) & high)) == 0;
  }
  let k = 0;
  while (k + 4 <= length && load<u64>(a + (<usize>k << 1)) == load<u64>(b + (<usize>k << 1))) k += 4;
  while (k < length && load<u16>(a + (<usize>k << 1)) == load<u16>(b + (<usize>k << 1))) k++;
  return k == length;
}

@inline function entryAt(table: usize, entry: i32): usize {
  return table + ENTRIES_AT + (<usize>entry << 6);
}

/** The entry of token text[start, end) with this hash, or -1. */
@inline function findEntry(table: usize, text: usize, start: i32, end: i32, hash: u32): i32 {
  const length = end - start;
  const mask = load<i32>(table + SLOT_MASK_AT);
  let slot = slotOf(hash, mask);
  const source = text + (<usize>start << 1);
  for (;;) {
    const entry = load<i32>(table + SLOTS_AT + (<usize>slot << 2)) - 1;
    if (entry < 0) return -1;
    const record = entryAt(table, entry);
    if (load<u32>(record + HASH) == hash && load<i32>(record + LENGTH) == length) {
      const units = length <= 8 ? record + INLINE_UNITS : table + POOL_AT + (<usize>load<i32>(record + POOL_OFFSET) << 1);
      if (sameUnits(units, source, length)) return entry;
    }
    slot = (slot + 1) & mask;
  }
  return -1; // not reached: the table always has an empty slot
}

export function find(table: usize, text: usize, start: i32, end: i32, hash: u32): i32 {
  return findEntry(table, text, start, end, hash);
}

function place(table: usize, entry: i32, mask: i32): void {
  let slot = slotOf(load<u32>(entryAt(table, entry) + HASH), mask);
  while (load<i32>(table + SLOTS_AT + (<usize>slot << 2)) != 0) slot = (slot + 1) & mask;
  store<i32>(table + SLOTS_AT + (<usize>slot << 2), entry + 1);
}

/**
 * Add token text[start, end) (not in the table); returns its entry, whose record the caller fills
 * in, or -1 when the table is full.
 */
export function insert(table: usize, text: usize, start: i32, end: i32, hash: u32): i32 {
  const count = load<i32>(table + COUNT_AT);
  const poolUsed = load<i32>(table + POOL_USED_AT);
  const length = end - start;
  if (count >= MAX_ENTRIES || poolUsed + length > POOL_UNITS) return -1;
  const record = entryAt(table, count);
  memory.fill(record, 0, ENTRY_BYTES);
  store<u32>(record + HASH, hash);
  store<i32>(record + LENGTH, length);
  if (length <= 8) memory.copy(record + INLINE_UNITS, text + (<usize>start << 1), <usize>length << 1);
  else {
    memory.copy(table + POOL_AT + (<usize>poolUsed << 1), text + (<usize>start << 1), <usize>length << 1);
    store<i32>(record + POOL_OFFSET, poolUsed);
    store<i32>(table + POOL_USED_AT, poolUsed + length);
  }
  store<i32>(table + COUNT_AT, count + 1);
  let mask = load<i32>(table + SLOT_MASK_AT);
  if ((count + 1) * 2 > mask + 1) {
    // grow the slots: twice as many, every entry placed again
    mask = mask * 2 + 1;
    store<i32>(table + SLOT_MASK_AT, mask);
    memory.fill(table + SLOTS_AT, 0, (<usize>mask + 1) << 2);
    for (let entry = 0; entry < count; entry++) place(table, entry, mask);
  }
  place(table, count, mask);
  return count;
}

/** Could the "&" at `at` start an HTML entity ("&#...", or a name of two letters or more)? */
@inline function entityLike(text: usize, length: i32, at: i32): bool {
  const next: u32 = at + 1 < length ? <u32>load<u16>(text + (<usize>(at + 1) << 1)) : 32;
  if (next == 35) return true;
  const after: u32 = at + 2 < length ? <u32>load<u16>(text + (<usize>(at + 2) << 1)) | 32 : 32;
  const lower = next | 32;
  return lower >= 97 && lower <= 122 && after >= 97 && after <= 122;
}

function fail(signature: i32): i32 {
  if (signature) memory.copy(SIGNATURE_STATE, SIGNATURE_BACKUP, BINS * 4 + 24);
  return FALLBACK;
}

/**
 * Scan the `length` UTF-16 units at `text` with `table`; with `signature` non-zero, add the text's
 * words to the signature being built; with a coding `frame` (non-zero), code the text with it.
 * Returns DONE (RESULT, and the frame's CODES, hold the results), FALLBACK,
 * NEED_CLASSES or NEED_TOKENS; on anything but DONE the signature is as it was before the call.
 */
export function scan(table: usize, text: usize, length: i32, signature: i32, frame: usize): i32 {
  if (signature) memory.copy(SIGNATURE_BACKUP, SIGNATURE_STATE, BINS * 4 + 24);
  let score: i32 = 0;
  let tokens: i32 = 0;
  let negate = false;
  let hits: i32 = 0;
  let position: i32 = 0;
  let start: i32 = -1;
  let andAfter = false;
  let missingClasses: i32 = 0;
  let missingTokens: i32 = 0;
  for (let i: i32 = 0; i <= length; i++) {
    if (i < length) {
      const code = load<u16>(text + (<usize>i << 1));
      let kind = load<u8>(CLASSES + code);
      if (kind == UNKNOWN) {
        if (missingClasses < MISSING_CAPACITY) store<u16>(MISSING_CLASSES + (<usize>missingClasses << 1), code);
        missingClasses++;
        kind = TOKEN;
      }
      if (kind == TOKEN) {
        if (start < 0) start = i;
        // ASCII letters and digits (always TOKEN) are skipped eight at a time
        while (i + 9 <= length) {
          const run = asciiAlphanumerics(text + (<usize>(i + 1) << 1));
          if (run < 8) {
            i += run;
            break;
          }
          i += 8;
        }
        continue;
      }
      if (kind != SEPARATOR) {
        if (kind == SLOW) return fail(signature);
        if (kind == CARRIAGE_RETURN) {
          if (i + 1 >= length || load<u16>(text + (<usize>(i + 1) << 1)) != 10) return fail(signature);
        } else if (signature) {
          if (kind == BACKTICK || entityLike(text, length, i)) return fail(signature);
          andAfter = true;
        }
      }
    }
    if (start >= 0 && missingClasses == 0) {
      // the token [start, i) is complete
      const hash = tokenHash(text + (<usize>start << 1), i - start);
      const entry = findEntry(table, text, start, i, hash);
      if (entry < 0) {
        if (missingTokens < MISSING_CAPACITY) {
          const at = MISSING_TOKENS + <usize>missingTokens * 12;
          store<i32>(at, start);
          store<i32>(at + 4, i);
          store<u32>(at + 8, hash);
        }
        missingTokens++;
      } else if (missingTokens == 0) {
        const record = entryAt(table, entry);
        tokens++;
        const value = load<i32>(record + VALUE);
        score += negate ? -value : value;
        negate = load<i32>(record + NEGATOR) == 1;
        if (signature) {
          const words = load<i32>(record + WORD_COUNT);
          if (words == 1) endWord(load<u32>(record + WORD_A), load<u32>(record + WORD_B));
          else if (words > 1) {
            const first = load<i32>(record + WORD_START);
            for (let k = first, end = first + 2 * words; k < end; k += 2) {
              endWord(load<u32>(table + WORD_HASHES_AT + (<usize>k << 2)), load<u32>(table + WORD_HASHES_AT + (<usize>(k + 1) << 2)));
            }
          }
        }
        const hitFirst = load<i32>(record + HIT_FIRST);
        const hitEnd = hitFirst + load<i32>(record + HIT_COUNT);
        for (let h = hitFirst; h < hitEnd; h++) {
          if (hits >= HITS_CAPACITY) return fail(signature);
          const out = HITS + (<usize>hits << 4);
          const hitAt = <usize>h << 2;
          store<i32>(out, position + load<i32>(table + HIT_INDEX_AT + hitAt));
          store<i32>(out + 4, start + load<i32>(table + HIT_START_AT + hitAt));
          store<i32>(out + 8, start + load<i32>(table + HIT_END_AT + hitAt));
          store<i32>(out + 12, h);
          hits++;
        }
        position += load<i32>(record + THEME_WORDS);
      }
    }
    if (andAfter) {
      if (missingClasses == 0 && missingTokens == 0) endWord(andA, andB);
      andAfter = false;
    }
    start = -1;
  }
  if (missingClasses > 0 || missingTokens > 0) {
    if (signature) memory.copy(SIGNATURE_STATE, SIGNATURE_BACKUP, BINS * 4 + 24);
    store<i32>(RESULT + RESULT_MISSING, missingClasses > 0 ? min(missingClasses, MISSING_CAPACITY) : min(missingTokens, MISSING_CAPACITY));
    return missingClasses > 0 ? NEED_CLASSES : NEED_TOKENS;
  }
  let codes = 0;
  if (frame != 0 && hits > 0) {
    codes = match(frame, table, hits);
    if (codes < 0) return fail(signature);
  }
  store<i32>(RESULT + RESULT_SCORE, score);
  store<i32>(RESULT + RESULT_TOKENS, tokens);
  store<i32>(RESULT + RESULT_HITS, hits);
  store<i32>(RESULT + RESULT_CODES, codes);
  return DONE;
}

/*
 * Theme coding of one answer from its hits: the phrase matching of QuestionMatcher.match
 * (src/analysis/themes/matcher.ts), over a coding frame the JavaScript side lays out as i32s at
 * `frame` (offsets below in i32s from the frame's start; see codingFrame in answer-scan.ts).
 */
export const FRAME_THEMES: i32 = 0;
export const FRAME_ATOMS: i32 = 1;
/** Per atom: first phrase starting with it, and how many (phrases are grouped by first atom). */
export const FRAME_BY_ATOM: i32 = 2;
/** Per phrase: theme, exclude (0 or 1), atom count, first atom in FRAME_PHRASE_ATOMS. */
export const FRAME_PHRASES: i32 = 3;
export const FRAME_PHRASE_ATOMS: i32 = 4;
/** Per theme: first ancestor in FRAME_ANCESTOR_LIST, and how many (nearest first). */
export const FRAME_ANCESTORS: i32 = 5;
export const FRAME_ANCESTOR_LIST: i32 = 6;
/** Scratch per theme: evidence from and to (hit numbers; from is -1 when not coded), via (-1 for none). */
export const FRAME_EVIDENCE_FROM: i32 = 7;
export const FRAME_EVIDENCE_TO: i32 = 8;
export const FRAME_VIA: i32 = 9;
export const FRAME_CODED: i32 = 10;
/** The answer's codes: theme, evidence start, evidence end, via (four i32 each), as QuestionMatcher.lastCodes. */
export const FRAME_CODES: i32 = 11;
/** Scratch for matches (theme, from hit, to hit, exclude), and how many fit. */
export const FRAME_MATCHES: i32 = 12;
export const FRAME_MATCH_CAPACITY: i32 = 13;
export const FRAME_HEADER: i32 = 14;

@inline function at(frame: usize, field: i32): usize {
  return frame + (<usize>load<i32>(frame + (<usize>field << 2)) << 2);
}

@inline function hitHas(table: usize, hit: i32, atom: i32): bool {
  const h = <usize>load<i32>(HITS + (<usize>hit << 4) + 12) << 2;
  const first = load<i32>(table + HIT_ATOMS_FIRST_AT + h);
  const end = first + load<i32>(table + HIT_ATOMS_COUNT_AT + h);
  for (let a = first; a < end; a++) if (load<i32>(table + ATOMS_AT + (<usize>a << 2)) == atom) return true;
  return false;
}

/** Code the answer whose `hits` hits are in HITS; returns how many codes are in FRAME_CODES, or -1 when matches overflow. */
function match(frame: usize, table: usize, hits: i32): i32 {
  const atomCount = load<i32>(frame + (<usize>FRAME_ATOMS << 2));
  const byAtom = at(frame, FRAME_BY_ATOM);
  const phrases = at(frame, FRAME_PHRASES);
  const phraseAtoms = at(frame, FRAME_PHRASE_ATOMS);
  const matchList = at(frame, FRAME_MATCHES);
  const capacity = load<i32>(frame + (<usize>FRAME_MATCH_CAPACITY << 2));
  let matches = 0;
  let excludes = 0;
  for (let k = 0; k < hits; k++) {
    const h = <usize>load<i32>(HITS + (<usize>k << 4) + 12) << 2;
    const atomsFirst = load<i32>(table + HIT_ATOMS_FIRST_AT + h);
    const atomsEnd = atomsFirst + load<i32>(table + HIT_ATOMS_COUNT_AT + h);
    for (let a = atomsFirst; a < atomsEnd; a++) {
      const first = load<i32>(table + ATOMS_AT + (<usize>a << 2));
      if (first >= atomCount) continue;
      const phraseFirst = load<i32>(byAtom + (<usize>first << 3));
      const phraseEnd = phraseFirst + load<i32>(byAtom + (<usize>first << 3) + 4);
      for (let p = phraseFirst; p < phraseEnd; p++) {
        const phrase = phrases + (<usize>p << 4);
        const length = load<i32>(phrase + 8);
        const last = k + length - 1;
        if (last >= hits || load<i32>(HITS + (<usize>last << 4)) - load<i32>(HITS + (<usize>k << 4)) != last - k) continue;
        const atoms = phraseAtoms + (<usize>load<i32>(phrase + 12) << 2);
        let ok = true;
        for (let j = 1; j < length && ok; j++) ok = hitHas(table, k + j, load<i32>(atoms + (<usize>j << 2)));
        if (!ok) continue;
        if (matches >= capacity) return -1;
        const out = matchList + (<usize>matches << 4);
        const exclude = load<i32>(phrase + 4);
        store<i32>(out, load<i32>(phrase));
        store<i32>(out + 4, k);
        store<i32>(out + 8, last);
        store<i32>(out + 12, exclude);
        matches++;
        excludes += exclude;
      }
    }
  }
  const evidenceFrom = at(frame, FRAME_EVIDENCE_FROM);
  const evidenceTo = at(frame, FRAME_EVIDENCE_TO);
  const via = at(frame, FRAME_VIA);
  const coded = at(frame, FRAME_CODED);
  let codedCount = 0;
  for (let m = 0; m < matches; m++) {
    const entry = matchList + (<usize>m << 4);
    if (load<i32>(entry + 12)) continue;
    const theme = load<i32>(entry);
    if (load<i32>(evidenceFrom + (<usize>theme << 2)) != -1) continue;
    const from = load<i32>(entry + 4);
    const to = load<i32>(entry + 8);
    let cancelled = false;
    for (let x = 0; x < matches && excludes > 0 && !cancelled; x++) {
      const other = matchList + (<usize>x << 4);
      cancelled = load<i32>(other + 12) == 1 && load<i32>(other) == theme && load<i32>(other + 4) <= to && from <= load<i32>(other + 8);
    }
    if (cancelled) continue;
    store<i32>(evidenceFrom + (<usize>theme << 2), from);
    store<i32>(evidenceTo + (<usize>theme << 2), to);
    store<i32>(coded + (<usize>codedCount << 2), theme);
    codedCount++;
  }
  if (codedCount == 0) return 0;
  const ancestors = at(frame, FRAME_ANCESTORS);
  const ancestorList = at(frame, FRAME_ANCESTOR_LIST);
  const direct = codedCount;
  for (let c = 0; c < direct; c++) {
    const theme = load<i32>(coded + (<usize>c << 2));
    const first = load<i32>(ancestors + (<usize>theme << 3));
    const end = first + load<i32>(ancestors + (<usize>theme << 3) + 4);
    for (let a = first; a < end; a++) {
      const ancestor = load<i32>(ancestorList + (<usize>a << 2));
      if (load<i32>(evidenceFrom + (<usize>ancestor << 2)) != -1) continue;
      store<i32>(evidenceFrom + (<usize>ancestor << 2), load<i32>(evidenceFrom + (<usize>theme << 2)));
      store<i32>(evidenceTo + (<usize>ancestor << 2), load<i32>(evidenceTo + (<usize>theme << 2)));
      store<i32>(via + (<usize>ancestor << 2), theme);
      store<i32>(coded + (<usize>codedCount << 2), ancestor);
      codedCount++;
    }
  }
  // codeframe order (insertion sort: a handful of themes)
  for (let i = 1; i < codedCount; i++) {
    const theme = load<i32>(coded + (<usize>i << 2));
    let j = i - 1;
    while (j >= 0 && load<i32>(coded + (<usize>j << 2)) > theme) {
      store<i32>(coded + (<usize>(j + 1) << 2), load<i32>(coded + (<usize>j << 2)));
      j--;
    }
    store<i32>(coded + (<usize>(j + 1) << 2), theme);
  }
  const codes = at(frame, FRAME_CODES);
  for (let c = 0; c < codedCount; c++) {
    const theme = load<i32>(coded + (<usize>c << 2));
    const out = codes + (<usize>c << 4);
    const t = <usize>theme << 2;
    store<i32>(out, theme);
    store<i32>(out + 4, load<i32>(HITS + (<usize>load<i32>(evidenceFrom + t) << 4) + 4));
    store<i32>(out + 8, load<i32>(HITS + (<usize>load<i32>(evidenceTo + t) << 4) + 8));
    store<i32>(out + 12, load<i32>(via + t));
    store<i32>(evidenceFrom + t, -1);
    store<i32>(via + t, -1);
  }
  return codedCount;
}
