/**
 * One pass over an answer for its sentiment, its theme codes and its campaign-signature words.
 *
 * The three have their own tokenizers (sentiment.ts, themes/tokens.ts, campaigns/signature.ts), and
 * reading every character of every answer three times was most of the cost of a large analysis.
 * This scanner cuts the text once, at the sentiment tokenizer's separators, into tokens. Each distinct
 * token is worked out once per thread with the three modules' own rules (its lexicon value, its theme
 * words with their atoms, its normalised words' hashes) and kept in a table keyed by the token's
 * characters, so an answer costs one hash per character and one table look-up per token.
 *
 * That is exact only where a token's contribution does not depend on the text around it. "&" is a
 * separator that adds the word "and" to signatures; a backtick is a separator to sentiment and themes.
 * An answer takes the reference functions instead (the scan returns false) when it has:
 * - for a signature, "&" that may start an HTML entity (decoded for signatures only) or a backtick
 *   (a vanishing apostrophe to signatures);
 * - whitespace other than space and line feed (a lone tab or no-break space joins two tokens for the
 *   sentiment package), except a carriage return before a line feed;
 * - a unit whose lower case depends on its neighbours or is longer (capital sigma, surrogates...).
 * Tests check the results equal the reference functions' on real and generated text.
 */
import { addSignatureWords, tokenSignatureWords } from '../campaigns/signature.js';
import { isLoneWhitespaceJoiner, isSentimentSeparator, tokenSentiment } from '../sentiment.js';
import type { QuestionMatcher, ThemeCode } from '../themes/matcher.js';
import { lowerCaseUnit } from '../themes/tokens.js';
import { grown } from '../../lib/typed-arrays.js';

const TOKEN = 0;
const SEPARATOR = 1;
const CARRIAGE_RETURN = 2;
const AMPERSAND = 3;
const BACKTICK = 4;
const SLOW = 5;
const UNKNOWN = 255;
const CLASSES = new Uint8Array(65536).fill(UNKNOWN);

function learnClass(code: number): number {
  let kind: number;
  if (code === 38) kind = AMPERSAND;
  else if (code === 96) kind = BACKTICK;
  else if (code === 13) kind = CARRIAGE_RETURN;
  else if (isSentimentSeparator(code)) kind = SEPARATOR;
  else if (isLoneWhitespaceJoiner(code) || lowerCaseUnit(code) < 0) kind = SLOW;
  else kind = TOKEN;
  CLASSES[code] = kind;
  return kind;
}

/** The hashes of the word "and", which "&" adds to a signature. */
const AND_WORD = (() => {
  const hashes: number[] = [];
  tokenSignatureWords('and', hashes);
  return Int32Array.from(hashes);
})();

/** Could the "&" at `at` start an HTML entity (`&#...`, or a name of two letters or more)? */
function entityLike(text: string, at: number): boolean {
  if (text.charCodeAt(at + 1) === 35) return true; // "#"
  // two ASCII letters, either case (past the end charCodeAt gives NaN, which | 32 makes 32)
  const next = text.charCodeAt(at + 1) | 32;
  const after = text.charCodeAt(at + 2) | 32;
  return next >= 97 && next <= 122 && after >= 97 && after <= 122;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Distinct tokens kept per scanner before the table starts again (a consultation's vocabulary is far smaller). */
const MAX_TOKENS = 200_000;

/** Scans answers to one question; reuse it for every answer (one per question per thread). */
export class AnswerScanner {
  /** Results of the last successful scan. */
  score = 0;
  comparative = 0;
  /** Theme codes (null without a coding frame). */
  codes: ThemeCode[] | null = null;

  // Token table: open addressing on the token's hash, verified against its characters in `pool`.
  private slots = new Int32Array(1 << 12);
  private count = 0;
  private hashOf = new Int32Array(1 << 11);
  private offsetOf = new Int32Array(1 << 11);
  private lengthOf = new Int32Array(1 << 11);
  private pool = new Uint16Array(1 << 14);
  private poolUsed = 0;
  // per token: sentiment
  private valueOf = new Int8Array(1 << 11);
  private negatorOf = new Uint8Array(1 << 11);
  // per token: signature words (pairs of hashes in `wordHashes` from wordStart, wordCount pairs)
  private wordStart = new Int32Array(1 << 11);
  private wordCount = new Int32Array(1 << 11);
  private wordHashes = new Int32Array(1 << 12);
  private wordHashesUsed = 0;
  // per token: theme words and hits (hits in hitIndex/hitStart/hitEnd/hitAtoms from hitFirst, hitCount)
  private themeWords = new Int32Array(1 << 11);
  private hitFirst = new Int32Array(1 << 11);
  private hitCount = new Int32Array(1 << 11);
  private hitIndex = new Int32Array(1 << 10);
  private hitStart = new Int32Array(1 << 10);
  private hitEnd = new Int32Array(1 << 10);
  private hitAtoms: (readonly number[])[] = [];
  private readonly scratchWords: number[] = [];

  constructor(private readonly matcher: QuestionMatcher | null) {}

  /**
   * Scan `text`: sets score, comparative and codes, and when `signature` is true adds the text's words
   * to the signature being built (campaigns/signature.ts). With `codeObjects` false the codes are
   * left in the matcher's lastCodes only (codes is then []). Returns false, having set nothing, when
   * the text needs the reference functions (see the top of this file).
   */
  scan(text: string, signature: boolean, codeObjects = true): boolean {
    const classes = CLASSES;
    const matcher = this.matcher;
    const length = text.length;
    let score = 0;
    let tokens = 0;
    let negate = false;
    let hits = 0;
    let position = 0;
    let hash = FNV_OFFSET;
    let start = -1;
    /** A "&" just read: the word "and" follows the token it ends, in a signature. */
    let andAfter = false;
    for (let i = 0; i <= length; i++) {
      if (i < length) {
        const code = text.charCodeAt(i);
        let kind = classes[code]!;
        if (kind === UNKNOWN) kind = learnClass(code);
        if (kind === TOKEN) {
          if (start < 0) start = i;
          hash = Math.imul(hash ^ code, FNV_PRIME);
          continue;
        }
        if (kind !== SEPARATOR) {
          if (kind === SLOW) return false;
          if (kind === CARRIAGE_RETURN) {
            if (i + 1 >= length || text.charCodeAt(i + 1) !== 10) return false;
          } else if (signature) {
            if (kind === BACKTICK || entityLike(text, i)) return false;
            andAfter = true;
          }
        }
      }
      if (start < 0) {
        if (andAfter) {
          addSignatureWords(AND_WORD, 0, 1);
          andAfter = false;
        }
        continue;
      }
      // the token [start, i) is complete
      const token = this.find(text, start, i, hash);
      tokens++;
      const value = this.valueOf[token]!;
      score += negate ? -value : value;
      negate = this.negatorOf[token] === 1;
      if (signature) addSignatureWords(this.wordHashes, this.wordStart[token]!, this.wordCount[token]!);
      if (matcher) {
        for (let h = this.hitFirst[token]!, end = h + this.hitCount[token]!; h < end; h++) {
          matcher.addHit(hits++, position + this.hitIndex[h]!, start + this.hitStart[h]!, start + this.hitEnd[h]!, this.hitAtoms[h]!);
        }
        position += this.themeWords[token]!;
      }
      if (andAfter) {
        addSignatureWords(AND_WORD, 0, 1);
        andAfter = false;
      }
      start = -1;
      hash = FNV_OFFSET;
    }
    this.score = score;
    // text without words is still one (empty) token to the sentiment package
    this.comparative = score / (tokens === 0 ? 1 : tokens);
    this.codes = matcher ? matcher.codeHits(text, hits, codeObjects) : null;
    return true;
  }

  /** The table entry of token text[start, end) with the given hash, worked out on first sight. */
  private find(text: string, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    const length = end - start;
    let slot = (Math.imul(hash, 0x9e3779b1) >>> 0) & mask;
    for (;;) {
      const entry = this.slots[slot]! - 1;
      if (entry < 0) break;
      if (this.hashOf[entry] === hash && this.lengthOf[entry] === length) {
        const offset = this.offsetOf[entry]!;
        let k = 0;
        while (k < length && this.pool[offset + k] === text.charCodeAt(start + k)) k++;
        if (k === length) return entry;
      }
      slot = (slot + 1) & mask;
    }
    return this.add(text, start, end, hash);
  }

  private add(text: string, start: number, end: number, hash: number): number {
    if (this.count >= MAX_TOKENS) this.clear();
    const entry = this.count++;
    const length = end - start;
    if (entry >= this.hashOf.length) {
      const size = entry + 1;
      this.hashOf = grown(this.hashOf, size);
      this.offsetOf = grown(this.offsetOf, size);
      this.lengthOf = grown(this.lengthOf, size);
      this.valueOf = grown(this.valueOf, size);
      this.negatorOf = grown(this.negatorOf, size);
      this.wordStart = grown(this.wordStart, size);
      this.wordCount = grown(this.wordCount, size);
      this.themeWords = grown(this.themeWords, size);
      this.hitFirst = grown(this.hitFirst, size);
      this.hitCount = grown(this.hitCount, size);
    }
    if (this.poolUsed + length > this.pool.length) this.pool = grown(this.pool, this.poolUsed + length);
    for (let k = 0; k < length; k++) this.pool[this.poolUsed + k] = text.charCodeAt(start + k);
    this.hashOf[entry] = hash;
    this.offsetOf[entry] = this.poolUsed;
    this.lengthOf[entry] = length;
    this.poolUsed += length;

    const token = text.slice(start, end);
    const sentiment = tokenSentiment(token);
    this.valueOf[entry] = sentiment.value;
    this.negatorOf[entry] = sentiment.negator ? 1 : 0;

    const words = this.scratchWords;
    words.length = 0;
    tokenSignatureWords(token, words);
    if (this.wordHashesUsed + words.length > this.wordHashes.length) this.wordHashes = grown(this.wordHashes, this.wordHashesUsed + words.length);
    this.wordStart[entry] = this.wordHashesUsed;
    this.wordCount[entry] = words.length / 2;
    for (const word of words) this.wordHashes[this.wordHashesUsed++] = word | 0;

    const themeWords = this.matcher?.tokenWords(token);
    this.themeWords[entry] = themeWords?.words ?? 0;
    const first = this.hitAtoms.length;
    this.hitFirst[entry] = first;
    this.hitCount[entry] = themeWords?.index.length ?? 0;
    if (themeWords && themeWords.index.length > 0) {
      const needed = first + themeWords.index.length;
      if (needed > this.hitIndex.length) {
        this.hitIndex = grown(this.hitIndex, needed);
        this.hitStart = grown(this.hitStart, needed);
        this.hitEnd = grown(this.hitEnd, needed);
      }
      for (let h = 0; h < themeWords.index.length; h++) {
        this.hitIndex[first + h] = themeWords.index[h]!;
        this.hitStart[first + h] = themeWords.starts[h]!;
        this.hitEnd[first + h] = themeWords.ends[h]!;
        this.hitAtoms.push(themeWords.atoms[h]!);
      }
    }

    // insert (the table stays at most half full)
    if ((entry + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    const mask = this.slots.length - 1;
    let slot = (Math.imul(hash, 0x9e3779b1) >>> 0) & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = entry + 1;
    return entry;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    const mask = size - 1;
    for (let entry = 0; entry < this.count; entry++) {
      let slot = (Math.imul(this.hashOf[entry]!, 0x9e3779b1) >>> 0) & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = entry + 1;
    }
  }

  private clear(): void {
    this.slots.fill(0);
    this.count = 0;
    this.poolUsed = 0;
    this.wordHashesUsed = 0;
    this.hitAtoms.length = 0;
  }
}
