import type { Tensor } from '../../tensor';
import { greater } from '../elementwise/greater';
import { mul } from '../elementwise/mul';
import { where } from '../elementwise/where';

/**
 * Options of {@link leakyRelu}.
 *
 * @example
 * ```ts
 * import type { LeakyReluOptions } from '@nanograd/autograd';
 * const options: LeakyReluOptions = { alpha: 0.2 };
 * ```
 * @category Activation
 */
export interface LeakyReluOptions {
  /**
   * Slope for negative inputs.
   * @defaultValue 0.01
   */
  readonly alpha?: number;
}

/**
 * Applies the leaky rectified linear unit: `x` where `x > 0`, `alpha·x` elsewhere.
 *
 * @remarks
 * The gradient at exactly 0 is `alpha`, as in PyTorch. NaN stays NaN.
 *
 * @param x - Input of any shape.
 * @param options - `alpha`, the negative slope.
 * @returns A tensor with the shape and dtype of `x`.
 *
 * @example
 * ```ts
 * import { leakyRelu, tensor } from '@nanograd/autograd';
 * leakyRelu(tensor([-2, 3]), { alpha: 0.5 }).toList(); // [-1, 3]
 * ```
 * @category Activation
 */
export function leakyRelu(x: Tensor, options: LeakyReluOptions = {}): Tensor {
  return where(greater(x, 0), x, mul(x, options.alpha ?? 0.01));
}
