import { argReduce } from '../../internal/reduce-arg';
import type { ArgReduceOptions } from './argmax';
import type { Tensor } from '../../tensor';

/**
 * Finds the index of the smallest element along an axis (or of the flattened tensor).
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
 * import { argmin, tensor } from '@nanograd/autograd';
 * argmin(tensor([[1, 9, 9], [4, 2, 0]]), { axis: 1 }).toList(); // [0, 2]
 * ```
 * @see {@link min} for the value.
 * @category Reduction
 */
export function argmin(x: Tensor, options: ArgReduceOptions = {}): Tensor {
  return argReduce('argmin', x, options);
}
