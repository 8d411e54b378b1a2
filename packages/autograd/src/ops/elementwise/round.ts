import { apply } from '../../graph/apply';
import { defineUnary } from '../../internal/elementwise';
import { zerosLike } from '../../internal/elementwise-zeros';
import type { Tensor } from '../../tensor';

// Piecewise constant: the derivative is zero wherever it exists (PyTorch's convention at the jumps too).
const roundDef = defineUnary('round', 'round', (grad) => [zerosLike(grad)], { floatOnly: false });

/**
 * Rounds every element to the nearest integer, halves to even (NumPy, PyTorch).
 *
 * @remarks
 * The gradient is zero everywhere, like PyTorch.
 *
 * @param x - Input.
 * @returns The rounded values, with the dtype of `x`.
 *
 * @example
 * ```ts
 * import { round, tensor } from '@nanograd/autograd';
 * round(tensor([0.5, 1.5, 2.5])).toList(); // [0, 2, 2]
 * ```
 * @category Elementwise
 */
export function round(x: Tensor): Tensor {
  return apply(roundDef, [x], undefined);
}
