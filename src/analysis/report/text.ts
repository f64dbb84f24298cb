/** Shared wording for the reports: method, caveats, labels. */
import type { AnalysisResult } from './result.js';

export const fmt = (n: number): string => n.toLocaleString('en-GB');
export const pct = (n: number): string => `${n.toFixed(1)}%`;

export function methodLines(result: AnalysisResult): string[] {
  return [
    `Every row of ${result.input.file} was read locally; nothing left this computer. ${fmt(result.rows.read)} responses were read, ${fmt(result.rows.analysed)} analysed and ${fmt(result.rows.rejected)} rejected (listed in rejects.csv with the reason).`,
    `The file was read as ${result.input.encoding}${result.input.bom ? ' with a byte-order mark' : ''}, ${result.input.delimiterName}-separated, SHA-256 ${result.input.sha256}.`,
    'Closed questions are counted per answer option; percentages are of all analysed responses in the group, so "not answered" is shown too. Multi-select answers are counted per option, so their percentages can add up to more than 100%.',
    'Sentiment is scored per open answer with the AFINN-165 word list (the sentiment package, with negation): a positive score means more positive than negative words, not agreement with the proposal. It misses sarcasm and context; read the answers.',
    result.redaction.applied ? 'Quoted answers have personal data redacted (e-mail addresses, phone numbers, postcodes cut to their first part, NHS and NI numbers, links, handles).' : 'Redaction was turned off: quoted answers may contain personal data.',
  ];
}

export const CAVEATS = [
  'A consultation is not a vote: respondents choose themselves, so these counts cannot show levels of public support.',
  'Organisations and individuals are reported separately: one organisation may speak for many people, and organised campaigns can produce many similar responses.',
  'Every response is counted; nothing was excluded.',
];
