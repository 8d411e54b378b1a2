import { apply } from '../../graph/apply';
import { defineUnary } from '../../internal/elementwise';
import { zerosLike } from '../../internal/elementwise-zeros';
import type { Tensor } from '../../tensor';

// Piecewise constant: the derivative is zero wherever it exists (PyTorch's convention at the jumps too).
const floorDef = defineUnary('floor', 'floor', (grad) => [zerosLike(grad)], { floatOnly: false });

/**
 * Rounds every element down to an integer.
 *
 * @remarks
 * The gradient is zero everywhere, like PyTorch.
 *
 * @param x - Input.
 * @returns The rounded values, with the dtype of `x`.
 *
 * @example
 * ```ts
 * import { floor, tensor } from '@nanograd/autograd';
 * floor(tensor([1.5, -1.5])).toList(); // [1, -2]
 * ```
 * @category Elementwise
 */
export function floor(x: Tensor): Tensor {
  return apply(floorDef, [x], undefined);
}
