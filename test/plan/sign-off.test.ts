import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runPtk, tempDir } from '../helpers/cli.js';

const hasUnzip = spawnSync('unzip', ['-v']).status === 0;

function examplePlan(): string {
  const out = join(tempDir(), 'plan');
  expect(runPtk(['wizard', '2', '--answers', join(ROOT, 'examples/answers-stage2.yaml'), '--yes', '--out', out]).code).toBe(0);
  return out;
}

/** Paragraph and table text of word/document.xml, read with unzip rather than the docx package that wrote it. */
function wordXml(file: string): string {
  return spawnSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' }).stdout;
}

describe('ptk plan check --format: a sign-off sheet for the senior responsible owner', () => {
  it('writes Markdown with the verdict, every criterion and the sign-off lines, and refuses to overwrite', () => {
    const dir = examplePlan();
    const r = runPtk(['plan', 'check', dir, '--format', 'md']);
    expect(r.code).toBe(0);
    const json = JSON.parse(runPtk(['plan', 'check', dir, '--json']).stdout) as { results: { title: string }[] };
    const md = readFileSync(join(dir, 'sign-off.md'), 'utf8');
    expect(md).toContain('# Sign-off: Improving access to GP appointments next winter');
    expect(md).toContain('**Meets the minimum digital standard.**');
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Criterion'));
    expect(rows).toHaveLength(json.results.length);
    for (const { title } of json.results) expect(md).toContain(`| ${title} |`);
    expect(md).toContain('Senior responsible owner (name): ');
    const again = runPtk(['plan', 'check', dir, '--format', 'md']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/sign-off\.md exists: pass --force/);
  });

  it.skipIf(!hasUnzip)('writes a Word file whose headings and criteria table are there when unzipped', () => {
    const dir = examplePlan();
    const out = join(tempDir(), 'sheet.docx');
    const r = runPtk(['plan', 'check', dir, '--format', 'docx', '--out', out]);
    expect(r.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    const xml = wordXml(out);
    const json = JSON.parse(runPtk(['plan', 'check', dir, '--json']).stdout) as { results: { title: string; status: string }[] };
    // headings: Heading1 for the title, Heading2 for each section
    const headings = [...xml.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<w:pStyle w:val="(Heading\d)"\/>(?:(?!<\/w:p>).)*?<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => [m[1], m[2]]);
    expect(headings).toEqual([
      ['Heading1', 'Sign-off: Improving access to GP appointments next winter'],
      ['Heading2', 'Criteria'],
      ['Heading2', 'Attestations'],
      ['Heading2', 'Sign-off'],
    ]);
    // one table: a header row and a row per criterion, each naming it and its result
    expect(xml.match(/<w:tbl>/g)).toHaveLength(1);
    const rows = [...xml.matchAll(/<w:tr>(.*?)<\/w:tr>/g)].map((m) => [...m[1]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]));
    expect(rows[0]).toEqual(['Criterion', 'Principle', 'Required', 'Result', 'Why']);
    expect(rows).toHaveLength(json.results.length + 1);
    expect(rows.slice(1).map((cells) => [cells[0], cells[3]])).toEqual(json.results.map((x) => [x.title.replace(/&/g, '&amp;').replace(/</g, '&lt;'), x.status]));
    expect(xml).toContain('Meets the minimum digital standard.');
  });

  it('a failing plan still gets its sheet, with the failures, and exit 1', () => {
    const dir = join(tempDir(), 'assumed');
    const answers = join(tempDir(), 'answers.yaml');
    const text = readFileSync(join(ROOT, 'examples/answers-stage2.yaml'), 'utf8').replace(/^consultation:[\s\S]*$/m, 'include_consultation: true\n');
    writeFileSync(answers, text);
    expect(runPtk(['wizard', '2', '--answers', answers, '--yes', '--out', dir]).code).toBe(0);
    const r = runPtk(['plan', 'check', dir, '--format', 'md']);
    expect(r.code).toBe(1);
    const md = readFileSync(join(dir, 'sign-off.md'), 'utf8');
    expect(md).toMatch(/\*\*Does not meet the minimum digital standard: \d+ required criteri/);
    expect(md).toMatch(/\| fail \| .*was suggested by the wizard and not confirmed/);
  });
});
