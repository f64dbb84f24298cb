/**
 * Reading an input file as normalised UTF-8 byte chunks (see normalise.ts: encoding detected and
 * transcoded, byte-order mark removed, NUL bytes stripped and counted, CR-only line endings turned
 * into LF). The raw bytes are hashed (SHA-256) as they are read. Records are cut later, by quote parity.
 */
import { createHash, type Hash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import type { DetectedEncoding } from './encoding.js';
import { Normaliser, SAMPLE_BYTES, inspectStart } from './normalise.js';

export { SAMPLE_BYTES };

export interface SourceStats {
  bytesRead: number;
  nulBytesRemoved: number;
}

export class Source {
  readonly stats: SourceStats = { bytesRead: 0, nulBytesRemoved: 0 };
  private readonly hash: Hash | undefined;
  private readonly normaliser: Normaliser;

  private constructor(
    readonly path: string,
    readonly size: number,
    readonly encoding: DetectedEncoding,
    private readonly handle: FileHandle,
    hash: boolean,
  ) {
    this.normaliser = new Normaliser(encoding);
    this.hash = hash ? createHash('sha256') : undefined;
  }

  /**
   * Open a file and detect its encoding; rejects workbooks and empty files with one clear line.
   * `hash: false` skips the SHA-256 (a second reading of a file already hashed). `name` is how
   * messages call the file (the path by default).
   */
  static async open(path: string, options: { hash?: boolean; name?: string } = {}): Promise<Source> {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      const head = Buffer.alloc(Math.min(size, SAMPLE_BYTES));
      await handle.read(head, 0, head.length, 0);
      return new Source(path, size, inspectStart(options.name ?? path, head, size), handle, options.hash !== false);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  get name(): string {
    return basename(this.path);
  }

  get sha256(): string {
    return this.hash ? this.hash.copy().digest('hex') : '';
  }

  get lineEndings(): string {
    return this.normaliser.crOnly ? 'CR' : 'LF or CRLF';
  }

  /**
   * Normalised UTF-8 chunks of about `chunkSize` bytes (any split: records are cut later). A chunk
   * may share memory with the next one: it is valid until the next is asked for, so copy what you keep.
   */
  async *chunks(chunkSize: number): AsyncGenerator<Buffer> {
    let position = 0;
    // one read buffer for the whole file: a fresh one per chunk keeps the garbage collector busy
    const buffer = Buffer.allocUnsafe(chunkSize);
    try {
      for (;;) {
        const { bytesRead } = await this.handle.read(buffer, 0, chunkSize, position);
        if (bytesRead === 0) break;
        position += bytesRead;
        this.stats.bytesRead = position;
        const raw: Buffer = buffer.subarray(0, bytesRead);
        this.hash?.update(raw);
        const utf8 = this.normaliser.push(raw);
        this.stats.nulBytesRemoved = this.normaliser.nulBytesRemoved;
        yield utf8;
      }
      const rest = this.normaliser.end();
      if (rest) yield rest;
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}
