import { normalizeAxes } from '../../internal/axes';
import { assertFloat } from '../../internal/reduce-checks';
import type { Tensor } from '../../tensor';
import { div } from '../elementwise/div';
import { sum, type ReduceOptions } from './sum';

/**
 * Averages elements over the given axes (all by default; Scheme `mean-tensor`).
 *
 * @remarks
 * The mean of an empty axis is NaN (0/0), as in NumPy.
 *
 * @param x - Input (float).
 * @param options - `axis` and `keepDims`.
 * @returns The means; a 0-d tensor when all axes are reduced without `keepDims`.
 * @throws {@link ShapeError} If an axis is out of range or repeated.
 * @throws {@link DTypeError} For integer tensors.
 *
 * @example
 * ```ts
 * import { mean, tensor } from '@nanograd/autograd';
 * mean(tensor([[1, 2], [3, 4]]), { axis: 1 }).toList(); // [1.5, 3.5]
 * ```
 * @category Reduction
 */
export function mean(x: Tensor, options: ReduceOptions = {}): Tensor {
  assertFloat('mean', x);
  const axes = normalizeAxes('mean', options.axis, x.rank);
  const count = axes.reduce((product, axis) => product * (x.shape[axis] as number), 1);
  return div(sum(x, { axis: axes, keepDims: options.keepDims ?? false }), count);
}
