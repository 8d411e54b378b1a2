import { assertFloat, singleAxis } from '../../internal/reduce-checks';
import type { Tensor } from '../../tensor';
import { sub } from '../elementwise/sub';
import { logsumexp } from '../reduce/logsumexp';
import type { SoftmaxOptions } from './softmax';

/**
 * Computes `log(softmax(x))` along `axis` as `x - logsumexp(x)`, which stays finite where `softmax` underflows.
 *
 * @remarks
 * Stable for logits of ±1000. Differentiable to any order; the gradient is `grad - softmax(x) · Σ grad`.
 *
 * @param x - Logits of any shape (float).
 * @param options - `axis` (default -1).
 * @returns Log-probabilities with the shape and dtype of `x`.
 * @throws {@link ShapeError} If `axis` is outside `[-rank, rank)`.
 * @throws {@link DTypeError} For integer tensors.
 *
 * @example
 * ```ts
 * import { logSoftmax, tensor } from '@nanograd/autograd';
 * logSoftmax(tensor([0, 1000])).toList(); // [-1000, 0]
 * ```
 * @see {@link softmax}
 * @category Activation
 */
export function logSoftmax(x: Tensor, options: SoftmaxOptions = {}): Tensor {
  assertFloat('logSoftmax', x);
  const axes = singleAxis('logSoftmax', options.axis ?? -1, x.rank);
  return sub(x, logsumexp(x, { axis: axes, keepDims: true }));
}
