import { assertFloat, singleAxis } from '../../internal/reduce-checks';
import { stableShift } from '../../internal/reduce-shift';
import type { Tensor } from '../../tensor';
import { div } from '../elementwise/div';
import { exp } from '../elementwise/exp';
import { sub } from '../elementwise/sub';
import { sum } from '../reduce/sum';

/**
 * Options of {@link softmax} and {@link logSoftmax}.
 *
 * @example
 * ```ts
 * import type { SoftmaxOptions } from '@nanograd/autograd';
 * const options: SoftmaxOptions = { axis: 1 };
 * ```
 * @category Activation
 */
export interface SoftmaxOptions {
  /** The axis to normalise; negative values count from the end (default -1). */
  readonly axis?: number;
}

/**
 * Normalises `x` along `axis` into probabilities that sum to 1.
 *
 * @remarks
 * Subtracts the maximum before `exp`, so large logits do not overflow (logits of ±1000 stay finite).
 * Differentiable to any order.
 *
 * @param x - Logits of any shape (float); a 0-d tensor gives 1.
 * @param options - `axis`.
 * @returns A tensor with the shape and dtype of `x`.
 * @throws {@link ShapeError} If `axis` is outside `[-rank, rank)`.
 * @throws {@link DTypeError} For integer tensors.
 *
 * @example
 * ```ts
 * import { softmax, tensor } from '@nanograd/autograd';
 * softmax(tensor([1, 2, 3])).toList(); // ≈ [0.090, 0.245, 0.665]
 * ```
 * @see {@link logSoftmax} for losses, instead of `log(softmax(x))`.
 * @category Activation
 */
export function softmax(x: Tensor, options: SoftmaxOptions = {}): Tensor {
  assertFloat('softmax', x);
  const axes = singleAxis('softmax', options.axis ?? -1, x.rank);
  const weights = exp(sub(x, stableShift(x, axes)));
  return div(weights, sum(weights, { axis: axes, keepDims: true }));
}
