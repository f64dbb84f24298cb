/**
 * Bytes read but not yet cut into blocks, in one buffer that is compacted and reused rather than
 * concatenated per chunk (allocating a few megabytes per chunk made V8 collect garbage constantly).
 */
export class ByteQueue {
  private store: Buffer;
  private start = 0;
  private end = 0;

  constructor(initial: Buffer, capacity = 64 * 1024) {
    this.store = Buffer.allocUnsafe(Math.max(initial.length, capacity));
    this.end = initial.copy(this.store, 0);
  }

  view(): Buffer {
    return this.store.subarray(this.start, this.end);
  }

  consume(bytes: number): void {
    this.start = Math.min(this.end, this.start + bytes);
  }

  append(chunk: Buffer): void {
    if (this.end + chunk.length > this.store.length) {
      const kept = this.end - this.start;
      if (kept + chunk.length > this.store.length) {
        const bigger = Buffer.allocUnsafe(Math.max(this.store.length * 2, kept + chunk.length));
        this.store.copy(bigger, 0, this.start, this.end);
        this.store = bigger;
      } else this.store.copyWithin(0, this.start, this.end);
      this.start = 0;
      this.end = kept;
    }
    this.end += chunk.copy(this.store, this.end);
  }
}
