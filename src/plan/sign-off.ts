/**
 * The sign-off sheet for the senior responsible owner: the plan's result against the minimum digital
 * standard, the attestations it carries, and a place to sign. One model, two reporters (Markdown and
 * Word); the docx package is loaded only when a Word file is asked for.
 */
import type { Plan } from './schema.js';
import type { StandardResult } from './standard.js';

export interface SignOffSheet {
  title: string;
  plan: string;
  standard: string;
  verdict: string;
  criteria: { criterion: string; principle: string; required: string; status: string; reason: string }[];
  attestations: [label: string, value: string][];
}

export function signOffSheet(plan: Plan, result: StandardResult): SignOffSheet {
  const c = plan.consultation;
  const { requiredFailing } = result.counts;
  return {
    title: `Sign-off: ${plan.policy.title}`,
    plan: result.plan,
    standard: result.standard,
    verdict: result.passed
      ? 'Meets the minimum digital standard.'
      : `Does not meet the minimum digital standard: ${requiredFailing} required criteri${requiredFailing === 1 ? 'on is' : 'a are'} not met.`,
    criteria: result.results.map((r) => ({ criterion: r.title, principle: r.principle, required: r.required ? 'required' : 'good practice', status: r.status, reason: r.status === 'pass' ? '' : r.reason })),
    attestations: [
      ['Consultation opens', c?.opens ?? 'not stated'],
      ['Consultation closes', c?.closes ?? 'not stated'],
      ['Legal duty to consult checked', c?.legal_duty ? `${c.legal_duty.finding} (${c.legal_duty.checked_by}, ${c.legal_duty.date})` : 'not stated'],
      ['Collective agreement', c?.collective_agreement ? `${c.collective_agreement.agreed_by}, ${c.collective_agreement.date}` : 'not stated'],
      ['Public sector equality duty', c?.equality_duty ?? 'not stated'],
      ['Plan owner', plan.owners.map((o) => `${o.name} (${o.role})`).join('; ') || 'not stated'],
    ],
  };
}

const SIGN_LINES = ['Senior responsible owner (name)', 'Signature', 'Date', 'Conditions or comments'];
const cell = (v: string) => v.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function signOffMarkdown(sheet: SignOffSheet): string {
  return [
    `# ${cell(sheet.title)}`,
    '',
    `Plan: ${cell(sheet.plan)}. Checked against: ${cell(sheet.standard)}.`,
    '',
    `**${sheet.verdict}**`,
    '',
    '## Criteria',
    '',
    '| Criterion | Principle | Required | Result | Why |',
    '|---|---|---|---|---|',
    ...sheet.criteria.map((r) => `| ${cell(r.criterion)} | ${r.principle} | ${r.required} | ${r.status} | ${cell(r.reason)} |`),
    '',
    '## Attestations',
    '',
    ...sheet.attestations.map(([k, v]) => `- **${k}:** ${cell(v)}`),
    '',
    '## Sign-off',
    '',
    ...SIGN_LINES.map((l) => `${l}: ______________________________`),
    '',
  ].join('\n');
}

export async function signOffDocx(sheet: SignOffSheet): Promise<Buffer> {
  const { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = await import('docx');
  const row = (cells: string[], header = false) =>
    new TableRow({ tableHeader: header, children: cells.map((text) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold: header })] })] })) });
  const doc = new Document({
    creator: 'ptk',
    title: sheet.title,
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, text: sheet.title }),
          new Paragraph({ text: `Plan: ${sheet.plan}. Checked against: ${sheet.standard}.` }),
          new Paragraph({ children: [new TextRun({ text: sheet.verdict, bold: true })] }),
          new Paragraph({ heading: HeadingLevel.HEADING_2, text: 'Criteria' }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [row(['Criterion', 'Principle', 'Required', 'Result', 'Why'], true), ...sheet.criteria.map((r) => row([r.criterion, r.principle, r.required, r.status, r.reason]))],
          }),
          new Paragraph({ heading: HeadingLevel.HEADING_2, text: 'Attestations' }),
          ...sheet.attestations.map(([k, v]) => new Paragraph({ children: [new TextRun({ text: `${k}: `, bold: true }), new TextRun(v)] })),
          new Paragraph({ heading: HeadingLevel.HEADING_2, text: 'Sign-off' }),
          ...SIGN_LINES.map((l) => new Paragraph({ text: `${l}: ______________________________` })),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
