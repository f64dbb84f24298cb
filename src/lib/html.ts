/** HTML helpers shared by every HTML reporter: escaping and a self-contained page shell. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Base styles: readable, printable, no external fonts or assets. */
export const BASE_CSS = `
:root { color-scheme: light; --ink: #0b0c0c; --muted: #505a5f; --line: #b1b4b6; --accent: #1d70b8; --bg-soft: #f3f2f1; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Arial, sans-serif; color: var(--ink); max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3 { line-height: 1.25; }
a { color: var(--accent); }
table { border-collapse: collapse; margin: 1rem 0; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--bg-soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
blockquote { border-left: 4px solid var(--line); margin: .5rem 0; padding: .25rem .75rem; color: var(--muted); }
.muted { color: var(--muted); }
.callout { background: var(--bg-soft); border-left: 4px solid var(--accent); padding: .75rem 1rem; margin: 1rem 0; }
code, pre { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .9em; }
svg { max-width: 100%; height: auto; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  h2, h3 { break-after: avoid; }
  table, figure, blockquote, svg { break-inside: avoid; }
  .no-print { display: none; }
}
`;

export interface PageOptions {
  title: string;
  body: string;
  css?: string;
  lang?: string;
}

/** A complete HTML document; `body` must already be escaped/rendered safely. */
export function htmlPage({ title, body, css = '', lang = 'en-GB' }: PageOptions): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${BASE_CSS}${css}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
