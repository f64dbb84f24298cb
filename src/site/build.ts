/**
 * Builds the static site from the toolkit's data: pure, returning each page's path and HTML.
 * Every link is relative, so the folder can be opened from disk, zipped or put on any web server.
 */
import { basename } from 'node:path';
import { escapeHtml } from '../lib/html.js';
import { markdownInline, markdownToHtml } from '../lib/markdown.js';
import { clock, moduleFacts, timedRunSheet } from '../masterclass/render.js';
import type { Masterclass } from '../masterclass/schema.js';
import type { MaturityModel } from '../maturity/model.js';
import type { Standard } from '../plan/standard.js';
import { byline, caseStudiesFor, caseStudyList, caseStudyToMarkdown, formatFigure, techniquesFor } from '../toolkit/case-studies.js';
import { techniqueList, type Toolkit } from '../toolkit/load.js';
import { stageNames, techniqueFacts, techniqueToMarkdown, type TechniqueLinks } from '../toolkit/render.js';
import type { CaseStudy, Technique } from '../toolkit/schema.js';
import { renderPage, type SitePage } from './layout.js';
import { buildSearchIndex, indexJson, SEARCH_SCRIPT, type IndexedPage } from './search-index.js';
import { WORKSHEETS } from './worksheets.js';

export const SITE_TITLE = 'Policy toolkit';

export interface SiteInput {
  toolkit: Toolkit;
  masterclasses: Masterclass[];
  standard: Standard;
  maturity: MaturityModel;
}

export interface SiteFile {
  path: string;
  html: string;
}

const techniquePath = (t: Technique) => `techniques/${t.id}.html`;
const cardPath = (t: Technique) => `cards/${t.id}.html`;
const casePath = (c: CaseStudy) => `cases/${c.id}.html`;
const modulePath = (m: Masterclass) => `masterclasses/${m.id}.html`;

/** Markdown link text cannot hold "[" or "]" unescaped. */
function linkText(text: string): string {
  return text.replace(/([[\]\\])/g, '\\$1');
}

function oneLine(text: string): string {
  return text.trim().replace(/\s*\n\s*/g, ' ');
}

/** A link from a page at `from` to a page at `to`, both paths inside the site. */
export function relativeHref(from: string, to: string): string {
  const fromDir = from.split('/').slice(0, -1);
  const toParts = to.split('/');
  let common = 0;
  while (common < fromDir.length && common < toParts.length - 1 && fromDir[common] === toParts[common]) common++;
  const up = fromDir.length - common;
  const rest = toParts.slice(common).join('/');
  return up === 0 ? `./${rest}` : `${'../'.repeat(up)}${rest}`;
}

function a(from: string, to: string, text: string): string {
  return `<a href="${escapeHtml(relativeHref(from, to))}">${escapeHtml(text)}</a>`;
}

function linksFrom(from: string): TechniqueLinks {
  return {
    technique: (t) => `[${linkText(t.name)}](${relativeHref(from, techniquePath(t))})`,
    caseStudy: (c) => `[${linkText(c.title)}](${relativeHref(from, casePath(c))})`,
    caseStudyHint: '',
  };
}

/** marked leaves an empty heading row on a table without headings; a facts table has none. */
function dropEmptyHead(html: string): string {
  return html.replace(/<thead>\s*<tr>\s*<th><\/th>\s*<th><\/th>\s*<\/tr>\s*<\/thead>\s*/g, '');
}

function indexPage(input: SiteInput): SitePage {
  const path = 'index.html';
  const { toolkit } = input;
  const techniques = techniqueList(toolkit);
  const stages = toolkit.stages
    .map((stage) => {
      const activities = stage.activities
        .map((activity) => {
          const here = techniques.filter((t) => t.stages.includes(stage.number) && t.activities.includes(activity.id));
          const items = here.map((t) => `<li>${a(path, techniquePath(t), t.name)}: ${escapeHtml(t.summary)}</li>`).join('\n');
          return `<h4 id="${escapeHtml(activity.id)}">${escapeHtml(activity.name)}</h4>\n<p>${escapeHtml(oneLine(activity.description))}</p>\n${here.length > 0 ? `<ul>\n${items}\n</ul>` : '<p class="muted">No techniques yet.</p>'}`;
        })
        .join('\n');
      return `<section aria-labelledby="stage-${stage.number}">\n<h3 id="stage-${stage.number}">Stage ${stage.number}: ${escapeHtml(stage.name)}</h3>\n<p>${escapeHtml(oneLine(stage.summary))}</p>\n${activities}\n</section>`;
    })
    .join('\n');
  const studies = caseStudyList(toolkit);
  const main = `<h1>${SITE_TITLE}</h1>
<p>Digital tools and techniques for every stage of the policy cycle, with the case studies that show them at work, a minimum digital standard for consultations, a maturity self-assessment, masterclasses for trainers, printable method cards and worksheets. ${techniques.length} techniques and ${studies.length} case studies.</p>
<div class="actions"><a class="button" href="./techniques/index.html">All techniques</a><a class="button" href="./cards/index.html">Method cards to print</a><a class="button" href="./worksheets/index.html">Worksheets to print</a></div>
<h2 id="stages">The four stages of the policy cycle</h2>
${stages}
<h2 id="cases">Case studies</h2>
<ul class="cards">
${studies.map((c) => `<li><span class="kind">${escapeHtml(byline(c))}</span><br>${a(path, casePath(c), c.title)}<p>${escapeHtml(c.summary)}</p></li>`).join('\n')}
</ul>
<h2 id="more">Standards, maturity and training</h2>
<ul>
<li>${a(path, 'standard.html', input.standard.name)}: what a formal consultation plan must show, criterion by criterion.</li>
<li>${a(path, 'maturity.html', 'Digital maturity framework')}: five levels and the questions of the self-assessment.</li>
<li>${a(path, 'masterclasses/index.html', 'Masterclasses')}: ${input.masterclasses.length} training modules.</li>
</ul>
<p class="muted">Built from the toolkit folder${toolkit.folders.length === 1 ? '' : 's'} ${toolkit.folders.map((f) => `<code>${escapeHtml(basename(f.replace(/[\\/]+$/, '')))}</code>`).join(', ')}.</p>`;
  return { path, title: 'Home', main };
}

function techniquesIndex(toolkit: Toolkit): SitePage {
  const path = 'techniques/index.html';
  const rows = techniqueList(toolkit)
    .map((t) => `<tr><td>${a(path, techniquePath(t), t.name)}</td><td>${t.stages.join(', ')}</td><td>${escapeHtml(t.cost)}</td><td class="num">${t.lead_time_weeks}</td><td>${escapeHtml(t.mode)}</td><td>${a(path, cardPath(t), 'Card')}</td></tr>`)
    .join('\n');
  const main = `<h1>Techniques</h1>
<table><caption class="visually-hidden">Every technique with its stages, cost, lead time and mode</caption>
<thead><tr><th scope="col">Technique</th><th scope="col">Stages</th><th scope="col">Cost</th><th scope="col" class="num">Lead time (weeks)</th><th scope="col">Mode</th><th scope="col">Method card</th></tr></thead>
<tbody>
${rows}
</tbody></table>`;
  return { path, title: 'Techniques', main };
}

function techniquePage(toolkit: Toolkit, t: Technique): SitePage {
  const path = techniquePath(t);
  const html = dropEmptyHead(markdownToHtml(techniqueToMarkdown(toolkit, t, linksFrom(path))));
  const actions = `<div class="actions">${a(path, cardPath(t), 'Print the method card').replace('<a ', '<a class="button" ')}${a(path, 'index.html', 'All techniques')}</div>`;
  return { path, title: t.name, main: `${html}\n${actions}` };
}

/** One technique on one printed page: what it is, how to do it, when to use it and what to watch. */
export const CARD_CSS = `
@page { size: A4; margin: 10mm 11mm; }
body { max-width: 48rem; }
.card { border: 2px solid var(--ink); padding: .9rem 1.1rem; margin: 1rem 0; }
.card h1 { font-size: 1.5rem; margin: .1rem 0 .2rem; }
.card h2 { font-size: 1rem; margin: .55rem 0 .15rem; border-bottom: 1px solid var(--line); }
.card .summary { font-size: 1.05rem; margin: 0 0 .4rem; }
.card ol, .card ul { margin: .2rem 0; padding-left: 1.3rem; }
.card li { margin: 0 0 .15rem; }
.card p { margin: .2rem 0; }
.card dl { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: .1rem .8rem; margin: .3rem 0; font-size: .92em; }
.card dt { font-weight: 600; }
.card dd { margin: 0; }
.card .cols { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.2rem; }
.back { margin: 1rem 0; }
@media print {
  body { font-size: 8.3pt; line-height: 1.3; margin: 0; }
  .card { border: 0; padding: 0; margin: 0; }
  .back { display: none; }
}
`;

function cardPage(toolkit: Toolkit, t: Technique): SitePage {
  const path = cardPath(t);
  const facts = techniqueFacts(toolkit, t).filter(([k]) => k !== 'Stages' && k !== 'Channels' && k !== 'Audiences');
  const list = (items: readonly string[]) => `<ul>${items.map((i) => `<li>${markdownInline(oneLine(i))}</li>`).join('')}</ul>`;
  const studies = caseStudiesFor(toolkit, t);
  const main = `<p class="back"><a href="./index.html">All method cards</a> · ${a(path, techniquePath(t), 'Full entry')}</p>
<article class="card">
<p class="kind">Method card · ${escapeHtml(stageNames(toolkit, t).join('; '))}</p>
<h1>${escapeHtml(t.name)}</h1>
<p class="summary">${escapeHtml(t.summary)}</p>
<dl>${facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>
<h2>How to do it</h2>
${markdownToHtml(t.methodology.trim())}
<div class="cols">
<section><h2>Use it when</h2>${list(t.when_to_use.slice(0, 3))}</section>
<section><h2>Think again when</h2>${list(t.when_not_to_use.slice(0, 2))}</section>
</div>
<h2>Risks and how to handle them</h2>
${list(t.risks.slice(0, 3).map((r) => `**${r.risk}** ${r.mitigation}`))}
<div class="cols">
<section><h2>People who are not online</h2><p>${markdownInline(oneLine(t.assisted_digital))}</p></section>
<section><h2>Measure</h2>${list(t.metrics.slice(0, 3))}</section>
</div>
${studies.length > 0 ? `<p><strong>Case studies:</strong> ${studies.map((c) => escapeHtml(c.title)).join('; ')}.</p>` : ''}
<p class="muted">From the policy toolkit: <code>${escapeHtml(t.id)}</code>. Shortened to fit one page; the full entry has every condition, risk and measure.</p>
</article>`;
  return { path, title: `Method card: ${t.name}`, main, css: CARD_CSS, bare: true };
}

function cardsIndex(toolkit: Toolkit): SitePage {
  const path = 'cards/index.html';
  const items = techniqueList(toolkit).map((t) => `<li>${a(path, cardPath(t), t.name)}</li>`).join('\n');
  const main = `<h1>Method cards</h1>
<p>One card per technique, laid out to print on one sheet of A4. Open a card and print it from the browser; the site's header and links are left off the printed page.</p>
<ul>
${items}
</ul>`;
  return { path, title: 'Method cards', main };
}

function casesIndex(toolkit: Toolkit): SitePage {
  const path = 'cases/index.html';
  const items = caseStudyList(toolkit)
    .map((c) => `<li><span class="kind">${escapeHtml(byline(c))}</span><br>${a(path, casePath(c), c.title)}<p>${escapeHtml(c.summary)}</p><p class="muted">Techniques: ${techniquesFor(toolkit, c).map((t) => a(path, techniquePath(t), t.name)).join(', ')}</p></li>`)
    .join('\n');
  return { path, title: 'Case studies', main: `<h1>Case studies</h1>\n<ul class="cards">\n${items}\n</ul>` };
}

function casePage(toolkit: Toolkit, c: CaseStudy): SitePage {
  const path = casePath(c);
  const html = markdownToHtml(caseStudyToMarkdown(toolkit, c, { technique: linksFrom(path).technique }));
  return { path, title: c.title, main: `${html}\n<div class="actions">${a(path, 'index.html', 'All case studies')}</div>` };
}

function mastersIndex(modules: Masterclass[]): SitePage {
  const path = 'masterclasses/index.html';
  const items = modules.map((m) => `<li>${a(path, modulePath(m), m.title)}<p>${escapeHtml(m.summary)}</p></li>`).join('\n');
  return { path, title: 'Masterclasses', main: `<h1>Masterclasses</h1>\n<p>Training modules for digital skills in policy work. Trainers make the handout, quiz and session pack with <code>ptk masterclass handout</code>, <code>quiz</code> and <code>pack</code>.</p>\n<ul class="cards">\n${items}\n</ul>` };
}

function masterclassPage(toolkit: Toolkit, m: Masterclass): SitePage {
  const path = modulePath(m);
  const facts = moduleFacts(m).map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('');
  const run = timedRunSheet(m)
    .map((s) => `<tr><td>${clock(s.start)}–${clock(s.end)}</td><td class="num">${s.minutes}</td><td>${escapeHtml(s.title)}</td><td>${markdownInline(oneLine(s.activity))}</td></tr>`)
    .join('\n');
  const exercises = m.exercises.map((e, i) => `<h3>Exercise ${i + 1}: ${escapeHtml(e.title)}</h3>\n${markdownToHtml(e.brief.trim())}`).join('\n');
  const techniques = m.techniques.map((id) => toolkit.techniques.get(id)?.value).filter((t): t is Technique => t !== undefined);
  const studies = m.case_studies.map((id) => toolkit.caseStudies.get(id)?.value).filter((c): c is CaseStudy => c !== undefined);
  const main = `<h1>${escapeHtml(m.title)}</h1>
<p>${escapeHtml(m.summary)}</p>
<table class="facts"><caption class="visually-hidden">About this module</caption><tbody>${facts}</tbody></table>
<h2>Learning outcomes</h2>
<ul>${m.learning_outcomes.map((o) => `<li>${markdownInline(oneLine(o))}</li>`).join('')}</ul>
<h2>Run sheet</h2>
<table><caption class="visually-hidden">Run sheet</caption><thead><tr><th scope="col">Time</th><th scope="col" class="num">Minutes</th><th scope="col">Section</th><th scope="col">What happens</th></tr></thead><tbody>
${run}
</tbody></table>
<h2>Exercises</h2>
${exercises}
<h2>Techniques</h2>
<ul>${techniques.map((t) => `<li>${a(path, techniquePath(t), t.name)}</li>`).join('')}</ul>
${studies.length > 0 ? `<h2>Case studies</h2>\n<ul>${studies.map((c) => `<li>${a(path, casePath(c), c.title)}</li>`).join('')}</ul>` : ''}
<p class="muted">Trainers: <code>ptk masterclass handout ${escapeHtml(m.id)}</code> prints the handout, <code>ptk masterclass pack ${escapeHtml(m.id)} -o DIR</code> writes the session pack.</p>`;
  return { path, title: m.title, main };
}

function standardPage(standard: Standard): SitePage {
  const rows = standard.criteria
    .map((c) => `<tr><td>${escapeHtml(c.principle)}</td><td>${escapeHtml(c.title)}</td><td>${c.required ? 'Required' : 'Advised'}</td><td>${escapeHtml(c.why)}</td></tr>`)
    .join('\n');
  const main = `<h1>${escapeHtml(standard.name)}</h1>
<p>What the plan for a formal consultation must show. Written from: ${escapeHtml(standard.source)}. A team checks its own plan against it with <code>ptk plan check</code>; a required criterion that fails or is not stated makes the check fail.</p>
<table><caption class="visually-hidden">Criteria of the standard</caption>
<thead><tr><th scope="col">Principle</th><th scope="col">Criterion</th><th scope="col">Status</th><th scope="col">Why it matters</th></tr></thead>
<tbody>
${rows}
</tbody></table>`;
  return { path: 'standard.html', title: standard.name, main };
}

function maturityPage(model: MaturityModel): SitePage {
  const levels = model.levels.map((l) => `<tr><td class="num">${l.level}</td><td>${escapeHtml(l.name)}</td><td>${escapeHtml(l.description)}</td></tr>`).join('\n');
  const dimensions = model.dimensions
    .map(
      (d) => `<h3>${escapeHtml(d.name)}</h3>
${d.questions.map((q) => `<p><strong>${escapeHtml(q.text)}</strong></p>\n<ol>${q.options.map((o) => `<li>${escapeHtml(o)}</li>`).join('')}</ol>`).join('\n')}`,
    )
    .join('\n');
  const main = `<h1>Digital maturity framework</h1>
<p>Five levels, after the European Digital Capability Framework, and the questions of the self-assessment. Each answer is numbered by the level it describes. Take the assessment with <code>ptk maturity</code>.</p>
<h2>Levels</h2>
<table><caption class="visually-hidden">Maturity levels</caption><thead><tr><th scope="col" class="num">Level</th><th scope="col">Name</th><th scope="col">Description</th></tr></thead><tbody>
${levels}
</tbody></table>
<h2>Questions by dimension</h2>
${dimensions}`;
  return { path: 'maturity.html', title: 'Digital maturity framework', main };
}

function worksheetsIndex(): SitePage {
  const path = 'worksheets/index.html';
  const items = WORKSHEETS.map((w) => `<li>${a(path, `worksheets/${w.id}.html`, w.title)}<p>${escapeHtml(w.summary)}</p></li>`).join('\n');
  return { path, title: 'Worksheets', main: `<h1>Worksheets</h1>\n<p>Sheets to print on A4 for workshops and exercises.</p>\n<ul class="cards">\n${items}\n</ul>` };
}

function searchPage(pages: IndexedPage[]): SitePage {
  const main = `<h1>Search the toolkit</h1>
<form id="search-page-form" role="search" action="./search.html" method="get">
<label for="search-page-input">Words to find</label>
<input id="search-page-input" name="q" type="search" autocomplete="off">
<button type="submit" class="button">Search</button>
</form>
<p id="search-status" role="status" aria-live="polite">Searching needs JavaScript; every page is also listed under Techniques and Case studies.</p>
<ol id="search-results" class="results"></ol>`;
  const data = `\n<script type="application/json" id="search-index">${indexJson(buildSearchIndex(pages))}</script>`;
  return { path: 'search.html', title: 'Search', main, data, script: SEARCH_SCRIPT, css: '#search-page-form input { font: inherit; padding: .3rem .5rem; border: 2px solid var(--ink); min-width: 18rem; }' };
}

function searchEntries(input: SiteInput): IndexedPage[] {
  const { toolkit } = input;
  const entries: IndexedPage[] = [];
  for (const t of techniqueList(toolkit)) {
    entries.push({
      url: techniquePath(t),
      title: t.name,
      kind: 'Technique',
      summary: t.summary,
      fields: [
        [4, `${t.name} ${t.id.replace(/-/g, ' ')}`],
        [2.5, t.summary],
        [1.5, [...t.channels, ...t.when_to_use, ...t.audiences, ...t.when_not_to_use].join(' ')],
        [1, [t.methodology, ...t.skills_needed, ...t.risks.flatMap((r) => [r.risk, r.mitigation]), t.accessibility, t.assisted_digital, ...t.metrics].join(' ')],
      ],
    });
  }
  for (const c of caseStudyList(toolkit)) {
    entries.push({
      url: casePath(c),
      title: c.title,
      kind: 'Case study',
      summary: c.summary,
      fields: [
        [4, c.title],
        [2.5, `${c.summary} ${c.organisation}`],
        [1.5, [...c.lessons, ...c.figures.map((f) => `${f.label} ${formatFigure(f.value)}`), ...c.quotes.map((q) => `${q.quote} ${q.who}`)].join(' ')],
        [1, c.story],
      ],
    });
  }
  for (const m of input.masterclasses) {
    entries.push({
      url: modulePath(m),
      title: m.title,
      kind: 'Masterclass',
      summary: m.summary,
      fields: [
        [4, m.title],
        [2.5, m.summary],
        [1.5, m.learning_outcomes.join(' ')],
        [1, m.exercises.map((e) => `${e.title} ${e.brief}`).join(' ')],
      ],
    });
  }
  for (const w of WORKSHEETS) entries.push({ url: `worksheets/${w.id}.html`, title: w.title, kind: 'Worksheet', summary: w.summary, fields: [[4, w.title], [2.5, w.summary], [1, w.searchText]] });
  entries.push({ url: 'standard.html', title: input.standard.name, kind: 'Standard', summary: 'What the plan for a formal consultation must show.', fields: [[4, input.standard.name], [1.5, input.standard.criteria.map((c) => `${c.title} ${c.why}`).join(' ')]] });
  entries.push({ url: 'maturity.html', title: 'Digital maturity framework', kind: 'Framework', summary: 'Five levels and the self-assessment questions.', fields: [[4, 'digital maturity framework self-assessment'], [1, input.maturity.levels.map((l) => `${l.name} ${l.description}`).join(' ')]] });
  return entries;
}

export function buildSite(input: SiteInput): SiteFile[] {
  const { toolkit } = input;
  const techniques = techniqueList(toolkit);
  const pages: SitePage[] = [
    indexPage(input),
    searchPage(searchEntries(input)),
    techniquesIndex(toolkit),
    ...techniques.map((t) => techniquePage(toolkit, t)),
    cardsIndex(toolkit),
    ...techniques.map((t) => cardPage(toolkit, t)),
    casesIndex(toolkit),
    ...caseStudyList(toolkit).map((c) => casePage(toolkit, c)),
    mastersIndex(input.masterclasses),
    ...input.masterclasses.map((m) => masterclassPage(toolkit, m)),
    standardPage(input.standard),
    maturityPage(input.maturity),
    worksheetsIndex(),
    ...WORKSHEETS.map((w): SitePage => ({ path: `worksheets/${w.id}.html`, title: w.title, main: w.main, css: w.css, bare: true })),
  ];
  return pages.map((page) => ({ path: page.path, html: renderPage(page, SITE_TITLE) }));
}
