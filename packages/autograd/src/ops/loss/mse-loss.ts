import { assertFloatInput, assertSameShape, reduceLoss } from '../../internal/loss-common';
import type { Tensor } from '../../tensor';
import { square } from '../elementwise/square';
import { sub } from '../elementwise/sub';
import type { LossOptions } from './nll-loss';

/**
 * Mean squared error `(pred - target)²`, reduced (PyTorch `mse_loss`).
 *
 * @remarks
 * Follows PyTorch: NO ½ factor (the Scheme egg from 1.2 on multiplies by ½; halve the result to match it).
 * The shapes must be equal (no broadcasting). Differentiable to any order in both arguments.
 *
 * @param pred - Predictions (float).
 * @param target - Targets of the same shape (float).
 * @param options - `reduction` (default `'mean'`; `'none'` returns the squared errors).
 * @returns A 0-d tensor, or the element-wise squared errors for `'none'`.
 * @throws {@link ShapeError} If the shapes differ.
 * @throws {@link DTypeError} For integer tensors.
 *
 * @example
 * ```ts
 * import { mseLoss, tensor } from '@nanograd/autograd';
 * mseLoss(tensor([1, 2]), tensor([0, 0])).item(); // 2.5
 * ```
 * @category Loss
 */
export function mseLoss(pred: Tensor, target: Tensor, options: LossOptions = {}): Tensor {
  assertFloatInput('mseLoss', pred, 'pred');
  assertFloatInput('mseLoss', target, 'target');
  assertSameShape('mseLoss', pred, target, ['pred', 'target']);
  return reduceLoss('mseLoss', square(sub(pred, target)), options.reduction);
}
