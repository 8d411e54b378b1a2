import { apply } from '../../graph/apply';
import { defineUnary } from '../../internal/elementwise';
import type { Tensor } from '../../tensor';
import { mul } from '../elementwise/mul';
import { square } from '../elementwise/square';
import { sub } from '../elementwise/sub';

// d tanh/dx = 1 − tanh², read from the output.
const tanhDef = defineUnary('tanh', 'tanh', (grad, { output }) => [mul(grad, sub(1, square(output)))]);

/**
 * Applies the hyperbolic tangent to every element.
 *
 * @param x - Input of any shape (float).
 * @returns `tanh x`, in `[-1, 1]`.
 * @throws {@link DTypeError} For integer tensors.
 *
 * @example
 * ```ts
 * import { tanh, tensor } from '@nanograd/autograd';
 * tanh(tensor([0])).toList(); // [0]
 * ```
 * @category Activation
 */
export function tanh(x: Tensor): Tensor {
  return apply(tanhDef, [x], undefined);
}
