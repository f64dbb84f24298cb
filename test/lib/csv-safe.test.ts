/** CSV cells stay text under any separator a spreadsheet may use (, ; tab). */
import { describe, expect, it } from 'vitest';
import { csvCell } from '../../src/analysis/pipeline/csv-writer.js';
import { safeCell, toSafeCsv } from '../../src/lib/csv-safe.js';

// each of these opened as a formula in some spreadsheet (issue 16, item 4)
const FORMULAS = ['=1+1', '+1', '-1', '@SUM(A1)', '\t=4+4', '\r=1', '  =1+1', '\u00a0=1+1', '\u200b=1+1', '\ufeff=1+1', '\uff1d1+1', '\uff0b1', '\uff0d1', '\uff20SUM(A1)', ' \u2060 @x'];

describe('safeCell', () => {
  it.each(FORMULAS)('neutralises %j', (text) => {
    expect(safeCell(text)).toBe(`'${text}`);
  });

  it.each(['plain text', 'a=b', 'email@example.com', '5 - 3', "'already"])('leaves %j as it is', (text) => {
    expect(safeCell(text)).toBe(text);
  });
});

/**
 * How a spreadsheet splits a line it was told uses `separator`: a double quote opens or closes quoting
 * wherever it appears (a doubled one inside quotes is a quote), and only a separator outside quotes
 * ends a cell (LibreOffice and Excel read a comma file opened with ; or tab this way).
 */
function spreadsheetCells(text: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '"') {
      if (quoted && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = !quoted;
    } else if (!quoted && (char === separator || char === '\n')) {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  cells.push(cell);
  return cells;
}

describe('cells under every separator', () => {
  const hostile = ["x;=cmd|' /c calc'!a0", 'a\t=4+4', 'a,=1+1', 'say "hi"', 'line\nbreak'];

  it.each([',', ';', '\t'])('a file read with %j as separator keeps each cell whole and neutral', (separator) => {
    const line = hostile.map(csvCell).join(',');
    const fromCsv = toSafeCsv(['a', 'b', 'c', 'd', 'e'], [hostile]).split('\n').slice(1).join('\n');
    for (const text of [line, fromCsv]) {
      for (const cell of spreadsheetCells(text, separator)) expect(cell.trimStart(), JSON.stringify(cell)).not.toMatch(/^[=+\-@]/);
    }
  });

  it('quotes a cell with ; or a tab', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('a\tb')).toBe('"a\tb"');
    expect(toSafeCsv(['h'], [['a;b']])).toBe('h\n"a;b"\n');
  });
});
