// IDX is the big-endian container format of the MNIST files: magic, dtype code, rank, extents, data.

/**
 * The element types an IDX file can hold, by name.
 *
 * @example
 * ```ts
 * import type { IdxType } from '@nanograd/data';
 * const type: IdxType = 'uint8';
 * ```
 * @category Readers
 */
export type IdxType = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

/**
 * A decoded IDX array: row-major data in native byte order and its shape.
 *
 * @example
 * ```ts
 * import type { IdxArray } from '@nanograd/data';
 * const labels: IdxArray = { type: 'uint8', shape: [2], data: new Uint8Array([7, 2]) };
 * ```
 * @category Readers
 */
export interface IdxArray {
  /** Element type as stored in the file. */
  readonly type: IdxType;
  /** Extent of each dimension, outermost first. */
  readonly shape: readonly number[];
  /** The elements, row-major. */
  readonly data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
}

/**
 * Thrown when bytes are not a well-formed file of the expected format; the message names the parser and
 * what is wrong.
 *
 * @example
 * ```ts
 * import { FormatError } from '@nanograd/data';
 * new FormatError('parseIdx: bad magic').name; // 'FormatError'
 * ```
 * @category Readers
 */
export class FormatError extends Error {
  /** Creates the error; `message` starts with the parser name. */
  constructor(message: string) {
    super(message);
    this.name = 'FormatError';
  }
}

const TYPES: Readonly<Record<number, { type: IdxType; bytes: number }>> = {
  0x08: { type: 'uint8', bytes: 1 },
  0x09: { type: 'int8', bytes: 1 },
  0x0b: { type: 'int16', bytes: 2 },
  0x0c: { type: 'int32', bytes: 4 },
  0x0d: { type: 'float32', bytes: 4 },
  0x0e: { type: 'float64', bytes: 8 },
};

/**
 * Decodes an (uncompressed) IDX file, the format of the MNIST images and labels.
 *
 * @param bytes - The whole file.
 * @returns The array with its shape; multi-byte elements are converted to native byte order.
 * @throws {@link FormatError} If the magic number, type code, rank or length is wrong, or bytes trail the data.
 *
 * @example
 * ```ts
 * import { parseIdx } from '@nanograd/data';
 * const file = new Uint8Array([0, 0, 0x08, 1, 0, 0, 0, 3, 7, 2, 1]);
 * parseIdx(file).shape; // [3]
 * ```
 * @category Readers
 */
export function parseIdx(bytes: Uint8Array): IdxArray {
  if (bytes.length < 4) {
    throw new FormatError(`parseIdx: file is ${bytes.length} bytes, shorter than the 4-byte header`);
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new FormatError(`parseIdx: bad magic number (first bytes ${bytes[0]}, ${bytes[1]}; expected 0, 0) — is the file still gzip-compressed?`);
  }
  const code = bytes[2] ?? 0;
  const element = TYPES[code];
  if (element === undefined) {
    throw new FormatError(`parseIdx: unknown type code 0x${code.toString(16)}`);
  }
  const rank = bytes[3] ?? 0;
  const headerLength = 4 + 4 * rank;
  if (bytes.length < headerLength) {
    throw new FormatError(`parseIdx: header of a rank-${rank} array needs ${headerLength} bytes, file has ${bytes.length}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape: number[] = [];
  let size = 1;
  for (let axis = 0; axis < rank; axis++) {
    const extent = view.getUint32(4 + 4 * axis, false);
    shape.push(extent);
    size *= extent;
  }
  const expected = headerLength + size * element.bytes;
  if (bytes.length !== expected) {
    throw new FormatError(
      `parseIdx: a ${element.type} array of shape [${shape.join(', ')}] needs ${expected} bytes, file has ${bytes.length}`,
    );
  }
  return { type: element.type, shape, data: decodeElements(view, headerLength, size, element.type) };
}

function decodeElements(view: DataView, start: number, size: number, type: IdxType): IdxArray['data'] {
  switch (type) {
    case 'uint8':
      return new Uint8Array(view.buffer, view.byteOffset + start, size).slice();
    case 'int8':
      return new Int8Array(view.buffer, view.byteOffset + start, size).slice();
    case 'int16': {
      const out = new Int16Array(size);
      for (let i = 0; i < size; i++) out[i] = view.getInt16(start + 2 * i, false);
      return out;
    }
    case 'int32': {
      const out = new Int32Array(size);
      for (let i = 0; i < size; i++) out[i] = view.getInt32(start + 4 * i, false);
      return out;
    }
    case 'float32': {
      const out = new Float32Array(size);
      for (let i = 0; i < size; i++) out[i] = view.getFloat32(start + 4 * i, false);
      return out;
    }
    case 'float64': {
      const out = new Float64Array(size);
      for (let i = 0; i < size; i++) out[i] = view.getFloat64(start + 8 * i, false);
      return out;
    }
  }
}
