/**
 * Values by string key, for keys that are new string objects every time (cells sliced from a block
 * of text). A Map hashes each new key object in full before it can compare, which made a few
 * look-ups per row a noticeable share of an analysis; this table hashes at most ten units (hashOf)
 * and then compares with ===. It keeps at most `capacity` keys: after that, new keys are not stored
 * (get() misses them), so memory stays bounded whatever the column holds.
 */
export class StringCache<V> {
  private keys: (string | undefined)[] = new Array<string | undefined>(64).fill(undefined);
  private values: (V | undefined)[] = new Array<V | undefined>(64).fill(undefined);
  private count = 0;

  constructor(private readonly capacity = 10_000) {}

  get size(): number {
    return this.count;
  }

  get(key: string): V | undefined {
    const keys = this.keys;
    const mask = keys.length - 1;
    for (let slot = hashOf(key) & mask; ; slot = (slot + 1) & mask) {
      const found = keys[slot];
      if (found === undefined) return undefined;
      if (found === key) return this.values[slot];
    }
  }

  /**
   * Store `value` for `key` (not already stored), unless the cache is full. The key is kept as a
   * string of its own (see ownCopy), so the cache never holds on to the text it was cut from.
   */
  set(key: string, value: V): void {
    if (this.count >= this.capacity) return;
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    this.place(ownCopy(key), value);
    this.count++;
  }

  private place(key: string, value: V): void {
    const mask = this.keys.length - 1;
    let slot = hashOf(key) & mask;
    while (this.keys[slot] !== undefined) slot = (slot + 1) & mask;
    this.keys[slot] = key;
    this.values[slot] = value;
  }

  private grow(): void {
    const keys = this.keys;
    const values = this.values;
    this.keys = new Array<string | undefined>(keys.length * 2).fill(undefined);
    this.values = new Array<V | undefined>(keys.length * 2).fill(undefined);
    for (let slot = 0; slot < keys.length; slot++) {
      const key = keys[slot];
      if (key !== undefined) this.place(key, values[slot]!);
    }
  }
}

/**
 * Hash of the length and at most ten units: all of a short key, else its first four, two in the
 * middle and last four (where the values of one column differ). Keys that agree there only cost
 * a longer probe; === decides.
 */
function hashOf(key: string): number {
  const length = key.length;
  let hash = Math.imul(length, 0x9e3779b1);
  if (length <= 10) {
    for (let i = 0; i < length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  } else {
    const middle = length >>> 1;
    hash = Math.imul(hash ^ key.charCodeAt(0), 0x01000193);
    hash = Math.imul(hash ^ key.charCodeAt(1), 0x01000193);
    hash = Math.imul(hash ^ key.charCodeAt(2), 0x01000193);
    hash = Math.imul(hash ^ key.charCodeAt(3), 0x01000193);
    hash = Math.imul(hash ^ key.charCodeAt(middle - 1), 0x01000193);
    hash = Math.imul(hash ^ key.charCodeAt(middle), 0x01000193);
    hash = Math.imul(hash ^ key.charCodeAt(length - 4), 0x01000193);
    hash = Math.imul(hash ^ key.charCodeAt(length - 3), 0x01000193);
    hash = Math.imul(hash ^ key.charCodeAt(length - 2), 0x01000193);
    hash = Math.imul(hash ^ key.charCodeAt(length - 1), 0x01000193);
  }
  return (hash ^ (hash >>> 15)) >>> 0;
}

/**
 * `text` in memory of its own. A slice of a longer string (V8 makes one for a cell of 13 units or
 * more) keeps the whole longer string alive for as long as the slice lives.
 */
export function ownCopy(text: string): string {
  return text.length < 13 ? text : (` ${text}`).slice(1);
}
