/** Worker thread: signs or analyses blocks of complete records sent by the main thread (see pool.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { similarPairs } from '../campaigns/detector.js';
import { createContext, processChunk, type RowContext } from './rows.js';
import type { Plan } from './plan.js';
import { SpillReader, SpillWriter } from './spill.js';
import { signAndSpill, type WorkerReply, type WorkerRequest } from './pool.js';

const plan = (workerData as { plan: Plan }).plan;
let context: RowContext | undefined;
const spiller = new SpillWriter();
const spilled = new SpillReader();

parentPort?.on('message', (message: WorkerRequest) => {
  if (message.kind === 'setup') {
    context = createContext({ ...plan, reviewSample: message.reviewSample }, message.roles, message.quotesTaken);
    return;
  }
  try {
    if (message.kind === 'sign') {
      context ??= createContext(plan);
      const signed = signAndSpill(message.bytes, message.firstLine, context, message.pieceEnds, message.spillDir, spiller);
      const spent = message.bytes.buffer as ArrayBuffer;
      const transfer = [signed.rowIndex.buffer, signed.signatures.buffer, spent];
      parentPort?.postMessage({ seq: message.seq, signed, spent } satisfies WorkerReply, transfer);
    } else if (message.kind === 'group') {
      const grouped = similarPairs(message.input, message.from, message.to);
      parentPort?.postMessage({ seq: message.seq, grouped } satisfies WorkerReply, [grouped.pairs.buffer]);
    } else {
      context ??= createContext(plan);
      const result = processChunk(message.bytes, message.firstLine, context, message.firstRow, message.records ? spilled.read(message.records) : null, message.pieceEnds);
      const spent = message.bytes.buffer as ArrayBuffer;
      const transfer: ArrayBuffer[] = [spent];
      for (const piece of [...result.responses, ...result.reviewLines]) transfer.push(piece.buffer);
      parentPort?.postMessage({ seq: message.seq, result, spent } satisfies WorkerReply, transfer);
    }
  } catch (error) {
    parentPort?.postMessage({ seq: message.seq, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerReply);
  }
});
