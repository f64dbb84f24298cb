/**
 * The one CSV reading API for every command that reads a CSV (the analysis pipeline drives the same
 * pieces itself, block by block). One core, two adapters, as csv-parse has sync and stream APIs
 * over one parser:
 * - the core: inspectStart and Normaliser (workbooks and empty files refused; encoding detected,
 *   byte-order mark, NUL bytes and CR-only line endings dealt with), readCsvHead (delimiter, title
 *   row, multi-line and duplicate header cells) and parseBlock (records with their physical lines);
 * - parseCsvBytes / parseCsvText: a small file held in memory, to a table;
 * - openCsv: a file of any size, as batches of records.
 * Both give the same header, records, line numbers and one-line InputErrors (`file:line: problem`).
 * Rows are given as in the file: a short row has fewer cells than the header, a long one more, and a
 * row whose cells are all empty is still a row (only blank lines are skipped, and counted).
 */
import { InputError } from '../../errors.js';
import { ENCODING_LABELS, type DetectedEncoding } from './encoding.js';
import { DELIMITER_NAMES, detectDelimiter, readHeader, type HeaderInfo } from './header.js';
import { EMPTY_FILE, Normaliser, SAMPLE_BYTES, inspectStart } from './normalise.js';
import { lastRecordBoundary, parseAll, parseBlock } from './parse.js';
import { Source } from './source.js';

/** How much of the start of the file the header is read from (as the analysis pipeline's header phase). */
export const HEAD_BYTES = 2 * 1024 * 1024;
/** Bytes of the start the delimiter is detected from. */
const DELIMITER_SAMPLE_BYTES = 64 * 1024;
/** A single record bigger than this means a quote was never closed (as in the pipeline). */
const MAX_RECORD_BYTES = 64 * 1024 * 1024;
const STREAM_CHUNK_BYTES = 1024 * 1024;

export const NO_DATA_ROWS = 'no data rows under the header: expected at least one row.';

export interface CsvHead {
  delimiter: string;
  header: HeaderInfo;
  /** Physical line (1-based) of the header record. */
  headerLine: number;
}

export interface CsvRecord {
  cells: string[];
  /** Physical line (1-based) where the record starts. */
  line: number;
}

/** What a reading found about the file, for notes and `--json`. */
export interface CsvFacts {
  encoding: DetectedEncoding;
  delimiter: string;
  nulBytesRemoved: number;
  blankLines: number;
}

export interface CsvTable {
  /** The file as messages name it. */
  file: string;
  /** Column names: one line each, unique, empty ones named (see readHeader). */
  header: string[];
  /** Data rows; `lines[i]` is the physical line where row i starts. */
  rows: string[][];
  lines: number[];
  headerLine: number;
  delimiter: string;
  encoding: DetectedEncoding;
  /** What was done to read the file (title row skipped, NUL bytes removed, ...): one line each. */
  notes: string[];
}

/**
 * Delimiter and header from the normalised (UTF-8) start of a file: `start` is its first HEAD_BYTES
 * or more, `ended` true when that is the whole file. The same rules as the analysis pipeline's head.
 */
export function readCsvHead(file: string, start: Buffer, ended: boolean): CsvHead {
  const partial = start.length > DELIMITER_SAMPLE_BYTES;
  let sample = start.subarray(0, DELIMITER_SAMPLE_BYTES).toString('utf8');
  if (partial) {
    // only whole lines, so a record cut in half does not vote
    const at = sample.lastIndexOf('\n');
    if (at > 0) sample = sample.slice(0, at + 1);
  }
  const delimiter = detectDelimiter(sample);
  const boundary = ended ? start.length : lastRecordBoundary(start, delimiter).end;
  const { records, lines } = parseAll(start.subarray(0, Math.max(0, boundary)).toString('utf8'), delimiter);
  const header = readHeader(records, lines);
  if (!header) throw new InputError(file, noHeaderProblem(ended));
  return { delimiter, header, headerLine: lines[header.headerRecords - 1] ?? 1 };
}

function noHeaderProblem(ended: boolean): string {
  return ended
    ? EMPTY_FILE
    : `no complete row in the first ${HEAD_BYTES / 1024 / 1024} MB: check the file for a stray double quote (").`;
}

/** The records after the header, checked: a quote never closed is an error at the line it opens on. */
class RecordTaker {
  private seen = 0;
  taken = 0;
  constructor(
    private readonly file: string,
    private readonly headerRecords: number,
    private readonly onRecord: (record: CsvRecord) => void,
  ) {}

  take = (cells: string[], line: number, unterminated: boolean): void => {
    if (this.seen++ < this.headerRecords) return;
    if (unterminated) {
      throw new InputError(`${this.file}:${line}`, 'a quoted cell starting on this line is never closed (missing "): check the file for a stray double quote.');
    }
    this.taken++;
    this.onRecord({ cells, line });
  };
}

function notesFor(head: CsvHead, facts: CsvFacts): string[] {
  const notes = [...head.header.notes];
  if (facts.nulBytesRemoved > 0) notes.push(`${facts.nulBytesRemoved} NUL byte${facts.nulBytesRemoved === 1 ? '' : 's'} removed`);
  if (facts.encoding.encoding !== 'utf-8') notes.push(`read as ${ENCODING_LABELS[facts.encoding.encoding]}: ${facts.encoding.reason}`);
  if (facts.delimiter !== ',') notes.push(`cells separated by ${DELIMITER_NAMES[facts.delimiter] ?? facts.delimiter}`);
  if (facts.blankLines > 0) notes.push(`${facts.blankLines} blank line${facts.blankLines === 1 ? '' : 's'} skipped`);
  return notes;
}

export interface TableOptions {
  /** A header with no rows under it is a table with no rows, not an error (a review file nobody has filled in). */
  allowNoRows?: boolean;
}

/** A whole CSV file's bytes (any supported encoding) to a table. Pure. */
export function parseCsvBytes(bytes: Uint8Array, file: string, options: TableOptions = {}): CsvTable {
  const encoding = inspectStart(file, bytes.subarray(0, SAMPLE_BYTES), bytes.length);
  const normaliser = new Normaliser(encoding);
  // a copy: the normaliser rewrites CR-only line endings in place
  const first = normaliser.push(Buffer.from(bytes));
  const rest = normaliser.end();
  const body = rest ? Buffer.concat([first, rest]) : first;
  const head = readCsvHead(file, body.subarray(0, HEAD_BYTES), body.length <= HEAD_BYTES);
  const rows: string[][] = [];
  const lines: number[] = [];
  const taker = new RecordTaker(file, head.header.headerRecords, (record) => {
    rows.push(record.cells);
    lines.push(record.line);
  });
  const outcome = parseBlock(body, head.delimiter, 1, taker.take);
  if (rows.length === 0 && !options.allowNoRows) throw new InputError(file, NO_DATA_ROWS);
  const facts: CsvFacts = { encoding, delimiter: head.delimiter, nulBytesRemoved: normaliser.nulBytesRemoved, blankLines: outcome.blankLines };
  return { file, header: head.header.columns, rows, lines, headerLine: head.headerLine, delimiter: head.delimiter, encoding, notes: notesFor(head, facts) };
}

/** CSV text already in memory (a test, a string) to a table, by the same rules as a file. */
export function parseCsvText(text: string, file: string, options: TableOptions = {}): CsvTable {
  return parseCsvBytes(Buffer.from(text, 'utf8'), file, options);
}

export interface CsvReader {
  file: string;
  head: CsvHead;
  encoding: DetectedEncoding;
  /** The data records in order, in batches; ends with an InputError when there are none. */
  batches(): AsyncGenerator<CsvRecord[]>;
  /** After the batches: what was done to read the file. */
  notes(): string[];
  close(): Promise<void>;
}

/**
 * Open a CSV file of any size for reading record by record. `name` is how messages call the file.
 * Memory stays near one chunk plus the longest record.
 */
export async function openCsv(path: string, options: { name?: string } = {}): Promise<CsvReader> {
  const file = options.name ?? path;
  const source = await Source.open(path, { hash: false, name: file });
  const chunks = source.chunks(STREAM_CHUNK_BYTES);
  let pending = Buffer.alloc(0);
  let ended = false;
  const more = async (): Promise<boolean> => {
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      return false;
    }
    // copied: the source reuses its buffer for the next chunk
    pending = Buffer.concat([pending, next.value]);
    return true;
  };
  let head: CsvHead;
  try {
    while (pending.length < HEAD_BYTES && (await more()));
    head = readCsvHead(file, pending, ended);
  } catch (error) {
    await source.close();
    throw error;
  }
  let blankLines = 0;
  const reader: CsvReader = {
    file,
    head,
    encoding: source.encoding,
    async *batches() {
      let line = 1;
      let batch: CsvRecord[] = [];
      const taker = new RecordTaker(file, head.header.headerRecords, (record) => batch.push(record));
      try {
        for (;;) {
          const end = ended ? pending.length : lastRecordBoundary(pending, head.delimiter).end;
          if (end > 0) {
            const outcome = parseBlock(pending.subarray(0, end), head.delimiter, line, taker.take);
            line += outcome.lines;
            blankLines += outcome.blankLines;
            pending = pending.subarray(end);
            if (batch.length > 0) {
              yield batch;
              batch = [];
            }
          }
          if (ended) break;
          if (pending.length > MAX_RECORD_BYTES) {
            throw new InputError(`${file}:${line}`, `a quoted cell starting on or after this line is not closed within ${MAX_RECORD_BYTES / 1024 / 1024} MB: check the file for a stray double quote (").`);
          }
          await more();
        }
        if (taker.taken === 0) throw new InputError(file, NO_DATA_ROWS);
      } finally {
        await source.close();
      }
    },
    notes: () => notesFor(head, { encoding: source.encoding, delimiter: head.delimiter, nulBytesRemoved: source.stats.nulBytesRemoved, blankLines }),
    close: () => source.close(),
  };
  return reader;
}

/** Every record of a file through the streaming reader, as a table (what parseCsvBytes gives for the same bytes). */
export async function readCsvStreamed(path: string, options: { name?: string } = {}): Promise<CsvTable> {
  const reader = await openCsv(path, options);
  const rows: string[][] = [];
  const lines: number[] = [];
  for await (const batch of reader.batches()) {
    for (const record of batch) {
      rows.push(record.cells);
      lines.push(record.line);
    }
  }
  const { head } = reader;
  return { file: reader.file, header: head.header.columns, rows, lines, headerLine: head.headerLine, delimiter: head.delimiter, encoding: reader.encoding, notes: reader.notes() };
}
