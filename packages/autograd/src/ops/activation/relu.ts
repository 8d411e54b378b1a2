import { apply } from '../../graph/apply';
import { defineOp } from '../../graph/define-op';
import type { Tensor } from '../../tensor';
import { greater } from '../elementwise/greater';
import { where } from '../elementwise/where';

const reluDef = defineOp<void>({
  name: 'relu',
  infer: ([x]) => ({ shape: x!.shape, dtype: x!.dtype }),
  // max(x, 0) against a zero-filled out, in place: one kernel pass, and NaN propagates.
  forward: (kernels, [x], out) => {
    kernels.fill(out, 0);
    kernels.binary('maximum', x!, out, out);
  },
  // Gradient 1 where the output is positive, 0 elsewhere (at exactly 0 too, like PyTorch).
  vjp: (grad, { output }) => [where(greater(output, 0), grad, 0)],
});

/**
 * Applies the rectified linear unit `max(x, 0)` to every element; NaN stays NaN.
 *
 * @remarks
 * The gradient at exactly 0 is 0, as in PyTorch.
 *
 * @param x - Input of any shape.
 * @returns A tensor with the shape and dtype of `x`.
 *
 * @example
 * ```ts
 * import { relu, tensor } from '@nanograd/autograd';
 * relu(tensor([-1, 0, 2])).toList(); // [0, 0, 2]
 * ```
 * @category Activation
 */
export function relu(x: Tensor): Tensor {
  return apply(reluDef, [x], undefined);
}
