/**
 * Chunk processors: in-process (small files, tests) or a pool of worker threads. Both take blocks
 * of complete records and return the same results, so outputs are identical either way.
 */
import { Worker } from 'node:worker_threads';
import { similarPairs, type GroupingInput } from '../campaigns/detector.js';
import { createContext, processChunk, signChunk, type CampaignRoles, type ChunkResult, type RowContext, type SignedChunk } from './rows.js';
import { SpillReader, SpillWriter, type SpilledRecords } from './spill.js';
import { hasThemes, type Plan } from './plan.js';

export interface ChunkProcessor {
  readonly workers: number;
  /**
   * First pass: campaign signatures of a block (`pieceEnds`: where to cut it for parsing, see
   * parseBlock); its answer records are spilled to a file in `spillDir` by the thread that signs it.
   */
  sign(seq: number, bytes: Uint8Array, firstLine: number, pieceEnds: Int32Array | null, spillDir: string): Promise<SignedBlock>;
  /** Near-duplicate pairs in bands [from, to) of the campaign grouping input (shared memory). */
  group(seq: number, input: GroupingInput, from: number, to: number): Promise<GroupedPairs>;
  /** Before the analysis pass: campaign roles (shared, not copied) and the review template sample. */
  setup(roles: CampaignRoles | null, reviewSample: number, quotesTaken: Uint8Array | null): void;
  /** The analysis of a block; `records` locate its answers' sentiment and codes from the first pass, when there was one. */
  process(seq: number, bytes: Uint8Array, firstLine: number, firstRow: number, records: SpilledRecords | null, pieceEnds?: Int32Array | null): Promise<ChunkResult>;
  close(): Promise<void>;
}

/** A block's campaign signatures, and where its answer records were spilled. */
export interface SignedBlock extends Omit<SignedChunk, 'scores' | 'codes'> {
  records: SpilledRecords;
}

export interface GroupedPairs {
  pairs: Int32Array<ArrayBuffer>;
  verified: number;
}

export type WorkerRequest =
  | { kind: 'sign'; seq: number; bytes: Uint8Array; firstLine: number; pieceEnds: Int32Array | null; spillDir: string }
  | { kind: 'group'; seq: number; input: GroupingInput; from: number; to: number }
  | { kind: 'setup'; roles: CampaignRoles | null; reviewSample: number; quotesTaken: Uint8Array | null }
  | { kind: 'analyse'; seq: number; bytes: Uint8Array; firstLine: number; firstRow: number; records: SpilledRecords | null; pieceEnds: Int32Array | null };

export type WorkerReply = {
  seq: number;
  signed?: SignedBlock;
  grouped?: GroupedPairs;
  result?: ChunkResult;
  error?: string;
  /** The block's buffer, handed back for the next block (see `send`). */
  spent?: ArrayBuffer;
};

/** Sign a block and spill its answer records (the same in a worker thread and in-process). */
export function signAndSpill(bytes: Uint8Array, firstLine: number, context: RowContext, pieceEnds: Int32Array | null, spillDir: string, writer: SpillWriter): SignedBlock {
  const { scores, codes, ...signed } = signChunk(bytes, firstLine, context, pieceEnds);
  return { ...signed, records: writer.append(spillDir, { scores, codes }) };
}

export function inProcess(plan: Plan): ChunkProcessor {
  let context: RowContext = createContext(plan);
  const spiller = new SpillWriter();
  const spilled = new SpillReader();
  return {
    workers: 0,
    sign: async (_seq, bytes, firstLine, pieceEnds, spillDir) => signAndSpill(bytes, firstLine, context, pieceEnds, spillDir, spiller),
    group: async (_seq, input, from, to) => similarPairs(input, from, to),
    setup(roles, reviewSample, quotesTaken) {
      context = createContext({ ...plan, reviewSample }, roles, quotesTaken);
    },
    process: async (_seq, bytes, firstLine, firstRow, records, pieceEnds) => processChunk(bytes, firstLine, context, firstRow, records ? spilled.read(records) : null, pieceEnds),
    close: async () => undefined,
  };
}

interface Pending {
  resolve: (reply: WorkerReply) => void;
  reject: (error: Error) => void;
}

/**
 * The most bytes run.ts puts in one block (unless a single record is longer): block buffers of this
 * size carry nearly every block.
 */
export const MAX_BLOCK_BYTES = 2 * 1024 * 1024;

export function workerPool(plan: Plan, size: number): ChunkProcessor {
  const url = new URL('./worker.js', import.meta.url);
  const pending = new Map<number, Pending>();
  const busy: number[] = [];
  /**
   * Block buffers go to a worker and come back with its reply, to carry the next block: a new
   * buffer of megabytes per block made the system allocator keep ever more memory (peak RSS grew
   * with the length of the file although nothing else did).
   */
  const spare: ArrayBuffer[] = [];
  // Theme coding makes many short-lived objects per answer: a bigger young generation collects them
  // far less often (measured about 10% faster on the bench for 40 MB more); otherwise keep it small.
  const youngMb = hasThemes(plan) ? 48 : 16;
  const workers = Array.from({ length: size }, (_, index) => {
    const worker = new Worker(url, { workerData: { plan }, resourceLimits: { maxYoungGenerationSizeMb: youngMb, maxOldGenerationSizeMb: 128 } });
    busy.push(0);
    worker.on('message', (message: WorkerReply) => {
      busy[index] = (busy[index] ?? 1) - 1;
      if (message.spent) spare.push(message.spent);
      const waiting = pending.get(message.seq);
      pending.delete(message.seq);
      if (!waiting) return;
      if (message.error !== undefined) waiting.reject(new Error(`worker failed: ${message.error}`));
      else waiting.resolve(message);
    });
    worker.on('error', (error) => {
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    });
    return worker;
  });
  const send = (seq: number, request: WorkerRequest): Promise<WorkerReply> => {
    // the least busy worker takes the work; a block's memory is transferred, not copied
    let target = 0;
    for (let i = 1; i < workers.length; i++) if ((busy[i] ?? 0) < (busy[target] ?? 0)) target = i;
    busy[target] = (busy[target] ?? 0) + 1;
    return new Promise<WorkerReply>((resolve, reject) => {
      pending.set(seq, { resolve, reject });
      if ('bytes' in request) {
        const length = request.bytes.byteLength;
        let buffer = spare.pop();
        // at least a full block, so a buffer fits any later block (a bigger one replaces it)
        if (!buffer || buffer.byteLength < length) buffer = new ArrayBuffer(Math.max(length, MAX_BLOCK_BYTES));
        const copy = new Uint8Array(buffer, 0, length);
        copy.set(request.bytes);
        workers[target]?.postMessage({ ...request, bytes: copy }, [buffer]);
      } else workers[target]?.postMessage(request);
    });
  };
  return {
    workers: size,
    sign: async (seq, bytes, firstLine, pieceEnds, spillDir) => (await send(seq, { kind: 'sign', seq, bytes, firstLine, pieceEnds, spillDir })).signed as SignedBlock,
    group: async (seq, input, from, to) => (await send(seq, { kind: 'group', seq, input, from, to })).grouped as GroupedPairs,
    setup(roles, reviewSample, quotesTaken) {
      for (const worker of workers) worker.postMessage({ kind: 'setup', roles, reviewSample, quotesTaken } satisfies WorkerRequest);
    },
    process: async (seq, bytes, firstLine, firstRow, records, pieceEnds) => (await send(seq, { kind: 'analyse', seq, bytes, firstLine, firstRow, records, pieceEnds: pieceEnds ?? null })).result as ChunkResult,
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
