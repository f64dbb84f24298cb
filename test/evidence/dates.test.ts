import { describe, expect, it } from 'vitest';
import { dayRange, parseDate, parseDayFlag } from '../../src/evidence/dates.js';
import { parseCsvText } from '../../src/analysis/ingest/reader.js';
import { resolveColumns } from '../../src/evidence/columns.js';

describe('parseDate', () => {
  it.each([
    ['2027-03-14', '2027-03-14'],
    ['2027-03-14T23:30:00Z', '2027-03-14'],
    ['2027-03-14T00:30:00+01:00', '2027-03-13'],
    ['2027-03-14 09:15', '2027-03-14'],
    ['14/03/2027', '2027-03-14'],
    ['14/03/2027 18:05', '2027-03-14'],
    ['Sun Mar 14 20:19:24 +0000 2027', '2027-03-14'],
    ['14 March 2027', '2027-03-14'],
    ['1804982400', '2027-03-14'],
  ])('%s -> %s', (text, day) => {
    expect(parseDate(text)?.day).toBe(day);
  });

  it.each(['2027-02-29', '31/04/2027', '2027-13-01', 'yesterday', '', '14.3'])('rejects %j', (text) => {
    expect(parseDate(text)).toBeUndefined();
  });

  it('reads month-first dates only when configured', () => {
    expect(parseDate('03/14/2027')).toBeUndefined();
    expect(parseDate('03/14/2027', 'MM/DD/YYYY')?.day).toBe('2027-03-14');
    expect(parseDate('2027-03-14', 'DD/MM/YYYY')).toBeUndefined();
  });

  it('checks flags strictly and lists days inclusively', () => {
    expect(parseDayFlag('2027-03-01')).toBe('2027-03-01');
    expect(parseDayFlag('1/3/2027')).toBeUndefined();
    expect(dayRange('2027-02-27', '2027-03-02')).toEqual(['2027-02-27', '2027-02-28', '2027-03-01', '2027-03-02']);
  });
});

describe('CSV and columns', () => {
  it('strips a byte-order mark and finds default column names in any case or spacing', () => {
    const table = parseCsvText('\uFEFFUser Name,Full Text,Created At,Retweet Count\nann,hello,2027-01-01,3\n', 'x.csv');
    const columns = resolveColumns(table.header, 'x.csv', {}, ['author', 'text', 'date'], ['reposts']);
    expect(columns).toEqual({ author: 0, text: 1, date: 2, reposts: 3 });
  });

  it('gives the starting line of rows after a multi-line cell', () => {
    const table = parseCsvText('author,text\na,"two\nlines"\nb,one\n', 'x.csv');
    expect(table.lines).toEqual([2, 4]);
  });
});
