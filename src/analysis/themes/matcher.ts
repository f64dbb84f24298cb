/**
 * Compiled coding frame: code one response to zero or more themes, keeping the words that matched.
 *
 * Compiled once (per worker); each response is tokenised once and each distinct token is stemmed and
 * matched against the wildcards once per process (a bounded cache), so coding costs a few map lookups
 * per word. Phrases are indexed by their first pattern word.
 *
 * Rules:
 * - An include phrase matches consecutive words; a plain word matches any word with the same Porter
 *   stem ("schools" matches "school"), a word with * matches the lower-case word by wildcard
 *   ("traffic*" matches "traffic" and "trafficking"; "*way" matches "highway").
 * - An exclude phrase cancels the include matches of its own theme that overlap it: with include
 *   "home*" and exclude "homeless", "homeless shelters and new homes" is still coded on "homes".
 * - A parent theme counts whenever any of its children (or their children) matches, with the child's
 *   evidence and `via` naming the child; it can also have include phrases of its own.
 * - Evidence is the first surviving match, as written in the response.
 */
import type { Codeframe, PatternWord, Theme } from './codeframe.js';
import { phraseWords } from './codeframe.js';
import { APOSTROPHE, DIGIT, LETTER, classOf, lowerCaseUnit, stem, tokenise } from './tokens.js';
import { grown } from '../../lib/typed-arrays.js';
import { matchesGlob } from '../../lib/glob.js';

export interface ThemeCode {
  themeId: string;
  /** The words that matched, as written in the response. */
  evidence: string;
  /** For a parent coded through a child: the child theme that matched. */
  via?: string;
}

/** See QuestionMatcher.tokenWords. */
export interface TokenWords {
  /** Words in the token (each advances the word position by one). */
  words: number;
  /** For the words that have atoms: index among the token's words, offsets within the token, atoms. */
  index: number[];
  starts: number[];
  ends: number[];
  atoms: (readonly number[])[];
}

export interface Phrase {
  atoms: number[];
  theme: number;
  exclude: boolean;
}

/*
 * Per UTF-16 unit, learnt lazily: its class after lower-casing (the classes of tokens.ts) and its
 * lower-case form (with ’ folded to '), so the fast path never builds a lower-cased copy of the text.
 * UNSAFE units (a capital sigma, a letter whose lower case is two units, surrogates) send the text
 * to the general path, which lower-cases whole tokens as tokenise() does.
 */
const K_UNKNOWN = 0;
const K_OTHER = 1;
const K_LETTER = 2;
const K_DIGIT = 3;
const K_APOSTROPHE = 4;
const K_UNSAFE = 5;
const KIND = new Uint8Array(65536);
const FOLD = new Uint16Array(65536);

function learnKind(code: number): number {
  let kind = K_UNSAFE;
  const folded = lowerCaseUnit(code);
  if (folded >= 0) {
    FOLD[code] = folded === 0x2019 ? 39 : folded;
    const cls = classOf(folded);
    kind = cls === LETTER ? K_LETTER : cls === DIGIT ? K_DIGIT : cls === APOSTROPHE ? K_APOSTROPHE : K_OTHER;
  }
  KIND[code] = kind;
  return kind;
}

for (let code = 0; code < 128; code++) learnKind(code);

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const MAX_CACHED_WORDS = 200_000;
const NO_ATOMS: readonly number[] = [];

/** Keys of a word's first two or three lower-case units (0 past its end); collisions only let more words through. */
function twoKey(first: number, second: number): number {
  return ((first & 0xff) << 8) | (second & 0xff);
}
function threeKey(first: number, second: number, third: number): number {
  return Math.imul((first << 16) ^ (second << 8) ^ third, 0x9e3779b1) >>> 16;
}

export class QuestionMatcher {
  readonly themes: readonly Theme[];
  private readonly atomByStem = new Map<string, number>();
  private readonly wildcards: { pattern: string; atom: number }[] = [];
  /** Phrases by their first atom (index = atom). */
  private readonly phrasesByAtom: (Phrase[] | undefined)[] = [];
  private readonly tokenAtoms = new Map<string, readonly number[]>();
  /** Index of each theme's ancestors (nearest first). */
  private readonly ancestors: number[][];

  // Word cache for the fast path: open addressing on the word's FNV hash, verified against the word's
  // lower-case units kept in `pool` (typed arrays, so cached words never pin the text they came from).
  private slots = new Int32Array(1 << 12);
  private entryHash = new Int32Array(1 << 11);
  private entryOffset = new Int32Array(1 << 11);
  private entryLength = new Int32Array(1 << 11);
  private entryAtoms: (readonly number[])[] = [];
  private pool = new Uint16Array(1 << 14);
  private poolUsed = 0;
  /*
   * Prefilter: a word can only start a phrase match if its first lower-case units could start the
   * first stem or wildcard of some phrase. A Porter stem of L letters keeps the word's first L - 1
   * letters (only its last letter can change: y -> i, an added e), so a stem of 4 or more letters
   * allows words with its first 3 letters, a stem of 3 its first 2, shorter stems their first letter;
   * a wildcard allows words starting with its letters before the "*" (up to 3). Other words are
   * skipped without hashing or looking them up, unless the word before matched (it may continue a
   * phrase). Off when a phrase starts with a wildcard like "*way".
   */
  /** Per atom: 1 when a token with it can be followed by more words of some phrase. */
  private leadsOn = new Uint8Array(0);
  private readonly allowFirst = new Uint8Array(65536);
  private readonly allowTwo = new Uint8Array(65536);
  private readonly allowThree = new Uint8Array(65536);
  /** Any allowed prefix starts with these two units (a quick first test). */
  private readonly maybeTwo = new Uint8Array(65536);
  private filterOn = true;

  // Scratch for one response: the tokens that have atoms (position among all tokens, offsets, atoms).
  private hitPos = new Int32Array(256);
  private hitStart = new Int32Array(256);
  private hitEnd = new Int32Array(256);
  private hitAtoms: (readonly number[])[] = [];
  // Scratch for matches.
  private matchTheme = new Int32Array(64);
  private matchFrom = new Int32Array(64);
  private matchTo = new Int32Array(64);
  private matchExclude = new Uint8Array(64);
  private readonly evidenceFrom: Int32Array;
  private readonly evidenceTo: Int32Array;
  private readonly viaTheme: Int32Array;

  constructor(themes: readonly Theme[]) {
    this.themes = themes;
    const indexOf = new Map(themes.map((t, i) => [t.id, i]));
    this.ancestors = themes.map((theme) => {
      const chain: number[] = [];
      let parent = theme.parent;
      while (parent !== undefined && indexOf.has(parent) && !chain.includes(indexOf.get(parent)!)) {
        const index = indexOf.get(parent)!;
        chain.push(index);
        parent = themes[index]!.parent;
      }
      return chain;
    });
    this.evidenceFrom = new Int32Array(themes.length).fill(-1);
    this.evidenceTo = new Int32Array(themes.length);
    this.viaTheme = new Int32Array(themes.length).fill(-1);
    let atomCount = 0;
    const wildcardAtoms = new Map<string, number>();
    const atomFor = (word: PatternWord): number => {
      if (word.kind === 'stem') {
        let atom = this.atomByStem.get(word.stem);
        if (atom === undefined) this.atomByStem.set(word.stem, (atom = atomCount++));
        return atom;
      }
      let atom = wildcardAtoms.get(word.pattern);
      if (atom === undefined) {
        wildcardAtoms.set(word.pattern, (atom = atomCount++));
        this.wildcards.push({ pattern: word.pattern, atom });
      }
      return atom;
    };
    const leadsOn = new Set<number>();
    const allowPrefix = (prefix: string): void => {
      if (prefix.length === 0) this.filterOn = false;
      else if (prefix.length === 1) this.allowFirst[prefix.charCodeAt(0)] = 1;
      else if (prefix.length === 2) this.allowTwo[twoKey(prefix.charCodeAt(0), prefix.charCodeAt(1))] = 1;
      else this.allowThree[threeKey(prefix.charCodeAt(0), prefix.charCodeAt(1), prefix.charCodeAt(2))] = 1;
      if (prefix.length >= 2) this.maybeTwo[twoKey(prefix.charCodeAt(0), prefix.charCodeAt(1))] = 1;
    };
    themes.forEach((theme, index) => {
      for (const [key, exclude] of [['include', false], ['exclude', true]] as const) {
        for (const phrase of theme[key]) {
          const words = phraseWords(phrase, stem);
          if (!words) continue;
          const atoms = words.map(atomFor);
          (this.phrasesByAtom[atoms[0]!] ??= []).push({ atoms, theme: index, exclude });
          for (let k = 0; k < atoms.length - 1; k++) leadsOn.add(atoms[k]!);
          const word = words[0]!;
          allowPrefix(word.kind === 'stem' ? word.stem.slice(0, Math.min(3, word.stem.length - 1) || 1) : word.pattern.slice(0, Math.min(3, word.pattern.indexOf('*'))));
        }
      }
    });
    this.finishConstruction(leadsOn, atomCount);
  }

  private finishConstruction(leadsOn: Set<number>, atomCount: number): void {
    this.leadsOn = new Uint8Array(atomCount);
    for (const atom of leadsOn) this.leadsOn[atom] = 1;
  }

  private atomsOf(word: string): readonly number[] {
    let atoms = this.tokenAtoms.get(word);
    if (atoms === undefined) {
      const found: number[] = [];
      const byStem = this.atomByStem.get(stem(word));
      if (byStem !== undefined) found.push(byStem);
      for (const wildcard of this.wildcards) if (matchesGlob(wildcard.pattern, word)) found.push(wildcard.atom);
      atoms = found.length > 0 ? found : NO_ATOMS;
      if (this.tokenAtoms.size > MAX_CACHED_WORDS) this.tokenAtoms.clear();
      this.tokenAtoms.set(word, atoms);
    }
    return atoms;
  }

  /** Atoms of the word text[start, end) (lower-cased through FOLD), found by its hash. */
  private lookup(text: string, start: number, end: number, hash: number): readonly number[] {
    const mask = this.slots.length - 1;
    let slot = (Math.imul(hash, 0x9e3779b1) >>> 0) & mask;
    const length = end - start;
    for (;;) {
      const entry = this.slots[slot]! - 1;
      if (entry < 0) break;
      if (this.entryHash[entry] === hash && this.entryLength[entry] === length) {
        const offset = this.entryOffset[entry]!;
        let k = 0;
        while (k < length && this.pool[offset + k] === FOLD[text.charCodeAt(start + k)]) k++;
        if (k === length) return this.entryAtoms[entry]!;
      }
      slot = (slot + 1) & mask;
    }
    // A word not seen before: lower-case it as tokenise() does and look its atoms up.
    const word = text.slice(start, end).toLowerCase().replace(/\u2019/g, "'");
    const atoms = this.atomsOf(word.length >= 13 ? `${word} `.slice(0, -1) : word);
    let entry = this.entryAtoms.length;
    if (entry >= MAX_CACHED_WORDS || this.poolUsed + length > 1 << 24) {
      this.slots.fill(0);
      this.entryAtoms.length = 0;
      this.poolUsed = 0;
      entry = 0;
      slot = (Math.imul(hash, 0x9e3779b1) >>> 0) & mask;
    }
    if (entry >= this.entryHash.length) {
      this.entryHash = grown(this.entryHash);
      this.entryOffset = grown(this.entryOffset);
      this.entryLength = grown(this.entryLength);
    }
    if (this.poolUsed + length > this.pool.length) this.pool = grown(this.pool, this.poolUsed + length);
    for (let k = 0; k < length; k++) this.pool[this.poolUsed + k] = FOLD[text.charCodeAt(start + k)]!;
    this.entryHash[entry] = hash;
    this.entryOffset[entry] = this.poolUsed;
    this.entryLength[entry] = length;
    this.poolUsed += length;
    this.entryAtoms.push(atoms);
    this.slots[slot] = entry + 1;
    if ((entry + 1) * 2 > this.slots.length) this.rehash();
    return atoms;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    const mask = this.slots.length - 1;
    for (let entry = 0; entry < this.entryAtoms.length; entry++) {
      let slot = (Math.imul(this.entryHash[entry]!, 0x9e3779b1) >>> 0) & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = entry + 1;
    }
  }

  /**
   * The theme words of one token (a piece of text between separators that no word crosses): how many
   * words it has, and for those with atoms their place among them, offsets within the token and atoms.
   * For scanners that cut the text into such tokens themselves (pipeline/answer-scan.ts), which then
   * match phrases over the hits as match() does (see frameData): the same codes as codeResponse,
   * since a word's atoms do not depend on the words around it.
   */
  tokenWords(token: string): TokenWords {
    const { words, starts, ends } = tokenise(token);
    const found: TokenWords = { words: words.length, index: [], starts: [], ends: [], atoms: [] };
    for (let t = 0; t < words.length; t++) {
      const atoms = this.atomsOf(words[t]!);
      if (atoms.length === 0) continue;
      found.index.push(t);
      found.starts.push(starts[t]!);
      found.ends.push(ends[t]!);
      found.atoms.push(atoms);
    }
    return found;
  }

  /** Record hit `hits` of the response being coded: a word with atoms at `position` among all words, at text[start, end). */
  private addHit(hits: number, position: number, start: number, end: number, atoms: readonly number[]): void {
    if (hits >= this.hitPos.length) {
      this.hitPos = grown(this.hitPos);
      this.hitStart = grown(this.hitStart);
      this.hitEnd = grown(this.hitEnd);
    }
    this.hitPos[hits] = position;
    this.hitStart[hits] = start;
    this.hitEnd[hits] = end;
    this.hitAtoms[hits] = atoms;
  }

  /**
   * The codes the last codeResponse returned (or takeCodes took), as numbers: per code its theme's index,
   * the evidence's start and end in the text, and the index of the child it came `via` (-1 for none),
   * in the first 4 * lastCodeCount places. Compact enough to keep for every answer of a file (see
   * pipeline/rows.ts); `decodeCodes` reverses it.
   */
  lastCodes = new Int32Array(64);
  lastCodeCount = 0;

  private addLastCode(theme: number, start: number, end: number, via: number): void {
    const at = 4 * this.lastCodeCount++;
    if (at + 4 > this.lastCodes.length) this.lastCodes = grown(this.lastCodes);
    this.lastCodes[at] = theme;
    this.lastCodes[at + 1] = start;
    this.lastCodes[at + 2] = end;
    this.lastCodes[at + 3] = via;
  }

  /**
   * The coding frame as numbers, for pipeline/answer-scan.ts, which matches phrases (as match()
   * does) in WebAssembly: the phrases by first atom, and each theme's ancestors (nearest first).
   */
  frameData(): { themes: number; phrasesByAtom: readonly (readonly Readonly<Phrase>[] | undefined)[]; ancestors: readonly (readonly number[])[] } {
    return { themes: this.themes.length, phrasesByAtom: this.phrasesByAtom, ancestors: this.ancestors };
  }

  /** Take `count` codes worked out elsewhere (see frameData), laid out as lastCodes from source[from], as this matcher's last codes. */
  takeCodes(source: Int32Array, from: number, count: number): void {
    if (4 * count > this.lastCodes.length) this.lastCodes = grown(this.lastCodes, 4 * count);
    const codes = this.lastCodes;
    for (let k = 0; k < 4 * count; k++) codes[k] = source[from + k]!;
    this.lastCodeCount = count;
  }

  /** ThemeCodes from `count` codes of text `text` encoded as in lastCodes, starting at data[at]. */
  decodeCodes(text: string, data: Int32Array, at: number, count: number): ThemeCode[] {
    const codes: ThemeCode[] = [];
    for (let k = at, end = at + 4 * count; k < end; k += 4) {
      const code: ThemeCode = { themeId: this.themes[data[k]!]!.id, evidence: text.slice(data[k + 1]!, data[k + 2]!) };
      const via = data[k + 3]!;
      if (via !== -1) code.via = this.themes[via]!.id;
      codes.push(code);
    }
    return codes;
  }

  /** The themes of one response, in codeframe order. */
  codeResponse(text: string): ThemeCode[] {
    this.lastCodeCount = 0;
    const length = text.length;
    if (length === 0) return [];
    // Tables in locals: the loop below runs for every character of every answer.
    const kinds = KIND;
    const folds = FOLD;
    const allowFirst = this.allowFirst;
    const allowTwo = this.allowTwo;
    const allowThree = this.allowThree;
    const maybeTwo = this.maybeTwo;
    const leadsOn = this.leadsOn;
    const filterOn = this.filterOn;
    // The tokens of tokenise(), scanned in place: no lower-cased copy, and only words that pass the
    // prefilter are hashed and looked up.
    let hits = 0;
    let position = 0;
    /** Position of a token that must be looked up because the one before may start a phrase. */
    let continueAt = -1;
    let i = 0;
    while (i < length) {
      let code = text.charCodeAt(i);
      let kind = kinds[code]!;
      if (kind < K_LETTER) {
        if (kind === K_UNKNOWN) kind = learnKind(code);
        if (kind < K_LETTER) {
          i++;
          continue;
        }
      }
      if (kind > K_DIGIT) {
        if (kind === K_UNSAFE) return this.codeGeneral(text);
        i++;
        continue;
      }
      const start = i;
      for (;;) {
        i++;
        if (i >= length) break;
        code = text.charCodeAt(i);
        kind = kinds[code]!;
        if (kind !== K_LETTER && kind !== K_DIGIT) {
          if (kind !== K_UNKNOWN) break;
          kind = learnKind(code);
          if (kind !== K_LETTER && kind !== K_DIGIT) break;
        }
      }
      // An apostrophe followed by letters continues the word (don't, council's).
      while (kind === K_APOSTROPHE && i + 1 < length) {
        let next = text.charCodeAt(i + 1);
        let nextKind = kinds[next]!;
        if (nextKind === K_UNKNOWN) nextKind = learnKind(next);
        if (nextKind !== K_LETTER) break;
        i++;
        while (nextKind === K_LETTER) {
          i++;
          if (i >= length) break;
          next = text.charCodeAt(i);
          nextKind = kinds[next]!;
          if (nextKind === K_UNKNOWN) nextKind = learnKind(next);
        }
        kind = nextKind;
      }
      let wordEnd = i;
      if (i - start > 2 && folds[text.charCodeAt(i - 1)] === 115 && kinds[text.charCodeAt(i - 2)] === K_APOSTROPHE) wordEnd = i - 2; // possessive 's
      const size = wordEnd - start;
      const first = folds[text.charCodeAt(start)]!;
      const second = size > 1 ? folds[text.charCodeAt(start + 1)]! : 0;
      const pair = twoKey(first, second);
      if (
        !filterOn ||
        continueAt === position ||
        allowFirst[first] === 1 ||
        (maybeTwo[pair] === 1 && (allowTwo[pair] === 1 || allowThree[threeKey(first, second, size > 2 ? folds[text.charCodeAt(start + 2)]! : 0)] === 1))
      ) {
        let hash = FNV_OFFSET;
        for (let k = start; k < wordEnd; k++) hash = Math.imul(hash ^ folds[text.charCodeAt(k)]!, FNV_PRIME);
        const atoms = this.lookup(text, start, wordEnd, hash);
        if (atoms.length > 0) {
          this.addHit(hits++, position, start, i, atoms);
          for (const atom of atoms) if (leadsOn[atom] === 1) continueAt = position + 1;
        }
      }
      position++;
    }
    return hits === 0 ? [] : this.match(text, hits);
  }

  /** Texts the fast path cannot lower-case unit by unit: tokenise() (regular expressions). */
  private codeGeneral(text: string): ThemeCode[] {
    const { words, starts, ends } = tokenise(text);
    let hits = 0;
    for (let t = 0; t < words.length; t++) {
      const atoms = this.atomsOf(words[t]!);
      if (atoms.length > 0) this.addHit(hits++, t, starts[t]!, ends[t]!, atoms);
    }
    return hits === 0 ? [] : this.match(text, hits);
  }

  private addMatch(count: number, theme: number, from: number, to: number, exclude: boolean): void {
    if (count >= this.matchTheme.length) {
      this.matchTheme = grown(this.matchTheme);
      this.matchFrom = grown(this.matchFrom);
      this.matchTo = grown(this.matchTo);
      this.matchExclude = grown(this.matchExclude);
    }
    this.matchTheme[count] = theme;
    this.matchFrom[count] = from;
    this.matchTo[count] = to;
    this.matchExclude[count] = exclude ? 1 : 0;
  }

  /** Phrase matches over the tokens that have atoms; consecutive tokens have consecutive positions. */
  private match(text: string, hits: number): ThemeCode[] {
    this.lastCodeCount = 0;
    let matches = 0;
    let excludes = 0;
    for (let k = 0; k < hits; k++) {
      for (const first of this.hitAtoms[k]!) {
        const phrases = this.phrasesByAtom[first];
        if (phrases === undefined) continue;
        for (const phrase of phrases) {
          const last = k + phrase.atoms.length - 1;
          if (last >= hits || this.hitPos[last]! - this.hitPos[k]! !== last - k) continue;
          let ok = true;
          for (let j = 1; j < phrase.atoms.length && ok; j++) ok = this.hitAtoms[k + j]!.includes(phrase.atoms[j]!);
          if (!ok) continue;
          this.addMatch(matches++, phrase.theme, k, last, phrase.exclude);
          if (phrase.exclude) excludes++;
        }
      }
    }
    const evidenceFrom = this.evidenceFrom;
    const evidenceTo = this.evidenceTo;
    const via = this.viaTheme;
    const coded: number[] = [];
    for (let m = 0; m < matches; m++) {
      if (this.matchExclude[m]) continue;
      const theme = this.matchTheme[m]!;
      if (evidenceFrom[theme] !== -1) continue;
      const from = this.matchFrom[m]!;
      const to = this.matchTo[m]!;
      let cancelled = false;
      for (let x = 0; x < matches && excludes > 0 && !cancelled; x++) {
        cancelled = this.matchExclude[x] === 1 && this.matchTheme[x] === theme && this.matchFrom[x]! <= to && from <= this.matchTo[x]!;
      }
      if (cancelled) continue;
      evidenceFrom[theme] = from;
      evidenceTo[theme] = to;
      coded.push(theme);
    }
    if (coded.length === 0) return [];
    const direct = coded.length;
    for (let c = 0; c < direct; c++) {
      const theme = coded[c]!;
      for (const ancestor of this.ancestors[theme]!) {
        if (evidenceFrom[ancestor] !== -1) continue;
        evidenceFrom[ancestor] = evidenceFrom[theme]!;
        evidenceTo[ancestor] = evidenceTo[theme]!;
        via[ancestor] = theme;
        coded.push(ancestor);
      }
    }
    coded.sort((a, b) => a - b);
    for (const theme of coded) {
      this.addLastCode(theme, this.hitStart[evidenceFrom[theme]!]!, this.hitEnd[evidenceTo[theme]!]!, via[theme]!);
      evidenceFrom[theme] = -1;
      via[theme] = -1;
    }
    return this.decodeCodes(text, this.lastCodes, 0, this.lastCodeCount);
  }
}

/** One matcher per question of a codeframe. */
export function compileCodeframe(codeframe: Codeframe): Map<string, QuestionMatcher> {
  return new Map(Object.entries(codeframe.questions).map(([question, themes]) => [question, new QuestionMatcher(themes)]));
}
