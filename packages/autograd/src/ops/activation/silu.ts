import { assertFloat } from '../../internal/elementwise-float';
import type { Tensor } from '../../tensor';
import { mul } from '../elementwise/mul';
import { sigmoid } from './sigmoid';

/**
 * Applies the sigmoid linear unit (swish) `x·σ(x)` to every element.
 *
 * @remarks
 * Overflow-safe for any input (`silu(-1000)` is 0, `silu(1000)` is 1000) and differentiable to any order.
 *
 * @param x - Input of any shape (float).
 * @returns A tensor with the shape and dtype of `x`.
 * @throws {@link DTypeError} For integer tensors.
 *
 * @example
 * ```ts
 * import { silu, tensor } from '@nanograd/autograd';
 * silu(tensor([0])).toList(); // [0]
 * ```
 * @category Activation
 */
export function silu(x: Tensor): Tensor {
  assertFloat('silu', x);
  return mul(x, sigmoid(x));
}
