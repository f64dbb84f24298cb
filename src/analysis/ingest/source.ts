/**
 * Reading an input file as normalised UTF-8 byte chunks: encoding detected and transcoded,
 * byte-order mark removed, NUL bytes stripped (counted), CR-only line endings turned into LF.
 * The raw bytes are hashed (SHA-256) as they are read. Records are cut later, by quote parity.
 */
import { createHash, type Hash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { InputError } from '../../errors.js';
import { detectEncoding, workbookKind, type DetectedEncoding } from './encoding.js';

export const SAMPLE_BYTES = 64 * 1024;

export interface SourceStats {
  bytesRead: number;
  nulBytesRemoved: number;
}

export class Source {
  readonly stats: SourceStats = { bytesRead: 0, nulBytesRemoved: 0 };
  private readonly hash: Hash | undefined;
  private crOnly: boolean | undefined;
  private decoder: InstanceType<typeof TextDecoder> | undefined;

  private constructor(
    readonly path: string,
    readonly size: number,
    readonly encoding: DetectedEncoding,
    private readonly handle: FileHandle,
    hash: boolean,
  ) {
    if (encoding.encoding !== 'utf-8') this.decoder = new TextDecoder(encoding.encoding);
    this.hash = hash ? createHash('sha256') : undefined;
  }

  /**
   * Open a file and detect its encoding; rejects workbooks and empty files with one clear line.
   * `hash: false` skips the SHA-256 (a second reading of a file already hashed).
   */
  static async open(path: string, options: { hash?: boolean } = {}): Promise<Source> {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      const head = Buffer.alloc(Math.min(size, SAMPLE_BYTES));
      await handle.read(head, 0, head.length, 0);
      const workbook = workbookKind(head);
      if (workbook) throw new InputError(path, `this is an ${workbook}, not a CSV file: open it in Excel and save it as CSV (UTF-8), then analyse that file.`);
      if (head.every((byte) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0) || size === 0) {
        throw new InputError(path, 'the file is empty: export the consultation responses as CSV with a header row and at least one response.');
      }
      return new Source(path, size, detectEncoding(head), handle, options.hash !== false);
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
    return this.crOnly ? 'CR' : 'LF or CRLF';
  }

  /**
   * Normalised UTF-8 chunks of about `chunkSize` bytes (any split: records are cut later). A chunk
   * may share memory with the next one: it is valid until the next is asked for, so copy what you keep.
   */
  async *chunks(chunkSize: number): AsyncGenerator<Buffer> {
    let position = 0;
    let first = true;
    // one read buffer for the whole file: a fresh one per chunk keeps the garbage collector busy
    const buffer = Buffer.allocUnsafe(chunkSize);
    try {
      for (;;) {
        const { bytesRead } = await this.handle.read(buffer, 0, chunkSize, position);
        if (bytesRead === 0) break;
        position += bytesRead;
        this.stats.bytesRead = position;
        let raw: Buffer = buffer.subarray(0, bytesRead);
        this.hash?.update(raw);
        if (first && this.encoding.bomLength > 0) raw = raw.subarray(this.encoding.bomLength);
        let utf8: Buffer = this.decoder ? Buffer.from(this.decoder.decode(raw, { stream: true }), 'utf8') : raw;
        utf8 = this.stripNul(utf8);
        if (this.crOnly === undefined) this.crOnly = utf8.includes(0x0d) && !utf8.includes(0x0a);
        if (this.crOnly) for (let at = utf8.indexOf(0x0d); at >= 0; at = utf8.indexOf(0x0d, at + 1)) utf8[at] = 0x0a;
        first = false;
        yield utf8;
      }
      if (this.decoder) {
        const rest = this.decoder.decode();
        if (rest) yield Buffer.from(rest, 'utf8');
      }
    } finally {
      await this.close();
    }
  }

  private stripNul(bytes: Buffer): Buffer {
    let at = bytes.indexOf(0);
    if (at < 0) return bytes;
    const kept = Buffer.allocUnsafe(bytes.length);
    let length = 0;
    let from = 0;
    while (at >= 0) {
      length += bytes.copy(kept, length, from, at);
      this.stats.nulBytesRemoved++;
      from = at + 1;
      at = bytes.indexOf(0, from);
    }
    length += bytes.copy(kept, length, from);
    return kept.subarray(0, length);
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}
