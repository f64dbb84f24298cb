/**
 * Text normalisation for campaign detection: two responses that differ only in case, spacing,
 * punctuation, apostrophes or HTML entities normalise to the same string.
 * "Fish &amp; chips", "fish & chips!" and "FISH AND CHIPS" all become "fish and chips".
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  nbsp: ' ',
  quot: '"',
  apos: "'",
  lt: '<',
  gt: '>',
  ndash: '-',
  mdash: '-',
  lsquo: "'",
  rsquo: "'",
  ldquo: '"',
  rdquo: '"',
  hellip: '...',
  pound: '£',
  euro: '€',
};

const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]{2,8}));?/gi;

/** Decode the HTML entities web forms leave in exports (`&amp;`, `&nbsp;`, `&#39;`, `&#x2019;`). */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
    const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex!, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

const APOSTROPHES = /['\u2018\u2019`\u00b4]/g;
const AMPERSAND = /&/g;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/** Lower-case words separated by single spaces; `&` reads as "and"; apostrophes vanish (don't = dont). */
export function normaliseText(text: string): string {
  return decodeEntities(text)
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .replace(AMPERSAND, ' and ')
    .replace(NOT_WORD, ' ')
    .trim();
}
