/**
 * The site's search: an inverted index built here, embedded in search.html as JSON, and a small
 * script that ranks pages for the words typed. Words are matched by prefix ("consult" finds
 * "consultation"), each page scored by weighted term frequency and rarity (BM25's shape without
 * length normalisation), and pages matching every word come first.
 */

/** Words too common to help; the same list the CLI search uses. */
export const STOP_WORDS =
  'a an and are as at be by for from has have how in is it its of on or that the their them this to was were what when where which who with you your'.split(' ');

export interface IndexedPage {
  url: string;
  title: string;
  kind: string;
  summary: string;
  /** Weighted text fields: the title counts more than the body. */
  fields: [weight: number, text: string][];
}

export interface SearchIndex {
  pages: { u: string; t: string; k: string; s: string }[];
  /** word -> [page number, weight] pairs */
  words: Record<string, [number, number][]>;
}

const stop = new Set(STOP_WORDS);

export function indexWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length > 1 && !stop.has(w));
}

export function buildSearchIndex(pages: readonly IndexedPage[]): SearchIndex {
  const words = new Map<string, Map<number, number>>();
  pages.forEach((page, n) => {
    for (const [weight, text] of page.fields) {
      for (const word of indexWords(text)) {
        const postings = words.get(word) ?? new Map<number, number>();
        postings.set(n, Math.round(((postings.get(n) ?? 0) + weight) * 10) / 10);
        words.set(word, postings);
      }
    }
  });
  const sorted = [...words.keys()].sort();
  return {
    // summaries are shown as plain text: Markdown marks would show as typed
    pages: pages.map((p) => ({ u: p.url, t: p.title, k: p.kind, s: p.summary.replace(/[`*_]/g, '') })),
    words: Object.fromEntries(sorted.map((w) => [w, [...words.get(w)!.entries()]])),
  };
}

/** JSON for a <script type="application/json"> block: "<" escaped so no text can close the element. */
export function indexJson(index: SearchIndex): string {
  return JSON.stringify(index).replace(/</g, '\\u003c');
}

/**
 * The browser side, kept small and dependency-free. It reads ?q= so the search box on every page
 * (a plain GET form) lands here with results, and it searches again as the visitor types.
 */
export const SEARCH_SCRIPT = `(function () {
  var index = JSON.parse(document.getElementById('search-index').textContent);
  var stop = new Set(${JSON.stringify(STOP_WORDS)});
  var input = document.getElementById('search-page-input');
  var form = document.getElementById('search-page-form');
  var list = document.getElementById('search-results');
  var status = document.getElementById('search-status');
  var keys = Object.keys(index.words);
  function words(text) {
    return (text.toLowerCase().match(/[\\p{L}\\p{N}]+/gu) || []).filter(function (w) { return w.length > 1 && !stop.has(w); });
  }
  function rank(query) {
    var terms = words(query);
    var found = new Map();
    terms.forEach(function (term) {
      var stem = term.length > 4 ? term.replace(/(ing|ies|es|s)$/, '') : term;
      var best = new Map();
      keys.forEach(function (key) {
        if (key.lastIndexOf(stem, 0) !== 0) return;
        index.words[key].forEach(function (posting) {
          best.set(posting[0], Math.max(best.get(posting[0]) || 0, posting[1]));
        });
      });
      var idf = Math.log(1 + index.pages.length / Math.max(best.size, 1));
      best.forEach(function (tf, page) {
        var hit = found.get(page) || { page: page, score: 0, matched: 0 };
        hit.score += idf * (tf * 2.2) / (tf + 1.2);
        hit.matched += 1;
        found.set(page, hit);
      });
    });
    return Array.from(found.values()).sort(function (a, b) {
      return b.matched - a.matched || b.score - a.score || index.pages[a.page].t.localeCompare(index.pages[b.page].t);
    }).slice(0, 30);
  }
  function show(query) {
    list.textContent = '';
    if (!query.trim()) { status.textContent = 'Type a word to search techniques, case studies, masterclasses and worksheets.'; return; }
    var hits = rank(query);
    status.textContent = hits.length === 0 ? 'No pages match \\u201c' + query + '\\u201d. Try fewer or different words.' : hits.length + (hits.length === 1 ? ' page matches' : ' pages match') + ' \\u201c' + query + '\\u201d.';
    hits.forEach(function (hit) {
      var page = index.pages[hit.page];
      var item = document.createElement('li');
      var kind = document.createElement('span');
      kind.className = 'kind';
      kind.textContent = page.k;
      var link = document.createElement('a');
      link.href = page.u;
      link.textContent = page.t;
      var summary = document.createElement('p');
      summary.textContent = page.s;
      item.appendChild(link);
      item.appendChild(document.createTextNode(' '));
      item.appendChild(kind);
      item.appendChild(summary);
      list.appendChild(item);
    });
  }
  var initial = new URLSearchParams(window.location.search).get('q') || '';
  input.value = initial;
  show(initial);
  form.addEventListener('submit', function (event) { event.preventDefault(); show(input.value); });
  input.addEventListener('input', function () { show(input.value); });
})();
`;
