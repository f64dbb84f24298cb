/**
 * report.html: a pure function over the analysis result. Self-contained (strict CSP, no scripts,
 * no external assets); charts are inline SVG; every string from the data goes through escapeHtml.
 */
import { escapeHtml, htmlPage } from '../../lib/html.js';
import { NOT_STATED, type AnalysisResult, type ClosedBreakdown, type SentimentBreakdown } from './result.js';
import { CAVEATS, fmt, methodLines, pct } from './text.js';

const CSS = `
.bars text { font: 13px system-ui, sans-serif; fill: #0b0c0c; }
.bars .bar { fill: #1d70b8; }
.bars .bar.muted { fill: #b1b4b6; }
.sentiment .neg { fill: #d4351c; } .sentiment .neu { fill: #b1b4b6; } .sentiment .pos { fill: #00703c; }
figure { margin: 1rem 0; }
figcaption { color: var(--muted); font-size: .9rem; }
details { margin: .5rem 0 1rem; }
`;

const LABEL_WIDTH = 260;
const BAR_WIDTH = 360;
const ROW_HEIGHT = 24;

/** A horizontal bar chart of answer counts, with the numbers written beside the bars. */
export function barChart(breakdown: ClosedBreakdown, caption: string): string {
  const rows = [...breakdown.counts.map((c) => ({ label: c.value, count: c.count, percent: c.percent, muted: false })), { label: 'Not answered', count: breakdown.notAnswered, percent: breakdown.notAnsweredPercent, muted: true }];
  const max = Math.max(1, ...rows.map((r) => r.count));
  const height = rows.length * ROW_HEIGHT + 8;
  const width = LABEL_WIDTH + BAR_WIDTH + 110;
  const bars = rows
    .map((row, i) => {
      const y = i * ROW_HEIGHT + 4;
      const w = Math.round((row.count / max) * BAR_WIDTH);
      const label = row.label.length > 38 ? `${row.label.slice(0, 37)}…` : row.label;
      return `<text x="${LABEL_WIDTH - 8}" y="${y + 16}" text-anchor="end">${escapeHtml(label)}</text><rect class="bar${row.muted ? ' muted' : ''}" x="${LABEL_WIDTH}" y="${y + 3}" width="${w}" height="${ROW_HEIGHT - 8}"><title>${escapeHtml(row.label)}: ${fmt(row.count)}</title></rect><text x="${LABEL_WIDTH + w + 6}" y="${y + 16}">${fmt(row.count)} (${pct(row.percent)})</text>`;
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

function closedTable(breakdown: ClosedBreakdown): string {
  const rows = breakdown.counts.map((c) => `<tr><td>${escapeHtml(c.value)}</td><td class="num">${fmt(c.count)}</td><td class="num">${pct(c.percent)}</td></tr>`).join('');
  return `<table><thead><tr><th>Answer</th><th class="num">Count</th><th class="num">%</th></tr></thead><tbody>${rows}<tr><td>Not answered</td><td class="num">${fmt(breakdown.notAnswered)}</td><td class="num">${pct(breakdown.notAnsweredPercent)}</td></tr></tbody></table>`;
}

export function renderHtml(result: AnalysisResult): string {
  const body: string[] = [`<h1>${escapeHtml(result.title)}</h1>`];
  body.push(`<div class="callout"><p><strong>A consultation is not a vote.</strong> ${escapeHtml(CAVEATS.slice(1).join(' '))}</p></div>`);
  body.push('<h2>Responses</h2>');
  body.push(`<table><tbody><tr><th>Read</th><td class="num">${fmt(result.rows.read)}</td></tr><tr><th>Analysed</th><td class="num">${fmt(result.rows.analysed)}</td></tr><tr><th>Rejected</th><td class="num">${fmt(result.rows.rejected)}</td></tr></tbody></table>`);
  if (result.respondentTypes) {
    body.push(`<h3>By respondent type <span class="muted">(${escapeHtml(result.respondentTypes.column)})</span></h3>`);
    body.push(`<table><thead><tr><th>Respondent type</th><th class="num">Count</th><th class="num">%</th></tr></thead><tbody>${result.respondentTypes.counts.map((c) => `<tr><td>${escapeHtml(c.value)}</td><td class="num">${fmt(c.count)}</td><td class="num">${pct(c.percent)}</td></tr>`).join('')}</tbody></table>`);
  }
  if (result.closedQuestions.length > 0) body.push('<h2>Closed questions</h2>');
  for (const question of result.closedQuestions) {
    body.push(`<h3>${escapeHtml(question.column)}</h3>`);
    if (question.multi) body.push('<p class="muted">Several answers allowed: counted per option, so percentages can add up to more than 100%.</p>');
    body.push(barChart(question.overall, `All ${fmt(question.overall.base)} responses`));
    for (const [type, breakdown] of Object.entries(question.byRespondentType)) {
      body.push(`<details><summary>${escapeHtml(type)} (${fmt(breakdown.base)} responses)</summary>${barChart(breakdown, `${type}: ${fmt(breakdown.base)} responses`)}${closedTable(breakdown)}</details>`);
    }
    body.push(`<details><summary>Table: all responses</summary>${closedTable(question.overall)}</details>`);
  }
  if (result.openQuestions.length > 0) body.push('<h2>Open questions</h2>');
  for (const question of result.openQuestions) {
    body.push(`<h3>${escapeHtml(question.column)}</h3>`);
    body.push(`<p>${fmt(question.overall.answered)} of ${fmt(question.overall.base)} responses answered. Sentiment of the answers (red negative, grey neutral, green positive):</p>`);
    const groups: [string, SentimentBreakdown][] = [['All responses', question.overall], ...Object.entries(question.byRespondentType)];
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
  for (const segment of result.segments) {
    body.push(`<h2>By ${escapeHtml(segment.column)}</h2>`);
    body.push(`<table><thead><tr><th>${escapeHtml(segment.column)}</th><th class="num">Responses</th><th class="num">%</th></tr></thead><tbody>${segment.values.map((v) => `<tr><td>${escapeHtml(v.value)}</td><td class="num">${fmt(v.count)}</td><td class="num">${pct(v.percent)}</td></tr>`).join('')}</tbody></table>`);
    body.push('<p class="muted">Per-question counts for each value are in summary.json.</p>');
  }
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
