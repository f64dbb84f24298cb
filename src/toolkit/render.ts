/** Pure renderers for one technique: Markdown (the source of the HTML page) and terminal text. */
import type { ChalkInstance } from 'chalk';
import { escapeHtml, htmlPage } from '../lib/html.js';
import { markdownToHtml } from '../lib/markdown.js';
import { markdownToTerminal } from '../lib/terminal-markdown.js';
import type { Toolkit } from './load.js';
import { byline, caseStudiesFor, formatFigure, quoteMarkdown } from './case-studies.js';
import type { CaseStudy, Technique } from './schema.js';

const COST_LABEL = { none: 'No cost', low: 'Low', medium: 'Medium', high: 'High' } as const;
const MODE_LABEL = { online: 'Online', blended: 'Online and in person', offline: 'Offline / assisted' } as const;

export function stageNames(toolkit: Toolkit, technique: Technique): string[] {
  return technique.stages.map((n) => {
    const stage = toolkit.stages.find((s) => s.number === n);
    return stage ? `${n} ${stage.name}` : String(n);
  });
}

function activityNames(toolkit: Toolkit, technique: Technique): string[] {
  const names = new Map(toolkit.stages.flatMap((s) => s.activities.map((a) => [a.id, a.name] as const)));
  return technique.activities.map((id) => names.get(id) ?? id);
}

function weeks(n: number): string {
  return n === 1 ? '1 week' : `${n} weeks`;
}

/** Markdown list items from data; one line each so data cannot start new blocks. */
function bullets(items: readonly string[]): string {
  return items.map((item) => `- ${item.replace(/\s*\n\s*/g, ' ')}`).join('\n');
}

export function techniqueFacts(toolkit: Toolkit, t: Technique): [string, string][] {
  return [
    ['Stages', stageNames(toolkit, t).join('; ')],
    ['Activities', activityNames(toolkit, t).join(', ')],
    ['Mode', MODE_LABEL[t.mode]],
    ['Participation', t.iap2],
    ['Audiences', t.audiences.join(', ')],
    ['Reach', t.reach],
    ['Cost', COST_LABEL[t.cost]],
    ['Lead time', weeks(t.lead_time_weeks)],
    ['Skills', t.skills],
    ['Sensitive or unannounced policy', t.sensitive_policy_ok ? 'suitable' : 'not suitable'],
    ['Channels', t.channels.join(', ')],
  ];
}

/** How a rendering refers to other entries: by name and id (terminal, files) or by link (the site). */
export interface TechniqueLinks {
  technique: (t: Technique) => string;
  caseStudy: (c: CaseStudy) => string;
  caseStudyHint: string;
}

const plainLinks: TechniqueLinks = {
  technique: (t) => `${t.name} (\`${t.id}\`)`,
  caseStudy: (c) => `${c.title} (\`${c.id}\`)`,
  caseStudyHint: 'Read one in full with `ptk cases show <id>`.',
};

export function techniqueToMarkdown(toolkit: Toolkit, t: Technique, links: TechniqueLinks = plainLinks): string {
  const sections: string[] = [`# ${t.name}`, '', `_${t.summary}_`, ''];
  sections.push('| | |', '|---|---|', ...techniqueFacts(toolkit, t).map(([k, v]) => `| ${k} | ${v.replace(/\|/g, '\\|')} |`), '');
  sections.push('## How to do it', '', t.methodology.trim(), '');
  sections.push('## When to use it', '', bullets(t.when_to_use), '');
  sections.push('## When not to use it', '', bullets(t.when_not_to_use), '');
  sections.push('## Skills needed', '', bullets(t.skills_needed), '');
  sections.push('## Risks and mitigations', '', bullets(t.risks.map((r) => `**${r.risk}** ${r.mitigation}`)), '');
  sections.push('## Accessibility', '', t.accessibility.trim(), '');
  sections.push('## Assisted digital: people who are not online', '', t.assisted_digital.trim(), '');
  sections.push('## Measuring it', '', bullets(t.metrics), '');
  if (t.related.length > 0) {
    const related = t.related.map((id) => {
      const other = toolkit.techniques.get(id)?.value;
      return other ? links.technique(other) : `\`${id}\``;
    });
    sections.push('## Related techniques', '', bullets(related), '');
  }
  const studies = caseStudiesFor(toolkit, t);
  if (studies.length > 0) {
    sections.push('## Case studies', '');
    for (const study of studies) {
      sections.push(`### ${links.caseStudy(study)}`, '', `_${byline(study)}_`, '', study.summary.trim(), '');
      if (study.figures.length > 0) sections.push(bullets(study.figures.map((f) => `${f.label}: **${formatFigure(f.value)}**`)), '');
    }
    sections.push(links.caseStudyHint, '');
  }
  if (t.testimonials.length > 0) {
    sections.push('## What people said', '');
    for (const quote of t.testimonials) sections.push(quoteMarkdown(quote), '');
  }
  return `${sections.join('\n').trimEnd()}\n`;
}

export function techniqueToHtml(toolkit: Toolkit, t: Technique): string {
  // the facts table has no column headings: drop its empty heading row
  const html = markdownToHtml(techniqueToMarkdown(toolkit, t)).replace(/<thead>\s*<tr>\s*<th><\/th>\s*<th><\/th>\s*<\/tr>\s*<\/thead>\s*/, '');
  const body = `<main>\n${html}</main>\n<footer class="muted"><p>From the policy toolkit: technique <code>${escapeHtml(t.id)}</code>.</p></footer>`;
  return htmlPage({ title: `${t.name} — policy toolkit`, body });
}

export function techniqueToTerminal(toolkit: Toolkit, t: Technique, chalk: ChalkInstance): string {
  const markdown = techniqueToMarkdown(toolkit, t)
    // the facts table reads better as aligned lines in a terminal
    .replace(/^\| \| \|\n\|---\|---\|\n(?:\|.*\|\n)+/m, '');
  const facts = techniqueFacts(toolkit, t);
  const width = Math.max(...facts.map(([k]) => k.length));
  const factLines = facts.map(([k, v]) => `  ${chalk.dim(k.padEnd(width))}  ${v}`).join('\n');
  const [title, ...rest] = markdownToTerminal(markdown, chalk).split('\n\n');
  return `${title}\n\n${factLines}\n\n${rest.join('\n\n')}\n`;
}
