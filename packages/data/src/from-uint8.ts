import { ShapeError } from '@nanograd/kernels';
import type { TensorData } from './tensor-data';
import { sizeOfShape } from './internal/tensor-data-utils';

/**
 * Options of {@link fromUint8}.
 *
 * @example
 * ```ts
 * import type { FromUint8Options } from '@nanograd/data';
 * const options: FromUint8Options = { dtype: 'f32', scale: true };
 * ```
 * @category Data
 */
export interface FromUint8Options {
  /** Element type of the result: `'f32'` (default) or `'i32'` (for labels and token ids). */
  readonly dtype?: 'f32' | 'i32';
  /** For `'f32'`, divide by 255 so pixels land in [0, 1] (default `true`). */
  readonly scale?: boolean;
}

/**
 * Converts raw bytes (pixels or labels) to a {@link TensorData} of the given shape.
 *
 * @param bytes - The raw values, row-major.
 * @param shape - The shape of the result; its size must equal `bytes.length`.
 * @param options - `dtype` and `scale`.
 * @returns A new float (scaled to [0, 1] by default) or int32 array.
 * @throws ShapeError (from `@nanograd/kernels`) If the shape does not match the number of bytes.
 *
 * @example
 * ```ts
 * import { fromUint8 } from '@nanograd/data';
 * fromUint8(new Uint8Array([0, 255]), [1, 2]).data; // Float32Array [0, 1]
 * ```
 * @category Data
 */
export function fromUint8(bytes: Uint8Array, shape: readonly number[], options: FromUint8Options = {}): TensorData {
  if (sizeOfShape(shape) !== bytes.length) {
    throw new ShapeError(`fromUint8: shape [${shape.join(', ')}] needs ${sizeOfShape(shape)} elements, got ${bytes.length} bytes`);
  }
  if (options.dtype === 'i32') return { data: Int32Array.from(bytes), shape: [...shape], dtype: 'i32' };
  const data = new Float32Array(bytes.length);
  const divisor = options.scale === false ? 1 : 255;
  for (let i = 0; i < bytes.length; i++) data[i] = (bytes[i] ?? 0) / divisor;
  return { data, shape: [...shape], dtype: 'f32' };
}
