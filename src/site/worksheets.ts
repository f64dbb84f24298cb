/**
 * Printable worksheets for workshops: a stakeholder and influencer map, a sheet for testing
 * consultation questions, and a holding-statement template for a breaking story. Each prints on
 * A4 with space to write; the prompts are this toolkit's own guidance.
 */
import { escapeHtml } from '../lib/html.js';

export interface Worksheet {
  id: string;
  title: string;
  summary: string;
  /** Technique ids the worksheet supports. */
  techniques: string[];
  /** Text the search index should hold. */
  searchText: string;
  main: string;
  css: string;
}

const SHEET_CSS = `
.sheet h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
.sheet .lead { margin: 0 0 .75rem; }
.write { border: 1px solid var(--ink); min-height: 2.2rem; }
table.form { table-layout: fixed; }
table.form th, table.form td { border: 1px solid var(--ink); }
table.form td { height: 2.4rem; }
.meta { display: grid; grid-template-columns: repeat(3, 1fr); gap: .5rem 1rem; margin: .5rem 0 1rem; }
.meta div { border-bottom: 1px solid var(--ink); padding-top: 1.2rem; font-size: .9rem; }
.back { margin: 1rem 0; }
@media print {
  body { font-size: 10pt; }
  .back { display: none; }
  .page-break { break-before: page; }
}
`;

function meta(labels: string[]): string {
  return `<div class="meta">${labels.map((l) => `<div>${escapeHtml(l)}</div>`).join('')}</div>`;
}

function formTable(caption: string, headings: string[], rows: number, widths: string[] = []): string {
  const cols = headings.map((_, i) => (widths[i] ? `<col style="width:${widths[i]}">` : '<col>')).join('');
  const head = headings.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = Array.from({ length: rows }, () => `<tr>${headings.map(() => '<td></td>').join('')}</tr>`).join('\n');
  return `<table class="form"><caption class="visually-hidden">${escapeHtml(caption)}</caption><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const stakeholderMap: Worksheet = {
  id: 'stakeholder-map',
  title: 'Stakeholder and influencer map',
  summary: 'Place each person, group and channel by how much they shape the debate and how much the policy affects them, then list the most credible voices and how to reach them.',
  techniques: ['influencer-mapping', 'social-media-monitoring', 'partner-channels', 'virtual-stakeholder-networks'],
  searchText: 'stakeholder influencer map grid influence interest affected credible voices channels engage keep satisfied manage closely monitor keep informed',
  css: `
@page { size: A4 landscape; margin: 12mm; }
.grid { display: grid; grid-template-columns: 2rem 1fr 1fr; grid-template-rows: 1fr 1fr 2rem; gap: 0; height: 125mm; margin: .5rem 0 1rem; }
.grid .cell { border: 2px solid var(--ink); padding: .4rem .6rem; }
.grid .cell h2 { font-size: 1rem; margin: 0; }
.grid .cell p { margin: .15rem 0 0; font-size: .85rem; color: var(--muted); }
.grid .axis { display: flex; align-items: center; justify-content: center; font-weight: 600; font-size: .9rem; }
.grid .axis.y { writing-mode: vertical-rl; transform: rotate(180deg); grid-row: 1 / span 2; }
.grid .axis.x { grid-column: 2 / span 2; }
@media screen { .grid { height: 28rem; } }
`,
  main: '',
};
stakeholderMap.main = `<article class="sheet">
<p class="back"><a href="./index.html">All worksheets</a></p>
<h1>${escapeHtml(stakeholderMap.title)}</h1>
<p class="lead">${escapeHtml(stakeholderMap.summary)} Use sticky notes so the map can change as you learn more, and add the people you expected to find but did not.</p>
${meta(['Policy or issue', 'Mapped by', 'Date'])}
<div class="grid" role="group" aria-label="Influence and interest grid">
<div class="axis y">Influence on the debate: low to high</div>
<div class="cell"><h2>High influence, less affected</h2><p>Keep them satisfied: brief them early and check how they are shaping opinion.</p></div>
<div class="cell"><h2>High influence, closely affected</h2><p>Work with them closely: involve them in developing the policy.</p></div>
<div class="cell"><h2>Less influence, less affected</h2><p>Watch: monitor what they say and whether their position changes.</p></div>
<div class="cell"><h2>Less influence, closely affected</h2><p>Keep them informed and make it easy for them to take part; they are often the people least heard.</p></div>
<div class="axis x">How much the policy affects them: low to high</div>
</div>
<h2 class="page-break">The most credible voices</h2>
<p>For each subject: who is most credible, which channels they use, and how they influence opinion. Judge influence by who shapes the conversation, not by follower counts.</p>
${formTable('Influencer map', ['Person, group or account', 'Subject', 'Channels they use', 'How they influence opinion', 'Credibility with whom', 'How we will engage, and who owns it'], 12, ['18%', '13%', '15%', '20%', '14%', '20%'])}
</article>`;

const questionTesting: Worksheet = {
  id: 'question-testing',
  title: 'Question-testing sheet',
  summary: 'Test each draft consultation question with a few people from the audience before launch: do they understand it, can they answer it, and do you need the answer?',
  techniques: ['online-consultation', 'online-surveys', 'user-research-prototyping'],
  searchText: 'question testing draft consultation questions plain english leading neutral one thing at a time answerable testers understood pilot',
  css: `
@page { size: A4; margin: 14mm; }
table.checks td:first-child { width: 55%; }
table.checks td { height: 1.8rem; padding: .2rem .4rem; }
.sheet h2 { margin: .6rem 0 .3rem; font-size: 1.1rem; }
`,
  main: '',
};
const checks = [
  'It asks about one thing only',
  'It is in plain English, with no jargon or acronyms',
  'It does not lead people towards an answer',
  'People in the audience have the knowledge to answer it',
  'The answer options cover every view, including "don\'t know"',
  'You know how the answers will be analysed and used in the decision',
];
questionTesting.main = `<article class="sheet">
<p class="back"><a href="./index.html">All worksheets</a></p>
<h1>${escapeHtml(questionTesting.title)}</h1>
<p class="lead">${escapeHtml(questionTesting.summary)} Use one sheet per question. Ask testers to say in their own words what the question asks, then to answer it, and note where they hesitated.</p>
${meta(['Consultation', 'Question number', 'Tested by and date'])}
<h2>The question as drafted</h2>
<div class="write" style="min-height:3.5rem"></div>
<h2>Checks</h2>
<table class="form checks"><caption class="visually-hidden">Checks for the question</caption>
<thead><tr><th scope="col">Check</th><th scope="col">Yes / no</th><th scope="col">Notes</th></tr></thead>
<tbody>
${checks.map((c) => `<tr><td>${escapeHtml(c)}</td><td></td><td></td></tr>`).join('\n')}
</tbody></table>
<h2>What testers understood</h2>
${formTable('What testers understood', ['Tester (role, not name)', 'What they thought it asked', 'Their answer', 'Where they hesitated'], 3)}
<h2>The question after testing</h2>
<div class="write" style="min-height:3.5rem"></div>
</article>`;

const holdingStatement: Worksheet = {
  id: 'holding-statement',
  title: 'Holding-statement template',
  summary: 'A first public response for a breaking story: what is known, what is being done and when people will hear more, cleared quickly and used on every channel.',
  techniques: ['social-simulator', 'social-media-monitoring'],
  searchText: 'holding statement crisis breaking story response clearance spokesperson channels consistent messaging update press digital',
  css: `
@page { size: A4; margin: 14mm; }
.box { border: 1px solid var(--ink); padding: .35rem .6rem; margin: 0 0 .6rem; min-height: 4.2rem; }
.box h2 { font-size: 1rem; margin: 0; }
.box p { margin: .1rem 0 0; font-size: .85rem; color: var(--muted); }
`,
  main: '',
};
const boxes: [string, string][] = [
  ['What we know', 'Facts that are confirmed, and only those. Say plainly what is not yet known.'],
  ['What we are doing', 'The action being taken now, and who is taking it.'],
  ['What people should do', 'Any advice to the public, with where to find more.'],
  ['When we will update', 'A time for the next update, and the channel it will appear on.'],
  ['Who speaks for us', 'The named spokesperson, and the lines press, digital and customer service staff will all use.'],
];
holdingStatement.main = `<article class="sheet">
<p class="back"><a href="./index.html">All worksheets</a></p>
<h1>${escapeHtml(holdingStatement.title)}</h1>
<p class="lead">${escapeHtml(holdingStatement.summary)} Keep the messages the same across press, digital and spokespeople.</p>
${meta(['Story or incident', 'Drafted by, time', 'Version'])}
${boxes.map(([h, p]) => `<section class="box"><h2>${escapeHtml(h)}</h2><p>${escapeHtml(p)}</p></section>`).join('\n')}
<h2>Channels and clearance</h2>
${formTable('Channels and clearance', ['Channel (web, social, phone lines, press)', 'Version used', 'Cleared by', 'Time published'], 5)}
</article>`;

export const WORKSHEETS: Worksheet[] = [stakeholderMap, questionTesting, holdingStatement].map((w) => ({ ...w, css: `${SHEET_CSS}${w.css}` }));
