import { apply } from '../../graph/apply';
import { defineUnary } from '../../internal/elementwise';
import type { Tensor } from '../../tensor';
import { mul } from './mul';
import { neg } from './neg';
import { sin } from './sin';

const cosDef = defineUnary('cos', 'cos', (grad, { inputs: [x] }) => [neg(mul(grad, sin(x!)))]);

/**
 * Takes the cosine of every element (radians).
 *
 * @param x - Input (float).
 * @returns `cos x`.
 * @throws {@link DTypeError} For integer tensors.
 *
 * @example
 * ```ts
 * import { cos, tensor } from '@nanograd/autograd';
 * cos(tensor([0])).toList(); // [1]
 * ```
 * @category Elementwise
 */
export function cos(x: Tensor): Tensor {
  return apply(cosDef, [x], undefined);
}
