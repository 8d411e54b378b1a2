import { apply } from '../../graph/apply';
import { toTensor } from '../../internal/operand';
import { defineBinary } from '../../internal/elementwise';
import type { Tensor } from '../../tensor';

// No VJP: the result is piecewise constant, so it never requires gradients.
const greaterEqualDef = defineBinary('greaterEqual', 'greaterEqual');

/**
 * Tells where `a ≥ b`, element-wise with broadcasting, as 1 (true) or 0 (false).
 *
 * @remarks
 * NaN compares unequal to everything (IEEE 754). The result carries no gradient; use it as a mask with
 * {@link where} or {@link mul}.
 *
 * @param a - First operand (a tensor or a number).
 * @param b - Second operand.
 * @returns A tensor of 0s and 1s with the broadcast shape and the wider input dtype.
 * @throws {@link ShapeError} If the shapes cannot be broadcast.
 *
 * @example
 * ```ts
 * import { greaterEqual, tensor } from '@nanograd/autograd';
 * greaterEqual(tensor([1, 2, 3]), 2).toList(); // [0, 1, 1]
 * ```
 * @category Elementwise
 */
export function greaterEqual(a: Tensor | number, b: Tensor | number): Tensor {
  return apply(greaterEqualDef, [toTensor('greaterEqual', a, b), toTensor('greaterEqual', b, a)], undefined);
}
