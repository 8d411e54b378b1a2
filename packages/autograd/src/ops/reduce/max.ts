import { extremum } from '../../internal/reduce-extremum';
import type { Tensor } from '../../tensor';
import type { ReduceOptions } from './sum';

/**
 * Takes the largest element over the given axes (all by default), like PyTorch's `amax`.
 *
 * @remarks
 * The gradient is split evenly among tied maxima (`[1, 3, 3]` gets `[0, 0.5, 0.5]`), and is differentiable
 * again (its derivative in `x` is zero). NaN propagates.
 *
 * @param x - Input.
 * @param options - `axis` and `keepDims`.
 * @returns The maxima.
 * @throws {@link ShapeError} If an axis is out of range, repeated or empty.
 *
 * @example
 * ```ts
 * import { max, tensor } from '@nanograd/autograd';
 * max(tensor([[1, 5], [7, 2]]), { axis: 1 }).toList(); // [5, 7]
 * ```
 * @see {@link argmax} for the position.
 * @category Reduction
 */
export function max(x: Tensor, options: ReduceOptions = {}): Tensor {
  return extremum('max', x, options);
}
