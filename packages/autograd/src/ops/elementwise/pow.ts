import { apply } from '../../graph/apply';
import { defineBinary } from '../../internal/elementwise';
import { toTensor } from '../../internal/operand';
import type { Tensor } from '../../tensor';
import { equal } from './equal';
import { greaterEqual } from './greater-equal';
import { log } from './log';
import { mul } from './mul';
import { sub } from './sub';
import { where } from './where';

// PyTorch's rules; masked-off lanes get a harmless input (double where), so no 0·∞ NaN leaks into higher orders.
const powDef = defineBinary('pow', 'pow', (grad, { inputs: [a, b], output }) => {
  let gradA: Tensor | null = null;
  let gradB: Tensor | null = null;
  if (a!.requiresGrad) {
    // d(aᵇ)/da = b·aᵇ⁻¹, taken as 0 where b = 0 (aᵇ ≡ 1 there, even at a = 0).
    const constant = equal(b!, 0);
    gradA = where(constant, 0, mul(grad, mul(b!, pow(where(constant, 1, a!), sub(b!, 1)))));
  }
  if (b!.requiresGrad) {
    // d(aᵇ)/db = aᵇ·ln a, taken as 0 at a = 0 with b ≥ 0 (the one-sided limit); NaN for a < 0.
    const zeroBase = mul(equal(a!, 0), greaterEqual(b!, 0));
    gradB = where(zeroBase, 0, mul(grad, mul(output, log(where(zeroBase, 1, a!)))));
  }
  return [gradA, gradB];
});

/**
 * Raises `a` to the power `b`, element-wise with broadcasting.
 *
 * @remarks
 * Follows `Math.pow`: a negative base with a non-integer exponent gives NaN, `0 ** -1` gives Infinity.
 * Gradients follow PyTorch: `∂/∂a = b·aᵇ⁻¹` (0 where `b = 0`); `∂/∂b = aᵇ·ln a`, which is 0 where `a = 0`
 * and `b ≥ 0`, and NaN where `a < 0` (no real logarithm). Pass a number exponent when it is a constant: then
 * no exponent gradient is computed.
 *
 * @param a - Base (a tensor or a number).
 * @param b - Exponent (a tensor or a number).
 * @returns `aᵇ` with the broadcast shape and the wider dtype.
 * @throws {@link ShapeError} If the shapes cannot be broadcast.
 *
 * @example
 * ```ts
 * import { pow, tensor } from '@nanograd/autograd';
 * pow(tensor([1, 2, 3]), 2).toList(); // [1, 4, 9]
 * ```
 * @category Elementwise
 */
export function pow(a: Tensor | number, b: Tensor | number): Tensor {
  return apply(powDef, [toTensor('pow', a, b), toTensor('pow', b, a)], undefined);
}
