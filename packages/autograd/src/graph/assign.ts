// In-place writes for optimizers, running statistics and state loading; they never enter the graph.
import { formatShape, ShapeError } from '@nanograd/kernels';
import { broadcastTo } from '../ops/movement/broadcast-to';
import { cast } from '../ops/linalg/cast';
import { toTensor } from '../internal/operand';
import type { Tensor } from '../tensor';
import { GraphError } from './graph-error';
import { noGrad } from './grad-mode';

/**
 * Overwrites `target`'s elements with `value` (broadcast to `target`'s shape and cast to its dtype), outside the
 * graph, as PyTorch's `with torch.no_grad(): target.copy_(value)`. Writing through a view writes its base storage.
 *
 * @remarks
 * Only leaves may be overwritten: a tensor computed inside a graph may still be read by a backward rule, and
 * changing it would silently corrupt gradients, so that throws.
 *
 * @param target - The tensor to overwrite (a leaf, e.g. a parameter or a running statistic).
 * @param value - New values: a tensor broadcastable to `target`'s shape, or a number.
 * @returns `target`, for chaining.
 * @throws {@link ShapeError} If `value` does not broadcast to `target`'s shape.
 * @throws {@link GraphError} If `target` is the result of a recorded op.
 *
 * @example
 * ```ts
 * import { assign, tensor } from '@nanograd/autograd';
 * const w = tensor([1, 2, 3], { requiresGrad: true });
 * assign(w, tensor([0, 0, 0]));
 * w.toList(); // [0, 0, 0]
 * ```
 * @category Graph
 */
export function assign(target: Tensor, value: Tensor | number): Tensor {
  if (target.node !== null) {
    throw new GraphError(`assign: cannot overwrite a tensor computed in a graph (${formatShape(target.shape)}); its backward rule may still read it`);
  }
  noGrad(() => {
    const source = toTensor('assign', value, target);
    if (source.rank > target.rank || source.shape.some((extent, axis) => extent !== 1 && extent !== target.shape[target.rank - source.rank + axis])) {
      throw new ShapeError(`assign: value shape ${formatShape(source.shape)} does not broadcast to target shape ${formatShape(target.shape)}`);
    }
    const typed = source.dtype === target.dtype ? source : cast(source, target.dtype);
    target.backend.kernels.copy(broadcastTo(typed, target.shape).view(), target.view());
  });
  return target;
}
