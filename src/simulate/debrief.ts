/**
 * Debrief reporters: pure functions over one Debrief (from engine.ts) to Markdown, HTML, JSON and a
 * short terminal summary. Participant text is never trusted: escaped for Markdown and HTML.
 */
import type { ChalkInstance } from 'chalk';
import { escapeHtml, htmlPage } from '../lib/html.js';
import { formatClock, formatDuration, type Debrief, type EndReason, type InjectResult, type ResponseEvent, type TimelineEvent } from './engine.js';

const END_WORDS: Record<EndReason, string> = {
  completed: 'ran to the end of the scenario',
  ended: 'ended early with /end',
  interrupted: 'stopped with Ctrl-C',
};

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function endLine(d: Debrief): string {
  const team = d.team === undefined ? 'The exercise' : `Team ${d.team}'s exercise`;
  return `${team} ${END_WORDS[d.end.reason]} at ${formatClock(d.end.at)} (scenario length ${d.scenario.durationMinutes} minutes, speed ${d.speed}x).`;
}

/** How the response times were measured, so nobody reads typing time as thinking time. */
export function timingLine(d: Debrief): string {
  if (d.typing === 'pause') return 'The clock stood still while a reply was typed: response times leave typing out.';
  const typed = d.summary.typingSeconds;
  const base = 'Response times run to the moment a reply was sent, typing included';
  return typed > 0 ? `${base}; typing took ${formatDuration(typed)} of exercise time in all (at ${d.speed}x, one real second is ${formatDuration(d.speed)}).` : `${base}.`;
}

function rolesLine(d: Debrief): string {
  const played = d.roles.filter((r) => r.player !== '');
  if (played.length === 0) return 'Roles were not recorded.';
  return `Roles: ${d.roles.map((r) => `${r.role}: ${r.player || 'not recorded'}`).join('; ')}.`;
}

function responseTime(seconds: number | null): string {
  return seconds === null ? '' : formatDuration(seconds);
}

function mentions(n: number | undefined): string {
  return n === undefined ? '' : `${n.toLocaleString('en-GB')} mentions`;
}

/** The summary lines shared by every format. */
export function summaryLines(d: Debrief): string[] {
  const s = d.summary;
  const lines = [
    `${plural(s.injectsReleased, 'inject')} released, ${plural(s.responses, 'response')} logged.`,
    `${s.answered} of ${plural(s.expectingResponse, 'inject')} that needed a response got one.`,
  ];
  if (s.medianResponseSeconds !== null) lines.push(`Median time to first response: ${formatDuration(s.medianResponseSeconds)}.`);
  if (s.slowest) lines.push(`Slowest first response: ${formatDuration(s.slowest.seconds)} (${s.slowest.injectId}).`);
  lines.push(d.unanswered.length > 0 ? `Unanswered: ${d.unanswered.join(', ')}.` : 'No inject that needed a response was left unanswered.');
  if (d.notReached.length > 0) lines.push(`Not reached: ${d.notReached.join(', ')}.`);
  if (s.pausedRealSeconds > 0) lines.push(`The facilitator paused the clock for ${formatDuration(s.pausedRealSeconds)} of real time.`);
  lines.push(timingLine(d), rolesLine(d));
  return lines;
}

// ---- Markdown ------------------------------------------------------------------------------

/** Escape text for Markdown: no raw HTML, no accidental emphasis, links or table breaks. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;');
}

const SOURCE_WORDS = { scheduled: '', reserve: ' (added from the reserve)', live: ' (added live)' } as const;

function responseWho(e: ResponseEvent): string {
  return e.team === undefined ? 'team' : `team ${e.team}`;
}

function typingNote(e: ResponseEvent): string {
  return e.typingSeconds ? ` (typing ${formatDuration(e.typingSeconds)})` : '';
}

function eventRowMarkdown(e: TimelineEvent): string {
  if (e.kind === 'inject') {
    const who = [e.channel, escapeMarkdown(e.from), mentions(e.mentionCount)].filter(Boolean).join(' · ');
    return `| ${formatClock(e.at)} | Inject ${e.number}: ${e.injectId}${e.expectsResponse ? ' (response expected)' : ''}${SOURCE_WORDS[e.source]} | ${who} | ${escapeMarkdown(e.text)} | |`;
  }
  if (e.kind === 'pause') return `| ${formatClock(e.at)} | Clock paused | facilitator | | |`;
  if (e.kind === 'resume') return `| ${formatClock(e.at)} | Clock resumed after ${formatDuration(e.realSeconds)} real time | facilitator | | |`;
  const to = e.injectId === null ? 'before the first inject' : `to ${e.injectId}`;
  return `| ${formatClock(e.at)} | Response ${to} | ${escapeMarkdown(responseWho(e))} | ${escapeMarkdown(e.text)} | ${responseTime(e.responseSeconds)}${typingNote(e)} |`;
}

function injectRowMarkdown(r: InjectResult): string {
  return `| ${r.number} | ${r.id} | ${formatClock(r.at)} | ${r.channel} | ${r.status} | ${r.responses} | ${responseTime(r.firstResponseSeconds)} |`;
}

export function debriefToMarkdown(d: Debrief): string {
  const out: string[] = [
    `# Debrief: ${escapeMarkdown(d.scenario.title)}${d.team === undefined ? '' : `, team ${escapeMarkdown(d.team)}`}`,
    '',
    `Scenario \`${d.scenario.id}\`. ${escapeMarkdown(d.scenario.summary)}`,
    '',
    endLine(d),
    'This was a closed exercise: nothing was posted or sent anywhere.',
    '',
    '## Summary',
    '',
    ...summaryLines(d).map((l) => `- ${escapeMarkdown(l)}`),
    '',
    '## Timeline',
    '',
    '| Time | Event | Channel / from | Text | Response time |',
    '| --- | --- | --- | --- | --- |',
    ...d.timeline.map(eventRowMarkdown),
    '',
    '## Response times per inject',
    '',
    '| # | Inject | Time | Channel | Status | Responses | First response after |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...d.injects.map(injectRowMarkdown),
    '',
    '## Unanswered injects',
    '',
  ];
  const unanswered = d.injects.filter((r) => r.status === 'unanswered');
  if (unanswered.length === 0) out.push('None: every inject that needed a response got one.');
  for (const r of unanswered) out.push(`- **${r.id}** (${formatClock(r.at)}, ${r.channel}, ${escapeMarkdown(r.from)}): ${escapeMarkdown(r.guidance)}`);
  out.push('', '## What good looked like', '');
  for (const r of d.injects) out.push(`- **${r.id}**: ${escapeMarkdown(r.guidance)}`);
  out.push('', '## Debrief questions', '', ...d.debriefQuestions.map((q, i) => `${i + 1}. ${escapeMarkdown(q)}`), '');
  out.push('## Good practice', '', ...d.goodPractice.map((g) => `- ${escapeMarkdown(g)}`), '');
  return out.join('\n');
}

// ---- HTML ----------------------------------------------------------------------------------

const HTML_CSS = `
tr.response td { background: #f8f8f8; }
.tag { display: inline-block; padding: 0 .4rem; border-radius: .25rem; background: var(--bg-soft); font-size: .85em; }
.status-unanswered { color: #d4351c; font-weight: bold; }
`;

function eventRowHtml(e: TimelineEvent): string {
  if (e.kind === 'inject') {
    const who = `<span class="tag">${escapeHtml(e.channel)}</span> ${escapeHtml(e.from)}${e.mentionCount === undefined ? '' : ` <span class="muted">· ${escapeHtml(mentions(e.mentionCount))}</span>`}`;
    return `<tr class="inject"><td>${formatClock(e.at)}</td><td>Inject ${e.number}: <code>${escapeHtml(e.injectId)}</code>${e.expectsResponse ? '<br><span class="muted">response expected</span>' : ''}${escapeHtml(SOURCE_WORDS[e.source])}</td><td>${who}</td><td>${escapeHtml(e.text)}</td><td></td></tr>`;
  }
  if (e.kind === 'pause') return `<tr class="pause"><td>${formatClock(e.at)}</td><td>Clock paused</td><td>facilitator</td><td></td><td></td></tr>`;
  if (e.kind === 'resume') return `<tr class="pause"><td>${formatClock(e.at)}</td><td>Clock resumed after ${formatDuration(e.realSeconds)} real time</td><td>facilitator</td><td></td><td></td></tr>`;
  const to = e.injectId === null ? 'before the first inject' : `to <code>${escapeHtml(e.injectId)}</code>`;
  return `<tr class="response"><td>${formatClock(e.at)}</td><td>Response ${to}</td><td>${escapeHtml(responseWho(e))}</td><td>${escapeHtml(e.text)}</td><td class="num">${responseTime(e.responseSeconds)}${escapeHtml(typingNote(e))}</td></tr>`;
}

export function debriefToHtml(d: Debrief): string {
  const unanswered = d.injects.filter((r) => r.status === 'unanswered');
  const body = [
    `<h1>Debrief: ${escapeHtml(d.scenario.title)}${d.team === undefined ? '' : `, team ${escapeHtml(d.team)}`}</h1>`,
    `<p>Scenario <code>${escapeHtml(d.scenario.id)}</code>. ${escapeHtml(d.scenario.summary)}</p>`,
    `<p class="callout">${escapeHtml(endLine(d))} This was a closed exercise: nothing was posted or sent anywhere.</p>`,
    '<h2>Summary</h2>',
    `<ul>${summaryLines(d).map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`,
    '<h2>Timeline</h2>',
    '<table><thead><tr><th>Time</th><th>Event</th><th>Channel / from</th><th>Text</th><th class="num">Response time</th></tr></thead><tbody>',
    ...d.timeline.map(eventRowHtml),
    '</tbody></table>',
    '<h2>Response times per inject</h2>',
    '<table><thead><tr><th class="num">#</th><th>Inject</th><th>Time</th><th>Channel</th><th>Status</th><th class="num">Responses</th><th class="num">First response after</th></tr></thead><tbody>',
    ...d.injects.map(
      (r) =>
        `<tr><td class="num">${r.number}</td><td><code>${escapeHtml(r.id)}</code></td><td>${formatClock(r.at)}</td><td>${escapeHtml(r.channel)}</td><td class="status-${r.status.replace(/ /g, '-')}">${escapeHtml(r.status)}</td><td class="num">${r.responses}</td><td class="num">${responseTime(r.firstResponseSeconds)}</td></tr>`,
    ),
    '</tbody></table>',
    '<h2>Unanswered injects</h2>',
    unanswered.length === 0
      ? '<p>None: every inject that needed a response got one.</p>'
      : `<ul>${unanswered.map((r) => `<li><strong>${escapeHtml(r.id)}</strong> (${formatClock(r.at)}, ${escapeHtml(r.channel)}, ${escapeHtml(r.from)}): ${escapeHtml(r.guidance)}</li>`).join('')}</ul>`,
    '<h2>What good looked like</h2>',
    `<dl>${d.injects.map((r) => `<dt><code>${escapeHtml(r.id)}</code></dt><dd>${escapeHtml(r.guidance)}</dd>`).join('')}</dl>`,
    '<h2>Debrief questions</h2>',
    `<ol>${d.debriefQuestions.map((q) => `<li>${escapeHtml(q)}</li>`).join('')}</ol>`,
    '<h2>Good practice</h2>',
    `<ul>${d.goodPractice.map((g) => `<li>${escapeHtml(g)}</li>`).join('')}</ul>`,
  ].join('\n');
  return htmlPage({ title: `Debrief: ${d.scenario.title}`, body, css: HTML_CSS });
}

// ---- JSON and terminal -----------------------------------------------------------------------

export function debriefToJson(d: Debrief): string {
  return `${JSON.stringify(d, null, 2)}\n`;
}

/** The short summary printed at the end of a run. */
export function debriefToTerminal(d: Debrief, chalk: ChalkInstance): string {
  const lines = [
    '',
    chalk.bold(`Debrief: ${d.scenario.title}`),
    endLine(d),
    ...summaryLines(d).map((l) => `  ${l}`),
    '',
    chalk.bold('Debrief questions'),
    ...d.debriefQuestions.map((q, i) => `  ${i + 1}. ${q}`),
  ];
  return `${lines.join('\n')}\n`;
}
