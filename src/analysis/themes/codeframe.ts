/**
 * Coding frames: per open question (CSV column), the themes a response can be coded to.
 *
 *   questions:
 *     comment-body:
 *       - id: roads
 *         label: Roads and traffic
 *         description: Road layout, congestion, turn lanes
 *         include: [traffic*, road, "turn lane"]   # words are stemmed; * is a wildcard
 *         exclude: ["road trip"]                     # cancels include matches it overlaps
 *         parent: transport                          # optional: another theme of the same question
 */
import { z } from 'zod';
import { ProblemsError } from '../../errors.js';
import { checkSchema, formatProblem, locate, parseYaml, readYaml, type ParsedYaml, type Problem } from '../../toolkit/yaml-file.js';

const THEME_ID = /^[a-z0-9][a-z0-9_-]*$/;

export const themeSchema = z
  .object({
    id: z.string().regex(THEME_ID, 'use lower-case letters, digits, - and _ (e.g. roads-traffic)'),
    label: z.string().min(1),
    description: z.string().optional(),
    include: z.array(z.string().min(1)).default([]),
    exclude: z.array(z.string().min(1)).default([]),
    parent: z.string().optional(),
  })
  .strict();

export const codeframeSchema = z
  .object({
    questions: z.record(z.string().min(1), z.array(themeSchema)),
  })
  .strict();

export type Theme = z.infer<typeof themeSchema>;
export type Codeframe = z.infer<typeof codeframeSchema>;

/** One pattern word: a stem to compare with stemmed tokens, or a wildcard over the lower-case token. */
export type PatternWord = { kind: 'stem'; stem: string } | { kind: 'wildcard'; pattern: string };

/** Check a parsed codeframe (whole file, or a `codeframe:` block at `basePath` inside an analysis config). */
export function checkCodeframe(parsed: ParsedYaml, basePath: (string | number)[] = []): { value?: Codeframe; problems: Problem[] } {
  const data = basePath.reduce<unknown>((node, key) => (node as Record<string | number, unknown> | undefined)?.[key], parsed.data);
  const { value, problems } = checkSchema({ ...parsed, data }, codeframeSchema);
  if (!value) {
    return { problems: problems.map((p) => ({ ...p, field: [...basePath, p.field].filter((x) => x !== undefined && x !== '(top level)').join('.') || p.field, line: basePath.length ? locate(parsed, [...basePath, ...(p.field?.split('.') ?? [])]) : p.line })) };
  }
  const more: Problem[] = [];
  const at = (path: (string | number)[], field: string, message: string) =>
    more.push({ file: parsed.file, line: locate(parsed, [...basePath, ...path]), field: [...basePath, ...path].join('.') || field, message });
  for (const [question, themes] of Object.entries(value.questions)) {
    const ids = new Map<string, number>();
    themes.forEach((theme, i) => {
      if (ids.has(theme.id)) at(['questions', question, i, 'id'], 'id', `duplicate theme id "${theme.id}" (also theme ${ids.get(theme.id)! + 1})`);
      ids.set(theme.id, i);
    });
    const children = new Set(themes.map((t) => t.parent).filter((p): p is string => p !== undefined));
    themes.forEach((theme, i) => {
      if (theme.parent !== undefined) {
        if (!ids.has(theme.parent)) at(['questions', question, i, 'parent'], 'parent', `no theme "${theme.parent}" in ${question}; a parent must be one of its themes`);
        else if (hasCycle(themes, theme.id)) at(['questions', question, i, 'parent'], 'parent', `parent chain of "${theme.id}" loops back to itself`);
      }
      if (theme.include.length === 0 && !children.has(theme.id)) {
        at(['questions', question, i], 'include', `theme "${theme.id}" has no include phrases and no child themes, so it can never match`);
      }
      for (const key of ['include', 'exclude'] as const) {
        theme[key].forEach((phrase, j) => {
          const problem = phraseProblem(phrase);
          if (problem) at(['questions', question, i, key, j], key, problem);
        });
      }
    });
  }
  return more.length ? { problems: more } : { value, problems: [] };
}

function hasCycle(themes: readonly Theme[], start: string): boolean {
  const byId = new Map(themes.map((t) => [t.id, t]));
  const seen = new Set<string>();
  let current = byId.get(start);
  while (current?.parent !== undefined) {
    if (seen.has(current.id)) return true;
    seen.add(current.id);
    if (current.parent === start) return true;
    current = byId.get(current.parent);
  }
  return false;
}

/** Split an include/exclude phrase into pattern words; undefined when it has none. */
export function phraseWords(phrase: string, stemWord: (word: string) => string): PatternWord[] | undefined {
  const words: PatternWord[] = [];
  for (const raw of phrase.toLowerCase().replace(/\u2019/g, "'").split(/\s+/)) {
    if (raw.includes('*')) {
      const pattern = raw.replace(/[^\p{L}\p{N}'*]/gu, '');
      if (pattern.replace(/\*/g, '') === '') return undefined;
      words.push({ kind: 'wildcard', pattern });
      continue;
    }
    // Same splitting as responses: "turn-lane" is two words.
    for (const part of raw.match(/[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu) ?? []) {
      words.push({ kind: 'stem', stem: stemWord(part.endsWith("'s") ? part.slice(0, -2) : part) });
    }
  }
  return words.length ? words : undefined;
}

function phraseProblem(phrase: string): string | undefined {
  if (phrase.replace(/[^\p{L}\p{N}]/gu, '') === '') return `"${phrase}" has no letters or digits to match`;
  if (/\*/.test(phrase) && phrase.split(/\s+/).some((w) => w.includes('*') && w.replace(/[^\p{L}\p{N}]/gu, '').length < 2)) {
    return `"${phrase}": a wildcard needs at least 2 letters beside the * (e.g. traffic*)`;
  }
  return undefined;
}

/** Read and check a codeframe file; problems thrown together as `file:line: field: problem` lines. */
export function loadCodeframe(path: string): Codeframe {
  const { parsed, problems } = readYaml(path);
  if (!parsed) throw new ProblemsError(problems.map(formatProblem), `${path}: not a readable codeframe.`);
  return codeframeOrThrow(parsed);
}

/** Parse codeframe YAML text (tests, and configs read elsewhere). */
export function parseCodeframe(text: string, file: string): Codeframe {
  const { parsed, problems } = parseYaml(text, file);
  if (!parsed) throw new ProblemsError(problems.map(formatProblem), `${file}: not a readable codeframe.`);
  return codeframeOrThrow(parsed);
}

function codeframeOrThrow(parsed: ParsedYaml): Codeframe {
  const { value, problems } = checkCodeframe(parsed);
  if (!value) {
    throw new ProblemsError(problems.map(formatProblem), `${parsed.file}: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the codeframe.`);
  }
  return value;
}
