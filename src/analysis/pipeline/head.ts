/** The start of the file: its delimiter, header rows and a sample of data rows (read before any block is cut). */
import { InputError } from '../../errors.js';
import { detectDelimiter, readHeader, type HeaderInfo } from '../ingest/header.js';
import { lastRecordBoundary, parseAll } from '../ingest/parse.js';
import { Source } from '../ingest/source.js';
import { SAMPLE_ROWS } from '../infer.js';
import { ByteQueue } from './byte-queue.js';

/** Bytes read for the header and sample (and the largest chunk read while doing so). */
export const HEADER_PHASE_BYTES = 2 * 1024 * 1024;

export interface Head {
  pending: Buffer;
  ended: boolean;
  delimiter: string;
  header: HeaderInfo;
  sample: string[][];
  parsed: ReturnType<typeof parseAll>;
}

/** Read the start of the file: delimiter, header and up to SAMPLE_ROWS sampled rows. */
export async function readHead(file: string, chunks: AsyncGenerator<Buffer>): Promise<Head> {
  // copied in: the source reuses its buffer for the next chunk
  const queue = new ByteQueue(Buffer.alloc(0), 2 * HEADER_PHASE_BYTES); // chunks are at most HEADER_PHASE_BYTES
  let ended = false;
  while (queue.view().length < HEADER_PHASE_BYTES) {
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      break;
    }
    queue.append(next.value);
  }
  const pending = queue.view();
  const delimiterSample = pending.subarray(0, 64 * 1024).toString('utf8');
  const delimiter = detectDelimiter(cutAtLastLineFeed(delimiterSample, pending.length > 64 * 1024));
  const boundary = ended ? pending.length : lastRecordBoundary(pending, delimiter).end;
  const headText = pending.subarray(0, Math.max(0, boundary)).toString('utf8');
  const parsed = parseAll(headText, delimiter);
  const header = readHeader(parsed.records, parsed.lines);
  if (!header) throw new InputError(file, 'the file has no rows: export the consultation responses as CSV with a header row.');
  if (parsed.records.length <= header.headerRecords) {
    throw new InputError(file, `has a header row (${header.columns.length} columns) but no responses: check the export includes the response rows.`);
  }
  const sample = parsed.records.slice(header.headerRecords, header.headerRecords + SAMPLE_ROWS);
  return { pending, ended, delimiter, header, sample, parsed };
}

/** Header and sample only (for `ptk analyse init`). */
export async function sampleFile(file: string): Promise<Head & { source: Source }> {
  const source = await Source.open(file);
  try {
    const head = await readHead(file, source.chunks(HEADER_PHASE_BYTES));
    return { ...head, source };
  } finally {
    await source.close();
  }
}

function cutAtLastLineFeed(text: string, partial: boolean): string {
  if (!partial) return text;
  const at = text.lastIndexOf('\n');
  return at > 0 ? text.slice(0, at + 1) : text;
}

/** Rows in the file, estimated from the sampled rows' bytes (for the review template sample). */
export function estimateRows(head: Head, size: number): number {
  const sampled = head.sample.length;
  if (head.ended || sampled === 0) return sampled;
  const sampleBytes = head.sample.reduce((sum, row) => sum + row.reduce((s, cell) => s + cell.length + 1, 0), 0);
  return Math.ceil((size / Math.max(1, sampleBytes)) * sampled);
}
