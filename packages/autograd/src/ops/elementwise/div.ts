import { apply } from '../../graph/apply';
import { toTensor } from '../../internal/operand';
import { defineBinary } from '../../internal/elementwise';
import type { Tensor } from '../../tensor';
import { mul } from './mul';
import { neg } from './neg';

// d(a/b)/db = -a/b² = -(a/b)/b, written from the output so it stays differentiable.
const divDef = defineBinary('div', 'div', (grad, { inputs: [a, b] }) => [div(grad, b!), neg(div(mul(grad, div(a!, b!)), b!))]);

/**
 * Divides `a` by `b` element-wise, broadcasting. Division by zero follows IEEE 754 (±Infinity or NaN); use
 * {@link safeDiv} to guard it.
 *
 * @param a - Dividend.
 * @param b - Divisor.
 * @returns `a / b`.
 * @throws {@link ShapeError} If the shapes cannot be broadcast.
 *
 * @example
 * ```ts
 * import { div, tensor } from '@nanograd/autograd';
 * div(tensor([1, 3]), 2).toList(); // [0.5, 1.5]
 * ```
 * @category Elementwise
 */
export function div(a: Tensor | number, b: Tensor | number): Tensor {
  return apply(divDef, [toTensor('div', a, b), toTensor('div', b, a)], undefined);
}
