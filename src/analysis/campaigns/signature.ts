/**
 * Per-response campaign signature: pure and cheap, so worker threads can compute it for every row
 * and hand the main thread a few dozen 32-bit words instead of the text.
 *
 * Layout of the Uint32Array (SIGNATURE_WORDS long):
 *   [0], [1]  64-bit hash of the normalised text (exact duplicates)
 *   [2]       number of words after normalisation
 *   [3..]     SIGNATURE_BINS 4-bit MinHash values, two to a byte (SIGNATURE_BYTES bytes)
 *
 * The MinHash is "one permutation hashing" (Li, Owen and Zhang 2012): each 3-word shingle is hashed
 * once, the top bits choose one of 128 bins and the bin keeps the smallest remaining bits. Empty bins
 * borrow from the nearest filled bin in a fixed, seeded direction ("densification", Shrivastava 2017),
 * so every bin is comparable. Cost is one hash per shingle rather than one per shingle per hash
 * function, which is what makes a million long responses affordable. Each bin keeps only its low
 * 4 bits ("b-bit MinHash", Li and König 2010): for the high similarities that matter here that loses
 * little precision and halves the memory per text; the chance agreement it adds (1 in 16) is
 * corrected for in `estimateJaccard`.
 */
import { lowerCaseUnit } from '../themes/tokens.js';
import { decodeEntities, normaliseText } from './normalise.js';

const WORD_CHAR = /[\p{L}\p{N}]/u;

export const SIGNATURE_BINS = 128;
export const SHINGLE_WORDS = 3;
const BIN_BITS = 7; // 2^7 = 128 bins
const HEADER_WORDS = 3;
/** Bytes of MinHash values per signature: two 4-bit bins to a byte. */
export const SIGNATURE_BYTES = SIGNATURE_BINS / 2;
export const SIGNATURE_WORDS = HEADER_WORDS + SIGNATURE_BYTES / 4;
/** Chance that two unrelated 4-bit bins agree. */
const CHANCE = 1 / 16;
const SEED = 0x5bd1e995;

/** A well-mixed 32-bit finaliser (the MurmurHash3 constants). */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// Direction each empty bin looks in for a value to borrow: fixed for all texts, so borrowed values agree.
export const BORROW_RIGHT = new Uint8Array(SIGNATURE_BINS).map((_, bin) => mix32(bin ^ SEED) & 1);

/*
 * What each UTF-16 unit is after normalisation, learnt lazily per unit:
 *   SEPARATOR  anything not a letter or digit (becomes a space)
 *   WORD       a letter or digit; FOLD holds its lower-case form
 *   DROP       an apostrophe (vanishes: don't = dont)
 *   AMPERSAND  "&", read as the word "and"
 *   UNSAFE     lower-casing it alone could differ from lower-casing the text (a capital sigma, a
 *              letter whose lower case is two units, a surrogate): such texts take the slow path.
 */
const UNKNOWN = 0;
const SEPARATOR = 1;
const WORD = 2;
const DROP = 3;
const AMPERSAND = 4;
const UNSAFE = 5;
const KIND = new Uint8Array(65536);
const FOLD = new Uint16Array(65536);

function learnKind(code: number): number {
  let kind: number;
  const folded = lowerCaseUnit(code);
  if (code === 38) kind = AMPERSAND;
  else if (folded < 0) kind = UNSAFE;
  else {
    FOLD[code] = folded;
    if (folded === 39 || folded === 96 || folded === 0x2018 || folded === 0x2019 || folded === 0xb4) kind = DROP;
    else kind = WORD_CHAR.test(String.fromCharCode(folded)) ? WORD : SEPARATOR;
  }
  KIND[code] = kind;
  return kind;
}
for (let code = 0; code < 128; code++) learnKind(code);

/** Per-word hashes of the word "and" (what "&" reads as), as scan() computes them. */
const AND_A = [97, 110, 100].reduce((h, c) => Math.imul(h ^ c, 0x01000193), 0x811c9dc5) >>> 0;
const AND_B = wordHashB(AND_A, 3, 97, 100);

// Scratch state reused across calls (one set per thread), in a typed array so that no module-level
// number is reassigned in the hot loop (that would allocate a heap number each time).
const binMins = new Uint32Array(SIGNATURE_BINS);
const STATE = new Uint32Array(6);
const EXACT_A = 0;
const EXACT_B = 1;
const WORDS = 2;
const FILLED = 3;
const PREVIOUS_1 = 4;
const PREVIOUS_2 = 5;

/** The signature of one response's text; see the layout above. */
export function signature(text: string): Uint32Array {
  const out = new Uint32Array(SIGNATURE_WORDS);
  signatureInto(text, out, 0);
  return out;
}

/** One word of the normalised text, given its two hashes: exact hash, and the 3-word shingle it ends. */
function endWord(wordA: number, wordB: number): void {
  const words = STATE[WORDS]!;
  STATE[EXACT_A] = Math.imul(STATE[EXACT_A]! ^ wordA, 0x01000193) + words;
  const exactB = STATE[EXACT_B]!;
  STATE[EXACT_B] = Math.imul(exactB ^ wordB, 0x9e3779b1) + (exactB >>> 13);
  STATE[WORDS] = words + 1;
  const previous1 = STATE[PREVIOUS_1]!;
  if (words + 1 >= SHINGLE_WORDS) {
    STATE[FILLED] += addShingle(Math.imul(STATE[PREVIOUS_2]!, 0x9e3779b1) + Math.imul(previous1, 0x85ebca77) + Math.imul(wordA, 0xc2b2ae3d));
  }
  STATE[PREVIOUS_2] = previous1;
  STATE[PREVIOUS_1] = wordA;
}

/** The second hash of a word, from its first hash, length and first and last units. */
function wordHashB(hash: number, length: number, first: number, last: number): number {
  return mix32(hash ^ Math.imul(length, 0x9e3779b1) ^ (first << 16) ^ last);
}

/**
 * One pass over the text: each word of the normalised text is hashed (for the exact 64-bit hash)
 * and each 3-word shingle goes into its MinHash bin, without building any string. With
 * `normalised` false, returns false as soon as it meets a unit that needs the slow path (the caller
 * then scans normaliseText(text) with `normalised` true, where such units are letters already).
 */
function scan(text: string, normalised: boolean): boolean {
  beginSignature();
  // The current word: FNV-1a hash, length, first and last units (one multiply per unit; the word's
  // second hash is derived from these at its end).
  let hash = 0x811c9dc5;
  let length = 0;
  let first = 0;
  let last = 0;
  const end = text.length;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    let kind = KIND[code]!;
    let folded: number;
    if (code < 128) folded = code | 32; // ASCII letters and digits: lower case
    else {
      if (kind === UNKNOWN) kind = learnKind(code);
      if (kind === UNSAFE) {
        if (!normalised) return false;
        kind = WORD;
        folded = code;
      } else folded = FOLD[code]!;
    }
    if (kind === WORD) {
      hash = Math.imul(hash ^ folded, 0x01000193);
      if (length === 0) first = folded;
      last = folded;
      length++;
    } else if (kind !== DROP) {
      // a separator ends the word; "&" then adds the word "and"
      if (length > 0) {
        endWord(hash >>> 0, wordHashB(hash, length, first, last));
        hash = 0x811c9dc5;
        length = 0;
      }
      if (kind === AMPERSAND) endWord(AND_A, AND_B);
    }
  }
  if (length > 0) endWord(hash >>> 0, wordHashB(hash, length, first, last));
  return true;
}

/** Write the signature into `out` at `offset` (for packing many rows into one transferable buffer). */
export function signatureInto(text: string, out: Uint32Array, offset: number): void {
  // Words are hashed exactly as normaliseText(text) produces them (a test checks they agree) without
  // building the normalised string, except for the rare text that needs context-aware lower-casing.
  const source = decodeEntities(text);
  if (!scan(source, false)) scan(normaliseText(source), true);
  finishSignatureInto(out, offset);
}

/** Empty the signature state (each scan starts with it). */
function beginSignature(): void {
  binMins.fill(0xffffffff);
  STATE.fill(0);
  STATE[EXACT_A] = 0x811c9dc5;
  STATE[EXACT_B] = SEED;
}

/**
 * Append to `into` the two hashes of each word that `token` adds to the normalised text (what
 * pipeline/answer-scan.ts keeps per token, to build the same signature word by word). The token
 * must be a piece of text between separators that holds no "&", no backtick and no unit that needs
 * context-aware lower-casing (pipeline/answer-scan.ts sends other texts to signatureInto): then its
 * words do not depend on the text around it.
 */
export function tokenSignatureWords(token: string, into: number[]): void {
  let hash = 0x811c9dc5;
  let length = 0;
  let first = 0;
  let last = 0;
  for (let i = 0; i <= token.length; i++) {
    let kind = SEPARATOR;
    let folded = 0;
    if (i < token.length) {
      const code = token.charCodeAt(i);
      kind = KIND[code]!;
      if (kind === UNKNOWN) kind = learnKind(code);
      if (kind === AMPERSAND || kind === UNSAFE || code === 96) throw new Error('tokenSignatureWords: the token needs the whole-text path');
      folded = code < 128 ? code | 32 : FOLD[code]!;
    }
    if (kind === WORD) {
      hash = Math.imul(hash ^ folded, 0x01000193);
      if (length === 0) first = folded;
      last = folded;
      length++;
    } else if (kind !== DROP && length > 0) {
      into.push(hash >>> 0, wordHashB(hash, length, first, last));
      hash = 0x811c9dc5;
      length = 0;
    }
  }
}

/** Finish the signature scan built into `out` at `offset`. */
function finishSignatureInto(out: Uint32Array, offset: number): void {
  const words = STATE[WORDS]!;
  if (words > 0 && words < SHINGLE_WORDS) {
    // Too short for a shingle: the whole text is the one shingle.
    const previous1 = STATE[PREVIOUS_1]!;
    const previous2 = STATE[PREVIOUS_2]!;
    STATE[FILLED] += addShingle(words === 1 ? Math.imul(previous1, 0x9e3779b1) : Math.imul(previous2, 0x9e3779b1) + Math.imul(previous1, 0x85ebca77) + 1);
  }
  out[offset] = mix32(STATE[EXACT_A]! ^ words);
  out[offset + 1] = mix32(STATE[EXACT_B]! + words);
  out[offset + 2] = words;

  const filled = STATE[FILLED]!;
  const base = (offset + HEADER_WORDS) * 4;
  const bytes = new Uint8Array(out.buffer, out.byteOffset, out.length * 4);
  for (let bin = 0; bin < SIGNATURE_BINS; bin += 2) bytes[base + (bin >>> 1)] = binNibble(bin, filled) | (binNibble(bin + 1, filled) << 4);
}

/** The 4-bit value of one bin: its own minimum, or one borrowed from the nearest filled bin. */
function binNibble(bin: number, filled: number): number {
  if (filled === 0) return 0;
  const own = binMins[bin]!;
  // the minimum is already a well-mixed hash: its low bits are the b-bit MinHash value
  if (own !== 0xffffffff) return own & 0x0f;
  const step = BORROW_RIGHT[bin] ? 1 : SIGNATURE_BINS - 1;
  let from = bin;
  let distance = 0;
  do {
    from = (from + step) & (SIGNATURE_BINS - 1);
    distance++;
  } while (binMins[from] === 0xffffffff);
  return mix32(binMins[from]! + Math.imul(distance, 0x9e3779b9)) & 0x0f;
}

/** Put one shingle into its bin; returns 1 when that filled an empty bin. */
function addShingle(shingle: number): number {
  const h = mix32(shingle ^ SEED);
  const bin = h >>> (32 - BIN_BITS);
  const rest = h & ((1 << (32 - BIN_BITS)) - 1);
  const current = binMins[bin]!;
  if (current === 0xffffffff) {
    binMins[bin] = rest;
    return 1;
  }
  if (rest < current) binMins[bin] = rest;
  return 0;
}

/** The MinHash bytes of a signature (a view, no copy): SIGNATURE_BINS 4-bit values, two to a byte. */
export function signatureBins(sig: Uint32Array, offset = 0): Uint8Array {
  return new Uint8Array(sig.buffer, sig.byteOffset + (offset + HEADER_WORDS) * 4, SIGNATURE_BYTES);
}

/** The 4-bit MinHash value of `bin` in a run of signature bytes starting at `start`. */
export function binValue(bytes: Uint8Array, start: number, bin: number): number {
  const byte = bytes[start + (bin >>> 1)]!;
  return bin & 1 ? byte >>> 4 : byte & 0x0f;
}

/** Bins (of SIGNATURE_BINS) whose values agree between two byte runs. */
export function agreeingBins(a: Uint8Array, aStart: number, b: Uint8Array, bStart: number): number {
  let differ = 0;
  for (let i = 0; i < SIGNATURE_BYTES; i++) {
    const x = a[aStart + i]! ^ b[bStart + i]!;
    if (x !== 0) differ += (x & 0x0f ? 1 : 0) + (x & 0xf0 ? 1 : 0);
  }
  return SIGNATURE_BINS - differ;
}

/**
 * Estimated Jaccard similarity of two texts' shingle sets from their MinHash bytes. With 4-bit
 * values two unrelated bins still agree 1 time in 16, so the raw agreement is corrected for that.
 */
export function estimateJaccard(a: Uint8Array, aStart: number, b: Uint8Array, bStart: number): number {
  const raw = agreeingBins(a, aStart, b, bStart) / SIGNATURE_BINS;
  return Math.max(0, (raw - CHANCE) / (1 - CHANCE));
}

/** Fewest agreeing bins for an estimated Jaccard of at least `threshold`. */
export function binsNeeded(threshold: number): number {
  return Math.ceil((threshold * (1 - CHANCE) + CHANCE) * SIGNATURE_BINS - 1e-9);
}

/**
 * Bands and rows per band for LSH: the most rows per band (fewest chance candidates) that still
 * makes a pair at exactly the threshold a candidate with probability >= 0.995.
 */
export function chooseBands(threshold: number, bins = SIGNATURE_BINS): { bands: number; rows: number } {
  let best = { bands: bins, rows: 1 };
  for (let rows = 1; rows <= 16; rows++) {
    const bands = Math.floor(bins / rows);
    // chance agreement of 4-bit values only raises the odds, so the guarantee uses the threshold itself
    const p = threshold;
    const candidate = 1 - (1 - p ** rows) ** bands;
    if (candidate >= 0.995) best = { bands, rows };
  }
  return best;
}
