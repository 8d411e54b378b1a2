import { assertFloatInput, assertSameShape, reduceLoss } from '../../internal/loss-common';
import type { Tensor } from '../../tensor';
import { add } from '../elementwise/add';
import { clamp } from '../elementwise/clamp';
import { log } from '../elementwise/log';
import { mul } from '../elementwise/mul';
import { neg } from '../elementwise/neg';
import { sub } from '../elementwise/sub';
import type { LossOptions } from './nll-loss';

/**
 * Binary cross-entropy of probabilities, `-(t · log p + (1 - t) · log(1 - p))`, reduced (PyTorch
 * `binary_cross_entropy`).
 *
 * @remarks
 * As in PyTorch, each log is clamped below at -100, so `p = 0` or `1` gives a finite loss (at most 100 per
 * element) instead of Infinity; where the clamp is active that term's gradient is 0. For logits prefer
 * {@link bceWithLogits}. Shapes must be equal. Differentiable to any order.
 *
 * @param p - Probabilities in `[0, 1]` (float).
 * @param target - Targets of the same shape, usually 0/1 (float).
 * @param options - `reduction` (default `'mean'`).
 * @returns A 0-d tensor, or the element-wise losses for `'none'`.
 * @throws {@link ShapeError} If the shapes differ.
 * @throws {@link DTypeError} For integer tensors.
 *
 * @example
 * ```ts
 * import { binaryCrossEntropy, tensor } from '@nanograd/autograd';
 * binaryCrossEntropy(tensor([0.5]), tensor([1])).item(); // 0.6931…
 * ```
 * @category Loss
 */
export function binaryCrossEntropy(p: Tensor, target: Tensor, options: LossOptions = {}): Tensor {
  assertFloatInput('binaryCrossEntropy', p, 'p');
  assertFloatInput('binaryCrossEntropy', target, 'target');
  assertSameShape('binaryCrossEntropy', p, target, ['p', 'target']);
  const logP = clamp(log(p), { min: -100 });
  const logNotP = clamp(log(sub(1, p)), { min: -100 });
  const losses = neg(add(mul(target, logP), mul(sub(1, target), logNotP)));
  return reduceLoss('binaryCrossEntropy', losses, options.reduction);
}
