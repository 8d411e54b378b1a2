import { apply } from '../../graph/apply';
import { defineUnary } from '../../internal/elementwise';
import type { Tensor } from '../../tensor';
import { sigmoidVjp } from '../../internal/elementwise-sigmoid';

const sigmoidDef = defineUnary('sigmoid', 'sigmoid', sigmoidVjp);

/**
 * Applies the logistic function `1 / (1 + e⁻ˣ)` to every element.
 *
 * @remarks
 * The kernel never exponentiates a positive number, so it does not overflow: see also {@link sigmoidStable},
 * the same function under the Scheme egg's name for the overflow-safe variant.
 *
 * @param x - Input of any shape (float).
 * @returns `σ(x)`, in `[0, 1]`.
 * @throws {@link DTypeError} For integer tensors.
 *
 * @example
 * ```ts
 * import { sigmoid, tensor } from '@nanograd/autograd';
 * sigmoid(tensor([0])).toList(); // [0.5]
 * ```
 * @category Activation
 */
export function sigmoid(x: Tensor): Tensor {
  return apply(sigmoidDef, [x], undefined);
}
