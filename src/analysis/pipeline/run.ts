/**
 * The streaming driver: reads the file in chunks, reads the header and a sample, settles the
 * config, then cuts the rest into blocks of complete records (quote-parity aware) and hands them
 * to a processor (in-process or worker threads) with a bounded number in flight. Results are
 * merged and written in input order, so memory stays flat however many rows there are.
 */
import { availableParallelism } from 'node:os';
import { InputError } from '../../errors.js';
import type { AnalysisConfig } from '../config.js';
import { ENCODING_LABELS } from '../ingest/encoding.js';
import { detectDelimiter, readHeader, DELIMITER_NAMES, type HeaderInfo } from '../ingest/header.js';
import { lastRecordBoundary, parseAll } from '../ingest/parse.js';
import { Source } from '../ingest/source.js';
import { emptyAggregate, mergeAggregates, type Aggregate } from './aggregate.js';
import { compilePlan, type Plan } from './plan.js';
import { inProcess, workerPool, type ChunkProcessor } from './pool.js';
import type { ChunkResult, RejectedRow } from './rows.js';
import { SAMPLE_ROWS } from '../infer.js';

/** Files at least this big use worker threads by default; smaller ones start faster in-process. */
export const WORKER_THRESHOLD_BYTES = 8 * 1024 * 1024;
const HEADER_PHASE_BYTES = 2 * 1024 * 1024;
const MAX_BLOCK_BYTES = 4 * 1024 * 1024;
export const REJECTS_KEPT = 100;
/** A single record bigger than this means a quote was never closed. */
const MAX_RECORD_BYTES = 64 * 1024 * 1024;

export interface Sink {
  /** Called once the config is settled, before any rows. */
  begin(plan: Plan): void;
  /** Returns false when the writer wants the caller to wait for `drained()`. */
  responses(text: string): boolean;
  rejects(rows: RejectedRow[]): boolean;
  drained(): Promise<void>;
}

export interface RunOptions {
  file: string;
  /** Given the header and sampled rows, return the config (validated or inferred). */
  settleConfig: (header: string[], sample: string[][]) => AnalysisConfig;
  /** Worker threads; undefined = automatic (in-process for small files). 0 = in-process. */
  workers?: number;
  writeResponses: boolean;
  sink: Sink;
  onProgress?: (bytesRead: number, totalBytes: number, rows: number) => void;
}

export interface InputInfo {
  file: string;
  path: string;
  sha256: string;
  bytes: number;
  encoding: string;
  encodingReason: string;
  bom: boolean;
  delimiter: string;
  delimiterName: string;
  lineEndings: string;
  columns: string[];
  notes: string[];
}

export interface RunOutcome {
  input: InputInfo;
  config: AnalysisConfig;
  plan: Plan;
  aggregate: Aggregate;
  /** The first rejected rows, for the report's appendix (rejects.csv has all of them). */
  rejectsSample: RejectedRow[];
  workers: number;
  /** Blocks of records processed (for --debug). */
  blocks: number;
}

function countLineFeeds(bytes: Uint8Array, end = bytes.length): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, end);
  let count = 0;
  for (let at = buffer.indexOf(0x0a); at >= 0; at = buffer.indexOf(0x0a, at + 1)) count++;
  return count;
}

/** Byte offset just after the n-th line feed (0 for n = 0). */
function offsetAfterLineFeeds(bytes: Buffer, n: number): number {
  let at = -1;
  for (let i = 0; i < n; i++) {
    at = bytes.indexOf(0x0a, at + 1);
    if (at < 0) return bytes.length;
  }
  return at + 1;
}

export async function runAnalysis(options: RunOptions): Promise<RunOutcome> {
  const source = await Source.open(options.file);
  const cores = availableParallelism();
  const workerCount = options.workers ?? (source.size >= WORKER_THRESHOLD_BYTES ? cores : 0);
  // with workers, cut even a small file into several blocks so they all get work
  const blockBytes = workerCount > 0 ? Math.max(64 * 1024, Math.min(MAX_BLOCK_BYTES, Math.ceil(source.size / (workerCount * 4)))) : MAX_BLOCK_BYTES;
  const chunks = source.chunks(Math.min(blockBytes, HEADER_PHASE_BYTES));

  // 1. header phase: read until we have enough for the header and a sample
  const head = await readHead(options.file, chunks).catch(async (error: unknown) => {
    await source.close();
    throw error;
  });
  let pending = head.pending;
  const { ended, delimiter, header, sample } = head;
  const config = options.settleConfig(header.columns, sample);
  const plan = compilePlan(config, header.columns, delimiter, options.writeResponses);

  // 2. data phase
  options.sink.begin(plan);
  const processor: ChunkProcessor = workerCount > 0 ? workerPool(plan, workerCount) : inProcess(plan);
  const aggregate = emptyAggregate(plan.open.length);
  const rejectsSample: RejectedRow[] = [];
  const maxInFlight = Math.max(2, processor.workers * 2);
  const results = new Map<number, ChunkResult>();
  let nextToFlush = 0;
  let dispatched = 0;
  let inFlight = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  let needDrain = false;

  const flush = (): void => {
    for (let result = results.get(nextToFlush); result; result = results.get(nextToFlush)) {
      results.delete(nextToFlush);
      nextToFlush++;
      mergeAggregates(aggregate, result.aggregate);
      if (result.responses && !options.sink.responses(result.responses)) needDrain = true;
      if (result.rejects.length > 0) {
        if (!options.sink.rejects(result.rejects)) needDrain = true;
        for (const row of result.rejects) if (rejectsSample.length < REJECTS_KEPT) rejectsSample.push(row);
      }
      options.onProgress?.(source.stats.bytesRead, source.size, aggregate.read);
    }
  };
  const dispatch = (bytes: Uint8Array, firstLine: number): void => {
    const seq = dispatched++;
    inFlight++;
    processor.process(seq, bytes, firstLine).then(
      (result) => {
        inFlight--;
        results.set(seq, result);
        flush();
        wake?.();
      },
      (error: Error) => {
        inFlight--;
        failure ??= error;
        wake?.();
      },
    );
  };
  const waitFor = async (condition: () => boolean): Promise<void> => {
    while (!condition() && !failure) await new Promise<void>((resolve) => (wake = resolve));
    if (failure) throw failure;
  };

  try {
    const dataStart = offsetAfterLineFeeds(pending, header.dataLine - 1);
    pending = pending.subarray(Number.isFinite(header.dataLine) ? dataStart : pending.length);
    let line = header.dataLine;
    const feed = async (final: boolean): Promise<void> => {
      while (pending.length > 0) {
        const cut = final && pending.length <= blockBytes ? { end: pending.length } : lastRecordBoundary(pending.subarray(0, Math.min(pending.length, blockBytes)), delimiter);
        let end = cut.end;
        if (end <= 0) {
          // one record longer than a block: look further
          if (pending.length <= blockBytes) {
            if (!final) return;
            end = pending.length;
          } else {
            const wider = lastRecordBoundary(pending, delimiter).end;
            if (wider <= 0) {
              if (pending.length > MAX_RECORD_BYTES) {
                throw new InputError(`${options.file}:${line}`, `a quoted field starting on or after this line is not closed within ${MAX_RECORD_BYTES / 1024 / 1024} MB: check the file for a stray double quote (").`);
              }
              if (!final) return;
              end = pending.length;
            } else end = wider;
          }
        }
        if (!final && end === pending.length && pending.length < blockBytes) return; // wait for a fuller block
        await waitFor(() => inFlight < maxInFlight);
        if (needDrain) {
          needDrain = false;
          await options.sink.drained();
        }
        const block = pending.subarray(0, end);
        dispatch(block, line);
        line += countLineFeeds(block);
        pending = pending.subarray(end);
      }
    };
    if (!ended) {
      for await (const chunk of chunks) {
        pending = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
        await feed(false);
      }
    }
    await feed(true);
    await waitFor(() => inFlight === 0);
    flush();
  } finally {
    await processor.close();
    await source.close();
  }

  return {
    input: describeInput(source, delimiter, header, aggregate),
    config,
    plan,
    aggregate,
    rejectsSample,
    workers: processor.workers,
    blocks: dispatched,
  };
}

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
  const headBuffers: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < HEADER_PHASE_BYTES) {
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      break;
    }
    headBuffers.push(next.value);
    headBytes += next.value.length;
  }
  const pending: Buffer = Buffer.concat(headBuffers);
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

function describeInput(source: Source, delimiter: string, header: HeaderInfo, aggregate: Aggregate): InputInfo {
  const notes = [...header.notes];
  if (source.stats.nulBytesRemoved > 0) notes.push(`${source.stats.nulBytesRemoved} NUL byte${source.stats.nulBytesRemoved === 1 ? '' : 's'} removed`);
  if (source.encoding.encoding === 'windows-1252') notes.push(`read as Windows-1252: ${source.encoding.reason}`);
  if (aggregate.replacementCharacters > 0) notes.push(`${aggregate.replacementCharacters} invalid UTF-8 byte sequence${aggregate.replacementCharacters === 1 ? '' : 's'} replaced by U+FFFD`);
  if (aggregate.paddedShortRows > 0) notes.push(`${aggregate.paddedShortRows} row${aggregate.paddedShortRows === 1 ? ' has' : 's have'} fewer cells than the header: missing cells read as not answered`);
  if (aggregate.trimmedEmptyCells > 0) notes.push(`${aggregate.trimmedEmptyCells} empty cell${aggregate.trimmedEmptyCells === 1 ? '' : 's'} beyond the last column ignored`);
  if (aggregate.rejected > 0) notes.push(`${aggregate.rejected} row${aggregate.rejected === 1 ? '' : 's'} rejected: see rejects.csv`);
  if (aggregate.blankLines > 0) notes.push(`${aggregate.blankLines} blank line${aggregate.blankLines === 1 ? '' : 's'} skipped`);
  return {
    file: source.name,
    path: source.path,
    sha256: source.sha256,
    bytes: source.size,
    encoding: ENCODING_LABELS[source.encoding.encoding],
    encodingReason: source.encoding.reason,
    bom: source.encoding.bomLength > 0,
    delimiter,
    delimiterName: DELIMITER_NAMES[delimiter] ?? delimiter,
    lineEndings: source.lineEndings,
    columns: header.columns,
    notes,
  };
}
