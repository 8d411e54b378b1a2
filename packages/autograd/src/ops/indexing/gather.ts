import { formatShape, normalizeAxis } from '@nanograd/kernels';
import { checkIndexShape, checkIndices, gatherUnchecked } from '../../internal/movement-gather';
import type { Tensor } from '../../tensor';

/**
 * Options of {@link gather} and {@link scatterAdd}.
 *
 * @example
 * ```ts
 * import type { GatherOptions } from '@nanograd/autograd';
 * const options: GatherOptions = { axis: 1 };
 * ```
 * @category Movement
 */
export interface GatherOptions {
  /** The axis the indices point along; negative values count from the end. */
  readonly axis: number;
}

/**
 * Picks elements along an axis by index (PyTorch `torch.gather`): `out[i][j] = x[index[i][j]][j]` for axis 0,
 * `x[i][index[i][j]]` for axis 1, and so on.
 *
 * @remarks
 * The gradient scatters back with {@link scatterAdd} (repeated indices accumulate), whose own gradient is a
 * gather: differentiable to any order in `x`. The indices carry no gradient.
 *
 * @param x - Source tensor.
 * @param index - An `i32` tensor of `x`'s rank, no larger than `x` off `axis`, with entries in `[0, x.shape[axis])`.
 * @param options - `axis`.
 * @returns A tensor with `index`'s shape and `x`'s dtype.
 * @throws {@link ShapeError} If the ranks or extents do not fit, or an index is out of range (the message names it).
 * @throws {@link DTypeError} If `index` is not `i32`.
 *
 * @example
 * ```ts
 * import { gather, tensor } from '@nanograd/autograd';
 * const x = tensor([[1, 2], [3, 4]]);
 * gather(x, tensor([[1, 1], [0, 1]], { dtype: 'i32' }), { axis: 1 }).toList(); // [[2, 2], [3, 4]]
 * ```
 * @category Movement
 */
export function gather(x: Tensor, index: Tensor, options: GatherOptions): Tensor {
  const axis = normalizeAxis('gather', options.axis, x.rank);
  checkIndexShape('gather', x, index, axis);
  checkIndices('gather', index, axis, x.shape[axis] as number, () => `x ${formatShape(x.shape)}, index ${formatShape(index.shape)}`);
  return gatherUnchecked(x, index, axis);
}
