import { assertFloat } from '../../internal/elementwise-float';
import type { Tensor } from '../../tensor';
import { div } from '../elementwise/div';
import { exp } from '../elementwise/exp';
import { greater } from '../elementwise/greater';
import { log1p } from '../elementwise/log1p';
import { mul } from '../elementwise/mul';
import { where } from '../elementwise/where';

/**
 * Options of {@link softplus}.
 *
 * @example
 * ```ts
 * import type { SoftplusOptions } from '@nanograd/autograd';
 * const options: SoftplusOptions = { beta: 2, threshold: 20 };
 * ```
 * @category Activation
 */
export interface SoftplusOptions {
  /**
   * Sharpness: `softplus(x) = ln(1 + e^(beta·x)) / beta`.
   * @defaultValue 1
   */
  readonly beta?: number;
  /**
   * Above `beta·x > threshold` the result is `x` itself (the curves agree to about `e^(-threshold)`).
   * @defaultValue 20
   */
  readonly threshold?: number;
}

/**
 * Applies the softplus function `ln(1 + e^(beta·x)) / beta`, a smooth ReLU, to every element.
 *
 * @remarks
 * PyTorch semantics: linear (`x`) where `beta·x > threshold`. It never overflows: `softplus(1000)` is 1000 and
 * `softplus(-1000)` is exactly 0, with gradients 1 and 0 (never NaN), because the exponential only ever sees
 * inputs up to `threshold`. NaN stays NaN. Differentiable to any order.
 *
 * @param x - Input of any shape (float).
 * @param options - `beta` and `threshold`.
 * @returns A tensor with the shape and dtype of `x`.
 * @throws {@link DTypeError} For integer tensors.
 *
 * @example
 * ```ts
 * import { softplus, tensor } from '@nanograd/autograd';
 * softplus(tensor([0, 1000])).toList(); // [0.6931…, 1000]
 * ```
 * @category Activation
 */
export function softplus(x: Tensor, options: SoftplusOptions = {}): Tensor {
  assertFloat('softplus', x);
  const beta = options.beta ?? 1;
  const scaled = beta === 1 ? x : mul(x, beta);
  const linear = greater(scaled, options.threshold ?? 20);
  // Double where: the linear lanes feed 0 to exp, so the unused branch cannot overflow into NaN gradients.
  const smooth = log1p(exp(where(linear, 0, scaled)));
  return where(linear, x, beta === 1 ? smooth : div(smooth, beta));
}
