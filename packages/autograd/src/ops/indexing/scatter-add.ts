import { formatShape, normalizeAxis, ShapeError } from '@nanograd/kernels';
import { checkIndexShape, checkIndices, scatterAddUnchecked } from '../../internal/movement-gather';
import type { Tensor } from '../../tensor';
import type { GatherOptions } from './gather';

/**
 * Adds `updates` into a copy of `x` at the positions `index` names along an axis (PyTorch `scatter_add`):
 * for axis 0, `out[index[i][j]][j] += updates[i][j]`. Repeated indices accumulate.
 *
 * @remarks
 * The adjoint of {@link gather}: the gradient is `grad` for `x` and `gather(grad, index)` for `updates`, so it is
 * differentiable to any order. The indices carry no gradient.
 *
 * @param x - The tensor added into (not modified).
 * @param index - An `i32` tensor of `x`'s rank, no larger than `x` off `axis`, with entries in `[0, x.shape[axis])`.
 * @param updates - Values to add, with `index`'s shape.
 * @param options - `axis`.
 * @returns A new tensor with `x`'s shape and the wider dtype of `x` and `updates`.
 * @throws {@link ShapeError} If the shapes do not fit or an index is out of range (the message names it).
 * @throws {@link DTypeError} If `index` is not `i32`.
 *
 * @example
 * ```ts
 * import { scatterAdd, tensor, zeros } from '@nanograd/autograd';
 * const index = tensor([0, 2, 0], { dtype: 'i32' });
 * scatterAdd(zeros([3]), index, tensor([1, 2, 3]), { axis: 0 }).toList(); // [4, 0, 2]
 * ```
 * @category Movement
 */
export function scatterAdd(x: Tensor, index: Tensor, updates: Tensor, options: GatherOptions): Tensor {
  const axis = normalizeAxis('scatterAdd', options.axis, x.rank);
  if (updates.rank !== index.rank || updates.shape.some((extent, position) => extent !== index.shape[position])) {
    throw new ShapeError(`scatterAdd: updates ${formatShape(updates.shape)} must have the shape of index ${formatShape(index.shape)}`);
  }
  checkIndexShape('scatterAdd', x, index, axis);
  checkIndices('scatterAdd', index, axis, x.shape[axis] as number, () => `x ${formatShape(x.shape)}, index ${formatShape(index.shape)}`);
  return scatterAddUnchecked(x, index, updates, axis);
}
