import { apply } from '../../graph/apply';
import { defineUnary } from '../../internal/elementwise';
import type { Tensor } from '../../tensor';
import { div } from './div';
import { mul } from './mul';

// d√x/dx = 1/(2√x), read from the output so no square root is recomputed.
const sqrtDef = defineUnary('sqrt', 'sqrt', (grad, { output }) => [div(grad, mul(output, 2))]);

/**
 * Takes the square root of every element (NaN below 0; the gradient at 0 is +Infinity, as in PyTorch).
 *
 * @param x - Input (float).
 * @returns `√x`.
 * @throws {@link DTypeError} For integer tensors.
 *
 * @example
 * ```ts
 * import { sqrt, tensor } from '@nanograd/autograd';
 * sqrt(tensor([4, 9])).toList(); // [2, 3]
 * ```
 * @category Elementwise
 */
export function sqrt(x: Tensor): Tensor {
  return apply(sqrtDef, [x], undefined);
}
