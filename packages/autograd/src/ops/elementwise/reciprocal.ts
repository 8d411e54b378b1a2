import { apply } from '../../graph/apply';
import { defineUnary } from '../../internal/elementwise';
import type { Tensor } from '../../tensor';
import { mul } from './mul';
import { neg } from './neg';
import { square } from './square';

// d(1/x)/dx = −1/x² = −output².
const reciprocalDef = defineUnary('reciprocal', 'reciprocal', (grad, { output }) => [neg(mul(grad, square(output)))]);

/**
 * Takes `1 / x` of every element (±Infinity at ±0, as IEEE 754).
 *
 * @param x - Input (float).
 * @returns `1 / x`.
 * @throws {@link DTypeError} For integer tensors.
 *
 * @example
 * ```ts
 * import { reciprocal, tensor } from '@nanograd/autograd';
 * reciprocal(tensor([2, 4])).toList(); // [0.5, 0.25]
 * ```
 * @category Elementwise
 */
export function reciprocal(x: Tensor): Tensor {
  return apply(reciprocalDef, [x], undefined);
}
