/**
 * Chunk processors: in-process (small files, tests) or a pool of worker threads. Both take blocks
 * of complete records and return the same ChunkResult, so results are identical either way.
 */
import { Worker } from 'node:worker_threads';
import { processChunk, type ChunkResult } from './rows.js';
import type { Plan } from './plan.js';

export interface ChunkProcessor {
  readonly workers: number;
  process(seq: number, bytes: Uint8Array, firstLine: number): Promise<ChunkResult>;
  close(): Promise<void>;
}

export function inProcess(plan: Plan): ChunkProcessor {
  return {
    workers: 0,
    process: async (_seq, bytes, firstLine) => processChunk(bytes, firstLine, plan),
    close: async () => undefined,
  };
}

interface Pending {
  resolve: (result: ChunkResult) => void;
  reject: (error: Error) => void;
}

export function workerPool(plan: Plan, size: number): ChunkProcessor {
  const url = new URL('./worker.js', import.meta.url);
  const pending = new Map<number, Pending>();
  const busy: number[] = [];
  const workers = Array.from({ length: size }, (_, index) => {
    const worker = new Worker(url, { workerData: { plan } });
    busy.push(0);
    worker.on('message', (message: { seq: number; result?: ChunkResult; error?: string }) => {
      busy[index] = (busy[index] ?? 1) - 1;
      const waiting = pending.get(message.seq);
      pending.delete(message.seq);
      if (!waiting) return;
      if (message.error !== undefined) waiting.reject(new Error(`worker failed: ${message.error}`));
      else waiting.resolve(message.result as ChunkResult);
    });
    worker.on('error', (error) => {
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    });
    return worker;
  });
  return {
    workers: size,
    process(seq, bytes, firstLine) {
      // the least busy worker takes the block; its memory is transferred, not copied
      let target = 0;
      for (let i = 1; i < workers.length; i++) if ((busy[i] ?? 0) < (busy[target] ?? 0)) target = i;
      busy[target] = (busy[target] ?? 0) + 1;
      return new Promise<ChunkResult>((resolve, reject) => {
        pending.set(seq, { resolve, reject });
        const copy = new Uint8Array(bytes.byteLength);
        copy.set(bytes);
        workers[target]?.postMessage({ seq, bytes: copy, firstLine }, [copy.buffer]);
      });
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
