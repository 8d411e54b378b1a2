import { apply } from '../../graph/apply';
import { defineUnary } from '../../internal/elementwise';
import { zerosLike } from '../../internal/elementwise-zeros';
import type { Tensor } from '../../tensor';

// Piecewise constant: the derivative is exactly zero wherever it exists (PyTorch returns zeros too).
const signDef = defineUnary('sign', 'sign', (grad) => [zerosLike(grad)], { floatOnly: false });

/**
 * Returns the sign of every element: -1, 0 or 1 (NaN stays NaN, -0 stays -0).
 *
 * @remarks
 * The gradient is zero everywhere (the true derivative away from 0; PyTorch's convention at 0).
 *
 * @param x - Input.
 * @returns `sign(x)` with the dtype of `x`.
 *
 * @example
 * ```ts
 * import { sign, tensor } from '@nanograd/autograd';
 * sign(tensor([-2, 0, 3])).toList(); // [-1, 0, 1]
 * ```
 * @category Elementwise
 */
export function sign(x: Tensor): Tensor {
  return apply(signDef, [x], undefined);
}
