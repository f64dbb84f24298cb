/** Shared wording for the reports: method, caveats, labels. */
import type { AnalysisResult, CampaignView, ThemeQuestionResult } from './result.js';

export const fmt = (n: number): string => n.toLocaleString('en-GB');
export const pct = (n: number): string => `${n.toFixed(1)}%`;

/** Campaigns described one by one in the reports; the rest are summed up (all are in summary.json). */
export const CAMPAIGNS_SHOWN = 20;
/** Co-occurring pairs shown per coded question. */
export const PAIRS_SHOWN = 10;

export function methodLines(result: AnalysisResult): string[] {
  const lines = [
    `Every row of ${result.input.file} was read locally; nothing left this computer. ${fmt(result.rows.read)} responses were read, ${fmt(result.rows.analysed)} analysed and ${fmt(result.rows.rejected)} rejected (listed in rejects.csv with the reason).`,
    `The file was read as ${result.input.encoding}${result.input.bom ? ' with a byte-order mark' : ''}, ${result.input.delimiterName}-separated, SHA-256 ${result.input.sha256}.`,
    'Closed questions are counted per answer option; percentages are of all analysed responses in the group, so "not answered" is shown too. Multi-select answers are counted per option, so their percentages can add up to more than 100%.',
    'Sentiment is scored per open answer with the AFINN-165 word list (the sentiment package, with negation): a positive score means more positive than negative words, not agreement with the proposal. It misses sarcasm and context; read the answers.',
  ];
  if (result.themes) {
    lines.push(
      `Themes: open answers were coded with the coding frame in ${result.themes.source}. An answer is coded to a theme when it contains one of the theme's phrases: words match by their Porter stem (so "schools" matches "school"), a word with * is a wildcard, an exclude phrase cancels the matches it overlaps, and a parent theme counts whenever one of its sub-themes matches. An answer can have several themes or none ("not coded"). Theme percentages are of the answers given (blank answers left out). Rules find words, not meaning: read the example quotes and review the coding (review.csv).`,
      'Themes that occur together count answers coded directly to both themes (a parent coded only through its sub-theme is left out). Example quotes are the first three different answers per theme, in file order, from responses outside campaigns and not flagged in review.',
    );
    const review = result.themes.review;
    if (review) {
      const rule = result.themes.questions.reduce((sum, q) => sum + q.codes.rule, 0);
      const person = result.themes.questions.reduce((sum, q) => sum + q.codes.review, 0);
      lines.push(
        `Human review: ${fmt(review.entries)} rows of ${review.file} were applied on top of the rules (${fmt(review.matched)} matched a response${review.unmatched.length > 0 ? `; ${fmt(review.unmatched.length)} did not` : ''}). Of the final codes, ${fmt(person)} were assigned or confirmed by a person and ${fmt(rule)} by rule. Removing a theme also removes its sub-themes; adding one also adds its parents.`,
      );
    }
  }
  if (result.campaigns) {
    const c = result.campaigns;
    lines.push(
      `Campaigns: the text of ${c.columns.length === 1 ? `"${c.columns[0]}"` : `${c.columns.map((col) => `"${col}"`).join(' and ')} (joined)`} was compared across all responses after normalising case, spacing, punctuation, apostrophes and HTML entities ("&amp;" and "&" read as "and"). Exact copies share a 64-bit hash of the normalised text; near-copies have an estimated Jaccard similarity of at least ${c.similarity} over 3-word phrases (MinHash with 128 bins and locality-sensitive hashing). A campaign is at least ${c.minSize} responses of at least ${c.minWords} words; shorter texts ("I agree") repeat naturally and are never campaigns.`,
      'Each campaign\'s template is its most common text (the earliest on a tie); standard copies are exact copies of it after normalisation, edited copies are near-copies (for example with a personal sentence added). Every response is counted. Figures "excluding campaign copies" count each campaign once, through its template response, so its text is analysed once; the themes edited copies add beyond the template are reported for each campaign.',
    );
  }
  const sheets = result.redaction.sheets
    ? ' The answers in review.csv and the cells in rejects.csv are redacted the same way (--no-redact-review keeps them as written).'
    : ' review.csv and rejects.csv hold the answers as written (--no-redact-review): keep them on a secure machine.';
  const responses = result.redaction.responses.applied
    ? ' The words quoted in responses.csv are redacted too (--redact-responses).'
    : ' responses.csv holds ids, codes and the words that matched each theme (--redact-responses redacts those words).';
  lines.push(
    result.redaction.applied
      ? `Quoted answers, campaign templates, answer labels and rejected rows have personal data redacted: e-mail addresses (also written "name at domain dot com"), phone numbers (UK, US, international), postcodes cut to their first part, US ZIP codes, NHS and NI numbers, other NHS-style identifiers, card numbers, IBANs, IP addresses, US social security numbers, dates of birth and ages, street addresses, names (after a title, "my name is", a family word or a sign-off, and names in the export's own name columns), links with a path and handles. Pattern-based redaction misses some names written without any of those cues; read quotes before publishing. summary.json counts what was redacted, by type.${sheets}${responses}`
      : `Redaction was turned off (--no-redact): quoted answers and campaign templates may contain personal data.${sheets}${responses}`,
  );
  return lines;
}

export const CAVEATS = [
  'A consultation is not a vote: respondents choose themselves, so these counts cannot show levels of public support.',
  'Organisations and individuals are reported separately: one organisation may speak for many people, and organised campaigns can produce many similar responses.',
  'Every response is counted; nothing was excluded.',
];

/** One sentence on a coded question's coverage and review. */
export function themeSummaryLine(question: ThemeQuestionResult): string {
  const parts = [
    `${fmt(question.answered)} answers (${fmt(question.blank)} blank). ${fmt(question.uncoded.count)} (${pct(question.uncoded.percent)}) not coded to any theme.`,
    `Codes: ${fmt(question.codes.rule)} assigned by rule, ${fmt(question.codes.review)} by a person.`,
  ];
  const r = question.review;
  if (r.responsesReviewed > 0) parts.push(`${fmt(r.responsesReviewed)} answers reviewed: ${fmt(r.added)} codes added, ${fmt(r.removed)} removed, ${fmt(r.flagged)} flagged.`);
  return parts.join(' ');
}

export function themeLabel(question: ThemeQuestionResult, id: string): string {
  return question.themes.find((t) => t.id === id)?.label ?? id;
}

/** "Individuals 290, organisations 10" style line for a campaign. */
export function campaignTypes(campaign: CampaignView): string {
  return Object.entries(campaign.byRespondentType)
    .map(([type, n]) => `${type}: ${fmt(n)}`)
    .join(', ');
}
