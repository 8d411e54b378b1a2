import { apply } from '../../graph/apply';
import { toTensor } from '../../internal/operand';
import { defineBinary } from '../../internal/elementwise';
import type { Tensor } from '../../tensor';
import { neg } from './neg';

const subDef = defineBinary('sub', 'sub', (grad) => [grad, neg(grad)]);

/**
 * Subtracts `b` from `a` element-wise, broadcasting.
 *
 * @param a - Minuend.
 * @param b - Subtrahend.
 * @returns `a - b`.
 * @throws {@link ShapeError} If the shapes cannot be broadcast.
 *
 * @example
 * ```ts
 * import { sub, tensor } from '@nanograd/autograd';
 * sub(tensor([5, 7]), 2).toList(); // [3, 5]
 * ```
 * @category Elementwise
 */
export function sub(a: Tensor | number, b: Tensor | number): Tensor {
  return apply(subDef, [toTensor('sub', a, b), toTensor('sub', b, a)], undefined);
}
