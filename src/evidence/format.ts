/** Small formatting helpers shared by the evidence reporters. Pure. */

/** Text from data made safe inside a Markdown table cell or paragraph: no markup, no HTML, one line. */
export function mdText(value: unknown): string {
  return String(value ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`);
}

export function formatNumber(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  return n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Significant figures for small numbers such as PageRank. */
export function formatSmall(n: number): string {
  return n === 0 ? '0' : n.toPrecision(3);
}

export function signed(n: number, digits = 0): string {
  const text = formatNumber(Math.abs(n), digits);
  return n > 0 ? `+${text}` : n < 0 ? `−${text}` : text;
}

/** Truncate long post text for a table, at a word boundary. */
export function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
