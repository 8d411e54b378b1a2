import { formatShape, normalizeAxis, ShapeError } from '@nanograd/kernels';
import type { Tensor } from '../../tensor';
import { concat, type ConcatOptions } from './concat';
import { unsqueeze } from './unsqueeze';

/**
 * Joins tensors of one shape along a new axis.
 *
 * @param tensors - One or more tensors of identical shape.
 * @param options - `axis`: position of the new axis in the result, in `[-(rank + 1), rank]` (default 0).
 * @returns A tensor of rank `rank + 1` whose extent on `axis` is the number of tensors.
 * @throws {@link ShapeError} If the list is empty, the shapes differ, or `axis` is out of range.
 *
 * @example
 * ```ts
 * import { stack, tensor } from '@nanograd/autograd';
 * stack([tensor([1, 2]), tensor([3, 4])], { axis: 1 }).toList(); // [[1, 3], [2, 4]]
 * ```
 * @see {@link concat} to join along an existing axis.
 * @category Movement
 */
export function stack(tensors: readonly Tensor[], options: ConcatOptions = {}): Tensor {
  const first = tensors[0];
  if (first === undefined) throw new ShapeError('stack: needs at least one tensor');
  const axis = normalizeAxis('stack', options.axis ?? 0, first.rank + 1);
  if (tensors.some((t) => t.rank !== first.rank || t.shape.some((extent, position) => extent !== first.shape[position]))) {
    throw new ShapeError(`stack: shapes must be equal (${tensors.map((t) => formatShape(t.shape)).join(', ')})`);
  }
  return concat(
    tensors.map((t) => unsqueeze(t, axis)),
    { axis },
  );
}
