/**
 * The page shell of the static site: one stylesheet and no external assets, relative links only, so the
 * folder works opened from disk (file://). Scripts are inline and allowed by their hash in the page's
 * Content-Security-Policy; nothing else may run or load.
 */
import { createHash } from 'node:crypto';
import { BASE_CSS, escapeHtml } from '../lib/html.js';

export const SITE_CSS = `
body { max-width: 62rem; margin: 0 auto; padding: 0 1rem 2rem; }
.skip-link { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem 1rem; }
.skip-link:focus { left: 1rem; z-index: 10; outline: 3px solid #fd0; }
header.site { border-bottom: 4px solid var(--accent); padding: .75rem 0; margin-bottom: 1.5rem; display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; justify-content: space-between; }
header.site .brand { font-weight: 700; font-size: 1.15rem; color: var(--ink); text-decoration: none; display: inline-block; padding: .25rem 0; }
nav.site ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
nav.site a { display: inline-block; padding: .3rem 0; min-height: 24px; }
form.search { display: flex; gap: .4rem; align-items: center; flex-wrap: wrap; }
form.search input { font: inherit; padding: .3rem .5rem; border: 2px solid var(--ink); min-width: 14rem; }
form.search button, .button { font: inherit; padding: .3rem .8rem; border: 0; background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
:focus-visible { outline: 3px solid #fd0; outline-offset: 0; box-shadow: 0 0 0 5px var(--ink); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
ul.cards { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: 1rem; }
ul.cards li { border: 1px solid var(--line); padding: .75rem 1rem; }
ul.cards li p { margin: .35rem 0 0; }
.kind { font-size: .85rem; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
.facts th { width: 14rem; font-weight: 600; }
ol.results { padding-left: 1.5rem; }
ol.results li { margin: 0 0 .9rem; }
ol.results p { margin: .2rem 0 0; }
footer.site { margin-top: 3rem; border-top: 1px solid var(--line); padding-top: .75rem; font-size: .9rem; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem 1rem; margin: 1rem 0; }
@media print {
  header.site, nav.site, form.search, .skip-link, footer.site, .actions { display: none; }
}
`;

export interface SitePage {
  /** Path inside the site folder, e.g. techniques/webinars.html. */
  path: string;
  title: string;
  /** Already escaped or rendered HTML for <main>. */
  main: string;
  css?: string;
  /** Inline script, allowed by its hash. */
  script?: string;
  /** Extra elements before the script, e.g. a JSON data block. */
  data?: string;
  /** Print-only pages (method cards, worksheets) leave out the site header. */
  bare?: boolean;
}

/** "../" for every folder the page sits in, so links work from any depth without a server. */
export function rootOf(path: string): string {
  return '../'.repeat(path.split('/').length - 1) || './';
}

function cspFor(script: string | undefined): string {
  const scriptSrc = script ? `; script-src 'sha256-${createHash('sha256').update(script).digest('base64')}'` : '';
  return `default-src 'none'; style-src 'unsafe-inline'; img-src data:${scriptSrc}`;
}

export function renderPage(page: SitePage, siteTitle: string): string {
  const root = rootOf(page.path);
  const header = page.bare
    ? ''
    : `<a class="skip-link" href="#main">Skip to main content</a>
<header class="site">
<a class="brand" href="${root}index.html">${escapeHtml(siteTitle)}</a>
<form class="search" role="search" action="${root}search.html" method="get">
<label for="site-search">Search the toolkit</label>
<input id="site-search" name="q" type="search" autocomplete="off">
<button type="submit">Search</button>
</form>
<nav class="site" aria-label="Sections">
<ul>
<li><a href="${root}index.html#stages">Stages</a></li>
<li><a href="${root}techniques/index.html">Techniques</a></li>
<li><a href="${root}cases/index.html">Case studies</a></li>
<li><a href="${root}masterclasses/index.html">Masterclasses</a></li>
<li><a href="${root}standard.html">Consultation standard</a></li>
<li><a href="${root}maturity.html">Maturity</a></li>
<li><a href="${root}worksheets/index.html">Worksheets</a></li>
</ul>
</nav>
</header>`;
  const footer = page.bare ? '' : `<footer class="site muted"><p>${escapeHtml(siteTitle)}: a static copy of the policy toolkit, written by <code>ptk site</code>. It needs no server and loads nothing from the internet.</p></footer>`;
  const script = page.script ? `\n<script>${page.script}</script>` : '';
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${cspFor(page.script)}">
<title>${escapeHtml(page.title)} — ${escapeHtml(siteTitle)}</title>
<style>${BASE_CSS}${SITE_CSS}${page.css ?? ''}</style>
</head>
<body>
${header}
<main id="main">
${page.main}
</main>
${footer}${page.data ?? ''}${script}
</body>
</html>
`;
}
