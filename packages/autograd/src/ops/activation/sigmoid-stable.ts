import { apply } from '../../graph/apply';
import { defineUnary } from '../../internal/elementwise';
import type { Tensor } from '../../tensor';
import { sigmoidVjp } from '../../internal/elementwise-sigmoid';

// Same kernel as sigmoid (it already exponentiates only non-positive numbers); own name for error messages.
const sigmoidStableDef = defineUnary('sigmoidStable', 'sigmoid', sigmoidVjp);

/**
 * Applies the logistic function `1 / (1 + e⁻ˣ)` without overflow for any input (Scheme `sigmoid-stable`).
 *
 * @remarks
 * Computes `1 / (1 + e⁻ˣ)` for `x ≥ 0` and `eˣ / (1 + eˣ)` for `x < 0`, so no exponential exceeds 1:
 * `sigmoidStable(±1000)` is exactly 1 and 0, and its gradient there is 0, never NaN.
 *
 * @param x - Input of any shape (float).
 * @returns `σ(x)`, in `[0, 1]`.
 * @throws {@link DTypeError} For integer tensors.
 *
 * @example
 * ```ts
 * import { sigmoidStable, tensor } from '@nanograd/autograd';
 * sigmoidStable(tensor([-1000, 0, 1000])).toList(); // [0, 0.5, 1]
 * ```
 * @see {@link sigmoid}, which shares the kernel.
 * @category Activation
 */
export function sigmoidStable(x: Tensor): Tensor {
  return apply(sigmoidStableDef, [x], undefined);
}
