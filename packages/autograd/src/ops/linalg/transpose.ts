import { normalizeAxis } from '@nanograd/kernels';
import type { Tensor } from '../../tensor';
import { permute } from './permute';

/**
 * Swaps two axes of `x` without copying (Scheme `transpose-tensor`); by default the last two, which transposes
 * a matrix or each matrix of a batch.
 *
 * @remarks
 * Like PyTorch's `.T` on a vector, a 0-d or 1-d tensor is returned unchanged when no axes are given. The result
 * is a view built on {@link permute}, differentiable to any order.
 *
 * @param x - Input.
 * @param axis0 - First axis (default -2); negative values count from the end.
 * @param axis1 - Second axis (default -1).
 * @returns A view of `x` with the two axes exchanged.
 * @throws {@link ShapeError} If an axis is out of range.
 *
 * @example
 * ```ts
 * import { tensor, transpose } from '@nanograd/autograd';
 * transpose(tensor([[1, 2, 3], [4, 5, 6]])).toList(); // [[1, 4], [2, 5], [3, 6]]
 * ```
 * @category Movement
 */
export function transpose(x: Tensor, axis0?: number, axis1?: number): Tensor {
  if (axis0 === undefined && axis1 === undefined && x.rank < 2) return x;
  const first = normalizeAxis('transpose', axis0 ?? -2, x.rank);
  const second = normalizeAxis('transpose', axis1 ?? -1, x.rank);
  const axes = Array.from({ length: x.rank }, (_, axis) => axis);
  axes[first] = second;
  axes[second] = first;
  return permute(x, axes);
}
