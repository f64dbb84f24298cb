/**
 * report.html: a pure function over the analysis result. Self-contained (strict CSP, no scripts,
 * no external assets); charts are inline SVG; every string from the data goes through escapeHtml.
 */
import { escapeHtml, htmlPage } from '../../lib/html.js';
import { NOT_STATED, type AnalysisResult, type ClosedBreakdown, type SentimentBreakdown, type ThemeQuestionResult } from './result.js';
import { CAMPAIGNS_SHOWN, CAVEATS, PAIRS_SHOWN, campaignTypes, fmt, methodLines, pct, themeLabel, themeSummaryLine } from './text.js';

const CSS = `
.bars text { font: 13px system-ui, sans-serif; fill: #0b0c0c; }
.bars .bar { fill: #1d70b8; }
.bars .bar.muted { fill: #b1b4b6; }
.bars .bar.child { fill: #5694ca; }
.campaigns .std { fill: #1d70b8; } .campaigns .edited { fill: #f47738; }
blockquote.theme-quote, blockquote.template { color: var(--ink); }
.key span { display: inline-block; width: .8rem; height: .8rem; margin: 0 .3rem 0 .8rem; vertical-align: middle; }
.sentiment .neg { fill: #d4351c; } .sentiment .neu { fill: #b1b4b6; } .sentiment .pos { fill: #00703c; }
figure { margin: 1rem 0; }
figcaption { color: var(--muted); font-size: .9rem; }
details { margin: .5rem 0 1rem; }
`;

const LABEL_WIDTH = 260;
const BAR_WIDTH = 360;
const ROW_HEIGHT = 24;

interface Bar {
  label: string;
  count: number;
  percent: number;
  muted?: boolean;
  child?: boolean;
}

/** A horizontal bar chart of answer counts, with the numbers written beside the bars. */
export function barChart(breakdown: ClosedBreakdown, caption: string): string {
  return bars([...breakdown.counts.map((c) => ({ label: c.value, count: c.count, percent: c.percent })), { label: 'Not answered', count: breakdown.notAnswered, percent: breakdown.notAnsweredPercent, muted: true }], caption);
}

/** Horizontal bars with counts and percentages written beside them (inline SVG). */
function bars(rows: Bar[], caption: string): string {
  const max = Math.max(1, ...rows.map((r) => r.count));
  const height = rows.length * ROW_HEIGHT + 8;
  const width = LABEL_WIDTH + BAR_WIDTH + 110;
  const bars = rows
    .map((row, i) => {
      const y = i * ROW_HEIGHT + 4;
      const w = Math.round((row.count / max) * BAR_WIDTH);
      const label = row.label.length > 36 ? `${row.label.slice(0, 35)}…` : row.label;
      return `<text x="${LABEL_WIDTH - 8}" y="${y + 16}" text-anchor="end">${escapeHtml(label)}</text><rect class="bar${row.muted ? ' muted' : row.child ? ' child' : ''}" x="${LABEL_WIDTH}" y="${y + 3}" width="${w}" height="${ROW_HEIGHT - 8}"><title>${escapeHtml(row.label)}: ${fmt(row.count)}</title></rect><text x="${LABEL_WIDTH + w + 6}" y="${y + 16}">${fmt(row.count)} (${pct(row.percent)})</text>`;
    })
    .join('');
  return `<figure><svg class="bars" role="img" aria-label="${escapeHtml(caption)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">${bars}</svg><figcaption>${escapeHtml(caption)}</figcaption></figure>`;
}

/** One stacked bar: negative, neutral, positive shares of the answers. */
function sentimentBar(s: SentimentBreakdown, label: string): string {
  const width = 480;
  const total = Math.max(1, s.answered);
  const neg = Math.round((s.negative / total) * width);
  const neu = Math.round((s.neutral / total) * width);
  const pos = width - neg - neu;
  const caption = `${label}: ${fmt(s.negative)} negative (${pct(s.negativePercent)}), ${fmt(s.neutral)} neutral (${pct(s.neutralPercent)}), ${fmt(s.positive)} positive (${pct(s.positivePercent)}) of ${fmt(s.answered)} answers`;
  return `<svg class="sentiment" role="img" aria-label="${escapeHtml(caption)}" viewBox="0 0 ${width} 20" width="${width}" height="20" xmlns="http://www.w3.org/2000/svg"><rect class="neg" x="0" y="0" width="${neg}" height="20"/><rect class="neu" x="${neg}" y="0" width="${neu}" height="20"/><rect class="pos" x="${neg + neu}" y="0" width="${s.answered > 0 ? pos : 0}" height="20"/></svg>`;
}

function closedTable(breakdown: ClosedBreakdown, excluding?: ClosedBreakdown): string {
  const extra = (count: number, percent: number): string => (excluding ? `<td class="num">${fmt(count)}</td><td class="num">${pct(percent)}</td>` : '');
  const rows = breakdown.counts
    .map((c, i) => {
      const other = excluding?.counts.find((x) => x.value === c.value) ?? excluding?.counts[i];
      return `<tr><td>${escapeHtml(c.value)}</td><td class="num">${fmt(c.count)}</td><td class="num">${pct(c.percent)}</td>${extra(other?.count ?? 0, other?.percent ?? 0)}</tr>`;
    })
    .join('');
  const head = `<th>Answer</th><th class="num">Count</th><th class="num">%</th>${excluding ? '<th class="num">Excluding campaign copies</th><th class="num">%</th>' : ''}`;
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows}<tr><td>Not answered</td><td class="num">${fmt(breakdown.notAnswered)}</td><td class="num">${pct(breakdown.notAnsweredPercent)}</td>${extra(excluding?.notAnswered ?? 0, excluding?.notAnsweredPercent ?? 0)}</tr></tbody></table>`;
}

const typeName = (type: string): string => (type === NOT_STATED ? 'respondent type not stated' : type);
const paragraphs = (text: string): string => escapeHtml(text).replace(/\r\n?|\n/g, '<br>');

function themesSection(question: ThemeQuestionResult, campaigns: boolean): string {
  const out: string[] = [`<h3>${escapeHtml(question.column)}</h3>`, `<p>${escapeHtml(themeSummaryLine(question))}</p>`];
  const rows: Bar[] = [
    ...question.themes.map((t) => ({ label: t.parent ? `↳ ${t.label}` : t.label, count: t.count, percent: t.percent, child: t.parent !== null })),
    { label: 'Not coded', count: question.uncoded.count, percent: question.uncoded.percent, muted: true },
  ];
  out.push(bars(rows, `Answers per theme (of ${fmt(question.answered)} answers; an answer can have several themes)`));
  const types = Object.keys(question.byRespondentType);
  const head = `<th>Theme</th><th class="num">Answers</th><th class="num">%</th>${types.map((t) => `<th class="num">${escapeHtml(t)}<br><small>% of ${fmt(question.byRespondentType[t]!.answered)}</small></th>`).join('')}${campaigns ? '<th class="num">Excluding campaign copies</th>' : ''}`;
  const body = question.themes
    .map((t) => {
      const cells = types.map((type) => `<td class="num">${fmt(t.byRespondentType[type]?.count ?? 0)} (${pct(t.byRespondentType[type]?.percent ?? 0)})</td>`).join('');
      const excl = campaigns ? `<td class="num">${fmt(t.excludingCampaignCopies?.count ?? 0)} (${pct(t.excludingCampaignCopies?.percent ?? 0)})</td>` : '';
      return `<tr><td>${t.parent ? '↳ ' : ''}${escapeHtml(t.label)}</td><td class="num">${fmt(t.count)}</td><td class="num">${pct(t.percent)}</td>${cells}${excl}</tr>`;
    })
    .join('');
  const uncodedCells = types.map((type) => `<td class="num">${fmt(question.byRespondentType[type]!.uncoded.count)} (${pct(question.byRespondentType[type]!.uncoded.percent)})</td>`).join('');
  const uncodedExcl = campaigns ? `<td class="num">${fmt(question.excludingCampaignCopies?.uncoded.count ?? 0)} (${pct(question.excludingCampaignCopies?.uncoded.percent ?? 0)})</td>` : '';
  out.push(`<table><thead><tr>${head}</tr></thead><tbody>${body}<tr><td><em>Not coded</em></td><td class="num">${fmt(question.uncoded.count)}</td><td class="num">${pct(question.uncoded.percent)}</td>${uncodedCells}${uncodedExcl}</tr></tbody></table>`);
  if (question.cooccurrence.length > 0) {
    out.push(
      `<details><summary>Themes that occur together</summary><table><thead><tr><th>Theme</th><th>Theme</th><th class="num">Answers</th></tr></thead><tbody>${question.cooccurrence
        .slice(0, PAIRS_SHOWN)
        .map((p) => `<tr><td>${escapeHtml(themeLabel(question, p.a))}</td><td>${escapeHtml(themeLabel(question, p.b))}</td><td class="num">${fmt(p.count)}</td></tr>`)
        .join('')}</tbody></table></details>`,
    );
  }
  const quoted = question.themes.filter((t) => t.quotes.length > 0);
  if (quoted.length > 0) {
    out.push('<details><summary>Example answers per theme</summary>');
    for (const theme of quoted) {
      out.push(`<h4>${escapeHtml(theme.label)}</h4>`);
      for (const q of theme.quotes) out.push(`<blockquote class="theme-quote">${paragraphs(q.text)}<br><small>line ${q.line}, ${escapeHtml(typeName(q.respondentType))}</small></blockquote>`);
    }
    out.push('</details>');
  }
  return out.join('\n');
}

function campaignsSection(result: AnalysisResult): string {
  const c = result.campaigns;
  if (!c) return '';
  const out = ['<h2>Campaigns</h2>'];
  if (c.count === 0) {
    out.push(`<p>No campaign was found: no group of at least ${c.minSize} responses shared the same or nearly the same text (${fmt(c.responsesCompared)} responses of at least ${c.minWords} words compared).</p>`);
    return out.join('\n');
  }
  const share = result.rows.analysed > 0 ? (c.responsesInCampaigns / result.rows.analysed) * 100 : 0;
  out.push(`<p>${fmt(c.count)} campaign${c.count === 1 ? '' : 's'}: ${fmt(c.responsesInCampaigns)} responses (${pct(share)} of all), ${fmt(c.copies)} of them copies of a template. Every response is counted in the figures above; figures excluding campaign copies (${fmt(c.responsesExcludingCopies)} responses) count each campaign once.</p>`);
  const shown = c.campaigns.slice(0, CAMPAIGNS_SHOWN);
  const width = 480;
  const max = Math.max(1, ...shown.map((x) => x.size));
  const rowHeight = 24;
  const chart = shown
    .map((x, i) => {
      const y = i * rowHeight + 4;
      const std = Math.round((x.standardCopies / max) * width);
      const edited = Math.round((x.editedCopies / max) * width);
      return `<text x="52" y="${y + 16}" text-anchor="end">${escapeHtml(x.id)}</text><rect class="std" x="60" y="${y + 3}" width="${std}" height="${rowHeight - 8}"><title>${escapeHtml(x.id)}: ${fmt(x.standardCopies)} standard copies</title></rect><rect class="edited" x="${60 + std}" y="${y + 3}" width="${edited}" height="${rowHeight - 8}"><title>${escapeHtml(x.id)}: ${fmt(x.editedCopies)} edited copies</title></rect><text x="${66 + std + edited}" y="${y + 16}">${fmt(x.size)} (${fmt(x.standardCopies)} + ${fmt(x.editedCopies)})</text>`;
    })
    .join('');
  const caption = 'Responses per campaign: standard copies (blue) and edited copies (orange)';
  out.push(`<figure><svg class="bars campaigns" role="img" aria-label="${escapeHtml(caption)}" viewBox="0 0 ${width + 220} ${shown.length * rowHeight + 8}" width="${width + 220}" height="${shown.length * rowHeight + 8}" xmlns="http://www.w3.org/2000/svg">${chart}</svg><figcaption>${escapeHtml(caption)}</figcaption></figure>`);
  out.push(
    `<table><thead><tr><th>Campaign</th><th class="num">Responses</th><th class="num">% of all</th><th class="num">Standard copies</th><th class="num">Edited copies</th><th class="num">Different texts</th><th>Template response</th></tr></thead><tbody>${shown
      .map((x) => `<tr><td>${escapeHtml(x.id)}</td><td class="num">${fmt(x.size)}</td><td class="num">${pct(x.percent)}</td><td class="num">${fmt(x.standardCopies)}</td><td class="num">${fmt(x.editedCopies)}</td><td class="num">${fmt(x.distinctTexts)}</td><td>${x.templateResponseId === null ? '' : `${escapeHtml(x.templateResponseId)} (line ${x.templateLine})`}</td></tr>`)
      .join('')}</tbody></table>`,
  );
  if (c.campaigns.length > CAMPAIGNS_SHOWN) {
    const rest = c.campaigns.slice(CAMPAIGNS_SHOWN);
    out.push(`<p>${fmt(rest.length)} smaller campaigns (${fmt(rest.reduce((sum, x) => sum + x.size, 0))} responses) are listed in summary.json and responses.csv.</p>`);
  }
  for (const x of shown) {
    out.push(`<h3>${escapeHtml(x.id)}: ${fmt(x.size)} responses</h3>`, `<p>${fmt(x.standardCopies)} standard copies and ${fmt(x.editedCopies)} edited copies.${result.respondentTypes ? ` By respondent type: ${escapeHtml(campaignTypes(x))}.` : ''}</p>`);
    for (const part of x.template) out.push(`<p class="muted">Template text (${escapeHtml(part.column)}):</p><blockquote class="template">${paragraphs(part.text)}</blockquote>`);
    const items: string[] = [];
    for (const [question, themes] of Object.entries(x.templateThemes)) {
      const coded = result.themes?.questions.find((q) => q.column === question);
      if (!coded) continue;
      items.push(`<li>Themes of the template (${escapeHtml(question)}): ${themes.length > 0 ? themes.map((id) => escapeHtml(themeLabel(coded, id))).join(', ') : 'none'}.</li>`);
      const added = x.editedCopiesAddedThemes[question] ?? [];
      if (x.editedCopies > 0) items.push(`<li>Themes edited copies add: ${added.length > 0 ? added.map((a) => `${escapeHtml(themeLabel(coded, a.id))} (${fmt(a.count)})`).join(', ') : 'none'}.</li>`);
    }
    if (items.length > 0) out.push(`<ul>${items.join('')}</ul>`);
  }
  return out.join('\n');
}

export function renderHtml(result: AnalysisResult): string {
  const body: string[] = [`<h1>${escapeHtml(result.title)}</h1>`];
  body.push(`<div class="callout"><p><strong>A consultation is not a vote.</strong> ${escapeHtml(CAVEATS.slice(1).join(' '))}</p></div>`);
  body.push('<h2>Responses</h2>');
  const campaigns = result.campaigns !== null && result.campaigns.count > 0;
  const inCampaigns = campaigns ? `<tr><th>In campaigns</th><td class="num">${fmt(result.campaigns!.responsesInCampaigns)}</td></tr><tr><th>Analysed, excluding campaign copies</th><td class="num">${fmt(result.campaigns!.responsesExcludingCopies)}</td></tr>` : '';
  body.push(`<table><tbody><tr><th>Read</th><td class="num">${fmt(result.rows.read)}</td></tr><tr><th>Analysed</th><td class="num">${fmt(result.rows.analysed)}</td></tr><tr><th>Rejected</th><td class="num">${fmt(result.rows.rejected)}</td></tr>${inCampaigns}</tbody></table>`);
  if (result.respondentTypes) {
    const excluding = campaigns ? result.respondentTypes.excludingCampaignCopies : null;
    body.push(`<h3>By respondent type <span class="muted">(${escapeHtml(result.respondentTypes.column)})</span></h3>`);
    body.push(
      `<table><thead><tr><th>Respondent type</th><th class="num">Count</th><th class="num">%</th>${excluding ? '<th class="num">Excluding campaign copies</th><th class="num">%</th>' : ''}</tr></thead><tbody>${result.respondentTypes.counts
        .map((c, i) => `<tr><td>${escapeHtml(c.value)}</td><td class="num">${fmt(c.count)}</td><td class="num">${pct(c.percent)}</td>${excluding ? `<td class="num">${fmt(excluding[i]?.count ?? 0)}</td><td class="num">${pct(excluding[i]?.percent ?? 0)}</td>` : ''}</tr>`)
        .join('')}</tbody></table>`,
    );
  }
  if (result.closedQuestions.length > 0) body.push('<h2>Closed questions</h2>');
  for (const question of result.closedQuestions) {
    body.push(`<h3>${escapeHtml(question.column)}</h3>`);
    if (question.multi) body.push('<p class="muted">Several answers allowed: counted per option, so percentages can add up to more than 100%.</p>');
    body.push(barChart(question.overall, `All ${fmt(question.overall.base)} responses`));
    for (const [type, breakdown] of Object.entries(question.byRespondentType)) {
      body.push(`<details><summary>${escapeHtml(type)} (${fmt(breakdown.base)} responses)</summary>${barChart(breakdown, `${type}: ${fmt(breakdown.base)} responses`)}${closedTable(breakdown)}</details>`);
    }
    body.push(`<details><summary>Table: all responses</summary>${closedTable(question.overall, campaigns ? question.excludingCampaignCopies?.overall : undefined)}</details>`);
  }
  if (result.openQuestions.length > 0) body.push('<h2>Open questions</h2>');
  for (const question of result.openQuestions) {
    body.push(`<h3>${escapeHtml(question.column)}</h3>`);
    body.push(`<p>${fmt(question.overall.answered)} of ${fmt(question.overall.base)} responses answered. Sentiment of the answers (red negative, grey neutral, green positive):</p>`);
    const groups: [string, SentimentBreakdown][] = [['All responses', question.overall], ...Object.entries(question.byRespondentType)];
    if (campaigns && question.excludingCampaignCopies) groups.push(['All, excluding campaign copies', question.excludingCampaignCopies.overall]);
    body.push(`<table><thead><tr><th>Group</th><th>Sentiment</th><th class="num">Answered</th><th class="num">Negative</th><th class="num">Neutral</th><th class="num">Positive</th><th class="num">Mean score</th></tr></thead><tbody>${groups
      .map(([name, s]) => `<tr><td>${escapeHtml(name)}</td><td>${sentimentBar(s, name)}</td><td class="num">${fmt(s.answered)}</td><td class="num">${pct(s.negativePercent)}</td><td class="num">${pct(s.neutralPercent)}</td><td class="num">${pct(s.positivePercent)}</td><td class="num">${s.meanScore.toFixed(2)}</td></tr>`)
      .join('')}</tbody></table>`);
    for (const [kind, quotes] of [['More positive examples', question.examples.positive], ['More negative examples', question.examples.negative]] as const) {
      if (quotes.length === 0) continue;
      body.push(`<h4>${kind}</h4>`);
      for (const q of quotes) {
        body.push(`<blockquote class="quote">${escapeHtml(q.text).replace(/\r\n?|\n/g, '<br>')}<br><small>line ${q.line}, ${escapeHtml(q.respondentType === NOT_STATED ? 'respondent type not stated' : q.respondentType)}, score ${q.score}</small></blockquote>`);
      }
    }
  }
  if (result.themes) {
    body.push('<h2>Themes</h2>');
    body.push(`<p>Coded with the coding frame in ${escapeHtml(result.themes.source)}. Percentages are of the answers given to the question; an answer can have several themes. ↳ marks a sub-theme (its parent counts every answer coded to it).</p>`);
    for (const question of result.themes.questions) body.push(themesSection(question, campaigns));
  }
  body.push(campaignsSection(result));
  for (const segment of result.segments) {
    body.push(`<h2>By ${escapeHtml(segment.column)}</h2>`);
    body.push(`<table><thead><tr><th>${escapeHtml(segment.column)}</th><th class="num">Responses</th><th class="num">%</th></tr></thead><tbody>${segment.values.map((v) => `<tr><td>${escapeHtml(v.value)}</td><td class="num">${fmt(v.count)}</td><td class="num">${pct(v.percent)}</td></tr>`).join('')}</tbody></table>`);
    body.push('<p class="muted">Per-question counts for each value are in summary.json.</p>');
  }
  // a plain analysis's section is Markdown for report.md; here each of its lines is shown as text
  for (const analysis of result.answers) body.push(`<h2>${escapeHtml(analysis.title)}</h2>`, ...analysis.section.filter((line) => line.trim() !== '').map((line) => `<p>${escapeHtml(line)}</p>`));
  body.push('<h2>Method and caveats</h2><ul>');
  for (const line of [...methodLines(result), ...CAVEATS]) body.push(`<li>${escapeHtml(line)}</li>`);
  body.push('</ul>');
  if (result.input.notes.length > 0) body.push(`<h3>Notes on the input file</h3><ul>${result.input.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`);
  body.push('<h2>Appendix: rejected rows</h2>');
  if (result.rejects.count === 0) body.push('<p>No rows were rejected.</p>');
  else {
    body.push(`<ul>${result.rejects.reasons.map((r) => `<li>${escapeHtml(r.reason)}: ${fmt(r.count)}</li>`).join('')}</ul>`);
    body.push(`<table><thead><tr><th class="num">Line</th><th>Reason</th><th>Cells</th></tr></thead><tbody>${result.rejects.sample.map((r) => `<tr><td class="num">${r.line}</td><td>${escapeHtml(r.reason)}</td><td>${escapeHtml(r.cells.join(' | ').slice(0, 300))}</td></tr>`).join('')}</tbody></table>`);
    if (result.rejects.count > result.rejects.sample.length) body.push(`<p>The first ${result.rejects.sample.length} are shown; rejects.csv lists all ${fmt(result.rejects.count)}.</p>`);
  }
  return htmlPage({ title: result.title, body: body.join('\n'), css: CSS });
}
