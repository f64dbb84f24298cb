import { describe, expect, it } from 'vitest';
import { inferConfig, renderConfigYaml } from '../../src/analysis/infer.js';
import { parseYaml, checkSchema } from '../../src/toolkit/yaml-file.js';
import { analysisConfigSchema } from '../../src/analysis/config.js';
import { emptyAggregate, mergeAggregates } from '../../src/analysis/pipeline/aggregate.js';
import { compilePlan } from '../../src/analysis/pipeline/plan.js';
import { createContext, markQuotesTaken, processChunk, quoteFlagLayout, signChunk } from '../../src/analysis/pipeline/rows.js';
import { lastRecordBoundary } from '../../src/analysis/ingest/parse.js';
import { CsvWriter, csvCell } from '../../src/analysis/pipeline/csv-writer.js';
import { RepeatedRows } from '../../src/analysis/pipeline/repeats.js';
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

  it('takes the first-pass result of a row whose texts were met before, exactly as scanning it again would give', () => {
    const codeframe = parseCodeframe('questions:\n  Q3 comments:\n    - id: town\n      label: Town\n      include: [town, "local shop*"]\n    - id: people\n      label: People\n      include: [famil*, staff]\n', 'c.yaml');
    const plan = compilePlan({ ...inferConfig(header, sample).config, codeframe }, header, ',', true);
    // a campaign: three long texts repeated, with & and an added sentence in some copies
    const campaignTexts = [
      'We strongly oppose this plan because it will close local shops and hurt families in our town for years to come.',
      'We strongly oppose this plan because it will close local shops &amp; hurt families in our town for years to come.',
      'We strongly oppose this plan because it will close local shops and hurt families in our town for years to come. My son works there.',
    ];
    const rows = Array.from({ length: 600 }, (_, i) => [`ID-${i}`, 'Individual', 'Wales', 'Agree', 'Health', i % 3 === 0 ? (sample[i % 200]![5] as string) : campaignTexts[i % campaignTexts.length]!]);
    const block = Buffer.from(`${rows.map((row) => row.map((cell) => csvCell(cell)).join(',')).join('\n')}\n`);
    const context = createContext(plan);
    const reused = signChunk(block, 2, context);
    expect(context.repeatedRows?.hits).toBeGreaterThan(350);
    const scannedContext = createContext(plan);
    scannedContext.repeatedRows = new RepeatedRows([]); // never stores anything: every row scanned
    const scanned = signChunk(block, 2, scannedContext);
    expect(scannedContext.repeatedRows.hits).toBe(0);
    expect(reused.rows).toBe(600);
    expect(reused.rowIndex).toEqual(scanned.rowIndex);
    expect(reused.signatures).toEqual(scanned.signatures);
    expect(reused.scores).toEqual(scanned.scores);
    expect(reused.codes).toEqual(scanned.codes);
  });

  it('uses a stored first-pass result only for equal texts, not for texts that merely share a key', () => {
    const repeats = new RepeatedRows([0]);
    const result = { scores: new Float64Array([1, 0.5]), codes: new Int32Array([0]), signature: new Uint32Array(19).fill(7) };
    const text = 'a'.repeat(200);
    // the same length and the same units where the key samples them (start, quarters, end)
    const lookalike = `${'a'.repeat(10)}b${'a'.repeat(189)}`;
    for (let i = 0; i < 2; i++) {
      expect(repeats.find([text])).toBeUndefined();
      if (repeats.worthRemembering()) repeats.remember([text], result);
    }
    expect(repeats.find([text])?.scores).toEqual(result.scores);
    expect(repeats.find([lookalike])).toBeUndefined();
    expect(repeats.find(['short text'])).toBeUndefined();
    expect(repeats.hits).toBe(1);
  });

  it('keeps at most a bounded amount of text for repeated rows, and none for very long rows', () => {
    const repeats = new RepeatedRows([0]);
    const result = { scores: new Float64Array(2), codes: new Int32Array(1), signature: new Uint32Array(19) };
    const meet = (text: string): void => {
      if (repeats.find([text]) === undefined && repeats.worthRemembering()) repeats.remember([text], result);
    };
    // 200 distinct texts of about 59,000 units (distinct lengths, so distinct keys), each met twice: 11.8 million units if all were kept
    for (let i = 0; i < 200; i++) {
      const text = 'x'.repeat(59_000 + i);
      meet(text);
      meet(text);
    }
    expect(repeats.keptUnits).toBeGreaterThan(3_000_000);
    expect(repeats.keptUnits).toBeLessThanOrEqual(1 << 22);
    const long = 'y'.repeat(70_000);
    meet(long);
    meet(long);
    expect(repeats.find([long])).toBeUndefined();
  });

  it('does not offer quotes for themes the merged results already have all candidates for', () => {
    const codeframe = parseCodeframe('questions:\n  Q3 comments:\n    - id: town\n      label: Town\n      include: [town, "local shop*"]\n    - id: people\n      label: People\n      include: [famil*, staff]\n', 'c.yaml');
    const plan = compilePlan({ ...inferConfig(header, sample).config, codeframe }, header, ',', true);
    const { base, count } = quoteFlagLayout(plan);
    expect(count).toBe(2);
    const taken = new Uint8Array(count);
    const open = processChunk(bytes, 2, createContext(plan, null, taken));
    expect(Object.keys(open.coding.quotes['Q3 comments'] ?? {}).sort()).toEqual(['people', 'town']);
    // once merged results hold all of town's candidates, a later block offers none for it
    markQuotesTaken(plan, open.coding, taken);
    expect(taken[base[0]!]).toBe(1);
    taken[base[0]! + 1] = 0;
    const later = processChunk(bytes, 2, createContext(plan, null, taken));
    expect(Object.keys(later.coding.quotes['Q3 comments'] ?? {})).toEqual(['people']);
    expect(later.coding.all).toEqual(open.coding.all); // counting is unchanged
    // every theme taken when the block begins: none offered
    taken.fill(1);
    expect(processChunk(bytes, 2, createContext(plan, null, taken)).coding.quotes).toEqual({});
  });

  it('neutralises formula-like text cells and quotes CSV specials', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+44 20')).toBe("'+44 20");
    expect(csvCell('-x')).toBe("'-x");
    expect(csvCell('@sum')).toBe("'@sum");
    expect(csvCell('\tx')).toBe(`"'\tx"`); // a tab is a separator to some readers: quoted
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

  it('writes decimals exactly as JavaScript does, whatever values it has cached', () => {
    const writer = new CsvWriter();
    const values: number[] = [0, -0, 1, -3, 0.5, Number.NaN, Number.POSITIVE_INFINITY, 1e21, 1e-7, -0.020477815699658702];
    // comparative scores (score / words), many of them met again: cached texts must never be mixed up
    for (let i = 0; i < 30_000; i++) values.push(((i * 7919) % 61) - 30 === 0 ? 0 : (((i * 7919) % 61) - 30) / (1 + ((i * 104729) % 499)));
    for (const value of values) {
      writer.decimal(value);
      writer.endLine();
    }
    expect(Buffer.concat(writer.takePieces()).toString('utf8')).toBe(values.map((value) => `${value}\n`).join(''));
  });

  it('writes runs of empty cells at the start, middle and end of a line', () => {
    const writer = new CsvWriter();
    writer.empty(3);
    writer.plain(1);
    writer.endLine();
    writer.plain(2);
    writer.empty(2);
    writer.text('x');
    writer.empty(20);
    writer.endLine();
    writer.empty();
    writer.endLine();
    writer.empty(0);
    writer.plain(3);
    writer.endLine();
    expect(Buffer.concat(writer.takePieces()).toString('utf8')).toBe(`,,,1\n2,,,x${','.repeat(20)}\n\n3\n`);
  });
});
