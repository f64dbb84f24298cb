import { createHash } from 'node:crypto';
/** Reporters for a plan: Markdown, self-contained HTML with an SVG timeline, the consultation checklist, YAML. Pure. */
import { stringify } from 'yaml';
import { escapeHtml, htmlPage } from '../lib/html.js';
import { markdownToHtml } from '../lib/markdown.js';
import type { Toolkit } from '../toolkit/load.js';
import { routeName, type Plan, type Route } from './schema.js';
import type { Standard, StandardResult } from './standard.js';

const YAML_HEADER = `# Engagement plan written by ptk. Edit freely, then run:
#   ptk plan check <this folder>     (the minimum digital standard for consultations)
#   ptk plan render <this folder>    (plan.md; --format html for plan.html)
# The fields are described in docs/plan-schema.md.
`;

const YAML_HEADER_NO_CONSULTATION = `# Engagement plan written by ptk. Edit freely, then run:
#   ptk plan render <this folder>    (plan.md; --format html for plan.html)
# It has no formal consultation, so the minimum digital standard does not apply. The fields are
# described in docs/plan-schema.md.
`;

export function planToYaml(plan: Plan): string {
  return (plan.consultation ? YAML_HEADER : YAML_HEADER_NO_CONSULTATION) + stringify(plan, { lineWidth: 0 });
}

const techniqueName = (toolkit: Toolkit | undefined, id: string) => toolkit?.techniques.get(id)?.value.name ?? id;
/** Keep table cells on one line and stop data from opening Markdown constructs. */
const cell = (value: unknown) => String(value ?? '').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function planToMarkdown(plan: Plan, toolkit?: Toolkit): string {
  const out: string[] = [`# ${cell(plan.policy.title)}`, ''];
  if (plan.policy.area) out.push(`**Policy area:** ${cell(plan.policy.area)}`, '');
  out.push('## The problem', '', plan.policy.problem.trim(), '');
  if (plan.objectives.length) out.push('## Objectives', '', ...plan.objectives.map((o) => `- **${o.id}**: ${cell(o.text)}`), '');
  if (plan.audiences.length) {
    out.push('## Audiences', '', plan.audiences.join(', ') + (plan.offline_share !== undefined ? ` (${plan.offline_share}% rarely or never online)` : ''), '');
  }
  for (const s of plan.stages) {
    const stage = toolkit?.stages.find((x) => x.number === s.stage);
    out.push(`## Stage ${s.stage}${stage ? `: ${stage.name}` : ''}`, '');
    if (s.activities.length) out.push(`Activities: ${s.activities.join(', ')}`, '');
    if (s.techniques.length) {
      out.push('| Technique | Owner | Channels | Start | End |', '|---|---|---|---|---|');
      for (const t of s.techniques) out.push(`| ${cell(techniqueName(toolkit, t.id))} (${t.id}) | ${cell(t.owner ?? '')} | ${cell(t.channels.join(', '))} | ${t.start ?? ''} | ${t.end ?? ''} |`);
      out.push('');
    }
  }
  if (plan.responses_to_analyse !== undefined) out.push('## Responses to analyse', '', `${plan.responses_to_analyse.toLocaleString('en-GB')} responses.`, '');
  if (plan.recommendations?.length) {
    out.push('## Why these techniques', '');
    for (const r of plan.recommendations) {
      out.push(`- **${cell(techniqueName(toolkit, r.id))}** (${r.id})${r.role ? `, ${cell(r.role)}` : ''}${r.score !== undefined ? `, score ${r.score}` : ''}${r.reasons.length ? `: ${r.reasons.map(cell).join('; ')}` : ''}`);
    }
    out.push('');
  }
  if (plan.timeline.length) out.push('## Timeline', '', ...plan.timeline.map((m) => `- ${m.date}: ${cell(m.milestone)}`), '');
  if (plan.metrics.length) {
    out.push('## Metrics and targets', '', '| Metric | Objective | Channel | Measure | Target | By |', '|---|---|---|---|---:|---|');
    for (const m of plan.metrics) out.push(`| ${m.id} | ${m.objective} | ${cell(m.channel)} | ${m.metric} | ${m.target} | ${m.by} |`);
    out.push('');
  }
  if (plan.owners.length) out.push('## Owners', '', ...plan.owners.map((o) => `- ${cell(o.name)}: ${cell(o.role)}`), '');
  if (plan.channels.length) out.push('## Channels', '', ...plan.channels.map((c) => `- ${cell(c)}`), '');
  if (plan.risks.length) out.push('## Risks', '', '| Risk | Mitigation |', '|---|---|', ...plan.risks.map((r) => `| ${cell(r.risk)} | ${cell(r.mitigation)} |`), '');
  if (plan.accessibility.length) out.push('## Accessibility and assisted digital', '', ...plan.accessibility.map((a) => `- ${cell(a)}`), '');
  if (plan.budget) out.push('## Budget', '', `Level: ${plan.budget.level}${plan.budget.amount !== undefined ? `; amount: £${plan.budget.amount}` : ''}${plan.budget.notes ? `; ${cell(plan.budget.notes)}` : ''}`, '');
  const c = plan.consultation;
  if (c) {
    out.push('## Formal consultation', '');
    const row = (label: string, value: unknown) => {
      if (value === undefined || (Array.isArray(value) && value.length === 0)) return;
      out.push(`- **${label}:** ${Array.isArray(value) ? value.map(cell).join('; ') : typeof value === 'boolean' ? (value ? 'yes' : 'no') : cell(value)}`);
    };
    row('Purpose', c.purpose);
    row('Questions', c.questions);
    row('Opens', c.opens);
    row('Closes', c.closes);
    row('Duration (weeks)', c.duration_weeks);
    row('Published online', c.published_online);
    row('Formats', c.formats);
    const routes = (items?: Route[]) => items?.map((r) => (typeof r === 'string' ? r : `${routeName(r)} (ready ${r.ready})`));
    row('Online response routes', routes(c.response_routes?.online));
    row('Offline response routes', routes(c.response_routes?.offline));
    row('Who is consulted', c.who_consulted);
    row('How they are reached digitally', c.digital_reach);
    row('Analysis method', c.analysis?.method);
    row('Campaign responses', c.analysis?.campaign_responses);
    row('Organisations and individuals', c.analysis?.organisations_vs_individuals);
    row('Summary of responses within (weeks)', c.summary_of_responses_weeks);
    row('Government response within (weeks)', c.government_response_weeks);
    row('Privacy notice', c.privacy_notice);
    out.push('');
  }
  return out.join('\n');
}

const DAY_MS = 86_400_000;
const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY_MS;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The first day of each month from `from` to `to` inclusive (YYYY-MM-DD). */
export function monthStarts(from: string, to: string): string[] {
  const out: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  if (from.slice(8) !== '01') month++;
  for (;;) {
    if (month > 12) {
      month = 1;
      year++;
    }
    const d = `${year}-${String(month).padStart(2, '0')}-01`;
    if (d > to) return out;
    out.push(d);
    month++;
  }
}

/** "Sep", or "Jan 2028" at a year's start and on the first tick. */
const monthLabel = (d: string, first: boolean) => {
  const m = Number(d.slice(5, 7));
  return first || m === 1 ? `${MONTHS[m - 1]} ${d.slice(0, 4)}` : MONTHS[m - 1]!;
};

/** The timeline as an inline SVG: technique bars and milestone markers on a date axis. */
export function timelineSvg(plan: Plan, toolkit?: Toolkit): string {
  const bars = plan.stages.flatMap((s) => s.techniques.filter((t) => t.start && t.end).map((t) => ({ label: techniqueName(toolkit, t.id), start: t.start!, end: t.end! })));
  const dates = [...plan.timeline.map((m) => m.date), ...bars.flatMap((b) => [b.start, b.end]), ...(plan.consultation?.opens ? [plan.consultation.opens] : []), ...(plan.consultation?.closes ? [plan.consultation.closes] : [])].sort();
  if (dates.length === 0) return '<p class="muted">No dates in the plan yet.</p>';
  const first = dayNumber(dates[0]!);
  const span = Math.max(1, dayNumber(dates[dates.length - 1]!) - first);
  const left = 250;
  const width = 800;
  const right = width - 90; // room for the last milestone's date
  const rowH = 26;
  const x = (d: string) => left + ((dayNumber(d) - first) / span) * (right - left);
  const rows = [...bars.map((b) => ({ ...b, kind: 'bar' as const })), ...plan.timeline.map((m) => ({ label: m.milestone, start: m.date, end: m.date, kind: 'milestone' as const }))];
  const height = rows.length * rowH + 56;
  const axisY = height - 30;
  const parts: string[] = [];
  // the consultation window behind the rows, so every technique can be read against it
  const c = plan.consultation;
  if (c?.opens && c.closes) {
    const x1 = x(c.opens);
    parts.push(
      `<rect class="consultation-window" x="${x1.toFixed(1)}" y="14" width="${Math.max(2, x(c.closes) - x1).toFixed(1)}" height="${(axisY - 14).toFixed(1)}" fill="#f3f2f1" stroke="#b1b4b6" stroke-dasharray="4 3"><title>${escapeHtml(`Consultation open: ${c.opens} to ${c.closes}`)}</title></rect>`,
      `<text x="${(x1 + 4).toFixed(1)}" y="11" font-size="11" fill="#0b0c0c">${escapeHtml(`Consultation ${c.opens} to ${c.closes}`)}</text>`,
    );
  }
  rows.forEach((r, i) => {
    const y = 20 + i * rowH;
    parts.push(`<text x="4" y="${y + 15}" font-size="12">${escapeHtml(r.label.length > 36 ? `${r.label.slice(0, 35)}…` : r.label)}</text>`);
    if (r.kind === 'bar') {
      const x1 = x(r.start);
      parts.push(`<rect x="${x1.toFixed(1)}" y="${y + 4}" width="${Math.max(3, x(r.end) - x1).toFixed(1)}" height="14" fill="#1d70b8"><title>${escapeHtml(`${r.label}: ${r.start} to ${r.end}`)}</title></rect>`);
    } else {
      const cx = x(r.start);
      parts.push(`<path d="M${cx.toFixed(1)} ${y + 3} l7 8 l-7 8 l-7 -8 z" fill="#d4351c"><title>${escapeHtml(`${r.start}: ${r.label}`)}</title></path>`);
      parts.push(`<text x="${(cx + 10).toFixed(1)}" y="${y + 15}" font-size="11" fill="#505a5f">${escapeHtml(r.start)}</text>`);
    }
  });
  parts.push(`<line x1="${left}" y1="${axisY}" x2="${right}" y2="${axisY}" stroke="#505a5f"/>`);
  // a tick on the first day of every month in range; labels thinned so they never overlap (about 48 px each)
  const ticks = monthStarts(dates[0]!, dates[dates.length - 1]!);
  const every = Math.max(1, Math.ceil((ticks.length * 48) / (right - left)));
  ticks.forEach((d, i) => {
    const tx = x(d).toFixed(1);
    parts.push(`<line class="month-tick" x1="${tx}" y1="${axisY}" x2="${tx}" y2="${axisY + 5}" stroke="#505a5f"><title>${d}</title></line>`);
    if (i % every === 0) parts.push(`<text x="${tx}" y="${axisY + 17}" font-size="11" text-anchor="middle" fill="#0b0c0c">${monthLabel(d, i === 0)}</text>`);
  });
  parts.push(`<text x="${left}" y="${height - 2}" font-size="10" fill="#505a5f">${escapeHtml(dates[0])}</text>`);
  parts.push(`<text x="${right}" y="${height - 2}" font-size="10" text-anchor="end" fill="#505a5f">${escapeHtml(dates[dates.length - 1])}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Plan timeline">${parts.join('')}</svg>`;
}

export function planToHtml(plan: Plan, toolkit?: Toolkit): string {
  const markdown = planToMarkdown(plan, toolkit);
  const [titleLine, ...rest] = markdown.split('\n');
  const body = `${markdownToHtml(titleLine ?? '')}<figure><figcaption><strong>Timeline</strong></figcaption>${timelineSvg(plan, toolkit)}</figure>${markdownToHtml(rest.join('\n'))}`;
  return htmlPage({ title: plan.policy.title, body });
}

/** The consultation checklist: one box per criterion of the standard, required ones first. */
export function checklistMarkdown(standard: Standard, template: string, result?: StandardResult): string {
  const status = new Map(result?.results.map((r) => [r.id, r.status]));
  const line = (c: Standard['criteria'][number]) => `- [${status.get(c.id) === 'pass' ? 'x' : ' '}] **${c.title}** (principle ${c.principle}${c.required ? ', required' : ''}): ${c.why} _Field: \`${c.rule.path}\`_`;
  const items = [...standard.criteria.filter((c) => c.required).map(line), '', '### Good practice', '', ...standard.criteria.filter((c) => !c.required).map(line)].join('\n');
  return template.replace('{{standard}}', standard.name).replace('{{source}}', standard.source).replace('{{criteria}}', items);
}

const STAMP = /\n<!-- ptk:generated sha256=([0-9a-f]{64}) -->\n$/;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Append a stamp of the content, so a later render can tell whether someone edited the file. */
export function stampGenerated(text: string, kind: 'md' | 'html' | 'ics'): string {
  if (kind === 'ics') {
    const body = text.replace(/END:VCALENDAR\r\n$/, '');
    return `${body}X-PTK-SHA256:${sha256(body).slice(0, 40)}\r\nEND:VCALENDAR\r\n`;
  }
  const body = text.endsWith('\n') ? text : `${text}\n`;
  return `${body}\n<!-- ptk:generated sha256=${sha256(body)} -->\n`;
}

/** True when the file is exactly as ptk wrote it (its stamp matches its content). */
export function isUnedited(text: string): boolean {
  const ics = text.replace(/END:VCALENDAR\r\n$/, '');
  const icsMatch = ics.match(/X-PTK-SHA256:([0-9a-f]{40})\r\n$/);
  // the hash is cut to 40 digits to keep the line within the 75-octet limit
  if (icsMatch) return sha256(ics.slice(0, icsMatch.index)).slice(0, 40) === icsMatch[1];
  const match = text.match(STAMP);
  return match?.[1] !== undefined && sha256(text.slice(0, match.index)) === match[1];
}
