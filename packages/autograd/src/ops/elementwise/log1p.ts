import { apply } from '../../graph/apply';
import { defineUnary } from '../../internal/elementwise';
import type { Tensor } from '../../tensor';
import { add } from './add';
import { div } from './div';

const log1pDef = defineUnary('log1p', 'log1p', (grad, { inputs: [x] }) => [div(grad, add(x!, 1))]);

/**
 * Takes `ln(1 + x)` of every element, accurately even when `x` is tiny.
 *
 * @param x - Input (float).
 * @returns `ln(1 + x)` (NaN below -1, -Infinity at -1).
 * @throws {@link DTypeError} For integer tensors.
 *
 * @example
 * ```ts
 * import { log1p, tensor } from '@nanograd/autograd';
 * log1p(tensor([0])).toList(); // [0]
 * ```
 * @category Elementwise
 */
export function log1p(x: Tensor): Tensor {
  return apply(log1pDef, [x], undefined);
}
