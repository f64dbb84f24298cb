/**
 * Case studies: lookup, the links between case studies and techniques, and pure renderers
 * (Markdown, HTML built from it, terminal text) for `ptk cases show` and the static site.
 */
import type { ChalkInstance } from 'chalk';
import { UsageError } from '../errors.js';
import { escapeHtml, htmlPage } from '../lib/html.js';
import { markdownToHtml } from '../lib/markdown.js';
import { closest } from '../lib/suggest.js';
import { markdownToTerminal } from '../lib/terminal-markdown.js';
import type { Toolkit } from './load.js';
import type { CaseStudy, Quote, Technique } from './schema.js';

export function caseStudyList(toolkit: Toolkit): CaseStudy[] {
  return [...toolkit.caseStudies.values()].map((e) => e.value).sort((a, b) => a.title.localeCompare(b.title));
}

export function findCaseStudy(toolkit: Toolkit, id: string): CaseStudy {
  const entry = toolkit.caseStudies.get(id);
  if (entry) return entry.value;
  const suggestions = closest(id, toolkit.caseStudies.keys());
  const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.join(', ')}?` : ' Run `ptk cases list` to see them all.';
  throw new UsageError(`no case study with id "${id}".${hint}`);
}

/**
 * The case studies of a technique: those it lists, then those that name it. Both directions count,
 * so an overlay's new case study shows on the techniques it illustrates without editing them.
 */
export function caseStudiesFor(toolkit: Toolkit, technique: Technique): CaseStudy[] {
  const ids = [...technique.case_studies];
  for (const study of caseStudyList(toolkit)) if (study.techniques.includes(technique.id) && !ids.includes(study.id)) ids.push(study.id);
  return ids.map((id) => toolkit.caseStudies.get(id)?.value).filter((c): c is CaseStudy => c !== undefined);
}

/** Techniques a case study illustrates: those it names, then those that list it. */
export function techniquesFor(toolkit: Toolkit, study: CaseStudy): Technique[] {
  const ids = [...study.techniques];
  for (const { value: t } of toolkit.techniques.values()) if (t.case_studies.includes(study.id) && !ids.includes(t.id)) ids.push(t.id);
  return ids.map((id) => toolkit.techniques.get(id)?.value).filter((t): t is Technique => t !== undefined);
}

export function formatFigure(value: number | string): string {
  return typeof value === 'number' ? value.toLocaleString('en-GB') : value;
}

export function byline(study: CaseStudy): string {
  return study.year ? `${study.organisation}, ${study.year}` : study.organisation;
}

/** One line of Markdown from data text, so a value cannot start a new block. */
function oneLine(text: string): string {
  return text.trim().replace(/\s*\n\s*/g, ' ');
}

function bullets(items: readonly string[]): string {
  return items.map((item) => `- ${oneLine(item)}`).join('\n');
}

/** A quote as a Markdown block quote, with who said it and where it was published. */
export function quoteMarkdown(quote: Quote): string {
  return [`> ${oneLine(quote.quote)}`, '>', `> — ${oneLine(quote.who)}. _Source: ${oneLine(quote.source)}_`].join('\n');
}

export interface CaseStudyLinks {
  /** How to refer to a technique: Markdown for a link or a name with its id. */
  technique: (t: Technique) => string;
}

const plainLinks: CaseStudyLinks = { technique: (t) => `${t.name} (\`${t.id}\`)` };

export function caseStudyToMarkdown(toolkit: Toolkit, study: CaseStudy, links: CaseStudyLinks = plainLinks): string {
  const parts: string[] = [`# ${oneLine(study.title)}`, '', `_${oneLine(byline(study))}_`, '', oneLine(study.summary), ''];
  parts.push('## What happened', '', study.story.trim(), '');
  if (study.figures.length > 0) parts.push('## Figures', '', bullets(study.figures.map((f) => `${f.label}: **${formatFigure(f.value)}**`)), '');
  if (study.quotes.length > 0) {
    parts.push('## In their words', '');
    for (const quote of study.quotes) parts.push(quoteMarkdown(quote), '');
  }
  parts.push('## Lessons', '', bullets(study.lessons), '');
  const techniques = techniquesFor(toolkit, study);
  if (techniques.length > 0) parts.push('## Techniques it illustrates', '', bullets(techniques.map(links.technique)), '');
  if (study.source) parts.push(`Source: ${oneLine(study.source)}`, '');
  return `${parts.join('\n').trimEnd()}\n`;
}

export function caseStudyToHtml(toolkit: Toolkit, study: CaseStudy): string {
  const body = `<main>\n${markdownToHtml(caseStudyToMarkdown(toolkit, study))}</main>\n<footer class="muted"><p>From the policy toolkit: case study <code>${escapeHtml(study.id)}</code>.</p></footer>`;
  return htmlPage({ title: `${study.title} — policy toolkit`, body });
}

export function caseStudyToTerminal(toolkit: Toolkit, study: CaseStudy, chalk: ChalkInstance): string {
  return `${markdownToTerminal(caseStudyToMarkdown(toolkit, study), chalk).trimEnd()}\n`;
}
