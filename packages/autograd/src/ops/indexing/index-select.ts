import { formatShape, normalizeAxis, ShapeError } from '@nanograd/kernels';
import { checkIndices, gatherUnchecked, indexTensor } from '../../internal/movement-gather';
import type { Tensor } from '../../tensor';
import { broadcastTo } from '../movement/broadcast-to';
import { reshape } from '../movement/reshape';

/**
 * Takes whole slices of `x` along an axis, in the order the indices list them (PyTorch `index_select`).
 *
 * @remarks
 * Indices may repeat; their gradients accumulate. Differentiable to any order in `x`.
 *
 * @param x - Source tensor with at least one axis.
 * @param axis - The axis to index; negative values count from the end.
 * @param indices - A 1-d `i32` tensor or an array of integers in `[0, x.shape[axis])`.
 * @returns A tensor like `x` whose extent on `axis` is the number of indices.
 * @throws {@link ShapeError} If the axis is out of range, the indices are not 1-d, or an index is out of range.
 * @throws {@link DTypeError} If the indices are not integers.
 *
 * @example
 * ```ts
 * import { indexSelect, tensor } from '@nanograd/autograd';
 * indexSelect(tensor([[1, 2], [3, 4], [5, 6]]), 0, [2, 0]).toList(); // [[5, 6], [1, 2]]
 * ```
 * @category Movement
 */
export function indexSelect(x: Tensor, axis: number, indices: Tensor | readonly number[]): Tensor {
  const along = normalizeAxis('indexSelect', axis, x.rank);
  const index = indexTensor('indexSelect', indices, x);
  if (index.rank !== 1) throw new ShapeError(`indexSelect: indices must be 1-d (got ${formatShape(index.shape)})`);
  checkIndices('indexSelect', index, along, x.shape[along] as number, () => `x ${formatShape(x.shape)}`);
  const count = index.size;
  const shape = x.shape.map((extent, position) => (position === along ? count : extent));
  const lanes = reshape(index, x.shape.map((_, position) => (position === along ? count : 1)));
  return gatherUnchecked(x, broadcastTo(lanes, shape), along);
}
