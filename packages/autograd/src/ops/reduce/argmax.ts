import { argReduce } from '../../internal/reduce-arg';
import type { Tensor } from '../../tensor';

/**
 * Options of {@link argmax} and {@link argmin}.
 *
 * @example
 * ```ts
 * import type { ArgReduceOptions } from '@nanograd/autograd';
 * const options: ArgReduceOptions = { axis: -1, keepDims: true };
 * ```
 * @category Reduction
 */
export interface ArgReduceOptions {
  /** The axis to search; negative values count from the end; omitted = the flattened tensor. */
  readonly axis?: number;
  /** Keep the searched axis with extent 1 (default false). */
  readonly keepDims?: boolean;
}

/**
 * Finds the index of the largest element along an axis (or of the flattened tensor).
 *
 * @remarks
 * Ties go to the first occurrence; a NaN wins outright (NumPy). The result is an `i32` tensor and carries no
 * gradient.
 *
 * @param x - Input.
 * @param options - `axis` (omitted: search the flattened tensor) and `keepDims`.
 * @returns The indices, as `i32`.
 * @throws {@link ShapeError} If the axis is out of range or empty.
 *
 * @example
 * ```ts
 * import { argmax, tensor } from '@nanograd/autograd';
 * argmax(tensor([[1, 9, 9], [4, 2, 0]]), { axis: 1 }).toList(); // [1, 0]
 * ```
 * @see {@link max} for the value.
 * @category Reduction
 */
export function argmax(x: Tensor, options: ArgReduceOptions = {}): Tensor {
  return argReduce('argmax', x, options);
}
