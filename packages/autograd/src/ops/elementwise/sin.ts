import { apply } from '../../graph/apply';
import { defineUnary } from '../../internal/elementwise';
import type { Tensor } from '../../tensor';
import { cos } from './cos';
import { mul } from './mul';

const sinDef = defineUnary('sin', 'sin', (grad, { inputs: [x] }) => [mul(grad, cos(x!))]);

/**
 * Takes the sine of every element (radians).
 *
 * @param x - Input (float).
 * @returns `sin x`.
 * @throws {@link DTypeError} For integer tensors.
 *
 * @example
 * ```ts
 * import { sin, tensor } from '@nanograd/autograd';
 * sin(tensor([0])).toList(); // [0]
 * ```
 * @category Elementwise
 */
export function sin(x: Tensor): Tensor {
  return apply(sinDef, [x], undefined);
}
