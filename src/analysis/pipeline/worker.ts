/** Worker thread: analyses blocks of complete records sent by the main thread (see pool.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { processChunk } from './rows.js';
import type { Plan } from './plan.js';

const plan = (workerData as { plan: Plan }).plan;

parentPort?.on('message', (message: { seq: number; bytes: Uint8Array; firstLine: number }) => {
  try {
    const result = processChunk(message.bytes, message.firstLine, plan);
    parentPort?.postMessage({ seq: message.seq, result });
  } catch (error) {
    parentPort?.postMessage({ seq: message.seq, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
