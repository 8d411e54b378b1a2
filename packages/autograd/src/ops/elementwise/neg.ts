import { apply } from '../../graph/apply';
import { defineUnary } from '../../internal/elementwise';
import type { Tensor } from '../../tensor';

const negDef = defineUnary('neg', 'neg', (grad) => [neg(grad)], { floatOnly: false });

/**
 * Negates every element.
 *
 * @param x - Input.
 * @returns `-x`.
 *
 * @example
 * ```ts
 * import { neg, tensor } from '@nanograd/autograd';
 * neg(tensor([1, -2])).toList(); // [-1, 2]
 * ```
 * @category Elementwise
 */
export function neg(x: Tensor): Tensor {
  return apply(negDef, [x], undefined);
}
