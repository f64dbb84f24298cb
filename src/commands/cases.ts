/** `ptk cases list|show|search`: the toolkit's case studies, told from their source. */
import type { OptionsOf } from '../command-table.js';
import { writeToFileOrStdout } from '../lib/fs.js';
import { colourFor, info, print, printJson, table } from '../lib/output.js';
import { byline, caseStudyList, caseStudyToHtml, caseStudyToMarkdown, caseStudyToTerminal, findCaseStudy, techniquesFor } from '../toolkit/case-studies.js';
import { loadToolkit } from '../toolkit/load.js';
import { searchCaseStudies } from '../toolkit/search.js';

export async function list(options: OptionsOf<'cases list'>): Promise<void> {
  const toolkit = loadToolkit(options.toolkit);
  const studies = caseStudyList(toolkit);
  if (options.json) {
    printJson(
      studies.map((c) => ({
        id: c.id,
        title: c.title,
        organisation: c.organisation,
        year: c.year ?? null,
        summary: c.summary,
        techniques: techniquesFor(toolkit, c).map((t) => t.id),
        quotes: c.quotes.length,
      })),
    );
    return;
  }
  const chalk = colourFor();
  print(table(['ID', 'TITLE', 'WHO', 'TECHNIQUES'], studies.map((c) => [c.id, c.title, byline(c), techniquesFor(toolkit, c).map((t) => t.id).join(', ')]), chalk));
  print(chalk.dim(`\n${studies.length} case stud${studies.length === 1 ? 'y' : 'ies'}. Details: ptk cases show <id>`));
}

export async function show(id: string, options: OptionsOf<'cases show'>): Promise<void> {
  const toolkit = loadToolkit(options.toolkit);
  const study = findCaseStudy(toolkit, id);
  if (options.json) {
    printJson({ ...study, techniques: techniquesFor(toolkit, study).map((t) => t.id) });
    return;
  }
  const text =
    options.format === 'html'
      ? caseStudyToHtml(toolkit, study)
      : options.format === 'markdown'
        ? caseStudyToMarkdown(toolkit, study)
        : caseStudyToTerminal(toolkit, study, options.out ? colourFor({ isTTY: false } as NodeJS.WriteStream) : colourFor());
  await writeToFileOrStdout(text, options.out, options.force, info);
}

export async function search(words: string[], options: OptionsOf<'cases search'>): Promise<void> {
  const toolkit = loadToolkit(options.toolkit);
  const query = words.join(' ');
  const hits = searchCaseStudies(caseStudyList(toolkit), query).slice(0, options.top);
  if (options.json) {
    printJson(hits.map((h) => ({ id: h.item.id, title: h.item.title, score: Number(h.score.toFixed(3)), matched: h.matched, summary: h.item.summary })));
    return;
  }
  const chalk = colourFor();
  if (hits.length === 0) {
    print(`No case studies match "${query}". Try fewer or broader words, or ptk cases list.`);
    return;
  }
  hits.forEach((hit, i) => {
    print(`${chalk.dim(String(i + 1).padStart(2))}. ${chalk.bold(hit.item.title)} ${chalk.dim(`[${hit.item.id}]`)} ${chalk.dim(hit.score.toFixed(2))}`);
    print(`    ${hit.item.summary}`);
  });
}
