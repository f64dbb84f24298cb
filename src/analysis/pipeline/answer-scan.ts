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
 * That loop runs in WebAssembly (wasm/answer-scan.ts, built by `npm run build`), and so does the
 * phrase matching over the theme words found (QuestionMatcher's rules, over the coding frame laid out
 * as numbers by codingFrame): in JavaScript they were most of the time of an analysis with themes and
 * campaigns. The text is copied into the module's
 * memory as UTF-16 units (offsets stay those of the string); the module asks back for what it has
 * not seen: the kind of a new unit, or the meaning of a new token, which this side works out and
 * writes into the table before it scans again.
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
import { readFileSync } from 'node:fs';
import { BORROW_RIGHT, SIGNATURE_WORDS, tokenSignatureWords } from '../campaigns/signature.js';
import { isLoneWhitespaceJoiner, isSentimentSeparator, tokenSentiment } from '../sentiment.js';
import type { QuestionMatcher } from '../themes/matcher.js';
import { lowerCaseUnit } from '../themes/tokens.js';

/** The kind of a UTF-16 unit, as the module reads it (its UNIT_* constants). */
function classOf(code: number, at: Constants): number {
  if (code === 38) return at.UNIT_AMPERSAND;
  if (code === 96) return at.UNIT_BACKTICK;
  if (code === 13) return at.UNIT_CARRIAGE_RETURN;
  if (isSentimentSeparator(code)) return at.UNIT_SEPARATOR;
  if (isLoneWhitespaceJoiner(code) || lowerCaseUnit(code) < 0) return at.UNIT_SLOW;
  return at.UNIT_TOKEN;
}

interface ScanExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  setUp(andA: number, andB: number, borrow0: number, borrow1: number, borrow2: number, borrow3: number): void;
  beginSignature(): void;
  finishSignature(): void;
  clearTable(table: number): void;
  find(table: number, text: number, start: number, end: number, hash: number): number;
  insert(table: number, text: number, start: number, end: number, hash: number): number;
  scan(table: number, text: number, length: number, signature: number, frame: number): number;
}

/**
 * The module's exported constants (addresses, sizes, statuses, unit kinds and the fields of its
 * result block), defined once in wasm/answer-scan.ts and read from the built module by name (a
 * test checks this list names every one it exports).
 */
export const CONSTANTS = [
  'DONE', 'FALLBACK', 'NEED_CLASSES', 'NEED_TOKENS', 'READ_PAST', 'WORD_HASH_CAPACITY', 'HIT_CAPACITY', 'TABLE_BYTES',
  'ENTRIES', 'ENTRY_BYTES', 'VALUE', 'NEGATOR', 'WORD_COUNT', 'WORD_START', 'WORD_A', 'WORD_B', 'THEME_WORDS',
  'HIT_FIRST', 'HIT_COUNT', 'WORD_HASHES_AT', 'HIT_INDEX_AT', 'HIT_START_AT', 'HIT_END_AT', 'HIT_ATOMS_FIRST_AT',
  'HIT_ATOMS_COUNT_AT', 'ATOM_CAPACITY', 'ATOMS_AT', 'CLASSES', 'MISSING_CLASSES', 'MISSING_TOKENS', 'RESULT', 'SIGNATURE_OUT',
  'FRAME_THEMES', 'FRAME_ATOMS', 'FRAME_BY_ATOM', 'FRAME_PHRASES', 'FRAME_PHRASE_ATOMS', 'FRAME_ANCESTORS',
  'FRAME_ANCESTOR_LIST', 'FRAME_EVIDENCE_FROM', 'FRAME_EVIDENCE_TO', 'FRAME_VIA', 'FRAME_CODED', 'FRAME_CODES',
  'FRAME_MATCHES', 'FRAME_MATCH_CAPACITY', 'FRAME_HEADER',
  'UNIT_TOKEN', 'UNIT_SEPARATOR', 'UNIT_CARRIAGE_RETURN', 'UNIT_AMPERSAND', 'UNIT_BACKTICK', 'UNIT_SLOW', 'UNIT_UNKNOWN',
  'RESULT_SCORE', 'RESULT_TOKENS', 'RESULT_HITS', 'RESULT_MISSING', 'RESULT_CODES',
  // sizes the module uses on its own side, listed so the list is the module's whole set
  'MAX_ENTRIES', 'POOL_UNITS', 'MISSING_CAPACITY', 'HITS_CAPACITY',
] as const;
type Constants = Record<(typeof CONSTANTS)[number], number>;

const WASM_FILE = new URL('../../../wasm/answer-scan.wasm', import.meta.url);

/** The module instance of this thread, with views on its memory (renewed whenever memory grows). */
class ScanEngine {
  readonly exports: ScanExports;
  readonly at: Constants;
  bytes!: Buffer;
  units!: Uint16Array;
  ints!: Int32Array;
  private top: number;
  private textAt = 0;
  private textCapacity = 0;

  constructor() {
    let code: Buffer;
    try {
      code = readFileSync(WASM_FILE);
    } catch {
      throw new Error(`${WASM_FILE.pathname} is missing: run \`npm run build\` first`);
    }
    const instance = new WebAssembly.Instance(new WebAssembly.Module(code), {
      env: {
        abort: () => {
          throw new Error('answer-scan.wasm aborted');
        },
      },
    });
    const exports = instance.exports as unknown as ScanExports & Record<string, WebAssembly.Global>;
    this.exports = exports;
    this.at = Object.fromEntries(CONSTANTS.map((name) => [name, exports[name]!.value as number])) as Constants;
    this.top = exports.heapBase();
    this.views();
    this.bytes.fill(this.at.UNIT_UNKNOWN, this.at.CLASSES, this.at.CLASSES + 65536);
    const and: number[] = [];
    tokenSignatureWords('and', and);
    const borrow = [0, 0, 0, 0];
    BORROW_RIGHT.forEach((right, bin) => {
      if (right) borrow[bin >>> 5]! |= 1 << (bin & 31);
    });
    exports.setUp(and[0]!, and[1]!, borrow[0]!, borrow[1]!, borrow[2]!, borrow[3]!);
  }

  private views(): void {
    const buffer = this.exports.memory.buffer;
    this.bytes = Buffer.from(buffer);
    this.units = new Uint16Array(buffer);
    this.ints = new Int32Array(buffer);
  }

  /** `bytes` bytes of the module's memory for the caller alone. */
  allocate(bytes: number): number {
    const at = this.top;
    this.top = (at + bytes + 7) & ~7;
    const memory = this.exports.memory;
    if (this.top > memory.buffer.byteLength) {
      memory.grow(Math.ceil((this.top - memory.buffer.byteLength) / 65536));
      this.views();
    }
    return at;
  }

  /** Copy `text` into the module's memory; returns its address. */
  place(text: string): number {
    if (text.length > this.textCapacity) {
      this.textCapacity = Math.max(text.length, 2 * this.textCapacity, 1 << 16);
      // the module reads a few bytes past a text's end (and ignores them)
      this.textAt = this.allocate(2 * this.textCapacity + this.at.READ_PAST);
    }
    this.bytes.write(text, this.textAt, 'utf16le');
    return this.textAt;
  }

  /** A field of the module's result block (RESULT), by name. */
  result(field: 'RESULT_SCORE' | 'RESULT_TOKENS' | 'RESULT_HITS' | 'RESULT_MISSING' | 'RESULT_CODES'): number {
    return this.ints[(this.at.RESULT + this.at[field]) >>> 2]!;
  }

  learnClass(code: number): void {
    this.bytes[this.at.CLASSES + code] = classOf(code, this.at);
  }
}

let threadEngine: ScanEngine | undefined;
function engine(): ScanEngine {
  threadEngine ??= new ScanEngine();
  return threadEngine;
}

/*
 * A campaign signature built from scanned answers: beginAnswerSignature(), then scan(text, true) for
 * each answer that goes into it, then finishAnswerSignatureInto(). Equal to signatureInto() of the
 * answers joined (campaigns/signature.ts), which tests check. One is built at a time per thread.
 */

export function beginAnswerSignature(): void {
  engine().exports.beginSignature();
}

export function finishAnswerSignatureInto(out: Uint32Array, offset: number): void {
  const scan = engine();
  scan.exports.finishSignature();
  const from = scan.at.SIGNATURE_OUT >>> 2;
  const ints = scan.ints;
  for (let k = 0; k < SIGNATURE_WORDS; k++) out[offset + k] = ints[from + k]!;
}

/** Matches an answer may have before it takes the reference functions instead. */
const MATCH_CAPACITY = 1 << 14;

/** The coding frame laid out as the module's match() reads it (the FRAME_* fields of wasm/answer-scan.ts). */
function codingFrame(matcher: QuestionMatcher, at: Constants): Int32Array {
  const { themes, phrasesByAtom, ancestors } = matcher.frameData();
  const byAtom: number[] = [];
  const phrases: number[] = [];
  const phraseAtoms: number[] = [];
  for (const list of phrasesByAtom) {
    byAtom.push(phrases.length / 4, list?.length ?? 0);
    for (const phrase of list ?? []) {
      phrases.push(phrase.theme, phrase.exclude ? 1 : 0, phrase.atoms.length, phraseAtoms.length);
      phraseAtoms.push(...phrase.atoms);
    }
  }
  const ancestorRanges: number[] = [];
  const ancestorList: number[] = [];
  for (const chain of ancestors) {
    ancestorRanges.push(ancestorList.length, chain.length);
    ancestorList.push(...chain);
  }
  // each section after the header, its offset in its field
  const sections: [number, ArrayLike<number>][] = [
    [at.FRAME_BY_ATOM, byAtom],
    [at.FRAME_PHRASES, phrases],
    [at.FRAME_PHRASE_ATOMS, phraseAtoms],
    [at.FRAME_ANCESTORS, ancestorRanges],
    [at.FRAME_ANCESTOR_LIST, ancestorList],
    [at.FRAME_EVIDENCE_FROM, new Int32Array(themes).fill(-1)],
    [at.FRAME_EVIDENCE_TO, new Int32Array(themes)],
    [at.FRAME_VIA, new Int32Array(themes).fill(-1)],
    [at.FRAME_CODED, new Int32Array(themes)],
    [at.FRAME_CODES, new Int32Array(4 * themes)],
    [at.FRAME_MATCHES, new Int32Array(4 * MATCH_CAPACITY)],
  ];
  const frame = new Int32Array(at.FRAME_HEADER + sections.reduce((sum, [, section]) => sum + section.length, 0));
  frame[at.FRAME_THEMES] = themes;
  frame[at.FRAME_ATOMS] = phrasesByAtom.length;
  frame[at.FRAME_MATCH_CAPACITY] = MATCH_CAPACITY;
  let offset = at.FRAME_HEADER;
  for (const [field, section] of sections) {
    frame[field] = offset;
    frame.set(section, offset);
    offset += section.length;
  }
  return frame;
}

/** Scans answers to one question; reuse it for every answer (one per question per thread). */
export class AnswerScanner {
  /** Results of the last successful scan. */
  score = 0;
  comparative = 0;

  private readonly engine = engine();
  /** This scanner's token table in the module's memory. */
  private readonly table: number;
  /** Its coding frame there (0 without one). */
  private readonly frame: number = 0;
  private wordHashesUsed = 0;
  private hitsUsed = 0;
  private atomsUsed = 0;
  private readonly scratchWords: number[] = [];

  constructor(private readonly matcher: QuestionMatcher | null) {
    const engine = this.engine;
    this.table = engine.allocate(engine.at.TABLE_BYTES);
    engine.exports.clearTable(this.table);
    if (matcher) {
      const frame = codingFrame(matcher, engine.at);
      this.frame = engine.allocate(frame.byteLength);
      engine.ints.set(frame, this.frame >>> 2);
    }
  }

  /**
   * Scan `text`: sets score and comparative, and the theme codes as the matcher's lastCodes; when
   * `signature` is true adds the text's words to the signature being built (beginAnswerSignature).
   * Returns false, having set nothing, when the text needs the reference functions (see the top of
   * this file).
   */
  scan(text: string, signature: boolean): boolean {
    const engine = this.engine;
    const at = engine.at;
    const textAt = engine.place(text);
    let clears = 0;
    for (;;) {
      const status = engine.exports.scan(this.table, textAt, text.length, signature ? 1 : 0, this.frame);
      if (status === at.DONE) break;
      if (status === at.FALLBACK) return false;
      const missing = engine.result('RESULT_MISSING');
      if (status === at.NEED_CLASSES) {
        for (let k = 0; k < missing; k++) engine.learnClass(engine.units[(at.MISSING_CLASSES >>> 1) + k]!);
      } else if (!this.learnTokens(text, textAt, missing)) {
        // the table was full and has been emptied; an answer that alone overfills it takes the slow path
        if (++clears > 1) return false;
      }
    }
    const score = engine.result('RESULT_SCORE');
    const tokens = engine.result('RESULT_TOKENS');
    this.score = score;
    // text without words is still one (empty) token to the sentiment package
    this.comparative = score / (tokens === 0 ? 1 : tokens);
    const matcher = this.matcher;
    if (matcher) {
      const codes = (this.frame >>> 2) + engine.ints[(this.frame >>> 2) + at.FRAME_CODES]!;
      matcher.takeCodes(engine.ints, codes, engine.result('RESULT_CODES'));
    }
    return true;
  }

  /**
   * Work out the tokens the last scan listed as missing and add them to the table. Returns false
   * when the table filled up and was emptied instead (scan again).
   */
  private learnTokens(text: string, textAt: number, missing: number): boolean {
    const engine = this.engine;
    const at = engine.at;
    const table = this.table;
    const listed = at.MISSING_TOKENS >>> 2;
    for (let k = 0; k < missing; k++) {
      const start = engine.ints[listed + 3 * k]!;
      const end = engine.ints[listed + 3 * k + 1]!;
      const hash = engine.ints[listed + 3 * k + 2]!;
      // the same new token can be listed twice
      if (engine.exports.find(table, textAt, start, end, hash) >= 0) continue;
      const token = text.slice(start, end);
      const words = this.scratchWords;
      words.length = 0;
      tokenSignatureWords(token, words);
      const themeWords = this.matcher?.tokenWords(token);
      const hitCount = themeWords?.index.length ?? 0;
      const entry = engine.exports.insert(table, textAt, start, end, hash);
      const atomCount = themeWords?.atoms.reduce((sum, atoms) => sum + atoms.length, 0) ?? 0;
      const full = this.wordHashesUsed + words.length > at.WORD_HASH_CAPACITY || this.hitsUsed + hitCount > at.HIT_CAPACITY || this.atomsUsed + atomCount > at.ATOM_CAPACITY;
      if (entry < 0 || full) {
        engine.exports.clearTable(table);
        this.wordHashesUsed = 0;
        this.hitsUsed = 0;
        this.atomsUsed = 0;
        return false;
      }
      const ints = engine.ints;
      const record = (table + at.ENTRIES + entry * at.ENTRY_BYTES) >>> 2;
      const sentiment = tokenSentiment(token);
      ints[record + (at.VALUE >>> 2)] = sentiment.value;
      ints[record + (at.NEGATOR >>> 2)] = sentiment.negator ? 1 : 0;
      ints[record + (at.WORD_COUNT >>> 2)] = words.length / 2;
      if (words.length === 2) {
        ints[record + (at.WORD_A >>> 2)] = words[0]!;
        ints[record + (at.WORD_B >>> 2)] = words[1]!;
      } else {
        ints[record + (at.WORD_START >>> 2)] = this.wordHashesUsed;
        ints.set(words, ((table + at.WORD_HASHES_AT) >>> 2) + this.wordHashesUsed);
        this.wordHashesUsed += words.length;
      }
      ints[record + (at.THEME_WORDS >>> 2)] = themeWords?.words ?? 0;
      ints[record + (at.HIT_FIRST >>> 2)] = this.hitsUsed;
      ints[record + (at.HIT_COUNT >>> 2)] = hitCount;
      for (let h = 0; h < hitCount; h++) {
        const hit = this.hitsUsed++;
        ints[((table + at.HIT_INDEX_AT) >>> 2) + hit] = themeWords!.index[h]!;
        ints[((table + at.HIT_START_AT) >>> 2) + hit] = themeWords!.starts[h]!;
        ints[((table + at.HIT_END_AT) >>> 2) + hit] = themeWords!.ends[h]!;
        const atoms = themeWords!.atoms[h]!;
        ints[((table + at.HIT_ATOMS_FIRST_AT) >>> 2) + hit] = this.atomsUsed;
        ints[((table + at.HIT_ATOMS_COUNT_AT) >>> 2) + hit] = atoms.length;
        ints.set(atoms, ((table + at.ATOMS_AT) >>> 2) + this.atomsUsed);
        this.atomsUsed += atoms.length;
      }
    }
    return true;
  }
}
