/**
 * Markup left in exported answers ("&amp;", "<span style=...>", "&quot;") removed before theme
 * suggestion and learning count words, so no theme is named "amp" or "span style". A local stand-in:
 * when ingest normalises HTML for every answer (issue 17), call sites of `stripMarkupForThemes`
 * switch to that and this file goes.
 */
const NAMED: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: ' ', hellip: '…', ndash: '–', mdash: '—', rsquo: '\u2019', lsquo: '\u2018', ldquo: '"', rdquo: '"', pound: '£', euro: '€' };

export function stripMarkupForThemes(text: string): string {
  if (!text.includes('<') && !text.includes('&')) return text;
  return (
    text
      // tags, including their attributes; a lone "<" in prose ("< 5 minutes") has no closing ">" nearby
      .replace(/<\/?[a-zA-Z][^<>]{0,500}>/g, ' ')
      .replace(/&#x([0-9a-fA-F]{1,6});/g, (_, hex: string) => safeCodePoint(parseInt(hex, 16)))
      .replace(/&#([0-9]{1,7});/g, (_, dec: string) => safeCodePoint(parseInt(dec, 10)))
      .replace(/&([a-zA-Z]{2,8});/g, (whole, name: string) => NAMED[name.toLowerCase()] ?? whole)
  );
}

function safeCodePoint(code: number): string {
  return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : ' ';
}
