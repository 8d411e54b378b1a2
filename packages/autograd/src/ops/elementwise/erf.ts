import { apply } from '../../graph/apply';
import { defineUnary } from '../../internal/elementwise';
import type { Tensor } from '../../tensor';
import { exp } from './exp';
import { mul } from './mul';
import { neg } from './neg';
import { square } from './square';

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

// d erf(x)/dx = 2/√π · e^(−x²), written with ops so it differentiates again.
const erfDef = defineUnary('erf', 'erf', (grad, { inputs: [x] }) => [mul(grad, mul(exp(neg(square(x!))), TWO_OVER_SQRT_PI))]);

/**
 * Applies the Gauss error function `erf(x) = 2/√π ∫₀ˣ e^(−t²) dt` to every element.
 *
 * @param x - Input (float).
 * @returns `erf x`, in `[-1, 1]`.
 * @throws {@link DTypeError} For integer tensors.
 *
 * @example
 * ```ts
 * import { erf, tensor } from '@nanograd/autograd';
 * erf(tensor([0])).toList(); // [0]
 * ```
 * @category Elementwise
 */
export function erf(x: Tensor): Tensor {
  return apply(erfDef, [x], undefined);
}
