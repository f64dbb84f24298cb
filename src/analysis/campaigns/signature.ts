/**
 * Per-response campaign signature: pure and cheap, so worker threads can compute it for every row
 * and hand the main thread a few dozen 32-bit words instead of the text.
 *
 * Layout of the Uint32Array (SIGNATURE_WORDS long):
 *   [0], [1]  64-bit hash of the normalised text (exact duplicates)
 *   [2]       number of words after normalisation
 *   [3..]     SIGNATURE_BINS one-byte MinHash values, four to a word
 *
 * The MinHash is "one permutation hashing" (Li, Owen and Zhang 2012): each 3-word shingle is hashed
 * once, the top bits choose one of 128 bins and the bin keeps the smallest remaining bits. Empty bins
 * borrow from the nearest filled bin in a fixed, seeded direction ("densification", Shrivastava 2017),
 * so every bin is comparable. Cost is one hash per shingle rather than one per shingle per hash
 * function, which is what makes a million long responses affordable. Each bin keeps only its low
 * 8 bits ("b-bit MinHash"); the chance collisions that adds are corrected for in `estimateJaccard`.
 */
import { decodeEntities } from './normalise.js';

const WORD_CHAR = /[\p{L}\p{N}]/u;
const wordUnitCache = new Map<number, boolean>();

/** Is the non-ASCII UTF-16 unit at `i` part of a letter or digit (surrogate pairs judged as a whole)? */
function isWordUnit(text: string, i: number, code: number): boolean {
  if (code >= 0xd800 && code <= 0xdfff) {
    const point = text.codePointAt(code <= 0xdbff ? i : i - 1) ?? code;
    return WORD_CHAR.test(String.fromCodePoint(point));
  }
  let known = wordUnitCache.get(code);
  if (known === undefined) {
    known = WORD_CHAR.test(String.fromCharCode(code));
    wordUnitCache.set(code, known);
  }
  return known;
}

export const SIGNATURE_BINS = 128;
export const SHINGLE_WORDS = 3;
const BIN_BITS = 7; // 2^7 = 128 bins
const HEADER_WORDS = 3;
export const SIGNATURE_WORDS = HEADER_WORDS + SIGNATURE_BINS / 4;
const SEED = 0x5bd1e995;

/** A well-mixed 32-bit finaliser (the MurmurHash3 constants). */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// Direction each empty bin looks in for a value to borrow: fixed for all texts, so borrowed values agree.
const BORROW_RIGHT = new Uint8Array(SIGNATURE_BINS).map((_, bin) => mix32(bin ^ SEED) & 1);

// Scratch buffers reused across calls (one set per thread).
let wordHashes = new Uint32Array(256);
const binMins = new Uint32Array(SIGNATURE_BINS);

/** The signature of one response's text; see the layout above. */
export function signature(text: string): Uint32Array {
  const out = new Uint32Array(SIGNATURE_WORDS);
  signatureInto(text, out, 0);
  return out;
}

/** Write the signature into `out` at `offset` (for packing many rows into one transferable buffer). */
export function signatureInto(text: string, out: Uint32Array, offset: number): void {
  // One pass over the text producing exactly the character stream of normaliseText(text) (a test
  // checks they agree), without building the intermediate strings: this is the per-row hot path.
  const lower = decodeEntities(text).toLowerCase();
  let exactA = 0x811c9dc5;
  let exactB = SEED;
  let length = 0;
  let words = 0;
  let wordHash = 0x811c9dc5;
  let inWord = false;
  let spaceDue = false;
  const end = lower.length;
  // "&" reads as the word "and": the loop runs over the text, then over these three letters when due.
  let andAt = -1;
  for (let i = 0; i < end || andAt >= 0; i++) {
    let code: number;
    if (andAt >= 0) {
      code = andAt === 0 ? 97 : andAt === 1 ? 110 : andAt === 2 ? 100 : 32;
      andAt = andAt === 3 ? -1 : andAt + 1;
      i--;
    } else {
      code = lower.charCodeAt(i);
      if (code === 38) {
        andAt = 0;
        code = 32;
      }
    }
    let letter = (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
    if (!letter) {
      if (code === 39 || code === 96 || code === 0x2018 || code === 0x2019 || code === 0xb4) continue;
      letter = code >= 128 && isWordUnit(lower, i, code);
    }
    if (letter) {
      if (spaceDue) {
        exactA = Math.imul(exactA ^ 32, 0x01000193);
        exactB = Math.imul(exactB + 32, 0x9e3779b1) ^ (exactB >>> 15);
        length++;
        spaceDue = false;
      }
      exactA = Math.imul(exactA ^ code, 0x01000193);
      exactB = Math.imul(exactB + code, 0x9e3779b1) ^ (exactB >>> 15);
      length++;
      wordHash = Math.imul(wordHash ^ code, 0x01000193);
      inWord = true;
    } else if (inWord) {
      if (words >= wordHashes.length) growWords();
      wordHashes[words++] = wordHash >>> 0;
      wordHash = 0x811c9dc5;
      inWord = false;
      spaceDue = true;
    }
  }
  if (inWord) {
    if (words >= wordHashes.length) growWords();
    wordHashes[words++] = wordHash >>> 0;
  }
  out[offset] = mix32(exactA ^ length);
  out[offset + 1] = mix32(exactB + words);
  out[offset + 2] = words;

  binMins.fill(0xffffffff);
  let filled = 0;
  if (words > 0 && words < SHINGLE_WORDS) {
    // Too short for a shingle: the whole text is the one shingle.
    let h = 0;
    for (let w = 0; w < words; w++) h = Math.imul(h ^ wordHashes[w]!, 0x9e3779b1) + w;
    filled = addShingle(h, filled);
  } else {
    for (let w = 0; w + SHINGLE_WORDS <= words; w++) {
      filled = addShingle(
        Math.imul(wordHashes[w]!, 0x9e3779b1) + Math.imul(wordHashes[w + 1]!, 0x85ebca77) + Math.imul(wordHashes[w + 2]!, 0xc2b2ae3d),
        filled,
      );
    }
  }

  const base = (offset + HEADER_WORDS) * 4;
  const bytes = new Uint8Array(out.buffer, out.byteOffset, out.length * 4);
  for (let bin = 0; bin < SIGNATURE_BINS; bin++) {
    let value = 0;
    if (filled === 0) value = 0;
    else if (binMins[bin] !== 0xffffffff) value = mix32(binMins[bin]!);
    else {
      const step = BORROW_RIGHT[bin] ? 1 : SIGNATURE_BINS - 1;
      let from = bin;
      let distance = 0;
      do {
        from = (from + step) & (SIGNATURE_BINS - 1);
        distance++;
      } while (binMins[from] === 0xffffffff);
      value = mix32(binMins[from]! + Math.imul(distance, 0x9e3779b9));
    }
    bytes[base + bin] = value & 0xff;
  }
}

/** Put one shingle into its bin; returns the number of filled bins. */
function addShingle(shingle: number, filled: number): number {
  const h = mix32(shingle ^ SEED);
  const bin = h >>> (32 - BIN_BITS);
  const rest = h & ((1 << (32 - BIN_BITS)) - 1);
  const current = binMins[bin]!;
  if (current === 0xffffffff) {
    binMins[bin] = rest;
    return filled + 1;
  }
  if (rest < current) binMins[bin] = rest;
  return filled;
}

function growWords(): void {
  const bigger = new Uint32Array(wordHashes.length * 2);
  bigger.set(wordHashes);
  wordHashes = bigger;
}

/** The MinHash bytes of a signature (a view, no copy). */
export function signatureBins(sig: Uint32Array, offset = 0): Uint8Array {
  return new Uint8Array(sig.buffer, sig.byteOffset + (offset + HEADER_WORDS) * 4, SIGNATURE_BINS);
}

/**
 * Estimated Jaccard similarity of two texts' shingle sets from their MinHash bytes. With one-byte
 * values two unrelated bins still agree 1 time in 256, so the raw agreement is corrected for that.
 */
export function estimateJaccard(a: Uint8Array, aStart: number, b: Uint8Array, bStart: number): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_BINS; i++) if (a[aStart + i] === b[bStart + i]) same++;
  const raw = same / SIGNATURE_BINS;
  return Math.max(0, (raw - 1 / 256) / (1 - 1 / 256));
}

/**
 * Bands and rows per band for LSH: the most rows per band (fewest chance candidates) that still
 * makes a pair at exactly the threshold a candidate with probability >= 0.995.
 */
export function chooseBands(threshold: number, bins = SIGNATURE_BINS): { bands: number; rows: number } {
  let best = { bands: bins, rows: 1 };
  for (let rows = 1; rows <= 16; rows++) {
    const bands = Math.floor(bins / rows);
    const p = threshold + (1 - threshold) / 256;
    const candidate = 1 - (1 - p ** rows) ** bands;
    if (candidate >= 0.995) best = { bands, rows };
  }
  return best;
}
