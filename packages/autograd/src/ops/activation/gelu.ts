import { assertFloat } from '../../internal/elementwise-float';
import type { Tensor } from '../../tensor';
import { add } from '../elementwise/add';
import { erf } from '../elementwise/erf';
import { mul } from '../elementwise/mul';
import { tanh } from './tanh';

/**
 * Options of {@link gelu}.
 *
 * @example
 * ```ts
 * import type { GeluOptions } from '@nanograd/autograd';
 * const options: GeluOptions = { approximate: 'tanh' };
 * ```
 * @category Activation
 */
export interface GeluOptions {
  /**
   * `'none'` for the exact form with erf, `'tanh'` for the tanh approximation (GPT-2, BERT).
   * @defaultValue 'none'
   */
  readonly approximate?: 'none' | 'tanh';
}

const SQRT_HALF = Math.SQRT1_2;
const SQRT_TWO_OVER_PI = Math.sqrt(2 / Math.PI);

/**
 * Applies the Gaussian error linear unit `x·Φ(x)` to every element, Φ being the standard normal CDF.
 *
 * @remarks
 * Exact: `0.5·x·(1 + erf(x/√2))`. With `approximate: 'tanh'`: `0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))`.
 * Both match PyTorch's `gelu` (`gelu(1)` is 0.8413447460685429 exact, 0.8411919906082768 approximate) and are
 * differentiable to any order.
 *
 * @param x - Input of any shape (float).
 * @param options - `approximate`.
 * @returns A tensor with the shape and dtype of `x`.
 * @throws {@link DTypeError} For integer tensors.
 *
 * @example
 * ```ts
 * import { gelu, tensor } from '@nanograd/autograd';
 * gelu(tensor([1], { dtype: 'f64' })).toList(); // [0.8413447460685429]
 * ```
 * @category Activation
 */
export function gelu(x: Tensor, options: GeluOptions = {}): Tensor {
  assertFloat('gelu', x);
  const inner = options.approximate === 'tanh' ? tanh(mul(add(x, mul(mul(mul(x, x), x), 0.044715)), SQRT_TWO_OVER_PI)) : erf(mul(x, SQRT_HALF));
  return mul(mul(x, 0.5), add(inner, 1));
}
