/** report.md: a pure function over the analysis result. Text from the data is escaped for Markdown. */
import { NOT_STATED, type AnalysisResult, type ClosedBreakdown, type SentimentBreakdown, type ThemeQuestionResult } from './result.js';
import { CAMPAIGNS_SHOWN, CAVEATS, PAIRS_SHOWN, campaignTypes, fmt, methodLines, pct, themeLabel, themeSummaryLine } from './text.js';

/** Escape Markdown and HTML specials so response text stays text wherever the Markdown is rendered. */
export function mdText(value: string): string {
  return value
    .replace(/\r\n?|\n/g, ' ')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;');
}

function closedTable(breakdown: ClosedBreakdown, excluding?: ClosedBreakdown): string[] {
  if (!excluding) {
    const rows = ['| Answer | Count | % |', '| --- | ---: | ---: |'];
    for (const { value, count, percent } of breakdown.counts) rows.push(`| ${mdText(value)} | ${fmt(count)} | ${pct(percent)} |`);
    rows.push(`| Not answered | ${fmt(breakdown.notAnswered)} | ${pct(breakdown.notAnsweredPercent)} |`);
    return rows;
  }
  const rows = ['| Answer | Count | % | Excluding campaign copies | % |', '| --- | ---: | ---: | ---: | ---: |'];
  breakdown.counts.forEach(({ value, count, percent }, i) => {
    const other = excluding.counts.find((c) => c.value === value) ?? excluding.counts[i];
    rows.push(`| ${mdText(value)} | ${fmt(count)} | ${pct(percent)} | ${fmt(other?.count ?? 0)} | ${pct(other?.percent ?? 0)} |`);
  });
  rows.push(`| Not answered | ${fmt(breakdown.notAnswered)} | ${pct(breakdown.notAnsweredPercent)} | ${fmt(excluding.notAnswered)} | ${pct(excluding.notAnsweredPercent)} |`);
  return rows;
}

function sentimentRow(name: string, s: SentimentBreakdown): string {
  return `| ${mdText(name)} | ${fmt(s.answered)} | ${fmt(s.negative)} (${pct(s.negativePercent)}) | ${fmt(s.neutral)} (${pct(s.neutralPercent)}) | ${fmt(s.positive)} (${pct(s.positivePercent)}) | ${s.meanScore.toFixed(2)} |`;
}

const typeName = (type: string): string => (type === NOT_STATED ? 'respondent type not stated' : type);

function themesSection(question: ThemeQuestionResult, campaigns: boolean): string[] {
  const out = [`### ${mdText(question.column)}`, '', mdText(themeSummaryLine(question)), ''];
  const types = Object.keys(question.byRespondentType);
  const head = ['Theme', 'Answers', '%', ...types.map((t) => `${mdText(t)} (% of ${fmt(question.byRespondentType[t]!.answered)})`), ...(campaigns ? ['Excluding campaign copies', '%'] : [])];
  out.push(`| ${head.join(' | ')} |`, `| --- | ${head.slice(1).map(() => '---:').join(' | ')} |`);
  for (const theme of question.themes) {
    const name = theme.parent ? `↳ ${mdText(theme.label)}` : mdText(theme.label);
    const cells = [name, fmt(theme.count), pct(theme.percent), ...types.map((t) => `${fmt(theme.byRespondentType[t]?.count ?? 0)} (${pct(theme.byRespondentType[t]?.percent ?? 0)})`)];
    if (campaigns) cells.push(fmt(theme.excludingCampaignCopies?.count ?? 0), pct(theme.excludingCampaignCopies?.percent ?? 0));
    out.push(`| ${cells.join(' | ')} |`);
  }
  const uncoded = ['_Not coded_', fmt(question.uncoded.count), pct(question.uncoded.percent), ...types.map((t) => `${fmt(question.byRespondentType[t]!.uncoded.count)} (${pct(question.byRespondentType[t]!.uncoded.percent)})`)];
  if (campaigns) uncoded.push(fmt(question.excludingCampaignCopies?.uncoded.count ?? 0), pct(question.excludingCampaignCopies?.uncoded.percent ?? 0));
  out.push(`| ${uncoded.join(' | ')} |`, '');
  if (question.cooccurrence.length > 0) {
    out.push('Themes that occur together:', '', '| Theme | Theme | Answers |', '| --- | --- | ---: |');
    for (const pair of question.cooccurrence.slice(0, PAIRS_SHOWN)) out.push(`| ${mdText(themeLabel(question, pair.a))} | ${mdText(themeLabel(question, pair.b))} | ${fmt(pair.count)} |`);
    out.push('');
  }
  for (const theme of question.themes) {
    if (theme.quotes.length === 0) continue;
    out.push(`**${mdText(theme.label)}**: example answers`, '');
    for (const q of theme.quotes) out.push(`> ${mdText(q.text)}`, `> — line ${q.line}, ${mdText(typeName(q.respondentType))}`, '');
  }
  return out;
}

function campaignsSection(result: AnalysisResult): string[] {
  const c = result.campaigns;
  if (!c) return [];
  const out = ['## Campaigns', ''];
  if (c.count === 0) {
    out.push(`No campaign was found: no group of at least ${c.minSize} responses shared the same or nearly the same text (${fmt(c.responsesCompared)} responses of at least ${c.minWords} words compared).`, '');
    return out;
  }
  out.push(
    `${fmt(c.count)} campaign${c.count === 1 ? '' : 's'}: ${fmt(c.responsesInCampaigns)} responses (${pct(result.rows.analysed > 0 ? (c.responsesInCampaigns / result.rows.analysed) * 100 : 0)} of all), ${fmt(c.copies)} of them copies of a template. Every response is counted in the figures above; figures excluding campaign copies (${fmt(c.responsesExcludingCopies)} responses) count each campaign once.`,
    '',
    '| Campaign | Responses | % of all | Standard copies | Edited copies | Different texts | Template response |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
  );
  for (const campaign of c.campaigns.slice(0, CAMPAIGNS_SHOWN)) {
    out.push(`| ${campaign.id} | ${fmt(campaign.size)} | ${pct(campaign.percent)} | ${fmt(campaign.standardCopies)} | ${fmt(campaign.editedCopies)} | ${fmt(campaign.distinctTexts)} | ${campaign.templateResponseId === null ? '' : `${mdText(campaign.templateResponseId)} (line ${campaign.templateLine})`} |`);
  }
  if (c.campaigns.length > CAMPAIGNS_SHOWN) {
    const rest = c.campaigns.slice(CAMPAIGNS_SHOWN);
    out.push('', `${fmt(rest.length)} smaller campaigns (${fmt(rest.reduce((sum, x) => sum + x.size, 0))} responses) are listed in summary.json and responses.csv.`);
  }
  out.push('');
  for (const campaign of c.campaigns.slice(0, CAMPAIGNS_SHOWN)) {
    out.push(`### ${campaign.id}: ${fmt(campaign.size)} responses`, '', `${fmt(campaign.standardCopies)} standard copies and ${fmt(campaign.editedCopies)} edited copies.${result.respondentTypes ? ` By respondent type: ${mdText(campaignTypes(campaign))}.` : ''}`, '');
    for (const part of campaign.template) out.push(`Template text (${mdText(part.column)}):`, '', `> ${mdText(part.text)}`, '');
    for (const [question, themes] of Object.entries(campaign.templateThemes)) {
      const coded = result.themes?.questions.find((q) => q.column === question);
      if (!coded) continue;
      const names = themes.map((id) => mdText(themeLabel(coded, id)));
      out.push(`- Themes of the template (${mdText(question)}): ${names.length > 0 ? names.join(', ') : 'none'}.`);
      const added = campaign.editedCopiesAddedThemes[question] ?? [];
      if (campaign.editedCopies > 0) out.push(`- Themes edited copies add: ${added.length > 0 ? added.map((a) => `${mdText(themeLabel(coded, a.id))} (${fmt(a.count)})`).join(', ') : 'none'}.`);
    }
    out.push('');
  }
  return out;
}

export function renderMarkdown(result: AnalysisResult): string {
  const campaigns = result.campaigns !== null && result.campaigns.count > 0;
  const out: string[] = [`# ${mdText(result.title)}`, ''];
  out.push('> **A consultation is not a vote.** ' + CAVEATS.slice(1).join(' '), '');
  out.push('## Responses', '');
  out.push(`| | Count |`, '| --- | ---: |', `| Read | ${fmt(result.rows.read)} |`, `| Analysed | ${fmt(result.rows.analysed)} |`, `| Rejected | ${fmt(result.rows.rejected)} |`);
  if (campaigns) out.push(`| In campaigns | ${fmt(result.campaigns!.responsesInCampaigns)} |`, `| Analysed, excluding campaign copies | ${fmt(result.campaigns!.responsesExcludingCopies)} |`);
  out.push('');
  if (result.respondentTypes) {
    out.push(`### By respondent type (${mdText(result.respondentTypes.column)})`, '');
    const excluding = campaigns ? result.respondentTypes.excludingCampaignCopies : null;
    out.push(excluding ? '| Respondent type | Count | % | Excluding campaign copies | % |' : '| Respondent type | Count | % |', excluding ? '| --- | ---: | ---: | ---: | ---: |' : '| --- | ---: | ---: |');
    result.respondentTypes.counts.forEach(({ value, count, percent }, i) => {
      const other = excluding?.[i];
      out.push(`| ${mdText(value)} | ${fmt(count)} | ${pct(percent)} |${other ? ` ${fmt(other.count)} | ${pct(other.percent)} |` : ''}`);
    });
    out.push('');
  }
  if (result.closedQuestions.length > 0) out.push('## Closed questions', '');
  for (const question of result.closedQuestions) {
    out.push(`### ${mdText(question.column)}`, '');
    if (question.multi) out.push('_Several answers allowed: counted per option._', '');
    out.push(...closedTable(question.overall, campaigns ? question.excludingCampaignCopies?.overall : undefined), '');
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
    if (campaigns && question.excludingCampaignCopies) out.push(sentimentRow('All, excluding campaign copies', question.excludingCampaignCopies.overall));
    out.push('');
    for (const [kind, quotes] of [['More positive', question.examples.positive], ['More negative', question.examples.negative]] as const) {
      if (quotes.length === 0) continue;
      out.push(`${kind} examples:`, '');
      for (const q of quotes) out.push(`> ${mdText(q.text)}`, `> — line ${q.line}, ${mdText(typeName(q.respondentType))}, score ${q.score}`, '');
    }
  }
  if (result.themes) {
    out.push('## Themes', '');
    out.push(`Coded with the coding frame in ${mdText(result.themes.source)}. Percentages are of the answers given to the question; an answer can have several themes. ↳ marks a sub-theme (its parent counts every answer coded to it).`, '');
    for (const question of result.themes.questions) out.push(...themesSection(question, campaigns));
  }
  out.push(...campaignsSection(result));
  for (const segment of result.segments) {
    out.push(`## By ${mdText(segment.column)}`, '', '| Value | Responses | % |', '| --- | ---: | ---: |');
    for (const value of segment.values) out.push(`| ${mdText(value.value)} | ${fmt(value.count)} | ${pct(value.percent)} |`);
    out.push('', '_Per-question counts for each value are in summary.json._', '');
  }
  for (const analysis of result.answers) out.push(`## ${mdText(analysis.title)}`, '', ...analysis.section, '');
  out.push('## Method and caveats', '');
  for (const line of [...methodLines(result), ...CAVEATS]) out.push(`- ${mdText(line)}`);
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
