/**
 * CSV lines written into a growing UTF-8 buffer (one per block in a worker), so that the answers
 * copied into responses.csv are never joined into one large string and encoded again. Cells follow
 * `csvCell`: a text cell starting with = + - @ tab or CR gets a leading ' so spreadsheets do not run
 * it as a formula, and cells with a comma, quote or line break are quoted. Each line is built as a
 * string and written to the buffer once.
 */
const NEEDS_QUOTES = /[",\r\n]/;

export class CsvWriter {
  private buffer: Buffer;
  private length = 0;
  private line = '';
  private cells = 0;

  constructor(capacity = 1 << 20) {
    this.buffer = Buffer.allocUnsafe(capacity);
  }

  /** A text cell, made Excel-safe and quoted when needed. */
  text(value: string): void {
    let cell = value;
    if (cell.length > 0) {
      const first = cell.charCodeAt(0);
      if (first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13) cell = `'${cell}`;
      if (NEEDS_QUOTES.test(cell)) cell = `"${cell.includes('"') ? cell.replace(/"/g, '""') : cell}"`;
    }
    this.line = this.cells++ === 0 ? cell : `${this.line},${cell}`;
  }

  /** A cell that needs no quoting (numbers, ids of the tool's own making). */
  plain(value: string | number): void {
    this.line = this.cells++ === 0 ? `${value}` : `${this.line},${value}`;
  }

  /** Empty cells. */
  empty(count = 1): void {
    for (let i = 0; i < count; i++) this.plain('');
  }

  endLine(): void {
    const line = `${this.line}\n`;
    // UTF-8 needs at most 3 bytes per UTF-16 unit
    const most = line.length * 3;
    if (this.length + most > this.buffer.length) {
      let size = this.buffer.length * 2;
      while (size < this.length + most) size *= 2;
      const bigger = Buffer.allocUnsafe(size);
      this.buffer.copy(bigger, 0, 0, this.length);
      this.buffer = bigger;
    }
    this.length += this.buffer.write(line, this.length, 'utf8');
    this.line = '';
    this.cells = 0;
  }

  /**
   * The lines written, in pieces of at most `pieceBytes` bytes, each in a buffer of its own
   * (transferable); none when nothing was written. Pieces below the system allocator's mmap threshold
   * (128 KB) are reused by it, whereas a fresh half-megabyte buffer per block made the process keep
   * ever more memory. The writer is then empty and reusable.
   */
  takePieces(pieceBytes = 64 * 1024): Uint8Array<ArrayBuffer>[] {
    const pieces: Uint8Array<ArrayBuffer>[] = [];
    for (let at = 0; at < this.length; at += pieceBytes) {
      const end = Math.min(this.length, at + pieceBytes);
      const piece = new Uint8Array(end - at);
      piece.set(this.buffer.subarray(at, end));
      pieces.push(piece);
    }
    this.reset();
    return pieces;
  }

  /** Forget anything written (the buffer is kept). */
  reset(): this {
    this.length = 0;
    this.line = '';
    this.cells = 0;
    return this;
  }
}
