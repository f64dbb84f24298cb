/**
 * A fast CSV record parser over decoded text. csv-parse is too slow for the hot path (about 10 s per
 * million survey rows on its own), so records are cut with indexOf scans for quotes, delimiters and
 * line feeds. Semantics (RFC 4180, leniently):
 * - a field that starts with `"` is quoted: `""` inside it is one quote, newlines are kept;
 * - text after a closing quote up to the next delimiter or line end is appended as-is (a stray quote);
 * - a quote inside an unquoted field is an ordinary character;
 * - a record ends at `\n`; a `\r` right before it is dropped (CRLF). CR-only files are converted to
 *   `\n` before parsing (Normaliser, in normalise.ts).
 * The caller gets each record's fields and the 1-based physical line it starts on.
 */

/** `unterminated` is true for a final record whose quoted field never closes. */
export type RecordHandler = (fields: string[], line: number, unterminated: boolean) => void;

export interface ParseOutcome {
  /** Physical lines consumed (line feeds seen, plus one for a final line without a line feed). */
  lines: number;
  /** Records seen, blank lines excluded. */
  records: number;
  blankLines: number;
  /** True when the text ended inside a quoted field. */
  unterminatedQuote: boolean;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Parse `text` (complete records only, or the whole rest of a file) calling `onRecord` per record.
 * Blank lines (nothing between two line feeds) are skipped and counted. `firstLine` is the physical
 * line number of the first character of `text`. With `wanted`, a field whose index it marks 0 is
 * found (quotes and line feeds followed as ever) but not cut out: it is given as ''.
 */
export function parseRecords(text: string, delimiter: string, firstLine: number, onRecord: RecordHandler, wanted?: Uint8Array): ParseOutcome {
  const length = text.length;
  const delimCode = delimiter.charCodeAt(0);
  let position = 0;
  let line = firstLine;
  let records = 0;
  let blankLines = 0;
  let unterminatedQuote = false;
  let nextDelim = text.indexOf(delimiter);
  let nextLf = text.indexOf('\n');
  if (nextDelim < 0) nextDelim = length;
  if (nextLf < 0) nextLf = length;

  while (position < length) {
    const recordLine = line;
    // a blank line (or a lone CR before LF)
    const first = text.charCodeAt(position);
    if (first === LF || (first === CR && (position + 1 === length || text.charCodeAt(position + 1) === LF))) {
      position += first === LF ? 1 : position + 1 === length ? 1 : 2;
      line++;
      blankLines++;
      continue;
    }
    const fields: string[] = [];
    let recordDone = false;
    while (!recordDone) {
      let value: string;
      // a field the caller does not read is found but not cut out ('')
      const keep = wanted === undefined || fields.length >= wanted.length || wanted[fields.length] === 1;
      if (position < length && text.charCodeAt(position) === QUOTE) {
        // quoted field
        let start = position + 1;
        let pieces = '';
        let close = -1;
        for (;;) {
          close = text.indexOf('"', start);
          if (close < 0) break;
          if (close + 1 < length && text.charCodeAt(close + 1) === QUOTE) {
            if (keep) pieces += text.slice(start, close + 1);
            start = close + 2;
            continue;
          }
          break;
        }
        if (close < 0) {
          unterminatedQuote = true;
          value = keep ? pieces + text.slice(start) : '';
          line += countLineFeeds(text, position, length);
          position = length;
        } else {
          value = keep ? pieces + text.slice(start, close) : '';
          // line feeds inside the quotes, found with the parser's own next-line-feed position (which
          // then stays right for what follows the field: nothing is searched twice)
          if (nextLf < position) nextLf = indexOrEnd(text, '\n', position);
          while (nextLf < close) {
            line++;
            nextLf = indexOrEnd(text, '\n', nextLf + 1);
          }
          position = close + 1;
          // anything between the closing quote and the next delimiter or line end is kept as-is
          if (position < length) {
            const code = text.charCodeAt(position);
            if (code !== delimCode && code !== LF && !(code === CR && (position + 1 === length || text.charCodeAt(position + 1) === LF))) {
              if (nextDelim < position) nextDelim = indexOrEnd(text, delimiter, position);
              if (nextLf < position) nextLf = indexOrEnd(text, '\n', position);
              let end = nextDelim < nextLf ? nextDelim : nextLf;
              let extra = text.slice(position, end);
              if (end === nextLf && extra.endsWith('\r')) extra = extra.slice(0, -1);
              if (keep) value += extra;
              position = end;
            }
          }
        }
      } else {
        if (nextDelim < position) nextDelim = indexOrEnd(text, delimiter, position);
        if (nextLf < position) nextLf = indexOrEnd(text, '\n', position);
        const end = nextDelim < nextLf ? nextDelim : nextLf;
        value = keep ? text.slice(position, end) : '';
        if (end === nextLf && value.length > 0 && value.charCodeAt(value.length - 1) === CR) value = value.slice(0, -1);
        position = end;
      }
      fields.push(value);
      // what ends the field?
      if (position >= length) {
        recordDone = true;
        line++;
      } else {
        const code = text.charCodeAt(position);
        if (code === delimCode) {
          position++;
          if (position >= length) {
            fields.push('');
            recordDone = true;
            line++;
          }
        } else if (code === CR) {
          position += position + 1 < length ? 2 : 1;
          line++;
          recordDone = true;
        } else {
          position++; // LF
          line++;
          recordDone = true;
        }
      }
    }
    records++;
    onRecord(fields, recordLine, unterminatedQuote);
  }
  return { lines: line - firstLine, records, blankLines, unterminatedQuote };
}

function indexOrEnd(text: string, search: string, from: number): number {
  const found = text.indexOf(search, from);
  return found < 0 ? text.length : found;
}

function countLineFeeds(text: string, from: number, to: number): number {
  let count = 0;
  let at = text.indexOf('\n', from);
  while (at >= 0 && at < to) {
    count++;
    at = text.indexOf('\n', at + 1);
  }
  return count;
}

/**
 * Most bytes of a block decoded and parsed at once. A block is megabytes; decoded whole it made a
 * string too big for V8's young generation every time, and those filled the old generation and
 * forced a full collection every few blocks. Pieces this size (at most 128 KB even as two-byte text)
 * are young objects that die young.
 */
export const PIECE_BYTES = 60 * 1024;
const pieceDecoder = new TextDecoder('utf-8');

/**
 * Decode (UTF-8) and parse a block of complete records (or the rest of a file) in pieces cut at
 * record boundaries, as parseRecords would the whole block: same records, same line numbers.
 * `onText` sees each piece's text and bytes before its records. With `wanted`, only the fields it
 * marks 1 (and any beyond its length) are cut out; the others are ''. `pieceEnds` are where to cut
 * (lastRecordBoundary with PIECE_BYTES, which the caller may have worked out already); without them
 * the block is scanned for them here. Returns the summed outcome.
 */
export function parseBlock(
  bytes: Uint8Array,
  delimiter: string,
  firstLine: number,
  onRecord: RecordHandler,
  onText?: (text: string, bytes: Uint8Array) => void,
  wanted?: Uint8Array,
  pieceEnds?: Int32Array | null,
): ParseOutcome {
  const total: ParseOutcome = { lines: 0, records: 0, blankLines: 0, unterminatedQuote: false };
  const ends = pieceEnds ?? lastRecordBoundary(bytes, delimiter, PIECE_BYTES).pieceEnds!;
  for (let k = 0, at = 0; at < bytes.length; k++) {
    const end = k < ends.length ? ends[k]! : bytes.length;
    const piece = bytes.subarray(at, end);
    const text = pieceDecoder.decode(piece);
    onText?.(text, piece);
    const outcome = parseRecords(text, delimiter, firstLine + total.lines, onRecord, wanted);
    total.lines += outcome.lines;
    total.records += outcome.records;
    total.blankLines += outcome.blankLines;
    total.unterminatedQuote ||= outcome.unterminatedQuote;
    at = end;
  }
  return total;
}

/** Parse a whole small text into records (tests, samples). */
export function parseAll(text: string, delimiter: string): { records: string[][]; lines: number[]; outcome: ParseOutcome } {
  const records: string[][] = [];
  const lines: number[] = [];
  const outcome = parseRecords(text, delimiter, 1, (fields, line) => {
    records.push(fields);
    lines.push(line);
  });
  return { records, lines, outcome };
}

/**
 * Index just past the last complete record in `bytes` (UTF-8 or any ASCII-compatible encoding),
 * which must start at a record boundary. Returns end -1 when there is no complete record.
 * It follows the parser's quote rules exactly, so blocks cut here parse the same as the whole file:
 * a quote opens a quoted field only at the start of a field (after the delimiter or a line feed),
 * or right after a closing quote (an escaped `""`); any other quote outside a quoted field is text.
 * With `pieceBytes`, it also gives where parseBlock can cut the records before `end` into pieces of
 * at most that many bytes (a longer record is a piece of its own), so workers need not scan again.
 */
export function lastRecordBoundary(bytes: Uint8Array, delimiter: string, pieceBytes = 0): { end: number; lineFeeds: number; pieceEnds: Int32Array<ArrayBuffer> | null } {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const delimCode = delimiter.charCodeAt(0);
  let inQuote = false;
  let lastClose = -2;
  let end = -1;
  let lineFeeds = 0;
  let lineFeedsAtEnd = 0;
  const pieceEnds: number[] = [];
  let pieceStart = 0;
  let nextQuote = buffer.indexOf(QUOTE, 0);
  let nextLf = buffer.indexOf(LF, 0);
  while (nextLf >= 0) {
    while (nextQuote >= 0 && nextQuote < nextLf) {
      if (inQuote) {
        inQuote = false;
        lastClose = nextQuote;
      } else {
        const before = nextQuote === 0 ? LF : buffer[nextQuote - 1];
        if (before === delimCode || before === LF || nextQuote - 1 === lastClose) inQuote = true;
      }
      nextQuote = buffer.indexOf(QUOTE, nextQuote + 1);
    }
    lineFeeds++;
    if (!inQuote) {
      const boundary = nextLf + 1;
      if (pieceBytes > 0 && boundary - pieceStart > pieceBytes) {
        // the piece ends at the last boundary that keeps it small enough, or (a long record) here
        if (end > pieceStart) {
          pieceEnds.push(end);
          pieceStart = end;
        }
        if (boundary - pieceStart > pieceBytes) {
          pieceEnds.push(boundary);
          pieceStart = boundary;
        }
      }
      end = boundary;
      lineFeedsAtEnd = lineFeeds;
    }
    nextLf = buffer.indexOf(LF, nextLf + 1);
  }
  if (pieceBytes <= 0) return { end, lineFeeds: lineFeedsAtEnd, pieceEnds: null };
  // the block ends at `end`: a cut there is no cut
  while (pieceEnds.length > 0 && pieceEnds[pieceEnds.length - 1]! >= end) pieceEnds.pop();
  return { end, lineFeeds: lineFeedsAtEnd, pieceEnds: Int32Array.from(pieceEnds) };
}

let flatScratch = Buffer.allocUnsafe(1 << 16);

/**
 * `text` as a flat string of its own. Cells are slices of their decoded block (V8 "sliced strings"),
 * and reading a slice character by character is markedly slower than reading a flat string; the
 * sentiment, theme and campaign scanners read every character of every answer, so they are given a
 * copy (one memory copy each way). Decoded text has no lone surrogates, so the UTF-8 round trip is exact.
 */
export function flatCopy(text: string): string {
  if (text.length < 13) return text; // V8 copies short slices already
  if (text.length * 3 > flatScratch.length) flatScratch = Buffer.allocUnsafe(Math.max(text.length * 3, flatScratch.length * 2));
  const bytes = flatScratch.write(text, 0, 'utf8');
  return flatScratch.toString('utf8', 0, bytes);
}
