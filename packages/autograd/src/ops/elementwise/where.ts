import { broadcastShapes, promoteDTypes } from '@nanograd/kernels';
import { apply } from '../../graph/apply';
import { defineOp } from '../../graph/define-builtin-op';
import { expandView } from '../../internal/elementwise';
import { toTensor } from '../../internal/operand';
import type { Tensor } from '../../tensor';

const whereDef = defineOp<void>({
  name: 'where',
  infer: ([condition, a, b]) => ({
    shape: broadcastShapes('where', broadcastShapes('where', condition!.shape, a!.shape), b!.shape),
    dtype: promoteDTypes(a!.dtype, b!.dtype),
  }),
  forward: (kernels, [condition, a, b], out) =>
    kernels.where(expandView('where', condition!, out.shape), expandView('where', a!, out.shape), expandView('where', b!, out.shape), out),
  // The condition is piecewise constant: gradients go to the branch that was selected, zero to the other.
  vjp: (grad, { inputs: [condition, a, b] }) => [
    null,
    a!.requiresGrad ? where(condition!, grad, 0) : null,
    b!.requiresGrad ? where(condition!, 0, grad) : null,
  ],
});

/**
 * Selects element-wise from `a` where `condition` is non-zero and from `b` elsewhere, broadcasting all three.
 *
 * @remarks
 * Any non-zero condition counts as true, NaN included. Gradients flow to `a` and `b` (each only where it was
 * selected), never to `condition`. Both branches are computed in full, so a branch that overflows where it is not
 * selected still yields NaN gradients through it; guard its input with a second `where` (the "double where" trick).
 *
 * @param condition - A tensor of any dtype; typically a comparison such as {@link greater}.
 * @param a - Values where the condition holds (a tensor or a number).
 * @param b - Values elsewhere.
 * @returns A tensor with the broadcast shape of the three inputs and the wider dtype of `a` and `b`.
 * @throws {@link ShapeError} If the shapes cannot be broadcast.
 *
 * @example
 * ```ts
 * import { greater, tensor, where } from '@nanograd/autograd';
 * const x = tensor([-1, 2, -3]);
 * where(greater(x, 0), x, 0).toList(); // [0, 2, 0]
 * ```
 * @category Elementwise
 */
export function where(condition: Tensor, a: Tensor | number, b: Tensor | number): Tensor {
  return apply(whereDef, [condition, toTensor('where', a, b), toTensor('where', b, a)], undefined);
}
