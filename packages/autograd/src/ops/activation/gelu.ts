import { apply } from '../../graph/apply';
import { defineUnary } from '../../internal/elementwise';
import { assertFloat } from '../../internal/elementwise-float';
import type { Tensor } from '../../tensor';
import { add } from '../elementwise/add';
import { mul } from '../elementwise/mul';
import { geluDerivative } from './gelu-derivative';
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

const SQRT_TWO_OVER_PI = Math.sqrt(2 / Math.PI);

// The exact form is one kernel pass forward and one backward; the derivative op carries the higher orders.
const geluDef = defineUnary('gelu', 'gelu', (grad, { inputs: [x] }) => [mul(grad, geluDerivative(x!))]);

/**
 * Applies the Gaussian error linear unit `x·Φ(x)` to every element, Φ being the standard normal CDF.
 *
 * @remarks
 * Exact: `0.5·x·(1 + erf(x/√2))`. With `approximate: 'tanh'`: `0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))`.
 * Both match PyTorch's `gelu` (`gelu(1)` is 0.8413447460685429 exact, 0.8411919906082768 approximate) and are
 * differentiable to any order. The exact form runs as one kernel (`x` for large positive `x` and +Infinity, -0 for
 * large negative `x` and -Infinity), its gradient as one more: `Φ(x) + x·φ(x)`, φ the standard normal density.
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
  if (options.approximate !== 'tanh') return apply(geluDef, [x], undefined);
  const inner = tanh(mul(add(x, mul(mul(mul(x, x), x), 0.044715)), SQRT_TWO_OVER_PI));
  return mul(mul(x, 0.5), add(inner, 1));
}
