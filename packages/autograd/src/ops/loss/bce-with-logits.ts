import { assertFloatInput, assertSameShape, exactSoftplus, reduceLoss } from '../../internal/loss-common';
import type { Tensor } from '../../tensor';
import { mul } from '../elementwise/mul';
import { sub } from '../elementwise/sub';
import type { LossOptions } from './nll-loss';

/**
 * Binary cross-entropy of logits, `max(x, 0) - x · t + log1p(exp(-|x|))`, reduced (PyTorch
 * `binary_cross_entropy_with_logits`).
 *
 * @remarks
 * Equal to `binaryCrossEntropy(sigmoid(x), t)` but overflow-safe: finite at logits of ±1000, where the gradient is
 * exactly `sigmoid(x) - t`. The formula is built so the derivative at `x = 0` is the true `1/2 - t`. Shapes must
 * be equal. Differentiable to any order in both arguments.
 *
 * @param logits - Logits (float).
 * @param target - Targets of the same shape, usually 0/1 (float).
 * @param options - `reduction` (default `'mean'`).
 * @returns A 0-d tensor, or the element-wise losses for `'none'`.
 * @throws {@link ShapeError} If the shapes differ.
 * @throws {@link DTypeError} For integer tensors.
 *
 * @example
 * ```ts
 * import { bceWithLogits, tensor } from '@nanograd/autograd';
 * bceWithLogits(tensor([0]), tensor([1])).item(); // 0.6931…
 * ```
 * @category Loss
 */
export function bceWithLogits(logits: Tensor, target: Tensor, options: LossOptions = {}): Tensor {
  assertFloatInput('bceWithLogits', logits, 'logits');
  assertFloatInput('bceWithLogits', target, 'target');
  assertSameShape('bceWithLogits', logits, target, ['logits', 'target']);
  return reduceLoss('bceWithLogits', sub(exactSoftplus(logits), mul(logits, target)), options.reduction);
}
