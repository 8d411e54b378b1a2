import { apply } from '../../graph/apply';
import { defineOp } from '../../graph/define-builtin-op';
import type { Tensor } from '../../tensor';
import { greater } from '../elementwise/greater';
import { where } from '../elementwise/where';

// The relu VJP as one op, grad · sign(output): output ≥ 0 so sign is the 0/1 mask, with no constant or bool tensor.
const reluGradDef = defineOp<void>({
  name: 'relu',
  infer: ([, grad]) => ({ shape: grad!.shape, dtype: grad!.dtype }),
  forward: (kernels, [output, grad], out) => {
    kernels.unary('sign', output!, out);
    kernels.binary('mul', out, grad!, out);
  },
  // Linear in grad with the same mask; sign has zero derivative, so the output gets none.
  vjp: (outer, { inputs: [output] }) => [null, reluGrad(output!, outer)],
});

/** The relu VJP `grad` masked by `output > 0`, differentiable to any order. */
function reluGrad(output: Tensor, grad: Tensor): Tensor {
  if (output.dtype !== grad.dtype) return where(greater(output, 0), grad, 0);
  return apply(reluGradDef, [output, grad], undefined);
}

const reluDef = defineOp<void>({
  name: 'relu',
  infer: ([x]) => ({ shape: x!.shape, dtype: x!.dtype }),
  // max(x, 0) against out, zero-filled by alloc, in place: one kernel pass, and NaN propagates.
  forward: (kernels, [x], out) => {
    kernels.binary('maximum', x!, out, out);
  },
  // Gradient 1 where the output is positive, 0 elsewhere (at exactly 0 too, like PyTorch).
  vjp: (grad, { output }) => [reluGrad(output, grad)],
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
