/**
 * Issue 18's end-to-end check: a CSV with every type of personal data planted in answers, in closed
 * and segment columns, in the respondent type and in rejected rows; no planted value may appear in any
 * file of the report folder. The same run with --no-redact-review shows the values do reach review.csv
 * and rejects.csv when asked, so the check can fail.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPtk, tempDir } from '../helpers/cli.js';

const PLANTED = {
  obfuscatedEmail: 'jane dot smith at example dot com',
  email: 'p.okonkwo@example.org',
  usPhone: '(202) 555-0143',
  ukPhone: '07700 900123',
  nhs: '943 476 5919',
  nhsBadCheck: '943 476 5918',
  ni: 'ab 12 34 56 c',
  card: '4111 1111 1111 1111',
  iban: 'GB82 WEST 1234 5698 7654 32',
  ip: '192.168.14.7',
  ssn: '123-45-6789',
  postcode: 'LS6 2AB',
  zip: '62704',
  dob: '3 March 1961',
  address: '22 Cobbler Lane',
  titled: 'Helen Carter',
  signedOff: 'Priya Raghunathan',
  ownFirst: 'Tomasz',
  ownLast: 'Nowak',
  ownEmail: 'tnowak@example.net',
};

const answers = [
  `Cheap strong drink causes harm. Write to ${PLANTED.obfuscatedEmail} or ${PLANTED.email}.`,
  `The harm is real; call me on ${PLANTED.usPhone} or ${PLANTED.ukPhone}.`,
  `Children see the harm. My NHS number is ${PLANTED.nhs} and my son's is ${PLANTED.nhsBadCheck}.`,
  `Young people and children suffer. My NI number is ${PLANTED.ni}.`,
  `Children again: the card ${PLANTED.card} was charged; IBAN ${PLANTED.iban}.`,
  `This is unfair on low incomes. The form logged my IP ${PLANTED.ip} and asked for my SSN ${PLANTED.ssn}.`,
  `Unfair on pensioners. I live in ${PLANTED.postcode}, or Springfield, IL ${PLANTED.zip} in winter.`,
  `Unfair tax. I was born on ${PLANTED.dob} and live at ${PLANTED.address}.`,
  `The evidence from Scotland is clear, as Dr ${PLANTED.titled} said.`,
  `The evidence is weak.\nKind regards,\n${PLANTED.signedOff}`,
  `As ${PLANTED.ownFirst} I think the evidence on harm is clear; ${PLANTED.ownLast} family view. ${PLANTED.ownEmail}`,
];

function plantedCsv(): string {
  const header = ['Response ID', 'First name', 'Last name', 'Email', 'Respondent type', 'Region', 'Q1 agree?', 'Q5 explain'];
  const lines = [header.join(',')];
  const quote = (cell: string): string => `"${cell.replace(/"/g, '""')}"`;
  for (let i = 0; i < 40; i++) {
    const answer = answers[i % answers.length]!;
    const own = i % answers.length === answers.length - 1;
    const type = i === 3 ? `Dr ${PLANTED.titled}` : i % 2 ? 'Individual' : 'Organisation';
    const region = i === 5 ? PLANTED.ukPhone : i === 6 ? PLANTED.email : ['North', 'South', 'East'][i % 3]!;
    const agree = i === 7 ? PLANTED.email : i === 8 ? PLANTED.usPhone : ['Agree', 'Disagree'][i % 2]!;
    lines.push([`R${i + 1}`, own ? PLANTED.ownFirst : 'Sam', own ? PLANTED.ownLast : 'Lee', own ? PLANTED.ownEmail : '', type, region, agree, answer].map(quote).join(','));
  }
  // rejected rows: one cell too many, with personal data in them
  lines.push([`R99`, 'Sam', 'Lee', PLANTED.email, 'Individual', 'North', 'Agree', `Dr ${PLANTED.titled}, ${PLANTED.address}, ${PLANTED.ukPhone}`, PLANTED.card].map(quote).join(','));
  lines.push([`R98`, PLANTED.ownFirst, PLANTED.ownLast, PLANTED.ownEmail, 'Individual', 'North', 'Agree', `call ${PLANTED.usPhone}`, `${PLANTED.ni} ${PLANTED.iban}`].map(quote).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

const CONFIG = `version: 1
id: "Response ID"
respondentType: "Respondent type"
segments: ["Region"]
closed:
  - column: "Q1 agree?"
    options: ["Agree", "Disagree"]
open:
  - column: "Q5 explain"
ignore: ["First name", "Last name", "Email"]
codeframe:
  questions:
    "Q5 explain":
      - { id: harms, label: Harm, include: [harm, "cheap* strong"] }
      - { id: young, label: Children, include: [children, "young people"] }
      - { id: fairness, label: Fairness, include: [unfair, "low income*", pensioner*, tax] }
      - { id: evidence, label: Evidence, include: [evidence, scotland] }
`;

function run(extra: string[]): { out: string; files: Record<string, string> } {
  const dir = tempDir('ptk-no-leak-');
  const csv = join(dir, 'planted.csv');
  const config = join(dir, 'analysis.yaml');
  writeFileSync(csv, plantedCsv());
  writeFileSync(config, CONFIG);
  const out = join(dir, 'report');
  const result = runPtk(['analyse', csv, '--config', config, '--out', out, ...extra], { env: { NO_COLOR: '1' } });
  expect(result.code, result.stderr).toBe(0);
  const files = Object.fromEntries(readdirSync(out).map((name) => [name, readFileSync(join(out, name), 'utf8')]));
  return { out, files };
}

/** Every planted value, in the forms an output could hold it (HTML escapes brackets and quotes only). */
const needles = Object.values(PLANTED).flatMap((value) => [value, value.replace(/\s+/g, ' '), value.replace(/[()]/g, '')]);

describe('no planted personal data reaches any output (issue 18)', () => {
  it('report.md, report.html, summary.json, responses.csv, review.csv and rejects.csv', () => {
    const { files } = run([]);
    expect(Object.keys(files).sort()).toEqual(['rejects.csv', 'report.html', 'report.md', 'responses.csv', 'review.csv', 'summary.json']);
    for (const [name, text] of Object.entries(files)) {
      const lower = text.toLowerCase();
      for (const needle of needles) expect(lower.includes(needle.toLowerCase()), `${needle} in ${name}`).toBe(false);
    }
    // the appendix still shows the rejected rows, redacted
    expect(files['report.html']).toMatch(/\[card number\]/);
    const summary = JSON.parse(files['summary.json']!) as { redaction: { counts: Record<string, number>; workingSheets: boolean } };
    expect(summary.redaction.workingSheets).toBe(true);
    expect(summary.redaction.counts.email).toBeGreaterThanOrEqual(2);
  });

  it('--no-redact-review keeps review.csv and rejects.csv as written (so the check above can fail), reports still redacted', () => {
    const { files } = run(['--no-redact-review']);
    expect(files['review.csv']).toContain(PLANTED.card);
    expect(files['rejects.csv']).toContain(PLANTED.iban);
    for (const name of ['report.md', 'report.html', 'summary.json']) {
      for (const needle of needles) expect(files[name]!.toLowerCase().includes(needle.toLowerCase()), `${needle} in ${name}`).toBe(false);
    }
  });
});
