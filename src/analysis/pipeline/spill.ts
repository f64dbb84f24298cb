/**
 * The first pass's answer records (sentiment and rule codes: about 130 bytes a row with the example's
 * dense codeframe) wait for the analysis pass in a temporary file rather than in memory, so memory
 * stays flat however many rows there are. They hold numbers only: no response text is written.
 *
 * Each thread that signs blocks appends their records to a file of its own in one temporary
 * directory (SpillWriter) and says where they are; in the analysis pass the thread given a block
 * reads its records (SpillReader) into buffers it reuses. No records cross between threads and the
 * main thread allocates nothing for them: array buffers passed to it per block made V8 collect its
 * heap far more often.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { AnswerRecords } from './rows.js';

/** Where one block's records are in the spill file: byte offset, then so many scores and codes. */
export interface SpilledRecords {
  path: string;
  at: number;
  scores: number;
  codes: number;
}

/** The temporary directory the records of one run go to; removed with everything in it by close(). */
export class SpillDirectory {
  readonly path = mkdtempSync(join(tmpdir(), 'ptk-answer-records-'));

  close(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

/**
 * Appends one thread's blocks of records to its own file in a spill directory. The file is opened
 * for each block and closed again (a few microseconds): file descriptors belong to the process, so
 * one left open by a worker thread would outlive it, and would stop the directory being removed on
 * some systems.
 */
export class SpillWriter {
  private static made = 0;
  /** A name no other writer uses: the thread and this writer's number in it. */
  private readonly name = `answers-${threadId}-${SpillWriter.made++}.bin`;
  private path = '';
  private position = 0;

  append(dir: string, records: AnswerRecords): SpilledRecords {
    const path = join(dir, this.name);
    if (path !== this.path) {
      this.path = path;
      this.position = 0;
    }
    const at = this.position;
    const fd = openSync(path, at === 0 ? 'w' : 'r+');
    try {
      for (const array of [records.scores, records.codes]) {
        const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
        for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, this.position + done);
        this.position += bytes.length;
      }
    } finally {
      closeSync(fd);
    }
    return { path, at, scores: records.scores.length, codes: records.codes.length };
  }
}

/** Reads spilled records into two growing buffers, reused for every block (each file opened per read, as above). */
export class SpillReader {
  private scores = new Float64Array(0);
  private codes = new Int32Array(0);

  /** A block's records, valid until the next read. */
  read(where: SpilledRecords): AnswerRecords {
    if (this.scores.length < where.scores) this.scores = new Float64Array(Math.max(where.scores, 2 * this.scores.length));
    if (this.codes.length < where.codes) this.codes = new Int32Array(Math.max(where.codes, 2 * this.codes.length));
    const scores = this.scores.subarray(0, where.scores);
    const codes = this.codes.subarray(0, where.codes);
    const fd = openSync(where.path, 'r');
    try {
      let at = where.at;
      for (const array of [scores, codes]) {
        const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
        for (let done = 0; done < bytes.length; ) {
          const got = readSync(fd, bytes, done, bytes.length - done, at + done);
          if (got <= 0) throw new Error('the answer records file ended early');
          done += got;
        }
        at += bytes.length;
      }
    } finally {
      closeSync(fd);
    }
    return { scores, codes };
  }
}
