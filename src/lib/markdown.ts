/**
 * Markdown to HTML for text that comes from data files or responses: raw HTML in the
 * source is shown as text, never passed through, and only safe link schemes are kept.
 */
import { Marked, type Tokens } from 'marked';
import { escapeHtml } from './html.js';

// a lone / is a path on this site; // and /\ would be another host (browsers read \ as /)
const SAFE_URL = /^(https?:|mailto:|#|\/(?![/\\])|\.\/|\.\.\/)/i;

const safeMarked = new Marked({
  gfm: true,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(token.text);
    },
    link(token: Tokens.Link) {
      const text = this.parser.parseInline(token.tokens);
      if (!SAFE_URL.test(token.href)) return text;
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
      return `<a href="${escapeHtml(token.href)}"${title}>${text}</a>`;
    },
    image(token: Tokens.Image) {
      // reports are self-contained: no remote images
      return escapeHtml(token.text || token.href);
    },
  },
});

export function markdownToHtml(markdown: string): string {
  return safeMarked.parse(markdown, { async: false });
}

export function markdownInline(markdown: string): string {
  return safeMarked.parseInline(markdown, { async: false });
}
