/**
 * The byte-level half of reading a CSV, shared by the streaming and small-file readers: refusing
 * workbooks and empty files, then turning raw bytes in the detected encoding into UTF-8 with the
 * byte-order mark removed, NUL bytes stripped (counted) and CR-only line endings turned into LF.
 */
import { InputError } from '../../errors.js';
import { detectEncoding, workbookKind, type DetectedEncoding } from './encoding.js';

/** Bytes of the file's start that encoding detection and the empty-file check look at. */
export const SAMPLE_BYTES = 64 * 1024;

export const EMPTY_FILE = 'the file is empty: expected a header row and at least one data row.';

/**
 * Check the first bytes of a file (`head`, at most SAMPLE_BYTES) and detect its encoding; a workbook
 * or an empty file is an InputError naming `file`.
 */
export function inspectStart(file: string, head: Uint8Array, size: number): DetectedEncoding {
  const workbook = workbookKind(head);
  if (workbook) throw new InputError(file, `this is an ${workbook}, not a CSV file: open it in Excel and save it as CSV (UTF-8), then use that file.`);
  if (size === 0 || head.every((byte) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0)) throw new InputError(file, EMPTY_FILE);
  return detectEncoding(head);
}

/** Raw bytes in, normalised UTF-8 out, chunk by chunk (any split). */
export class Normaliser {
  nulBytesRemoved = 0;
  /** Decided on the first chunk: CR line endings and no LF at all. */
  crOnly: boolean | undefined;
  private first = true;
  private readonly decoder: InstanceType<typeof TextDecoder> | undefined;

  constructor(readonly encoding: DetectedEncoding) {
    if (encoding.encoding !== 'utf-8') this.decoder = new TextDecoder(encoding.encoding);
  }

  /** The next chunk as UTF-8. It may share memory with `raw`, and CR-only endings are changed in place. */
  push(raw: Buffer): Buffer {
    if (this.first && this.encoding.bomLength > 0) raw = raw.subarray(this.encoding.bomLength);
    let utf8: Buffer = this.decoder ? Buffer.from(this.decoder.decode(raw, { stream: true }), 'utf8') : raw;
    utf8 = this.stripNul(utf8);
    if (this.crOnly === undefined) this.crOnly = utf8.includes(0x0d) && !utf8.includes(0x0a);
    if (this.crOnly) for (let at = utf8.indexOf(0x0d); at >= 0; at = utf8.indexOf(0x0d, at + 1)) utf8[at] = 0x0a;
    this.first = false;
    return utf8;
  }

  /** What the decoder still holds at the end of the file (an incomplete UTF-16 unit), if anything. */
  end(): Buffer | undefined {
    if (!this.decoder) return undefined;
    const rest = this.decoder.decode();
    return rest ? Buffer.from(rest, 'utf8') : undefined;
  }

  private stripNul(bytes: Buffer): Buffer {
    let at = bytes.indexOf(0);
    if (at < 0) return bytes;
    const kept = Buffer.allocUnsafe(bytes.length);
    let length = 0;
    let from = 0;
    while (at >= 0) {
      length += bytes.copy(kept, length, from, at);
      this.nulBytesRemoved++;
      from = at + 1;
      at = bytes.indexOf(0, from);
    }
    length += bytes.copy(kept, length, from);
    return kept.subarray(0, length);
  }
}
