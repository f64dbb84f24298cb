import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, runPtk, tempDir } from '../helpers/cli.js';

const FIXTURES = join(ROOT, 'test/fixtures/masterclasses');
const VALID = join(FIXTURES, 'valid');
const OVERRIDE = join(FIXTURES, 'override');

const REQUIRED = [
  'analysing-responses',
  'crisis-communication',
  'digital-consultation',
  'listening',
  'measuring-impact',
  'open-policymaking',
  'social-media-for-officials',
];

interface ListItem {
  id: string;
  title: string;
  audience: string[];
  difficulty: string;
  duration_minutes: number;
  max_participants: number;
  trainers_needed: number;
  exercises: number;
  quiz_questions: number;
}

/** Every file under `dir`, relative and sorted. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full));
    }
  };
  walk(dir);
  return out.sort();
}

describe('ptk masterclass list and show', () => {
  it('list --json has the seven built-in modules with their session facts', () => {
    const r = runPtk(['masterclass', 'list', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const items = JSON.parse(r.stdout) as ListItem[];
    expect(items.map((i) => i.id).sort()).toEqual(REQUIRED);
    const crisis = items.find((i) => i.id === 'crisis-communication')!;
    expect(crisis).toMatchObject({ difficulty: 'advanced', duration_minutes: 180, max_participants: 12, trainers_needed: 2 });
    for (const item of items) {
      expect(item.audience.every((a) => ['policy', 'comms', 'stakeholder', 'customer-service', 'leadership'].includes(a))).toBe(true);
      expect(item.exercises).toBeGreaterThan(0);
      expect(item.quiz_questions).toBeGreaterThanOrEqual(5);
    }
  });

  it('list prints a table', () => {
    const r = runPtk(['masterclass', 'list']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^ID\s+TITLE\s+LEVEL\s+MINUTES\s+MAX\s+FOR$/);
    expect(r.stdout).toMatch(/^measuring-impact\s+Measuring impact with digital metrics\s+intermediate\s+120\s+16\s+communications, policy, leadership$/m);
    expect(r.stdout).toContain('7 modules.');
  });

  it('show prints the module; --json the whole module', () => {
    const r = runPtk(['masterclass', 'show', 'crisis-communication']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Crisis communication: a simulated breaking story \[crisis-communication\]/);
    expect(r.stdout).toMatch(/Length\s+3 hours/);
    expect(r.stdout).toContain('0:45 Exercise 1: a contaminated product (45 min)');
    expect(r.stdout).toContain('Social simulator (crisis role-play) (social-simulator)');
    const j = runPtk(['masterclass', 'show', 'crisis-communication', '--json']);
    const module = JSON.parse(j.stdout) as { id: string; duration_minutes: number; run_sheet: { minutes: number }[]; quiz: { answer: string; options: string[] }[] };
    expect(module.id).toBe('crisis-communication');
    expect(module.run_sheet.reduce((s, x) => s + x.minutes, 0)).toBe(module.duration_minutes);
  });

  it('an unknown id is one line naming the closest ids (exit 2)', () => {
    for (const command of ['show', 'handout', 'quiz']) {
      const r = runPtk(['masterclass', command, 'listen', ...(command === 'quiz' ? ['--yes'] : [])]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe('ptk: no masterclass with id "listen". Did you mean listening?\n');
    }
    const pack = runPtk(['masterclass', 'pack', 'open-policy', '-o', join(tempDir(), 'p')]);
    expect(pack.code).toBe(2);
    expect(pack.stderr).toBe('ptk: no masterclass with id "open-policy". Did you mean open-policymaking?\n');
  });

  it('overlays add modules (--toolkit or PTK_TOOLKIT) and replace built-in ones with the same id', () => {
    const withFixture = JSON.parse(runPtk(['--toolkit', VALID, 'masterclass', 'list', '--json']).stdout) as ListItem[];
    expect(withFixture.map((i) => i.id)).toContain('fixture-module');
    expect(withFixture).toHaveLength(8);
    const viaEnv = runPtk(['masterclass', 'list', '--json'], { env: { PTK_TOOLKIT: VALID } });
    expect((JSON.parse(viaEnv.stdout) as ListItem[]).map((i) => i.id)).toContain('fixture-module');
    const replaced = JSON.parse(runPtk(['--toolkit', OVERRIDE, 'masterclass', 'list', '--json']).stdout) as ListItem[];
    expect(replaced).toHaveLength(7);
    expect(replaced.find((i) => i.id === 'listening')!.title).toBe('Listening (our own version)');
  });

  it('a broken overlay stops the command with file:line problems (exit 2)', () => {
    const r = runPtk(['--toolkit', join(FIXTURES, 'broken'), 'masterclass', 'list']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cross-checks\.yaml:\d+: quiz\.1\.answer: the answer "Purple" is not one of the options/);
    expect(r.stderr).toMatch(/the masterclasses have \d+ problems/);
  });
});

describe('ptk masterclass handout', () => {
  it('Markdown on stdout: run sheet, exercises, linked techniques and case studies, quiz without answers', () => {
    const r = runPtk(['--toolkit', VALID, 'masterclass', 'handout', 'fixture-module', '--format', 'markdown']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const md = r.stdout;
    expect(md).toMatch(/^# Fixture module for tests\n/);
    expect(md).toContain('| 0:10–0:45 | 35 | Exercise | Pairs run the exercise. |');
    expect(md).toContain('### Exercise 1: Read a technique');
    expect(md).toContain('```sh\nptk techniques show online-surveys\nptk influence files/contacts.csv --accounts examples/social/accounts.csv --out influence\n```');
    expect(md).toContain('- `files/contacts.csv`');
    // the linked techniques' summaries come from the toolkit itself
    const techniques = JSON.parse(runPtk(['techniques', 'list', '--json']).stdout) as { id: string; name: string; summary: string }[];
    for (const id of ['online-surveys', 'webinars']) {
      const t = techniques.find((x) => x.id === id)!;
      // one paragraph per technique, so they share a printed page
      expect(md).toMatch(new RegExp(`\\*\\*${t.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\*\\* \\(\`${id}\`, [^)]+\\): ${t.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    }
    expect(md).toMatch(/## Case studies\n\n\*\*Stoptober/);
    expect(md).toContain('Web and app downloads: **209,131**');
    expect(md).toContain('**1. What colour is a clear daytime sky?**\n\n- A. Green\n- B. Blue\n- C. Red');
    // answers, explanations and facilitator material stay out of the participants' handout
    expect(md).not.toContain('Sunlight scatters');
    expect(md).not.toContain('fixture facilitator note');
    expect(md).not.toContain('fixture look-for note');
  });

  it('writes HTML with -o, refuses to overwrite without --force', () => {
    const out = join(tempDir(), 'handout.html');
    const r = runPtk(['masterclass', 'handout', 'listening', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<title>Listening: social media monitoring and influencer mapping: handout</title>');
    expect(html).toContain('@page { size: A4;');
    expect(html).toContain('<section class="exercise page-break">');
    expect(html).toContain('<section class="quiz-question page-break">');
    writeFileSync(out, 'keep me');
    const again = runPtk(['masterclass', 'handout', 'listening', '-o', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists: pass --force/);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect(runPtk(['masterclass', 'handout', 'listening', '-o', out, '--force']).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(html);
  });
});

describe('ptk masterclass pack', () => {
  it('writes the handouts, facilitator notes, a quiz template and the exercise data', () => {
    const dir = join(tempDir(), 'pack');
    const r = runPtk(['--toolkit', VALID, 'masterclass', 'pack', 'fixture-module', '-o', dir]);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(0);
    expect(filesUnder(dir)).toEqual([
      'data/examples/social/accounts.csv',
      'data/files/contacts.csv',
      'facilitator-notes.html',
      'facilitator-notes.md',
      'feedback.html',
      'handout.html',
      'handout.md',
      'quiz-answers.yaml',
      'sign-in.html',
    ]);
    expect(readFileSync(join(dir, 'data/files/contacts.csv'))).toEqual(readFileSync(join(VALID, 'files/contacts.csv')));
    expect(readFileSync(join(dir, 'data/examples/social/accounts.csv'))).toEqual(readFileSync(join(ROOT, 'examples/social/accounts.csv')));
    const notes = readFileSync(join(dir, 'facilitator-notes.md'), 'utf8');
    expect(notes).toContain('- The fixture facilitator note.');
    expect(notes).toContain('- The fixture look-for note.');
    expect(notes).toContain('- B. Blue **(correct)**');
    expect(notes).toContain('Answer: **B**. Sunlight scatters most at short wavelengths.');
    expect(notes).toContain('Answer: **C**. London is the capital of the United Kingdom.');
    expect(readFileSync(join(dir, 'handout.md'), 'utf8')).toBe(runPtk(['--toolkit', VALID, 'masterclass', 'handout', 'fixture-module', '--format', 'markdown']).stdout);
    // the template has one empty answer per question, and is accepted by the quiz once filled in
    const template = readFileSync(join(dir, 'quiz-answers.yaml'), 'utf8');
    expect(parse(template)).toEqual({ name: null, seed: null, 1: null, 2: null, 3: null, 4: null });
    // as the template says, a blank is not answered: the empty template scores 0, with all four blank
    const empty = runPtk(['--toolkit', VALID, 'masterclass', 'quiz', 'fixture-module', '--answers', join(dir, 'quiz-answers.yaml'), '--json']);
    expect(empty.code, empty.stderr).toBe(0);
    expect(JSON.parse(empty.stdout)).toMatchObject({ score: 0, answered: 0, not_answered: [1, 2, 3, 4] });
    const filled = join(dir, 'filled.yaml');
    writeFileSync(filled, template.replace(/^1:$/m, '1: B').replace(/^2:$/m, '2: B').replace(/^3:$/m, '3: A').replace(/^4:$/m, '4: C'));
    const scored = JSON.parse(runPtk(['--toolkit', VALID, 'masterclass', 'quiz', 'fixture-module', '--answers', filled, '--json']).stdout) as { score: number; total: number };
    expect([scored.score, scored.total]).toEqual([3, 4]);
  });

  it('refuses a non-empty folder without --force, and writes into it with --force', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const r = runPtk(['masterclass', 'pack', 'open-policymaking', '-o', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not empty: pass --force/);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
    const forced = runPtk(['masterclass', 'pack', 'open-policymaking', '-o', dir, '--force']);
    expect(forced.code).toBe(0);
    expect(filesUnder(dir)).toEqual(['data/examples/answers-stage1.yaml', 'facilitator-notes.html', 'facilitator-notes.md', 'feedback.html', 'handout.html', 'handout.md', 'notes.txt', 'quiz-answers.yaml', 'sign-in.html']);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('a built-in pack holds the sample files its commands use, so they run from data/', () => {
    const dir = join(tempDir(), 'analysing');
    expect(runPtk(['masterclass', 'pack', 'analysing-responses', '-o', dir]).code).toBe(0);
    expect(filesUnder(join(dir, 'data'))).toEqual(['examples/consultation/analysis.yaml', 'examples/consultation/responses.csv']);
    const out = join(tempDir(), 'report');
    const r = runPtk(['analyse', 'examples/consultation/responses.csv', '--config', 'examples/consultation/analysis.yaml', '--out', out, '-q', '--json'], { cwd: join(dir, 'data') });
    expect(r.code).toBe(0);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
  });
});
