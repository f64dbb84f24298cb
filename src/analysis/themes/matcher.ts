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
import { APOSTROPHE, DIGIT, LETTER, SURROGATE, classOf, stem, tokenise } from './tokens.js';

export interface ThemeCode {
  themeId: string;
  /** The words that matched, as written in the response. */
  evidence: string;
  /** For a parent coded through a child: the child theme that matched. */
  via?: string;
}

interface Phrase {
  atoms: number[];
  theme: number;
  exclude: boolean;
}

export class QuestionMatcher {
  readonly themes: readonly Theme[];
  private readonly atomByStem = new Map<string, number>();
  private readonly wildcards: { regex: RegExp; atom: number }[] = [];
  private readonly phrasesByFirstAtom = new Map<number, Phrase[]>();
  private readonly tokenAtoms = new Map<string, readonly number[]>();
  // Hash-keyed word cache for the fast path: finds a word's atoms without cutting the word out.
  private readonly atomsByHash = new Map<number, number>();
  private readonly hashedWords: string[] = [];
  private readonly hashedAtoms: (readonly number[])[] = [];
  private scratchAtoms: (readonly number[])[] = [];
  private scratchStarts = new Int32Array(512);
  private scratchEnds = new Int32Array(512);
  /** Index of each theme's ancestors (nearest first). */
  private readonly ancestors: number[][];

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
        const source = word.pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
        this.wildcards.push({ regex: new RegExp(`^${source}$`, 'u'), atom });
      }
      return atom;
    };
    themes.forEach((theme, index) => {
      for (const [key, exclude] of [['include', false], ['exclude', true]] as const) {
        for (const phrase of theme[key]) {
          const words = phraseWords(phrase, stem);
          if (!words) continue;
          const atoms = words.map(atomFor);
          const list = this.phrasesByFirstAtom.get(atoms[0]!) ?? [];
          list.push({ atoms, theme: index, exclude });
          this.phrasesByFirstAtom.set(atoms[0]!, list);
        }
      }
    });
  }

  private atomsOf(word: string): readonly number[] {
    let atoms = this.tokenAtoms.get(word);
    if (atoms === undefined) {
      const found: number[] = [];
      const byStem = this.atomByStem.get(stem(word));
      if (byStem !== undefined) found.push(byStem);
      for (const wildcard of this.wildcards) if (wildcard.regex.test(word)) found.push(wildcard.atom);
      atoms = found;
      if (this.tokenAtoms.size > 100_000) this.tokenAtoms.clear();
      this.tokenAtoms.set(word, atoms);
    }
    return atoms;
  }

  /** Atoms of the word lower[start, end) whose FNV hash is `hash` (’ counted as '). */
  private atomsAt(lower: string, start: number, end: number, hash: number): readonly number[] {
    const index = this.atomsByHash.get(hash);
    if (index !== undefined) {
      const word = this.hashedWords[index]!;
      if (word.length === end - start) {
        let same = true;
        for (let k = 0; k < word.length && same; k++) {
          const code = lower.charCodeAt(start + k);
          same = word.charCodeAt(k) === (code === 0x2019 ? 39 : code);
        }
        if (same) return this.hashedAtoms[index]!;
      }
    }
    const word = lower.slice(start, end).replace(/\u2019/g, "'");
    const atoms = this.atomsOf(word);
    if (index === undefined) {
      if (this.hashedWords.length > 100_000) {
        this.atomsByHash.clear();
        this.hashedWords.length = 0;
        this.hashedAtoms.length = 0;
      }
      this.atomsByHash.set(hash, this.hashedWords.length);
      this.hashedWords.push(word);
      this.hashedAtoms.push(atoms);
    }
    return atoms;
  }

  /** The themes of one response, in codeframe order. */
  codeResponse(text: string): ThemeCode[] {
    if (text.length === 0) return [];
    const lower = text.toLowerCase();
    if (lower.length !== text.length || SURROGATE.test(text)) {
      // Rare: lower-casing moves offsets, or characters outside the BMP. The regular-expression path.
      const { words, starts, ends } = tokenise(text);
      return this.codeTokens(text, words.length, words.map((w) => this.atomsOf(w)), starts, ends);
    }
    // The same tokens as tokenise(), scanned in place: no word strings for words seen before.
    const length = lower.length;
    let n = 0;
    let i = 0;
    while (i < length) {
      let kind = classOf(lower.charCodeAt(i));
      if (kind !== LETTER && kind !== DIGIT) {
        i++;
        continue;
      }
      const start = i;
      let hash = 0x811c9dc5;
      let before1 = hash;
      let before2 = hash;
      while (i < length) {
        const code = lower.charCodeAt(i);
        kind = classOf(code);
        if (kind !== LETTER && kind !== DIGIT) break;
        before2 = before1;
        before1 = hash;
        hash = Math.imul(hash ^ code, 0x01000193);
        i++;
      }
      while (i + 1 < length && classOf(lower.charCodeAt(i)) === APOSTROPHE && classOf(lower.charCodeAt(i + 1)) === LETTER) {
        before2 = before1;
        before1 = hash;
        hash = Math.imul(hash ^ 39, 0x01000193);
        i++;
        while (i < length) {
          const code = lower.charCodeAt(i);
          if (classOf(code) !== LETTER) break;
          before2 = before1;
          before1 = hash;
          hash = Math.imul(hash ^ code, 0x01000193);
          i++;
        }
      }
      let wordEnd = i;
      if (i - start > 2 && lower.charCodeAt(i - 1) === 115 && classOf(lower.charCodeAt(i - 2)) === APOSTROPHE) {
        wordEnd = i - 2; // possessive 's
        hash = before2;
      }
      if (n >= this.scratchStarts.length) {
        const starts = new Int32Array(n * 2);
        starts.set(this.scratchStarts);
        this.scratchStarts = starts;
        const ends = new Int32Array(n * 2);
        ends.set(this.scratchEnds);
        this.scratchEnds = ends;
      }
      this.scratchAtoms[n] = this.atomsAt(lower, start, wordEnd, hash & 0x3fffffff);
      this.scratchStarts[n] = start;
      this.scratchEnds[n] = i;
      n++;
    }
    return this.codeTokens(text, n, this.scratchAtoms, this.scratchStarts, this.scratchEnds);
  }

  private codeTokens(
    text: string,
    count: number,
    atoms: readonly (readonly number[])[],
    starts: ArrayLike<number>,
    ends: ArrayLike<number>,
  ): ThemeCode[] {
    let includes: { theme: number; from: number; to: number }[] | undefined;
    let excludes: { theme: number; from: number; to: number }[] | undefined;
    for (let i = 0; i < count; i++) {
      for (const first of atoms[i]!) {
        const phrases = this.phrasesByFirstAtom.get(first);
        if (!phrases) continue;
        for (const phrase of phrases) {
          const last = i + phrase.atoms.length - 1;
          if (last >= count) continue;
          let ok = true;
          for (let k = 1; k < phrase.atoms.length && ok; k++) ok = atoms[i + k]!.includes(phrase.atoms[k]!);
          if (!ok) continue;
          const span = { theme: phrase.theme, from: i, to: last };
          if (phrase.exclude) (excludes ??= []).push(span);
          else (includes ??= []).push(span);
        }
      }
    }
    if (includes === undefined) return [];
    const evidence = new Map<number, string>();
    for (const match of includes) {
      if (evidence.has(match.theme)) continue;
      const cancelled = excludes?.some((x) => x.theme === match.theme && x.from <= match.to && match.from <= x.to);
      if (!cancelled) evidence.set(match.theme, text.slice(starts[match.from], ends[match.to]));
    }
    const via = new Map<number, number>();
    for (const theme of [...evidence.keys()]) {
      for (const ancestor of this.ancestors[theme]!) {
        if (evidence.has(ancestor)) continue;
        evidence.set(ancestor, evidence.get(theme)!);
        via.set(ancestor, theme);
      }
    }
    return [...evidence.keys()]
      .sort((a, b) => a - b)
      .map((index) => {
        const code: ThemeCode = { themeId: this.themes[index]!.id, evidence: evidence.get(index)! };
        const child = via.get(index);
        if (child !== undefined) code.via = this.themes[child]!.id;
        return code;
      });
  }
}

/** One matcher per question of a codeframe. */
export function compileCodeframe(codeframe: Codeframe): Map<string, QuestionMatcher> {
  return new Map(Object.entries(codeframe.questions).map(([question, themes]) => [question, new QuestionMatcher(themes)]));
}
