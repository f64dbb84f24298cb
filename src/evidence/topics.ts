/**
 * Policy topics as keyword sets (topics.yaml) and matching posts against them. Keywords match whole
 * words ignoring case; a phrase matches its words in order, separated by spaces or hyphens; `*` stands for any word
 * ending. A post that matches a topic's `exclude` term is not counted for that topic. Pure.
 */
import { z } from 'zod';

const term = z.string().trim().min(1, 'empty keyword');

export const topicsFileSchema = z.strictObject({
  topics: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes, e.g. waiting-lists'),
        label: z.string().trim().min(1).optional(),
        keywords: z.array(term).min(1, 'give at least one keyword'),
        exclude: z.array(term).optional(),
      }),
    )
    .min(1, 'give at least one topic')
    .refine((topics) => new Set(topics.map((t) => t.id)).size === topics.length, 'topic ids must be unique'),
});
export type TopicsFile = z.infer<typeof topicsFileSchema>;

export interface Topic {
  id: string;
  label: string;
  keywords: string[];
  exclude: string[];
  /** Matches any keyword. */
  pattern: RegExp;
  excludePattern: RegExp | null;
}

const WORD_CHAR = String.raw`[\p{L}\p{N}_]`;

/** One keyword as a regular-expression source: escaped, `*` as a word ending, spaces as any whitespace. */
export function keywordSource(keyword: string): string {
  const body = keyword
    .trim()
    .split(/\s+/)
    .map((word) =>
      word
        .split('*')
        // only syntax characters may be escaped under the u flag (an escaped hyphen is a syntax error
        // there); a hyphen matches a hyphen or a space, as a space between words does ("follow-up")
        .map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/-/g, String.raw`[\s-]+`))
        .join(`${WORD_CHAR}*`),
    )
    .join(String.raw`[\s-]+`);
  return `(?<!${WORD_CHAR})${body}(?!${WORD_CHAR})`;
}

function compile(terms: readonly string[]): RegExp {
  return new RegExp(terms.map(keywordSource).join('|'), 'iu');
}

export function compileTopics(file: TopicsFile): Topic[] {
  return file.topics.map((t) => ({
    id: t.id,
    label: t.label ?? t.id,
    keywords: t.keywords,
    exclude: t.exclude ?? [],
    pattern: compile(t.keywords),
    excludePattern: t.exclude && t.exclude.length > 0 ? compile(t.exclude) : null,
  }));
}

export function matchesTopic(topic: Topic, text: string): boolean {
  return topic.pattern.test(text) && !(topic.excludePattern?.test(text) ?? false);
}

/** Ids of the topics a text belongs to, in topic order. */
export function topicsOf(topics: readonly Topic[], text: string): string[] {
  return topics.filter((t) => matchesTopic(t, text)).map((t) => t.id);
}
