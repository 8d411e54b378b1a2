import type { DType, TypedArray } from '@nanograd/kernels';

/**
 * A dense row-major array with its shape and element type: what readers and data loaders produce.
 *
 * An `@nanograd/autograd` `Tensor` has these three fields too, so tensors can be passed wherever a
 * `TensorData` is expected; turn a `TensorData` into a tensor with `tensor(x.data).reshape(x.shape)`
 * or let {@link DataLoader} do it through its `toTensor` option.
 *
 * @example
 * ```ts
 * import type { TensorData } from '@nanograd/data';
 * const labels: TensorData = { data: new Int32Array([7, 2]), shape: [2], dtype: 'i32' };
 * ```
 * @category Data
 */
export interface TensorData {
  /** The elements, row-major; the typed array matches `dtype`. */
  readonly data: TypedArray;
  /** Extent of each dimension, outermost first. */
  readonly shape: readonly number[];
  /** Element type: `'f32'`, `'f64'` or `'i32'`. */
  readonly dtype: DType;
}
