/**
 * Printable sheets for a session pack, pure: the control desk's inject timeline for a simulation,
 * a sign-in sheet and a feedback form. All text from data is escaped.
 */
import { escapeHtml, htmlPage } from '../lib/html.js';
import { formatClock } from '../simulate/engine.js';
import type { Scenario } from '../simulate/schema.js';
import type { Masterclass } from './schema.js';

const SHEET_CSS = `
@page { size: A4 landscape; margin: 12mm; }
table.sheet td, table.sheet th { border: 1px solid var(--line); }
table.sheet td.box { width: 2.5rem; }
tr { break-inside: avoid; page-break-inside: avoid; }
.write { height: 2.2rem; }
.lines { border-bottom: 1px solid var(--line); height: 4.5rem; margin-bottom: 1rem; }
`;

/** `ptk simulate SCENARIO [--speed N]` in an exercise's commands: the scenarios it runs and at what speed. */
export function simulatedScenarios(module: Masterclass): { scenario: string; speed: number }[] {
  const found = new Map<string, number>();
  for (const command of module.exercises.flatMap((e) => e.commands)) {
    const match = /\bptk simulate ([a-z0-9-]+)/.exec(command);
    if (!match) continue;
    const speed = Number(/--speed[ =]([\d.]+)/.exec(command)?.[1] ?? 1);
    if (!found.has(match[1]!)) found.set(match[1]!, speed > 0 ? speed : 1);
  }
  return [...found].map(([scenario, speed]) => ({ scenario, speed }));
}

/** Real time from the start at `speed`, as m:ss, for the control desk's clock. */
function realTime(minutes: number, speed: number): string {
  const seconds = Math.round((minutes * 60) / speed);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** The control desk's sheet: every inject in order with exercise and real time, who it is from and what good looks like. */
export function controlDeskSheet(scenario: Scenario, speed: number): string {
  const rows = scenario.injects.map(
    (inject, i) => `<tr><td class="num">${i + 1}</td><td>${formatClock(inject.at * 60)}</td><td>${realTime(inject.at, speed)}</td><td>${escapeHtml(inject.channel)}</td><td>${escapeHtml(inject.from)}</td><td>${escapeHtml(inject.text)}${inject.mention_count === undefined ? '' : ` <span class="muted">(${inject.mention_count.toLocaleString('en-GB')} mentions)</span>`}</td><td>${inject.expects_response ? 'yes' : 'no'}</td><td>${escapeHtml(inject.guidance)}</td><td class="box"></td></tr>`,
  );
  const reserve = scenario.reserve_injects ?? [];
  const body = [
    `<h1>Control desk: ${escapeHtml(scenario.title)}</h1>`,
    `<p>${escapeHtml(scenario.summary)}</p>`,
    `<p class="callout">${scenario.duration_minutes} exercise minutes at ${speed}x speed: real time runs to ${realTime(scenario.duration_minutes, speed)}. Start with <code>ptk simulate ${escapeHtml(scenario.id)} --speed ${speed}</code> once the roles are agreed; <code>/pause</code> and <code>/resume</code> hold the clock. Tick each inject as it appears.</p>`,
    '<h2>Inject timeline</h2>',
    '<table class="sheet"><thead><tr><th class="num">#</th><th>Exercise time</th><th>Real time</th><th>Channel</th><th>From</th><th>Inject</th><th>Reply expected</th><th>What good looks like</th><th>Seen</th></tr></thead><tbody>',
    ...rows,
    '</tbody></table>',
    '<h2>Reserve injects</h2>',
    reserve.length === 0
      ? '<p>This scenario has no reserve injects; <code>/inject TEXT</code> adds one of your own.</p>'
      : `<p>Add one during the run with <code>/inject ID</code> (or from the web console's reserve list) to raise the pressure or test a point the group has not met.</p><table class="sheet"><thead><tr><th>Id</th><th>Channel</th><th>From</th><th>Inject</th><th>What good looks like</th><th>Used at</th></tr></thead><tbody>${reserve
          .map((r) => `<tr><td><code>${escapeHtml(r.id)}</code></td><td>${escapeHtml(r.channel)}</td><td>${escapeHtml(r.from)}</td><td>${escapeHtml(r.text)}</td><td>${escapeHtml(r.guidance)}</td><td class="box"></td></tr>`)
          .join('')}</tbody></table>`,
    '<h2>Roles</h2>',
    `<table class="sheet"><thead><tr><th>Role</th><th>Responsibilities</th><th>Played by</th></tr></thead><tbody>${scenario.roles.map((r) => `<tr><td>${escapeHtml(r.name)}</td><td>${escapeHtml(r.responsibilities)}</td><td class="write"></td></tr>`).join('')}</tbody></table>`,
  ].join('\n');
  return htmlPage({ title: `Control desk: ${scenario.title}`, body, css: SHEET_CSS });
}

/** A sign-in sheet: name, organisation, role, e-mail for follow-up (optional), signature. */
export function signInSheet(module: Masterclass, rows = 20): string {
  const blank = Array.from({ length: rows }, (_, i) => `<tr><td class="num">${i + 1}</td><td class="write"></td><td></td><td></td><td></td><td></td></tr>`).join('');
  const body = [
    `<h1>Sign-in: ${escapeHtml(module.title)}</h1>`,
    '<p>Date: ____________________ &nbsp; Venue: ________________________________ &nbsp; Trainer: ____________________</p>',
    '<p class="muted">Your details are used only to record attendance and, if you give an e-mail address, to send the session materials. They are not shared.</p>',
    `<table class="sheet"><thead><tr><th class="num">#</th><th>Name</th><th>Organisation and team</th><th>Role</th><th>E-mail (optional)</th><th>Signature</th></tr></thead><tbody>${blank}</tbody></table>`,
  ].join('\n');
  return htmlPage({ title: `Sign-in: ${module.title}`, body, css: SHEET_CSS.replace('A4 landscape', 'A4 portrait') });
}

/** A feedback form: confidence in each learning outcome before and after, and three open questions. */
export function feedbackSheet(module: Masterclass): string {
  const scale = [1, 2, 3, 4, 5].map((n) => `<td class="box num">${n}</td>`).join('');
  const body = [
    `<h1>Feedback: ${escapeHtml(module.title)}</h1>`,
    '<p>Anonymous. Circle one number per line: 1 = not at all confident, 5 = very confident.</p>',
    `<table class="sheet"><thead><tr><th>How confident are you that you can…</th><th colspan="5">Before the session</th><th colspan="5">After the session</th></tr></thead><tbody>${module.learning_outcomes
      .map((o) => `<tr><td>${escapeHtml(o)}</td>${scale}${scale}</tr>`)
      .join('')}</tbody></table>`,
    '<h2>What was most useful?</h2><div class="lines"></div>',
    '<h2>What would you change?</h2><div class="lines"></div>',
    '<h2>What will you do differently in your work?</h2><div class="lines"></div>',
    `<p>Would you recommend this session to a colleague? &nbsp; Yes &nbsp; ☐ &nbsp;&nbsp; No &nbsp; ☐ &nbsp;&nbsp; Not sure &nbsp; ☐</p>`,
  ].join('\n');
  return htmlPage({ title: `Feedback: ${module.title}`, body, css: SHEET_CSS.replace('A4 landscape', 'A4 portrait') });
}
