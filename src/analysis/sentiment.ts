/**
 * Sentiment scoring for consultation text.
 *
 * Gives exactly the same `score` and `comparative` as `new Sentiment().analyze(text)` from the
 * `sentiment` package (5.0.2: AFINN-165 plus its emoji table, English negation), but much faster:
 * it is called on millions of free-text cells. The word lists are the package's own JSON files,
 * so only the algorithm is re-implemented here. What it must reproduce:
 *
 * - Tokens: the text is lower-cased; `\n` and the characters . , / # ! ? $ % ^ & * ; : { } = _ ` " ~ ( )
 *   become spaces; every run of two or more whitespace characters becomes one space; the result is
 *   trimmed and split on single spaces. So a lone tab, CR or no-break space BETWEEN two words does
 *   not separate them ("good\tbad" is one token), and text with no words still counts as one
 *   (empty) token.
 * - A token scores its label value; if the token before it is a negator the value is negated.
 *   The package looks negators up on a plain object, so the inherited key "constructor" also
 *   counts as a negator — reproduced deliberately.
 * - comparative = score / number of tokens.
 * Labels containing spaces ("not good", "cashing in") can never match a token, as in the package.
 */
import { createRequire } from 'node:module';

export interface SentimentScore {
  score: number;
  comparative: number;
}

const require = createRequire(import.meta.url);

// Character classes of the package's tokenizer, per UTF-16 code unit.
const WORD = 0;
/** A space, or a character the tokenizer turns into a space (punctuation, line feed). */
const SPACE = 1;
/** Other whitespace (tab, CR, no-break space...): separates only in runs of two or more. */
const OTHER_WHITESPACE = 2;

function buildCharClasses(): Uint8Array {
  const classes = new Uint8Array(0x10000);
  const whitespace = /\s/;
  for (let code = 0; code < 0x10000; code++) {
    if (whitespace.test(String.fromCharCode(code))) classes[code] = OTHER_WHITESPACE;
  }
  for (const char of ' \n.,/#!?$%^&*;:{}=_`"~()') classes[char.charCodeAt(0)] = SPACE;
  return classes;
}

// Each lexicon entry packs the label score and the negator flag into one small integer.
const SCORE_BIAS = 16; // scores are -5..5; stored as score + 16 in the low five bits
const SCORE_MASK = 31;
const HAS_SCORE = 32;
const IS_NEGATOR = 64;

function buildLexicon(): Map<string, number> {
  const labels = require('sentiment/languages/en/labels.json') as Record<string, number>;
  const emoji = require('sentiment/build/emoji.json') as Record<string, number>;
  const negators = require('sentiment/languages/en/negators.json') as Record<string, number>;
  // The package merges the emoji over the AFINN labels (Object.assign), so later keys win.
  const scores = new Map<string, number>([...Object.entries(labels), ...Object.entries(emoji)]);
  const entries = new Map<string, number>();
  for (const [key, value] of scores) {
    if (!Number.isInteger(value) || value < -SCORE_BIAS || value >= SCORE_BIAS) {
      throw new Error(`Unexpected sentiment label score ${value} for "${key}"`);
    }
    entries.set(key, HAS_SCORE | (value + SCORE_BIAS));
  }
  // "constructor" is truthy on any plain object, so the package treats it as a negator.
  for (const key of [...Object.keys(negators).filter((k) => negators[k]), 'constructor']) {
    entries.set(key, (entries.get(key) ?? 0) | IS_NEGATOR);
  }
  return entries;
}

function hasSeparator(key: string, charClasses: Uint8Array): boolean {
  for (let i = 0; i < key.length; i++) if (charClasses[key.charCodeAt(i)] !== WORD) return true;
  return false;
}

/**
 * Lookup tables, built on first use (importing this module does no work).
 * The ASCII keys are also stored as a trie over char codes, walked while scanning, so that
 * plain-ASCII tokens (nearly all of them) are looked up without slicing or hashing a string.
 */
interface Tables {
  charClasses: Uint8Array;
  /** Every label and negator that can be a whole token, as packed entries. */
  lexicon: Map<string, number>;
  /**
   * Per ASCII char code: -SPACE or -OTHER_WHITESPACE for separators, otherwise the trie column
   * of the (lower-cased) character, 0 when it is in no key.
   */
  asciiColumns: Int8Array;
  shift: number;
  /** Trie transitions: row 0 is the dead state (all zeros), row 1 the root. */
  next: Uint16Array | Uint32Array;
  /** Packed lexicon entry of each trie state, 0 when the state ends no key. */
  entryOf: Uint8Array;
}

let tables: Tables | undefined;

function buildTables(): Tables {
  const charClasses = buildCharClasses();
  const lexicon = buildLexicon();
  // Keys with a separator inside ("not good", "cashing in") can never be a token.
  for (const key of [...lexicon.keys()]) if (hasSeparator(key, charClasses)) lexicon.delete(key);

  // ASCII keys without capitals (a capital could never be in a lower-cased token anyway).
  const asciiKeys = [...lexicon.keys()].filter((key) => /^[\x00-\x40\x5b-\x7f]+$/.test(key));
  const asciiColumns = new Int8Array(128);
  let columnCount = 1;
  for (const key of asciiKeys) {
    for (let i = 0; i < key.length; i++) {
      const code = key.charCodeAt(i);
      if (asciiColumns[code] === 0) asciiColumns[code] = columnCount++;
    }
  }
  if (columnCount > 127) throw new Error('Too many distinct characters in the sentiment lexicon');
  // Upper-case ASCII letters share their lower-case column (the package lower-cases first).
  for (let code = 65; code <= 90; code++) asciiColumns[code] = asciiColumns[code + 32]!;
  for (let code = 0; code < 128; code++) if (charClasses[code] !== WORD) asciiColumns[code] = -charClasses[code]!;

  const shift = Math.ceil(Math.log2(columnCount));
  const transitions: number[] = [];
  const entries: number[] = [0, 0];
  let stateCount = 2;
  for (const key of asciiKeys) {
    let state = 1;
    for (let i = 0; i < key.length; i++) {
      const slot = (state << shift) | asciiColumns[key.charCodeAt(i)]!;
      let target = transitions[slot] ?? 0;
      if (target === 0) {
        target = stateCount++;
        transitions[slot] = target;
        entries.push(0);
      }
      state = target;
    }
    entries[state] = lexicon.get(key)!;
  }
  const next = stateCount < 0x10000 ? new Uint16Array(stateCount << shift) : new Uint32Array(stateCount << shift);
  transitions.forEach((target, slot) => {
    next[slot] = target;
  });
  return { charClasses, lexicon, asciiColumns, shift, next, entryOf: Uint8Array.from(entries) };
}

/**
 * Lexicon entry of a token containing non-ASCII characters. Lower-casing the token alone gives the
 * same key as lower-casing the whole text: the only context-dependent mapping (Greek final sigma)
 * touches no key, and no character lower-cases into a separator or out of one.
 */
function entryOfNonAsciiToken(lexicon: Map<string, number>, text: string, start: number, end: number): number {
  return lexicon.get(text.slice(start, end).toLowerCase()) ?? 0;
}

/** Score text exactly as `new Sentiment().analyze(text)` does (score and comparative). */
export function scoreSentiment(text: string): SentimentScore {
  const { charClasses, lexicon, asciiColumns, shift, next, entryOf } = (tables ??= buildTables());
  const length = text.length;
  let tokens = 0;
  let score = 0;
  let previousIsNegator = false;
  let tokenStart = -1; // start of the token being read, -1 between tokens
  let tokenEnd = 0; // end (exclusive) of its last word character
  let state = 1; // trie state for the ASCII characters of the token
  let nonAscii = false; // the token has a non-ASCII character: look it up the slow way
  let joined = false; // the token has a lone whitespace inside, so it matches no key

  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    let charClass: number;
    if (code < 128) {
      const column = asciiColumns[code]!;
      if (column >= 0) {
        if (tokenStart < 0) tokenStart = i;
        state = next[(state << shift) | column]!;
        i++;
        tokenEnd = i;
        continue;
      }
      charClass = -column;
    } else {
      charClass = charClasses[code]!;
      if (charClass === WORD) {
        if (tokenStart < 0) tokenStart = i;
        nonAscii = true;
        i++;
        tokenEnd = i;
        continue;
      }
    }
    i++;
    if (i < length && charClasses[text.charCodeAt(i)] !== WORD) {
      // A run of two or more: one separator. Skip the rest of it.
      i++;
      while (i < length && charClasses[text.charCodeAt(i)] !== WORD) i++;
      if (tokenStart < 0 || i === length) continue;
    } else {
      // Leading and trailing gaps are trimmed away.
      if (tokenStart < 0 || i === length) continue;
      // A single non-space whitespace character survives the tokenizer and glues two words together.
      if (charClass === OTHER_WHITESPACE) {
        joined = true;
        continue;
      }
    }
    // The token [tokenStart, tokenEnd) is complete.
    tokens++;
    const entry = joined ? 0 : nonAscii ? entryOfNonAsciiToken(lexicon, text, tokenStart, tokenEnd) : entryOf[state]!;
    if (entry & HAS_SCORE) {
      const value = (entry & SCORE_MASK) - SCORE_BIAS;
      score += previousIsNegator ? -value : value;
    }
    previousIsNegator = (entry & IS_NEGATOR) !== 0;
    tokenStart = -1;
    state = 1;
    nonAscii = false;
    joined = false;
  }
  if (tokenStart >= 0) {
    tokens++;
    const entry = joined ? 0 : nonAscii ? entryOfNonAsciiToken(lexicon, text, tokenStart, tokenEnd) : entryOf[state]!;
    if (entry & HAS_SCORE) {
      const value = (entry & SCORE_MASK) - SCORE_BIAS;
      score += previousIsNegator ? -value : value;
    }
  }
  // Text without words is still one (empty) token to the package.
  if (tokens === 0) tokens = 1;
  return { score, comparative: score / tokens };
}

/** What one token contributes to a score: its label value (0 when it has none) and whether it negates the next. */
export interface TokenSentiment {
  value: number;
  negator: boolean;
}

/**
 * The lexicon entry of one whole token (text between the tokenizer's separators, no whitespace
 * inside), for scanners that cut tokens themselves (pipeline/answer-scan.ts). The token is
 * lower-cased alone, which equals lower-casing the whole text for units without context-dependent
 * case mappings (the scanner sends texts with such units to scoreSentiment).
 */
export function tokenSentiment(token: string): TokenSentiment {
  const { lexicon } = (tables ??= buildTables());
  const entry = lexicon.get(token.toLowerCase()) ?? 0;
  return { value: entry & HAS_SCORE ? (entry & SCORE_MASK) - SCORE_BIAS : 0, negator: (entry & IS_NEGATOR) !== 0 };
}

/** True for the characters the sentiment tokenizer turns into spaces (ASCII punctuation, space, line feed). */
export function isSentimentSeparator(code: number): boolean {
  const { charClasses } = (tables ??= buildTables());
  return charClasses[code] === SPACE;
}

/** True for whitespace that separates tokens only in runs (tab, CR, no-break space...). */
export function isLoneWhitespaceJoiner(code: number): boolean {
  const { charClasses } = (tables ??= buildTables());
  return charClasses[code] === OTHER_WHITESPACE;
}
