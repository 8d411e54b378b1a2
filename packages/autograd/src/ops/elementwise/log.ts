import { apply } from '../../graph/apply';
import { defineUnary } from '../../internal/elementwise';
import type { Tensor } from '../../tensor';
import { div } from './div';

const logDef = defineUnary('log', 'log', (grad, { inputs: [x] }) => [div(grad, x!)]);

/**
 * Takes the natural logarithm of every element (NaN below 0, -Infinity at 0, as IEEE 754).
 *
 * @param x - Input (float).
 * @returns `ln x`.
 * @throws {@link DTypeError} For integer tensors.
 *
 * @example
 * ```ts
 * import { log, tensor } from '@nanograd/autograd';
 * log(tensor([1])).toList(); // [0]
 * ```
 * @category Elementwise
 */
export function log(x: Tensor): Tensor {
  return apply(logDef, [x], undefined);
}
