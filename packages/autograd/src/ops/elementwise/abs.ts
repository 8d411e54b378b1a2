import { apply } from '../../graph/apply';
import { defineUnary } from '../../internal/elementwise';
import type { Tensor } from '../../tensor';
import { mul } from './mul';
import { sign } from './sign';

// sign(0) = 0 gives the subgradient 0 at the kink, like PyTorch.
const absDef = defineUnary('abs', 'abs', (grad, { inputs: [x] }) => [mul(grad, sign(x!))], { floatOnly: false });

/**
 * Takes the absolute value of every element.
 *
 * @remarks
 * The gradient is `sign(x)`, so it is 0 at exactly 0 (PyTorch's choice).
 *
 * @param x - Input.
 * @returns `|x|` with the dtype of `x`.
 *
 * @example
 * ```ts
 * import { abs, tensor } from '@nanograd/autograd';
 * abs(tensor([-2, 0, 3])).toList(); // [2, 0, 3]
 * ```
 * @category Elementwise
 */
export function abs(x: Tensor): Tensor {
  return apply(absDef, [x], undefined);
}
