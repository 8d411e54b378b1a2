import { formatShape, ShapeError } from '@nanograd/kernels';
import { assertFloatNorm } from '../../internal/norm-common';
import type { Tensor } from '../../tensor';
import { add } from '../elementwise/add';
import { div } from '../elementwise/div';
import { mul } from '../elementwise/mul';
import { sqrt } from '../elementwise/sqrt';
import { mean } from '../reduce/mean';

/**
 * Options of {@link rmsnorm}.
 *
 * @example
 * ```ts
 * import type { RmsnormOptions } from '@nanograd/autograd';
 * const options: RmsnormOptions = { epsilon: 1e-5 };
 * ```
 * @category Normalization
 */
export interface RmsnormOptions {
  /**
   * Added to the mean square before the square root.
   * @defaultValue 1e-6
   */
  readonly epsilon?: number;
}

/**
 * Root-mean-square normalisation over the last axis: `x / sqrt(mean(x², -1) + epsilon) · weight`.
 *
 * @remarks
 * A composite of differentiable ops, so its gradient (which depends on the whole row through the mean square)
 * is exact and differentiable to any order, in `x` and `weight`.
 *
 * @param x - Input `[..., D]` (float, rank ≥ 1).
 * @param weight - Gain of shape `[D]`, or `null` for none.
 * @param options - `epsilon` (default 1e-6).
 * @returns A tensor with the shape of `x`.
 * @throws {@link ShapeError} If `x` is 0-d or `weight` is not `[D]`.
 * @throws {@link DTypeError} For integer tensors.
 *
 * @example
 * ```ts
 * import { rmsnorm, tensor } from '@nanograd/autograd';
 * rmsnorm(tensor([3, 4]), tensor([1, 1]), { epsilon: 0 }).toList(); // [0.8485…, 1.1313…]
 * ```
 * @category Normalization
 */
export function rmsnorm(x: Tensor, weight: Tensor | null, options: RmsnormOptions = {}): Tensor {
  assertFloatNorm('rmsnorm', x, 'x');
  if (x.rank === 0) throw new ShapeError('rmsnorm: x must have at least one axis (got a 0-d tensor)');
  const features = x.shape[x.rank - 1] as number;
  if (weight !== null) {
    assertFloatNorm('rmsnorm', weight, 'weight');
    if (weight.rank !== 1 || weight.shape[0] !== features) {
      throw new ShapeError(`rmsnorm: weight ${formatShape(weight.shape)} must have shape ${features} (the last axis of x ${formatShape(x.shape)})`);
    }
  }
  const rms = sqrt(add(mean(mul(x, x), { axis: -1, keepDims: true }), options.epsilon ?? 1e-6));
  const normalized = div(x, rms);
  return weight === null ? normalized : mul(normalized, weight);
}
