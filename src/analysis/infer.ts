/**
 * Guess an analysis config from the header and a sample of rows. Pure: no I/O.
 * Every guess carries a reason, written as a comment in the YAML so the analyst can check it.
 */
import type { AnalysisConfig } from './config.js';

export interface ColumnGuess {
  column: string;
  role: 'id' | 'respondentType' | 'segment' | 'closed' | 'multi' | 'open' | 'ignore';
  reason: string;
  options?: string[];
  separator?: string;
}

export interface InferredConfig {
  config: AnalysisConfig;
  guesses: ColumnGuess[];
  sampledRows: number;
}

/** Known answer scales, in display order. Matching is case-insensitive and ignores apostrophe style. */
const SCALES: string[][] = [
  ['Strongly agree', 'Agree', 'Neither agree nor disagree', 'Disagree', 'Strongly disagree'],
  ['Strongly agree', 'Tend to agree', 'Neither agree nor disagree', 'Tend to disagree', 'Strongly disagree'],
  ['Very satisfied', 'Satisfied', 'Neither satisfied nor dissatisfied', 'Dissatisfied', 'Very dissatisfied'],
  ['Very satisfied', 'Fairly satisfied', 'Neither satisfied nor dissatisfied', 'Fairly dissatisfied', 'Very dissatisfied'],
  ['Very likely', 'Likely', 'Neither likely nor unlikely', 'Unlikely', 'Very unlikely'],
  ['Very good', 'Good', 'Neither good nor poor', 'Poor', 'Very poor'],
  ['Very important', 'Fairly important', 'Not very important', 'Not at all important'],
  ['Support', 'Oppose'],
  ['Strongly support', 'Support', 'Neither support nor oppose', 'Oppose', 'Strongly oppose'],
  ['Yes', 'No'],
  ['Agree', 'Disagree'],
];
/** Non-committal answers placed after any scale. */
const EXTRAS = ["Don't know", 'Not sure', 'Unsure', 'Prefer not to say', 'Not applicable', 'N/A', 'No opinion'];

const norm = (value: string): string => value.trim().toLowerCase().replace(/[’‘`]/g, "'").replace(/\s+/g, ' ');

const ID_HEADER = /^(?:(?:response|respondent|submission|record|unique|row)[\s_-]*)?(?:id|ref|reference|number|no\.?)$/i;
const TYPE_VALUES = /\b(?:organi[sz]ations?|individuals?|on behalf|member of the public|personal capacity)\b/i;
const TYPE_HEADER = /(?:responding as|respondent type|type of respondent|individual or (?:an )?organi[sz]ation|on behalf of|capacity in which)/i;
const SEGMENT_HEADER = /\b(?:region|country|nation|area|location|local authority|county|sector|capacity|age(?: group| band)?|gender|role|profession|occupation)\b/i;
const PERSONAL_HEADER = /\b(?:e-?mail|name|phone|telephone|address|postcode|ip)\b/i;

export const SAMPLE_ROWS = 2000;

export function inferConfig(header: readonly string[], sample: readonly (readonly string[])[]): InferredConfig {
  const rows = sample.slice(0, SAMPLE_ROWS);
  const guesses: ColumnGuess[] = header.map((column, index) => guessColumn(column, rows.map((row) => row[index] ?? ''), rows.length));

  // at most one id and one respondent-type column: keep the first, demote the rest
  let haveId = false;
  let haveType = false;
  for (const guess of guesses) {
    if (guess.role === 'id') {
      if (haveId) Object.assign(guess, { role: 'ignore', reason: `${guess.reason}; another column is already the id` });
      haveId = true;
    }
    if (guess.role === 'respondentType') {
      if (haveType) guess.role = 'segment';
      haveType = true;
    }
  }

  const config: AnalysisConfig = {
    version: 1,
    id: guesses.find((g) => g.role === 'id')?.column ?? null,
    respondentType: guesses.find((g) => g.role === 'respondentType')?.column ?? null,
    segments: guesses.filter((g) => g.role === 'segment').map((g) => g.column),
    closed: guesses
      .filter((g) => g.role === 'closed' || g.role === 'multi')
      .map((g) => ({
        column: g.column,
        multi: g.role === 'multi',
        ...(g.separator ? { separator: g.separator } : {}),
        ...(g.options ? { options: g.options } : {}),
      })),
    open: guesses.filter((g) => g.role === 'open').map((g) => ({ column: g.column })),
    ignore: guesses.filter((g) => g.role === 'ignore').map((g) => g.column),
  };
  return { config, guesses, sampledRows: rows.length };
}

function guessColumn(column: string, values: string[], sampled: number): ColumnGuess {
  const answered = values.map((v) => v.trim()).filter((v) => v !== '');
  const rowsText = `${fmt(sampled)} sampled rows`;
  if (answered.length === 0) return { column, role: 'ignore', reason: `empty in all ${rowsText}` };

  const counts = new Map<string, number>();
  for (const value of answered) counts.set(value, (counts.get(value) ?? 0) + 1);
  const distinct = counts.size;
  const meanLength = answered.reduce((sum, v) => sum + v.length, 0) / answered.length;
  const meanWords = answered.reduce((sum, v) => sum + v.split(/\s+/).length, 0) / answered.length;
  const ratio = distinct / answered.length;
  const distinctText = `${fmt(distinct)} distinct value${distinct === 1 ? '' : 's'} in ${fmt(answered.length)} answered of ${rowsText}`;

  if (ID_HEADER.test(column.trim()) && distinct === answered.length) {
    return { column, role: 'id', reason: `name looks like an id and all ${fmt(answered.length)} sampled values are unique` };
  }
  if (distinct <= 12 && (TYPE_HEADER.test(column) || [...counts.keys()].filter((v) => TYPE_VALUES.test(v)).length >= 2)) {
    return { column, role: 'respondentType', reason: `organisation / individual answers (${distinctText})`, options: orderedOptions(counts) };
  }
  if (PERSONAL_HEADER.test(column) && meanWords < 6) {
    return { column, role: 'ignore', reason: 'name suggests personal details, not an answer' };
  }
  if (SEGMENT_HEADER.test(column) && distinct <= 60 && meanLength < 60) {
    return { column, role: 'segment', reason: `name suggests a segment; ${distinctText}` };
  }
  const numeric = answered.filter((v) => /^[-+]?\d+(?:[.,]\d+)?%?$/.test(v)).length;
  if (numeric >= answered.length * 0.95 && distinct > 12) {
    return { column, role: 'ignore', reason: `numbers with ${distinctText}: not answers to count (make it a closed question if they are ratings)` };
  }
  const DATE_OR_TIME = /\b\d{1,2}:\d{2}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b/;
  const dates = answered.filter((v) => v.length < 60 && DATE_OR_TIME.test(v)).length;
  if (dates >= answered.length * 0.9 && distinct > 12) return { column, role: 'ignore', reason: `dates or times (${distinctText})` };
  const scale = matchScale(counts);
  if (scale) return { column, role: 'closed', options: scale.options, reason: `answers fit the scale "${scale.name}" (${distinctText})` };

  // long answers are free text even when many are identical (campaign copies)
  if (meanWords >= 8) return { column, role: 'open', reason: `free text: on average ${meanWords.toFixed(0)} words (${distinctText})` };
  const multi = matchMulti(answered);
  if (multi) {
    return { column, role: 'multi', separator: multi.separator, options: multi.options, reason: `answers list several options separated by "${multi.separator}" (${fmt(multi.options.length)} options; ${fmt(multi.withSeparator)} of ${fmt(answered.length)} answers have more than one)` };
  }
  if (meanLength < 80 && (distinct <= 12 || ratio <= 0.2)) {
    return { column, role: 'closed', options: orderedOptions(counts), reason: distinct <= 12 ? `${distinctText}` : `${distinctText} (distinct/answered ${ratio.toFixed(2)} <= 0.2)` };
  }
  if (meanWords >= 5 && ratio > 0.2) {
    return { column, role: 'open', reason: `free text: on average ${meanWords.toFixed(0)} words, ${distinctText}` };
  }
  return { column, role: 'ignore', reason: `neither closed nor free text: ${distinctText}, on average ${meanWords.toFixed(1)} words` };
}

function orderedOptions(counts: Map<string, number>): string[] {
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([value]) => value);
}

function matchScale(counts: Map<string, number>): { name: string; options: string[] } | undefined {
  const seen = new Map<string, string>(); // normalised -> spelling in the data
  for (const value of counts.keys()) seen.set(norm(value), value);
  const extras = new Map(EXTRAS.map((e) => [norm(e), e]));
  for (const scale of SCALES) {
    const scaleKeys = scale.map(norm);
    const inScale = [...seen.keys()].filter((key) => scaleKeys.includes(key));
    if (inScale.length < Math.min(2, scale.length)) continue;
    if (![...seen.keys()].every((key) => scaleKeys.includes(key) || extras.has(key))) continue;
    const options = scale.map((label, i) => seen.get(scaleKeys[i] as string) ?? label);
    for (const [key, spelling] of seen) if (!scaleKeys.includes(key)) options.push(spelling);
    return { name: scale.join(' / '), options };
  }
  return undefined;
}

function matchMulti(answered: string[]): { separator: string; options: string[]; withSeparator: number } | undefined {
  for (const separator of [';', '|', ',']) {
    const withSeparator = answered.filter((v) => v.includes(separator)).length;
    if (withSeparator < Math.max(3, answered.length * 0.1)) continue;
    const tokens = new Map<string, number>();
    let total = 0;
    for (const value of answered) {
      for (const part of value.split(separator)) {
        const token = part.trim();
        if (!token) continue;
        total++;
        tokens.set(token, (tokens.get(token) ?? 0) + 1);
      }
    }
    const meanTokenLength = [...tokens.keys()].reduce((s, t) => s + t.length, 0) / Math.max(1, tokens.size);
    const sentences = [...tokens.keys()].filter((t) => /[.!?]$/.test(t)).length;
    // the same few short options recur: few distinct tokens for many occurrences, not sentences
    if (tokens.size <= 40 && tokens.size / total <= 0.2 && meanTokenLength < 50 && sentences <= tokens.size * 0.2) {
      return { separator, options: orderedOptions(tokens), withSeparator };
    }
  }
  return undefined;
}

const fmt = (n: number): string => n.toLocaleString('en-GB');

/** The config as YAML with a comment on every guess. Strings are JSON-quoted, which is valid YAML. */
export function renderConfigYaml(inferred: InferredConfig, sourceName: string): string {
  const q = (value: string): string => JSON.stringify(value);
  const reasonOf = (column: string): string => inferred.guesses.find((g) => g.column === column)?.reason ?? '';
  const { config } = inferred;
  const lines: string[] = [
    `# Analysis config for ${sourceName}, guessed by \`ptk analyse init\` from the header and ${fmt(inferred.sampledRows)} sampled rows.`,
    '# Check every "guessed" comment: move columns between sections, fix option order, then run',
    `#   ptk analyse ${sourceName} --config <this file>`,
    'version: 1',
    '',
    '# Column with a unique id per response (line numbers are used when null).',
    config.id ? `id: ${q(config.id)}  # guessed: ${reasonOf(config.id)}` : 'id: null  # guessed: no column looks like a unique id',
    '',
    '# Column saying whether a response is from an organisation or an individual: results are reported for each.',
    config.respondentType ? `respondentType: ${q(config.respondentType)}  # guessed: ${reasonOf(config.respondentType)}` : 'respondentType: null  # guessed: no organisation / individual column found',
    '',
    '# Columns to break results down by.',
    config.segments.length === 0 ? 'segments: []  # guessed: no region, country or capacity column found' : 'segments:',
    ...config.segments.map((column) => `  - ${q(column)}  # guessed: ${reasonOf(column)}`),
    '',
    '# Closed questions: counted per option. Options are listed in display order (scales in scale order).',
    config.closed.length === 0 ? 'closed: []' : 'closed:',
  ];
  for (const question of config.closed) {
    lines.push(`  - column: ${q(question.column)}  # guessed: ${reasonOf(question.column)}`);
    if (question.multi) {
      lines.push('    multi: true  # several answers per cell, counted per option');
      lines.push(`    separator: ${q(question.separator ?? ';')}`);
    }
    if (question.options) {
      lines.push('    options:');
      for (const option of question.options) lines.push(`      - ${q(option)}`);
    }
  }
  lines.push('', '# Open questions: free text, scored for sentiment (AFINN-165).', config.open.length === 0 ? 'open: []' : 'open:');
  for (const question of config.open) lines.push(`  - column: ${q(question.column)}  # guessed: ${reasonOf(question.column)}`);
  lines.push('', '# Columns not analysed.', config.ignore.length === 0 ? 'ignore: []' : 'ignore:');
  for (const column of config.ignore) lines.push(`  - ${q(column)}  # guessed: ${reasonOf(column)}`);
  const firstOpen = config.open[0]?.column ?? 'an open question';
  lines.push(
    '',
    '# Campaign detection is on: responses whose open answers are copies or near-copies of one text',
    '# are grouped into campaigns, counted, reported, and shown once in figures "excluding campaign',
    '# copies". Nothing is dropped. To change the defaults, remove the # marks:',
    '# campaigns:',
    '#   detect: true',
    `#   columns: [${q(firstOpen)}]   # open questions compared (default: all of them, joined)`,
    '#   similarity: 0.8   # near-copies: estimated Jaccard similarity of 3-word phrases',
    '#   minSize: 5        # fewest responses that make a campaign',
    '#   minWords: 8       # shorter answers are never campaigns',
    '',
    '# Themes: add a coding frame for the open questions (see docs/codeframes.md). Draft one with',
    `#   ptk themes suggest ${sourceName} --question ${q(firstOpen)} -o codeframe.yaml`,
    '# then edit it and run with --codeframe codeframe.yaml, or paste it here under "codeframe:".',
  );
  return `${lines.join('\n')}\n`;
}
