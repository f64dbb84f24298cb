import { describe, expect, it } from 'vitest';
import { inferConfig, renderConfigYaml } from '../../src/analysis/infer.js';
import { parseYaml, checkSchema } from '../../src/toolkit/yaml-file.js';
import { analysisConfigSchema } from '../../src/analysis/config.js';
import { emptyAggregate, mergeAggregates } from '../../src/analysis/pipeline/aggregate.js';
import { compilePlan } from '../../src/analysis/pipeline/plan.js';
import { createContext, csvCell, processChunk, signChunk } from '../../src/analysis/pipeline/rows.js';
import { lastRecordBoundary } from '../../src/analysis/ingest/parse.js';
import { CsvWriter } from '../../src/analysis/pipeline/csv-writer.js';
import { parseCodeframe } from '../../src/analysis/themes/codeframe.js';

const header = ['ID', 'Are you responding as an individual or on behalf of an organisation?', 'Country', 'Q1 agree?', 'Q2 topics', 'Q3 comments'];
const likert = ['Strongly disagree', 'Agree', 'strongly agree', 'Neither agree nor disagree', 'Disagree', "Don't know"];
const sample = Array.from({ length: 200 }, (_, i) => [
  `ID-${i}`,
  i % 5 === 0 ? 'Organisation' : 'Individual',
  ['England', 'Scotland', 'Wales'][i % 3] as string,
  likert[i % likert.length] as string,
  ['Housing; Transport', 'Health', 'Health; Housing; Schools', ''][i % 4] as string,
  `Answer number ${i} says the plan is ${i % 2 ? 'good for our town and our families' : 'bad for local shops and their staff'}.`,
]);

describe('config inference', () => {
  const inferred = inferConfig(header, sample);

  it('finds the id, respondent type, segments, closed, multi-select and open questions', () => {
    expect(inferred.config.id).toBe('ID');
    expect(inferred.config.respondentType).toBe(header[1]);
    expect(inferred.config.segments).toEqual(['Country']);
    expect(inferred.config.closed.map((q) => [q.column, q.multi])).toEqual([['Q1 agree?', false], ['Q2 topics', true]]);
    expect(inferred.config.open).toEqual([{ column: 'Q3 comments' }]);
  });

  it('ignores dates and counts, with the reason', () => {
    const extra = inferConfig(['Submitted', 'Upvotes', 'Rating'], Array.from({ length: 100 }, (_, i) => [`2025-01-${String((i % 28) + 1).padStart(2, '0')} 10:${String(i % 60).padStart(2, '0')}`, String(i * 7), String((i % 5) + 1)]));
    expect(extra.config.ignore).toEqual(['Submitted', 'Upvotes']);
    expect(extra.guesses[0]?.reason).toMatch(/^dates or times/);
    expect(extra.guesses[1]?.reason).toMatch(/^numbers with 100 distinct values/);
    expect(extra.config.closed.map((q) => q.column)).toEqual(['Rating']);
  });

  it('keeps a Likert scale in scale order, using the spelling in the data, extras last', () => {
    expect(inferred.config.closed[0]?.options).toEqual(['strongly agree', 'Agree', 'Neither agree nor disagree', 'Disagree', 'Strongly disagree', "Don't know"]);
  });

  it('splits multi-select options instead of counting combinations', () => {
    expect(inferred.config.closed[1]?.separator).toBe(';');
    expect([...(inferred.config.closed[1]?.options ?? [])].sort()).toEqual(['Health', 'Housing', 'Schools', 'Transport']);
  });

  it('writes YAML with a reason on every guess that reads back as the same config', () => {
    const yaml = renderConfigYaml(inferred, 'x.csv');
    expect(yaml.match(/# guessed: /g)?.length).toBe(header.length);
    const { parsed } = parseYaml(yaml, 'x.yaml');
    const checked = checkSchema(parsed!, analysisConfigSchema);
    expect(checked.problems).toEqual([]);
    expect(checked.value).toEqual(inferred.config);
  });
});

describe('per-row processing and merging', () => {
  const plan = compilePlan(inferConfig(header, sample).config, header, ',', true);
  const context = createContext(plan);
  const text = sample.map((row) => row.map((cell) => csvCell(cell)).join(',')).join('\n') + '\n';
  const bytes = Buffer.from(text);

  it('gives the same aggregate and responses whether the rows come in one block or many', () => {
    const whole = processChunk(bytes, 2, context);
    const merged = emptyAggregate(plan.open.length);
    let responses = '';
    let rest = bytes;
    let line = 2;
    while (rest.length > 0) {
      const cut = lastRecordBoundary(rest.subarray(0, 700), ',');
      const block = rest.subarray(0, cut.end > 0 ? cut.end : rest.length);
      const part = processChunk(block, line, context, merged.analysed);
      mergeAggregates(merged, part.aggregate);
      responses += Buffer.concat(part.responses).toString('utf8');
      line += cut.lineFeeds;
      rest = rest.subarray(block.length);
    }
    expect(responses).toBe(Buffer.concat(whole.responses).toString('utf8'));
    expect(responses.split('\n')).toHaveLength(201);
    expect(merged.read).toBe(200);
    expect(merged.groups.get('*')?.closed).toEqual(whole.aggregate.groups.get('*')?.closed);
    expect([...merged.groups.keys()].sort()).toEqual([...whole.aggregate.groups.keys()].sort());
    expect(merged.positiveExamples).toEqual(whole.aggregate.positiveExamples);
    expect(merged.negativeExamples).toEqual(whole.aggregate.negativeExamples);
  });

  it('reads the answer records of the first pass to the same results as scanning, and notices records that do not fit', () => {
    const codeframe = parseCodeframe('questions:\n  Q3 comments:\n    - id: town\n      label: Town\n      include: [town, "local shop*"]\n    - id: people\n      label: People\n      include: [famil*, staff]\n', 'c.yaml');
    const plan = compilePlan({ ...inferConfig(header, sample).config, codeframe }, header, ',', true);
    expect(plan.campaigns).not.toBeNull();
    const scanned = processChunk(bytes, 2, createContext(plan));
    expect(Buffer.concat(scanned.responses).toString('utf8')).toContain('town: town');
    const signed = signChunk(bytes, 2, createContext(plan));
    expect(signed.rows).toBe(200);
    expect(signed.scores.length).toBe(2 * 200); // one answer per row: score and comparative
    const recorded = processChunk(bytes, 2, createContext(plan), 0, { scores: signed.scores, codes: signed.codes });
    expect(recorded.recordsMatched).toBe(true);
    expect(Buffer.concat(recorded.responses).toString('utf8')).toBe(Buffer.concat(scanned.responses).toString('utf8'));
    expect(recorded.aggregate).toEqual(scanned.aggregate);
    // records of another block (the file changed between the passes): reported, not a crash
    const short = processChunk(bytes, 2, createContext(plan), 0, { scores: signed.scores.slice(0, 100), codes: signed.codes.slice(0, 50) });
    expect(short.recordsMatched).toBe(false);
    const long = processChunk(bytes.subarray(0, bytes.indexOf(10) + 1), 2, createContext(plan), 0, { scores: signed.scores, codes: signed.codes });
    expect(long.recordsMatched).toBe(false);
  });

  it('neutralises formula-like text cells and quotes CSV specials', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+44 20')).toBe("'+44 20");
    expect(csvCell('-x')).toBe("'-x");
    expect(csvCell('@sum')).toBe("'@sum");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell('plain')).toBe('plain');
  });
});

describe('CsvWriter', () => {
  it('hands its lines over in pieces of at most the size asked, then starts afresh', () => {
    const writer = new CsvWriter(64);
    let expected = '';
    for (let i = 0; i < 500; i++) {
      writer.plain(i);
      writer.text(`answer ${i}, with "quotes" and £ signs`);
      writer.endLine();
      expected += `${i},"answer ${i}, with ""quotes"" and £ signs"\n`;
    }
    const pieces = writer.takePieces(1000);
    expect(pieces.length).toBe(Math.ceil(Buffer.byteLength(expected) / 1000));
    for (const piece of pieces) expect(piece.byteLength).toBeLessThanOrEqual(1000);
    expect(Buffer.concat(pieces).toString('utf8')).toBe(expected);
    expect(writer.takePieces()).toEqual([]);
    writer.text('=SUM(A1)');
    writer.endLine();
    expect(Buffer.concat(writer.takePieces()).toString('utf8')).toBe("'=SUM(A1)\n");
  });
});
