import { apply } from '../../graph/apply';
import { defineUnary } from '../../internal/elementwise';
import type { Tensor } from '../../tensor';
import { mul } from './mul';

const squareDef = defineUnary('square', 'square', (grad, { inputs: [x] }) => [mul(grad, mul(x!, 2))], { floatOnly: false });

/**
 * Squares every element.
 *
 * @param x - Input.
 * @returns `x²` with the dtype of `x`.
 *
 * @example
 * ```ts
 * import { square, tensor } from '@nanograd/autograd';
 * square(tensor([-3, 2])).toList(); // [9, 4]
 * ```
 * @category Elementwise
 */
export function square(x: Tensor): Tensor {
  return apply(squareDef, [x], undefined);
}
