import { apply } from '../../graph/apply';
import { defineUnary } from '../../internal/elementwise';
import type { Tensor } from '../../tensor';
import { mul } from './mul';

const expDef = defineUnary('exp', 'exp', (grad, { output }) => [mul(grad, output)]);

/**
 * Raises e to the power of every element.
 *
 * @param x - Input (float).
 * @returns `eˣ`.
 * @throws {@link DTypeError} For integer tensors.
 *
 * @example
 * ```ts
 * import { exp, tensor } from '@nanograd/autograd';
 * exp(tensor([0])).toList(); // [1]
 * ```
 * @category Elementwise
 */
export function exp(x: Tensor): Tensor {
  return apply(expDef, [x], undefined);
}
