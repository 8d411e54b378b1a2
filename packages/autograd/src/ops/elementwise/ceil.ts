import { apply } from '../../graph/apply';
import { defineUnary } from '../../internal/elementwise';
import { zerosLike } from '../../internal/elementwise-zeros';
import type { Tensor } from '../../tensor';

// Piecewise constant: the derivative is zero wherever it exists (PyTorch's convention at the jumps too).
const ceilDef = defineUnary('ceil', 'ceil', (grad) => [zerosLike(grad)], { floatOnly: false });

/**
 * Rounds every element up to an integer.
 *
 * @remarks
 * The gradient is zero everywhere, like PyTorch.
 *
 * @param x - Input.
 * @returns The rounded values, with the dtype of `x`.
 *
 * @example
 * ```ts
 * import { ceil, tensor } from '@nanograd/autograd';
 * ceil(tensor([1.5, -1.5])).toList(); // [2, -1]
 * ```
 * @category Elementwise
 */
export function ceil(x: Tensor): Tensor {
  return apply(ceilDef, [x], undefined);
}
