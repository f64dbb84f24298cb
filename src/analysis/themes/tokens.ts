/** Word tokens with their place in the original text, and a cached stemmer shared by coding and suggestions. */
import { stemmer } from 'stemmer';

export interface Tokens {
  /** Lower-case words (possessive "'s" and curly apostrophes folded). */
  words: string[];
  starts: number[];
  ends: number[];
}

const WORD = /[\p{L}\p{N}]+(?:['\u2019][\p{L}]+)*/gu;

export function tokenise(text: string): Tokens {
  const lower = text.toLowerCase();
  // Fast scanner whenever lower-casing keeps every offset and there are no surrogate pairs (the
  // usual case); otherwise the regular expression, which the scanner reproduces exactly.
  if (lower.length === text.length && !SURROGATE.test(text)) return scan(lower);
  const words: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  WORD.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = WORD.exec(text)) !== null) {
    pushWord(words, match[0].toLowerCase());
    starts.push(match.index);
    ends.push(match.index + match[0].length);
  }
  return { words, starts, ends };
}

export const SURROGATE = /[\ud800-\udfff]/;

/**
 * The lower case of one UTF-16 unit when lower-casing it alone gives what lower-casing a whole text
 * gives it, or -1: a surrogate, a letter whose lower case is two units, or a capital sigma (final or
 * not depends on the letters around it). Scanners that fold case unit by unit send texts with such
 * units to a slower path that lower-cases whole strings.
 */
export function lowerCaseUnit(code: number): number {
  if (code >= 0xd800 && code <= 0xdfff) return -1;
  const lower = String.fromCharCode(code).toLowerCase();
  return lower.length === 1 && code !== 0x3a3 ? lower.charCodeAt(0) : -1;
}
const OTHER = 0;
export const DIGIT = 1;
export const LETTER = 2;
export const APOSTROPHE = 3;
// Class of every UTF-16 unit, filled in lazily (255 = not yet known): one array read per character.
const CLASSES = new Uint8Array(65536).fill(255);

/** Character class for tokenising lower-case text: OTHER, DIGIT, LETTER or APOSTROPHE. */
export function classOf(code: number): number {
  const known = CLASSES[code]!;
  return known !== 255 ? known : learnClass(code);
}

function learnClass(code: number): number {
  let kind = OTHER;
  if (code === 39 || code === 0x2019) kind = APOSTROPHE;
  else if (code < 0xd800 || code > 0xdfff) {
    const char = String.fromCharCode(code);
    kind = /\p{L}/u.test(char) ? LETTER : /\p{N}/u.test(char) ? DIGIT : OTHER;
  }
  CLASSES[code] = kind;
  return kind;
}

function pushWord(words: string[], raw: string): void {
  let word = raw.includes('\u2019') ? raw.replace(/\u2019/g, "'") : raw;
  if (word.endsWith("'s")) word = word.slice(0, -2);
  words.push(word);
}

/** The tokens of `[\p{L}\p{N}]+(?:['’][\p{L}]+)*` over lower-cased text without surrogates. */
function scan(lower: string): Tokens {
  const words: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const length = lower.length;
  let i = 0;
  while (i < length) {
    const kind = classOf(lower.charCodeAt(i));
    if (kind !== LETTER && kind !== DIGIT) {
      i++;
      continue;
    }
    const start = i;
    i++;
    while (i < length) {
      const next = classOf(lower.charCodeAt(i));
      if (next !== LETTER && next !== DIGIT) break;
      i++;
    }
    // An apostrophe followed by letters continues the word (don't, council's).
    while (i + 1 < length && classOf(lower.charCodeAt(i)) === APOSTROPHE && classOf(lower.charCodeAt(i + 1)) === LETTER) {
      i += 2;
      while (i < length && classOf(lower.charCodeAt(i)) === LETTER) i++;
    }
    pushWord(words, lower.slice(start, i));
    starts.push(start);
    ends.push(i);
  }
  return { words, starts, ends };
}

const stemCache = new Map<string, string>();

/** Porter stem of a lower-case word, cached (a consultation's vocabulary is small next to its word count). */
export function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = /^\d+$/.test(word) ? word : stemmer(word);
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(word, stemmed);
  }
  return stemmed;
}
