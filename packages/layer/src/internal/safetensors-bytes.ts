// Byte-level helpers of the safetensors codec: little-endian element copies and a duplicate-key scan of the header.
import type { DType, TypedArray } from '@nanograd/kernels';

/** True when typed arrays store little-endian bytes, so tensor data can be copied without swapping. */
export const HOST_IS_LITTLE_ENDIAN: boolean = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Bytes per element of each dtype. */
export const ITEM_SIZE: Readonly<Record<DType, number>> = { f32: 4, f64: 8, i32: 4 };

/**
 * Writes `data` as little-endian bytes into `target` at `offset`.
 *
 * @param target - The output buffer.
 * @param offset - Where the first byte goes.
 * @param data - Elements of one dtype.
 * @param dtype - Their dtype.
 * @param littleEndianHost - Take the plain byte copy (tests pass false to exercise the portable path).
 */
export function writeLittleEndian(target: Uint8Array, offset: number, data: TypedArray, dtype: DType, littleEndianHost: boolean = HOST_IS_LITTLE_ENDIAN): void {
  if (littleEndianHost) {
    target.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), offset);
    return;
  }
  const view = new DataView(target.buffer, target.byteOffset + offset, data.length * ITEM_SIZE[dtype]);
  for (let index = 0; index < data.length; index++) {
    const value = data[index] as number;
    if (dtype === 'f32') view.setFloat32(index * 4, value, true);
    else if (dtype === 'f64') view.setFloat64(index * 8, value, true);
    else view.setInt32(index * 4, value, true);
  }
}

/**
 * Reads little-endian elements of `dtype` from `source[begin, end)` into a fresh typed array.
 *
 * @param source - The file bytes.
 * @param begin - First byte (any alignment).
 * @param end - One past the last byte; `end - begin` is a multiple of the item size.
 * @param dtype - The element type.
 * @param littleEndianHost - Take the plain byte copy (tests pass false to exercise the portable path).
 * @returns The elements.
 */
export function readLittleEndian(source: Uint8Array, begin: number, end: number, dtype: DType, littleEndianHost: boolean = HOST_IS_LITTLE_ENDIAN): TypedArray {
  const length = (end - begin) / ITEM_SIZE[dtype];
  if (littleEndianHost) {
    // slice copies into a fresh buffer, so the typed array is aligned whatever the offset in the file.
    const copy = source.slice(begin, end).buffer;
    return dtype === 'f32' ? new Float32Array(copy) : dtype === 'f64' ? new Float64Array(copy) : new Int32Array(copy);
  }
  const view = new DataView(source.buffer, source.byteOffset + begin, end - begin);
  if (dtype === 'f32') return Float32Array.from({ length }, (_, index) => view.getFloat32(index * 4, true));
  if (dtype === 'f64') return Float64Array.from({ length }, (_, index) => view.getFloat64(index * 8, true));
  return Int32Array.from({ length }, (_, index) => view.getInt32(index * 4, true));
}

/** What {@link scanObjectKeys} found. */
export interface ScannedKeys {
  /** The top-level object's keys in document order. */
  readonly keys: string[];
  /** The first key repeated within one object (at any depth), or null. */
  readonly duplicate: string | null;
}

const JSON_WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/**
 * Lists the keys of a JSON object text in document order and finds repeated keys, which `JSON.parse` silently
 * collapses.
 *
 * @param text - Text that `JSON.parse` accepted.
 * @returns The top-level keys and the first duplicate.
 */
export function scanObjectKeys(text: string): ScannedKeys {
  // One entry per open container: the keys seen so far for objects, null for arrays.
  const open: (Set<string> | null)[] = [];
  const keys: string[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char === '"') {
      let close = index + 1;
      while (text[close] !== '"') close += text[close] === '\\' ? 2 : 1;
      const literal = text.slice(index, close + 1);
      index = close + 1;
      let next = index;
      while (next < text.length && JSON_WHITESPACE.has(text[next] as string)) next++;
      const members = open.at(-1);
      if (text[next] === ':' && members) {
        const key = JSON.parse(literal) as string;
        if (members.has(key)) return { keys, duplicate: key };
        members.add(key);
        if (open.length === 1) keys.push(key);
      }
      continue;
    }
    if (char === '{') open.push(new Set());
    else if (char === '[') open.push(null);
    else if (char === '}' || char === ']') open.pop();
    index++;
  }
  return { keys, duplicate: null };
}
