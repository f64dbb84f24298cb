import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { detectEncoding, workbookKind } from '../../src/analysis/ingest/encoding.js';
import { detectDelimiter, readHeader } from '../../src/analysis/ingest/header.js';
import { PIECE_BYTES, lastRecordBoundary, parseAll, parseBlock, parseRecords } from '../../src/analysis/ingest/parse.js';
import { HAVE_SHARED, SHARED } from '../helpers/cli.js';

const SPECTRUM = join(SHARED, 'data/csv_edge_cases/csv-spectrum');

/** Parse a CSV text with a header into objects, as csv-spectrum's expected JSON holds them. */
function objectsOf(text: string): Record<string, string>[] {
  const { records } = parseAll(text, ',');
  const [header = [], ...rows] = records;
  return rows.map((row) => Object.fromEntries(header.map((column, i) => [column, row[i] ?? ''])));
}

describe('record parser', () => {
  // the quoting rules of RFC 4180 as exports use them; expected fields written by hand
  it.each([
    ['simple', 'a,b,c\n1,2,3\n', [{ a: '1', b: '2', c: '3' }]],
    ['simple CRLF', 'a,b,c\r\n1,2,3\r\n', [{ a: '1', b: '2', c: '3' }]],
    ['comma in quotes', 'first,last,address\nJohn,Doe,"120 any st., Anytown, WW"\n', [{ first: 'John', last: 'Doe', address: '120 any st., Anytown, WW' }]],
    ['escaped quotes', 'a,b\n1,"ha ""ha"" ha"\n3,4\n', [{ a: '1', b: 'ha "ha" ha' }, { a: '3', b: '4' }]],
    ['a JSON document in a cell', 'key,val\n1,"{""type"": ""Point"", ""coordinates"": [102.0, 0.5]}"\n', [{ key: '1', val: '{"type": "Point", "coordinates": [102.0, 0.5]}' }]],
    ['line breaks in quotes', 'a,b,c\n1,2,3\n"Once upon \na time",5,6\n7,8,9\n', [{ a: '1', b: '2', c: '3' }, { a: 'Once upon \na time', b: '5', c: '6' }, { a: '7', b: '8', c: '9' }]],
    ['CRLF line breaks in quotes', 'a,b\r\n"x\r\ny",2\r\n', [{ a: 'x\r\ny', b: '2' }]],
    ['quotes and line breaks', 'a,b\n1,"ha \n""ha"" \nha"\n3,4\n', [{ a: '1', b: 'ha \n"ha" \nha' }, { a: '3', b: '4' }]],
    ['empty fields', 'a,b,c\n1,"",""\n2,3,4\n', [{ a: '1', b: '', c: '' }, { a: '2', b: '3', c: '4' }]],
    ['empty fields with CRLF', 'a,b,c\r\n1,"",""\r\n', [{ a: '1', b: '', c: '' }]],
    ['UTF-8 text', 'a,b,c\n1,2,3\n4,5,ʤ\n', [{ a: '1', b: '2', c: '3' }, { a: '4', b: '5', c: 'ʤ' }]],
    ['no final line break', 'a,b\n1,2', [{ a: '1', b: '2' }]],
  ])('%s', (_name, text, expected) => {
    expect(objectsOf(text)).toEqual(expected);
  });

  const names = HAVE_SHARED ? readdirSync(join(SPECTRUM, 'csvs')).filter((name) => name.endsWith('.csv')) : [];
  it.runIf(HAVE_SHARED).each(names)('conformance: csv-spectrum %s parses to the expected fields', (name) => {
    const text = readFileSync(join(SPECTRUM, 'csvs', name), 'utf8');
    const json = JSON.parse(readFileSync(join(SPECTRUM, 'json', name.replace(/\.csv$/, '.json')), 'utf8')) as Record<string, string>[] | Record<string, string>;
    const expected = Array.isArray(json) ? json : [json]; // one file holds a single object
    const { records } = parseAll(text, ',');
    const [header = [], ...rows] = records;
    const objects = rows.map((row) => Object.fromEntries(header.map((column, i) => [column, row[i] ?? ''])));
    if (name === 'location_coordinates.csv') {
      // upstream data error: the expected JSON has a different phone number from the CSV itself
      expect(objects[0]?.['Contact Phone Number']).toBe('2095257564');
      for (const row of expected) row['Contact Phone Number'] = '2095257564';
    }
    expect(objects).toEqual(expected);
  });

  it('gives each record the physical line it starts on, across embedded newlines and blank lines', () => {
    const { records, lines, outcome } = parseAll('a,b\r\n"x\ny",1\n\n"p""q",2\nlast,3', ',');
    expect(records).toEqual([['a', 'b'], ['x\ny', '1'], ['p"q', '2'], ['last', '3']]);
    expect(lines).toEqual([1, 2, 5, 6]);
    expect(outcome.blankLines).toBe(1);
  });

  it('keeps text after a closing quote and treats quotes inside unquoted fields as text', () => {
    expect(parseAll('"1" x,5" screen\n', ',').records).toEqual([['1 x', '5" screen']]);
  });

  it('flags a quoted field that never closes', () => {
    expect(parseAll('a,"open\nb', ',').outcome.unterminatedQuote).toBe(true);
    expect(parseAll('a,"closed"\nb', ',').outcome.unterminatedQuote).toBe(false);
  });

  it('agrees with csv-parse on a generated file with quotes, commas and newlines', async () => {
    const { responses, csvLine, COLUMNS } = (await import('../../bench/synthetic.js')) as {
      responses: (n: number, o: object) => Iterable<string[]>;
      csvLine: (row: string[]) => string;
      COLUMNS: string[];
    };
    let text = `${COLUMNS.join(',')}\r\n`;
    for (const row of responses(500, { seed: 3 })) text += csvLine(row);
    const ours = parseAll(text, ',').records;
    const theirs = parse(text, { relax_column_count: true }) as string[][];
    expect(ours).toEqual(theirs);
  });

  it('cuts blocks only at record boundaries, following the quote rules of the parser', () => {
    const bytes = Buffer.from('a,b\n"x\ny",1\n"open\n');
    const cut = lastRecordBoundary(bytes, ',');
    expect(bytes.subarray(0, cut.end).toString()).toBe('a,b\n"x\ny",1\n');
    expect(cut.lineFeeds).toBe(3);
    expect(lastRecordBoundary(Buffer.from('"no end\n'), ',').end).toBe(-1);
    // a stray quote inside an unquoted field, or after a closing quote, is text: it opens nothing
    const stray = Buffer.from('5" screen,x\n"1","2" "\n"a ""b""",c\nlast');
    expect(stray.subarray(0, lastRecordBoundary(stray, ',').end).toString()).toBe('5" screen,x\n"1","2" "\n"a ""b""",c\n');
  });

  it('parses any split into blocks exactly like the whole text', async () => {
    const text = 'h1,h2\n5" screen,x\n"1","2" "\n"multi\nline ""quoted""",c\n,\n"a;b",d\n'.repeat(50);
    const whole = parseAll(text, ',').records;
    const bytes = Buffer.from(text);
    for (const size of [7, 13, 64, 200]) {
      const records: string[][] = [];
      let rest = bytes;
      while (rest.length > 0) {
        let window = size;
        let end = lastRecordBoundary(rest.subarray(0, window), ',').end;
        while (end <= 0 && window < rest.length) {
          window *= 2; // one record longer than the window: look further, as the pipeline does
          end = lastRecordBoundary(rest.subarray(0, window), ',').end;
        }
        if (end <= 0) end = rest.length;
        records.push(...parseAll(rest.subarray(0, end).toString(), ',').records);
        rest = rest.subarray(end);
      }
      expect(records).toEqual(whole);
    }
  });
});

describe('block parser (decodes and parses a block in pieces)', () => {
  /** Records, their lines and the outcome, as parseBlock gives them and as parseRecords gives them for the whole text. */
  function both(text: string, firstLine = 1) {
    const pieces: { fields: string[]; line: number; unterminated: boolean }[] = [];
    const texts: string[] = [];
    const outcome = parseBlock(Buffer.from(text), ',', firstLine, (fields, line, unterminated) => pieces.push({ fields, line, unterminated }), (piece) => texts.push(piece));
    const whole: typeof pieces = [];
    const wholeOutcome = parseRecords(text, ',', firstLine, (fields, line, unterminated) => whole.push({ fields, line, unterminated }));
    return { pieces, whole, outcome, wholeOutcome, texts };
  }

  it('gives the records, line numbers and counts of the whole block, across piece boundaries', () => {
    // over 60 KB in many records: quoted fields with commas and line breaks, escaped quotes, CRLF, blank lines, non-ASCII text
    const row = (i: number) => `${i},"multi\nline, with ""quotes"" ${i}",é ${'x'.repeat(i % 97)}\r\n${i % 13 === 0 ? '\n' : ''}`;
    let text = 'id,answer,other\n';
    for (let i = 0; i < 3000; i++) text += row(i);
    const { pieces, whole, outcome, wholeOutcome, texts } = both(text, 7);
    expect(texts.length).toBeGreaterThan(3); // really cut into pieces
    expect(texts.join('')).toBe(text);
    expect(pieces).toEqual(whole);
    expect(outcome).toEqual(wholeOutcome);
  });

  it('keeps a record longer than a piece whole, and flags an unterminated quote at the end', () => {
    const long = `1,"${'long answer, '.repeat(10_000)}\nend"\n`;
    const text = `a,b\n${long}2,x\n3,"never closed\n`;
    const { pieces, whole, outcome, wholeOutcome } = both(text);
    expect(pieces).toEqual(whole);
    expect(pieces[1]!.fields[1]!.length).toBeGreaterThan(100_000);
    expect(pieces.at(-1)!.unterminated).toBe(true);
    expect(outcome).toEqual(wholeOutcome);
  });

  it('cuts at the piece ends the record-boundary scan gives, with the same records as the whole block', () => {
    // short records, records with quoted line breaks, and one record longer than a piece
    let text = 'id,answer\n';
    for (let i = 0; i < 10_000; i++) text += i === 1500 ? `${i},"${'very long, '.repeat(9000)}\nend"\n` : `${i},"line one\nline two, ""${i}"""\n`;
    const bytes = Buffer.from(text);
    const cut = lastRecordBoundary(bytes, ',', PIECE_BYTES);
    expect(cut.end).toBe(bytes.length);
    const ends = [...cut.pieceEnds!];
    expect(ends.length).toBeGreaterThan(5);
    // every cut is a record boundary: the text before it parses as whole records
    for (const end of ends) expect(lastRecordBoundary(bytes.subarray(0, end), ',').end).toBe(end);
    // pieces are at most PIECE_BYTES long, except the one holding the long record
    const sizes = [...ends, bytes.length].map((end, k) => end - (k === 0 ? 0 : ends[k - 1]!));
    expect(sizes.filter((size) => size > PIECE_BYTES)).toHaveLength(1);
    const texts: string[] = [];
    const records: { fields: string[]; line: number }[] = [];
    const outcome = parseBlock(bytes, ',', 5, (fields, line) => records.push({ fields, line }), (piece) => texts.push(piece), undefined, cut.pieceEnds);
    expect(texts).toHaveLength(ends.length + 1);
    const whole: typeof records = [];
    const wholeOutcome = parseRecords(text, ',', 5, (fields, line) => whole.push({ fields, line }));
    expect(records).toEqual(whole);
    expect(outcome).toEqual(wholeOutcome);
  });
});

describe('parsing only the wanted fields', () => {
  it('gives the wanted fields as a full parse does, the others empty, with the same lines and counts', () => {
    // unwanted fields that are quoted, span lines, hold escaped quotes or text after the closing quote
    const rows = [
      'id,"skip, me",answer,"also\nskipped ""x""" tail,last',
      '2,plain,"kept ""quoted""\nover lines",x,y',
      '',
      '3,"a\r\nb",c,d,e,extra,"more"',
      '4,,,,',
      '5,"never closed',
    ];
    const text = rows.join('\n');
    const wanted = Uint8Array.from([1, 0, 1, 0, 0]);
    const all: { fields: string[]; line: number; unterminated: boolean }[] = [];
    const some: typeof all = [];
    const allOutcome = parseRecords(text, ',', 3, (fields, line, unterminated) => all.push({ fields, line, unterminated }));
    const someOutcome = parseRecords(text, ',', 3, (fields, line, unterminated) => some.push({ fields, line, unterminated }), wanted);
    expect(someOutcome).toEqual(allOutcome);
    expect(some.map((r) => [r.line, r.unterminated, r.fields.length])).toEqual(all.map((r) => [r.line, r.unterminated, r.fields.length]));
    for (const [k, record] of some.entries()) {
      // beyond the mask every field is cut out (a row wider than the header is judged by its extra cells)
      const expected = all[k]!.fields.map((field, i) => (i >= wanted.length || wanted[i] === 1 ? field : ''));
      expect(record.fields).toEqual(expected);
    }
    expect(some[1]!.fields).toEqual(['2', '', 'kept "quoted"\nover lines', '', '']);
    expect(some[2]!.fields.slice(5)).toEqual(['extra', 'more']);
    // parseBlock passes the mask on
    const blockRecords: string[][] = [];
    parseBlock(Buffer.from(text), ',', 3, (fields) => blockRecords.push(fields), undefined, wanted);
    expect(blockRecords).toEqual(some.map((r) => r.fields));
  });
});

describe('header and format detection', () => {
  it('detects comma, semicolon, tab and pipe delimiters', () => {
    expect(detectDelimiter('a,b,c\n1,2,3\n')).toBe(',');
    expect(detectDelimiter('a;b;c\n"1,5";2;3\n')).toBe(';');
    expect(detectDelimiter('a\tb\tc\n1\t2,5\t3\n')).toBe('\t');
    expect(detectDelimiter('a|b\n1|2\n')).toBe('|');
  });

  it('flattens header line breaks, names empty cells, makes duplicates unique and skips a title row', () => {
    const { records, lines } = parseAll('My consultation,,,\n"Q1\nagree?",Region,region,\n1,2,3,4\n', ',');
    const header = readHeader(records, lines);
    expect(header?.columns).toEqual(['Q1 agree?', 'Region', 'region (2)', 'column 4']);
    expect(header?.headerRecords).toBe(2);
    expect(header?.dataLine).toBe(4);
    expect(header?.notes.join('\n')).toMatch(/title row/);
    expect(header?.notes.join('\n')).toMatch(/duplicate column name "region"/);
  });

  it('detects encodings from byte-order marks, NUL patterns and UTF-8 validity', () => {
    expect(detectEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x61])).encoding).toBe('utf-8');
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x61, 0])).encoding).toBe('utf-16le');
    expect(detectEncoding(Buffer.from([0xfe, 0xff, 0, 0x61])).encoding).toBe('utf-16be');
    expect(detectEncoding(Buffer.from('a,b,c\n1,2,3\n', 'utf16le')).encoding).toBe('utf-16le');
    expect(detectEncoding(Buffer.from('caf\xe9,na\xefve\n', 'latin1')).encoding).toBe('windows-1252');
    expect(detectEncoding(Buffer.from('café,naïve\n', 'utf8')).encoding).toBe('utf-8');
    expect(workbookKind(Buffer.from('PK\x03\x04rest', 'latin1'))).toMatch(/xlsx/);
  });
});
