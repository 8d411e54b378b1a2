import { DTypeError } from './errors';
import { assertSize } from './internal/validate';

/**
 * Element types a backend stores: 32- and 64-bit floats, and 32-bit integers for indices.
 *
 * @example
 * ```ts
 * import type { DType } from '@nanograd/kernels';
 * const dtype: DType = 'f32';
 * ```
 * @category Backend
 */
export type DType = 'f32' | 'f64' | 'i32';

/**
 * The floating-point subset of {@link DType}, the element types of differentiable tensors.
 *
 * @example
 * ```ts
 * import type { FloatDType } from '@nanograd/kernels';
 * const dtype: FloatDType = 'f64';
 * ```
 * @category Backend
 */
export type FloatDType = 'f32' | 'f64';

/**
 * Maps each {@link DType} to the typed array that holds it.
 *
 * @example
 * ```ts
 * import type { TypedArrayOf } from '@nanograd/kernels';
 * const data: TypedArrayOf['f32'] = new Float32Array(4);
 * ```
 * @category Backend
 */
export interface TypedArrayOf {
  /** 32-bit floats. */
  f32: Float32Array;
  /** 64-bit floats. */
  f64: Float64Array;
  /** 32-bit signed integers. */
  i32: Int32Array;
}

/**
 * Any typed array a backend can store.
 *
 * @example
 * ```ts
 * import type { TypedArray } from '@nanograd/kernels';
 * const data: TypedArray = new Int32Array([1, 2]);
 * ```
 * @category Backend
 */
export type TypedArray = Float32Array | Float64Array | Int32Array;

/**
 * A typed array of floating-point elements.
 *
 * @example
 * ```ts
 * import type { FloatArray } from '@nanograd/kernels';
 * const data: FloatArray = new Float64Array([0.5]);
 * ```
 * @category Backend
 */
export type FloatArray = Float32Array | Float64Array;

/** All dtypes, in promotion order. */
export const DTYPES: readonly DType[] = ['i32', 'f32', 'f64'];

/**
 * Allocates a zero-filled typed array of `size` elements for `dtype`.
 *
 * @param dtype - Element type.
 * @param size - Number of elements; a non-negative integer.
 * @returns A new typed array.
 * @throws {@link ShapeError} If `size` is negative or not an integer.
 *
 * @example
 * ```ts
 * import { allocTypedArray } from '@nanograd/kernels';
 * allocTypedArray('f64', 3); // Float64Array [0, 0, 0]
 * ```
 * @category Backend
 */
export function allocTypedArray<D extends DType>(dtype: D, size: number): TypedArrayOf[D] {
  assertSize('allocTypedArray', 'size', size);
  switch (dtype) {
    case 'f32':
      return new Float32Array(size) as TypedArrayOf[D];
    case 'f64':
      return new Float64Array(size) as TypedArrayOf[D];
    case 'i32':
      return new Int32Array(size) as TypedArrayOf[D];
    default:
      throw new DTypeError(`allocTypedArray: unknown dtype '${String(dtype)}'`);
  }
}

/**
 * Returns the dtype of a typed array.
 *
 * @param array - A Float32Array, Float64Array or Int32Array.
 * @returns Its {@link DType}.
 * @throws {@link DTypeError} For any other array type.
 *
 * @example
 * ```ts
 * import { dtypeOf } from '@nanograd/kernels';
 * dtypeOf(new Float32Array(2)); // 'f32'
 * ```
 * @category Backend
 */
export function dtypeOf(array: TypedArray): DType {
  if (array instanceof Float32Array) return 'f32';
  if (array instanceof Float64Array) return 'f64';
  if (array instanceof Int32Array) return 'i32';
  throw new DTypeError(`dtypeOf: unsupported array type ${Object.prototype.toString.call(array)}`);
}

/**
 * Returns the dtype two operands promote to: the wider of the two (`i32 < f32 < f64`).
 *
 * @param a - First dtype.
 * @param b - Second dtype.
 * @returns The promoted dtype.
 *
 * @example
 * ```ts
 * import { promoteDTypes } from '@nanograd/kernels';
 * promoteDTypes('f32', 'f64'); // 'f64'
 * ```
 * @category Backend
 */
export function promoteDTypes(a: DType, b: DType): DType {
  return DTYPES.indexOf(a) >= DTYPES.indexOf(b) ? a : b;
}
