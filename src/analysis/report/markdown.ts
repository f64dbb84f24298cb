/** report.md: a pure function over the analysis result. Text from the data is escaped for Markdown. */
import { NOT_STATED, type AnalysisResult, type ClosedBreakdown, type SentimentBreakdown } from './result.js';
import { CAVEATS, fmt, methodLines, pct } from './text.js';

/** Escape Markdown and HTML specials so response text stays text wherever the Markdown is rendered. */
export function mdText(value: string): string {
  return value
    .replace(/\r\n?|\n/g, ' ')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;');
}

function closedTable(breakdown: ClosedBreakdown): string[] {
  const rows = ['| Answer | Count | % |', '| --- | ---: | ---: |'];
  for (const { value, count, percent } of breakdown.counts) rows.push(`| ${mdText(value)} | ${fmt(count)} | ${pct(percent)} |`);
  rows.push(`| Not answered | ${fmt(breakdown.notAnswered)} | ${pct(breakdown.notAnsweredPercent)} |`);
  return rows;
}

function sentimentRow(name: string, s: SentimentBreakdown): string {
  return `| ${mdText(name)} | ${fmt(s.answered)} | ${fmt(s.negative)} (${pct(s.negativePercent)}) | ${fmt(s.neutral)} (${pct(s.neutralPercent)}) | ${fmt(s.positive)} (${pct(s.positivePercent)}) | ${s.meanScore.toFixed(2)} |`;
}

export function renderMarkdown(result: AnalysisResult): string {
  const out: string[] = [`# ${mdText(result.title)}`, ''];
  out.push('> **A consultation is not a vote.** ' + CAVEATS.slice(1).join(' '), '');
  out.push('## Responses', '');
  out.push(`| | Count |`, '| --- | ---: |', `| Read | ${fmt(result.rows.read)} |`, `| Analysed | ${fmt(result.rows.analysed)} |`, `| Rejected | ${fmt(result.rows.rejected)} |`, '');
  if (result.respondentTypes) {
    out.push(`### By respondent type (${mdText(result.respondentTypes.column)})`, '', '| Respondent type | Count | % |', '| --- | ---: | ---: |');
    for (const { value, count, percent } of result.respondentTypes.counts) out.push(`| ${mdText(value)} | ${fmt(count)} | ${pct(percent)} |`);
    out.push('');
  }
  if (result.closedQuestions.length > 0) out.push('## Closed questions', '');
  for (const question of result.closedQuestions) {
    out.push(`### ${mdText(question.column)}`, '');
    if (question.multi) out.push('_Several answers allowed: counted per option._', '');
    out.push(...closedTable(question.overall), '');
    for (const [type, breakdown] of Object.entries(question.byRespondentType)) {
      out.push(`**${mdText(type)}** (${fmt(breakdown.base)} responses)`, '', ...closedTable(breakdown), '');
    }
  }
  if (result.openQuestions.length > 0) out.push('## Open questions', '');
  for (const question of result.openQuestions) {
    out.push(`### ${mdText(question.column)}`, '');
    out.push(`${fmt(question.overall.answered)} of ${fmt(question.overall.base)} responses answered.`, '');
    out.push('| Group | Answered | Negative | Neutral | Positive | Mean score |', '| --- | ---: | ---: | ---: | ---: | ---: |');
    out.push(sentimentRow('All responses', question.overall));
    for (const [type, s] of Object.entries(question.byRespondentType)) out.push(sentimentRow(type, s));
    out.push('');
    for (const [kind, quotes] of [['More positive', question.examples.positive], ['More negative', question.examples.negative]] as const) {
      if (quotes.length === 0) continue;
      out.push(`${kind} examples:`, '');
      for (const q of quotes) out.push(`> ${mdText(q.text)}`, `> — line ${q.line}, ${mdText(q.respondentType === NOT_STATED ? 'respondent type not stated' : q.respondentType)}, score ${q.score}`, '');
    }
  }
  for (const segment of result.segments) {
    out.push(`## By ${mdText(segment.column)}`, '', '| Value | Responses | % |', '| --- | ---: | ---: |');
    for (const value of segment.values) out.push(`| ${mdText(value.value)} | ${fmt(value.count)} | ${pct(value.percent)} |`);
    out.push('', '_Per-question counts for each value are in summary.json._', '');
  }
  out.push('## Method and caveats', '');
  for (const line of [...methodLines(result), ...CAVEATS]) out.push(`- ${line}`);
  if (result.input.notes.length > 0) {
    out.push('', '### Notes on the input file', '');
    for (const note of result.input.notes) out.push(`- ${mdText(note)}`);
  }
  out.push('', '## Appendix: rejected rows', '');
  if (result.rejects.count === 0) out.push('No rows were rejected.');
  else {
    for (const { reason, count } of result.rejects.reasons) out.push(`- ${mdText(reason)}: ${fmt(count)}`);
    out.push('', '| Line | Reason |', '| ---: | --- |');
    for (const row of result.rejects.sample) out.push(`| ${row.line} | ${mdText(row.reason)} |`);
    if (result.rejects.count > result.rejects.sample.length) out.push('', `The first ${result.rejects.sample.length} are shown; rejects.csv lists all ${fmt(result.rejects.count)}.`);
  }
  return `${out.join('\n')}\n`;
}
