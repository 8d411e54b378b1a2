import { formatShape, ShapeError } from '@nanograd/kernels';
import { checkIndices, gatherUnchecked, indexTensor } from '../../internal/movement-gather';
import type { Tensor } from '../../tensor';
import { broadcastTo } from '../movement/broadcast-to';
import { reshape } from '../movement/reshape';

/**
 * Looks up rows of an embedding table: `out[..., :] = weight[indices[...], :]`.
 *
 * @remarks
 * The gradient of `weight` adds up the upstream gradients of every position that used a row, so repeated
 * indices accumulate. Differentiable to any order in `weight`.
 *
 * @param weight - The table, of shape `(V, D)`.
 * @param indices - An `i32` tensor of any shape, or an array of integers, with entries in `[0, V)`.
 * @returns A tensor of shape `[...indices.shape, D]` with `weight`'s dtype.
 * @throws {@link ShapeError} If `weight` is not 2-d or an index is out of range (the message names it).
 * @throws {@link DTypeError} If the indices are not integers.
 *
 * @example
 * ```ts
 * import { embedding, tensor } from '@nanograd/autograd';
 * const table = tensor([[0, 0], [1, 1], [2, 2]]);
 * embedding(table, [2, 2, 0]).toList(); // [[2, 2], [2, 2], [0, 0]]
 * ```
 * @category Movement
 */
export function embedding(weight: Tensor, indices: Tensor | readonly number[]): Tensor {
  if (weight.rank !== 2) throw new ShapeError(`embedding: weight must be 2-d (V, D) (got ${formatShape(weight.shape)})`);
  const index = indexTensor('embedding', indices, weight);
  const [vocabulary, width] = weight.shape as [number, number];
  checkIndices('embedding', index, 0, vocabulary, () => `weight ${formatShape(weight.shape)}`);
  const rows = broadcastTo(reshape(index, [index.size, 1]), [index.size, width]);
  return reshape(gatherUnchecked(weight, rows, 0), [...index.shape, width]);
}
