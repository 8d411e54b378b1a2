import { broadcastShapes, broadcastStrides, formatShape, ShapeError, type Shape } from '@nanograd/kernels';
import { apply } from '../../graph/apply';
import { defineView } from '../../graph/define-builtin-op';
import type { Tensor } from '../../tensor';

// The gradient is the output's; the engine sums it back down to the input shape.
const broadcastToDef = defineView<{ shape: Shape }>({
  name: 'broadcastTo',
  layout: (x, { shape }) => ({ shape, strides: broadcastStrides('broadcastTo', x.shape, x.strides, shape), offset: x.offset }),
  vjp: (grad) => [grad],
});

/**
 * Expands `x` to a larger shape without copying: extent-1 and missing leading axes repeat with stride 0.
 *
 * @param x - Input.
 * @param shape - Target shape; `x.shape` must broadcast to it.
 * @returns A view of `x` with the target shape.
 * @throws {@link ShapeError} If `x.shape` does not broadcast to `shape`.
 *
 * @example
 * ```ts
 * import { broadcastTo, tensor } from '@nanograd/autograd';
 * broadcastTo(tensor([1, 2]), [2, 2]).toList(); // [[1, 2], [1, 2]]
 * ```
 * @category Movement
 */
export function broadcastTo(x: Tensor, shape: Shape): Tensor {
  const result = broadcastShapes('broadcastTo', x.shape, shape);
  if (result.length !== shape.length || result.some((extent, axis) => extent !== shape[axis])) {
    throw new ShapeError(`broadcastTo: cannot broadcast ${formatShape(x.shape)} to ${formatShape(shape)}`);
  }
  if (x.shape.length === shape.length && x.shape.every((extent, axis) => extent === shape[axis])) return x;
  return apply(broadcastToDef, [x], { shape: [...shape] });
}
