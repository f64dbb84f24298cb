/**
 * CSV lines written into a growing UTF-8 buffer (one per block in a worker), so that the answers
 * copied into responses.csv are never joined into one large string and encoded again. Text cells
 * follow `csvCell`. Each line is built as a string and written to the buffer once.
 */
import { QUOTE_TRIGGERS, safeCell } from '../../lib/csv-safe.js';

/** Would this text need quotes as a CSV cell (a separator of any kind, a double quote or a line break)? */
export function needsQuotes(text: string): boolean {
  return QUOTE_TRIGGERS.test(text);
}

/**
 * A text cell for the CSV outputs: made Excel-safe (safeCell: a formula-like start gets a leading ')
 * and quoted when it holds a comma, semicolon, tab, quote or line break.
 */
export function csvCell(value: string): string {
  const text = safeCell(value);
  if (QUOTE_TRIGGERS.test(text)) return `"${text.includes('"') ? text.replace(/"/g, '""') : text}"`;
  return text;
}

/** COMMAS[n] is n commas. */
const COMMAS = Array.from({ length: 16 }, (_, n) => ','.repeat(n));

/**
 * Texts of recent fractional numbers, direct-mapped by their bits. Writing a double as text takes
 * V8 a few hundred nanoseconds; comparative sentiment scores (score / words) repeat a lot.
 */
const DECIMAL_SLOT_BITS = 13;
const DECIMALS_CACHED = 1 << DECIMAL_SLOT_BITS;
const decimalBits = new Float64Array(1);
const decimalWords = new Int32Array(decimalBits.buffer);
const cachedLow = new Int32Array(DECIMALS_CACHED);
const cachedHigh = new Int32Array(DECIMALS_CACHED);
const cachedText: string[] = new Array<string>(DECIMALS_CACHED).fill('');

function decimalText(value: number): string {
  decimalBits[0] = value;
  const low = decimalWords[0]!;
  const high = decimalWords[1]!;
  const slot = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b) >>> (32 - DECIMAL_SLOT_BITS);
  const known = cachedText[slot]!;
  if (known !== '' && cachedLow[slot] === low && cachedHigh[slot] === high) return known;
  const text = `${value}`;
  cachedLow[slot] = low;
  cachedHigh[slot] = high;
  cachedText[slot] = text;
  return text;
}

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
    const cell = value.length > 0 ? csvCell(value) : value;
    this.line = this.cells++ === 0 ? cell : `${this.line},${cell}`;
  }

  /** A cell that needs no quoting (numbers, ids of the tool's own making). */
  plain(value: string | number): void {
    this.line = this.cells++ === 0 ? `${value}` : `${this.line},${value}`;
  }

  /** A number that may have a fractional part (written as `${value}` would write it). */
  decimal(value: number): void {
    this.plain(Number.isInteger(value) ? value : decimalText(value));
  }

  /** Empty cells (their separators added at once). */
  empty(count = 1): void {
    if (count <= 0) return;
    const separators = this.cells === 0 ? count - 1 : count;
    this.line = `${this.line}${separators < COMMAS.length ? COMMAS[separators]! : ','.repeat(separators)}`;
    this.cells += count;
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
