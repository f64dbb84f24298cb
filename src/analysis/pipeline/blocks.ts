/**
 * Block cutting: the data rows after the header, streamed as blocks of complete records (quote-parity
 * aware, see lastRecordBoundary) with a bounded number in flight, and their results handed back in
 * input order. A second pass can be given the first pass's cuts to cut exactly the same blocks.
 */
import { InputError } from '../../errors.js';
import { PIECE_BYTES, lastRecordBoundary } from '../ingest/parse.js';
import { ByteQueue } from './byte-queue.js';
import type { Head } from './head.js';

/** A single record bigger than this means a quote was never closed. */
const MAX_RECORD_BYTES = 64 * 1024 * 1024;

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

export interface PassOptions<T> {
  file: string;
  head: Head;
  chunks: AsyncGenerator<Buffer>;
  blockBytes: number;
  maxInFlight: number;
  /** The blocks of an earlier pass, to cut the same blocks again; undefined to cut by records. */
  cuts?: BlockCut[];
  dispatch: (seq: number, bytes: Uint8Array, firstLine: number, pieceEnds: Int32Array | null) => Promise<T>;
  /** Called in input order, with the block's cut; return false when the writer wants a wait for `drained`. */
  onResult: (result: T, seq: number, block: BlockCut) => boolean;
  drained?: () => Promise<void>;
}

/** One block: its length in bytes, the line feeds in it and where parseBlock may cut it (null: it looks itself). */
export interface BlockCut {
  bytes: number;
  lineFeeds: number;
  pieceEnds: Int32Array | null;
}

/** Stream the data rows after the header as blocks, with bounded work in flight; results in order. */
export async function runPass<T>(options: PassOptions<T>): Promise<number> {
  const { head, blockBytes, cuts } = options;
  const { delimiter, header } = head;
  const results = new Map<number, T>();
  const blocks: BlockCut[] = [];
  let nextToFlush = 0;
  let dispatched = 0;
  let inFlight = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  let needDrain = false;

  const flush = (): void => {
    for (let result = results.get(nextToFlush); result !== undefined; result = results.get(nextToFlush)) {
      results.delete(nextToFlush);
      if (!options.onResult(result, nextToFlush, blocks[nextToFlush]!)) needDrain = true;
      nextToFlush++;
    }
  };
  const dispatch = (bytes: Uint8Array, firstLine: number, cut: BlockCut): void => {
    const seq = dispatched++;
    blocks[seq] = cut;
    inFlight++;
    options.dispatch(seq, bytes, firstLine, cut.pieceEnds).then(
      (result) => {
        inFlight--;
        results.set(seq, result);
        try {
          flush();
        } catch (error) {
          failure ??= error as Error;
        }
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

  // Unconsumed bytes live in one reusable buffer (blocks are copied out when dispatched), so reading
  // a file allocates no new memory per chunk beyond the blocks sent to the workers.
  const queue = new ByteQueue(head.pending);
  const dataStart = offsetAfterLineFeeds(head.pending, header.dataLine - 1);
  queue.consume(Number.isFinite(header.dataLine) ? dataStart : head.pending.length);
  let pending = queue.view();
  let line = header.dataLine;
  /** The next block to dispatch, or null to wait for more bytes. */
  const nextCut = (final: boolean): BlockCut | null => {
    if (cuts) {
      const want = cuts[dispatched];
      if (want === undefined) {
        if (pending.length > 0 && final) throw new InputError(options.file, 'the file changed while it was being analysed (it grew): run the analysis again once it is complete.');
        return null;
      }
      if (pending.length >= want.bytes) return want;
      if (final) throw new InputError(options.file, 'the file changed while it was being analysed (it shrank): run the analysis again once it is complete.');
      return null;
    }
    if (final && pending.length <= blockBytes) return { bytes: pending.length, lineFeeds: countLineFeeds(pending), pieceEnds: null };
    const cut = lastRecordBoundary(pending.subarray(0, Math.min(pending.length, blockBytes)), delimiter, PIECE_BYTES);
    if (cut.end > 0) {
      if (!final && cut.end === pending.length && pending.length < blockBytes) return null; // wait for a fuller block
      return { bytes: cut.end, lineFeeds: cut.lineFeeds, pieceEnds: cut.pieceEnds };
    }
    // one record longer than a block: look further
    if (pending.length > blockBytes) {
      const wider = lastRecordBoundary(pending, delimiter, PIECE_BYTES);
      if (wider.end > 0) return { bytes: wider.end, lineFeeds: wider.lineFeeds, pieceEnds: wider.pieceEnds };
      if (pending.length > MAX_RECORD_BYTES) {
        throw new InputError(`${options.file}:${line}`, `a quoted field starting on or after this line is not closed within ${MAX_RECORD_BYTES / 1024 / 1024} MB: check the file for a stray double quote (").`);
      }
    }
    return final ? { bytes: pending.length, lineFeeds: countLineFeeds(pending), pieceEnds: null } : null;
  };
  const feed = async (final: boolean): Promise<void> => {
    while (pending.length > 0) {
      const cut = nextCut(final);
      if (!cut) return;
      await waitFor(() => inFlight < options.maxInFlight);
      if (needDrain) {
        needDrain = false;
        await options.drained?.();
      }
      dispatch(pending.subarray(0, cut.bytes), line, cut);
      line += cut.lineFeeds;
      queue.consume(cut.bytes);
      pending = queue.view();
    }
  };
  if (!head.ended) {
    for await (const chunk of options.chunks) {
      queue.append(chunk);
      pending = queue.view();
      await feed(false);
    }
  }
  await feed(true);
  if (cuts && dispatched !== cuts.length) throw new InputError(options.file, 'the file changed while it was being analysed (it shrank): run the analysis again once it is complete.');
  await waitFor(() => inFlight === 0);
  flush();
  if (failure) throw failure;
  return dispatched;
}
