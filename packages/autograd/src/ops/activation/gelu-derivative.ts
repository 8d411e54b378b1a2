// The derivative of the exact GELU as an op of its own, so gelu's VJP is one kernel pass and still differentiates.
import { apply } from '../../graph/apply';
import { defineUnary } from '../../internal/elementwise';
import type { Tensor } from '../../tensor';
import { exp } from '../elementwise/exp';
import { mul } from '../elementwise/mul';
import { square } from '../elementwise/square';
import { sub } from '../elementwise/sub';

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

// d/dx [Φ(x) + x·φ(x)] = φ(x) + φ(x) + x·φ′(x) = φ(x)·(2 − x²), written with ops so it differentiates again.
const geluDerivativeDef = defineUnary('geluDerivative', 'geluDerivative', (grad, { inputs: [x] }) => {
  const x2 = square(x!);
  return [mul(grad, mul(mul(exp(mul(x2, -0.5)), sub(2, x2)), INV_SQRT_2PI))];
});

/** Φ(x) + x·φ(x), the derivative of the exact gelu x·Φ(x), element-wise (float tensors). */
export function geluDerivative(x: Tensor): Tensor {
  return apply(geluDerivativeDef, [x], undefined);
}
