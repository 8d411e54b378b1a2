import { extremum } from '../../internal/reduce-extremum';
import type { Tensor } from '../../tensor';
import type { ReduceOptions } from './sum';

/**
 * Takes the smallest element over the given axes (all by default), like PyTorch's `amin`.
 *
 * @remarks
 * The gradient is split evenly among tied minima (`[3, 1, 1]` gets `[0, 0.5, 0.5]`), and is differentiable
 * again (its derivative in `x` is zero). NaN propagates.
 *
 * @param x - Input.
 * @param options - `axis` and `keepDims`.
 * @returns The minima.
 * @throws {@link ShapeError} If an axis is out of range, repeated or empty.
 *
 * @example
 * ```ts
 * import { min, tensor } from '@nanograd/autograd';
 * min(tensor([[1, 5], [7, 2]]), { axis: 1 }).toList(); // [1, 2]
 * ```
 * @see {@link argmin} for the position.
 * @category Reduction
 */
export function min(x: Tensor, options: ReduceOptions = {}): Tensor {
  return extremum('min', x, options);
}
