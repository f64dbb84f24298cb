/** Typed arrays that grow: scanners and record writers keep their state in them rather than in objects. */
export type GrowableArray =
  | Int8Array<ArrayBuffer>
  | Uint8Array<ArrayBuffer>
  | Uint16Array<ArrayBuffer>
  | Int32Array<ArrayBuffer>
  | Uint32Array<ArrayBuffer>
  | Float64Array<ArrayBuffer>;

/** A copy of `array` at least twice as long and long enough for `atLeast` elements (the rest zero). */
export function grown<T extends GrowableArray>(array: T, atLeast = 0): T {
  let size = Math.max(1, array.length * 2);
  while (size < atLeast) size *= 2;
  const bigger = new (array.constructor as new (length: number) => T)(size);
  bigger.set(array as never);
  return bigger;
}
