import { apply } from '../../graph/apply';
import { defineUnary } from '../../internal/elementwise';
import type { Tensor } from '../../tensor';
import { add } from './add';
import { mul } from './mul';

// d(eˣ − 1)/dx = eˣ = output + 1.
const expm1Def = defineUnary('expm1', 'expm1', (grad, { output }) => [mul(grad, add(output, 1))]);

/**
 * Takes `eˣ − 1` of every element, accurately even when `x` is tiny.
 *
 * @param x - Input (float).
 * @returns `eˣ − 1`.
 * @throws {@link DTypeError} For integer tensors.
 *
 * @example
 * ```ts
 * import { expm1, tensor } from '@nanograd/autograd';
 * expm1(tensor([0])).toList(); // [0]
 * ```
 * @category Elementwise
 */
export function expm1(x: Tensor): Tensor {
  return apply(expm1Def, [x], undefined);
}
