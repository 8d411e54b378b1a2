import { formatShape, ShapeError } from '@nanograd/kernels';
import type { NestedArray } from './create';
import type { Tensor } from './tensor';

/**
 * Converts a tensor to nested arrays of numbers (Scheme `tensor->list`); a 0-d tensor gives a number.
 *
 * @param t - Any tensor.
 * @returns Nested arrays with the tensor's shape.
 *
 * @example
 * ```ts
 * import { tensor, toList } from '@nanograd/autograd';
 * toList(tensor([[1, 2], [3, 4]])); // [[1, 2], [3, 4]]
 * ```
 * @category Tensor
 */
export function toList(t: Tensor): NestedArray {
  const data = t.data;
  if (t.rank === 0) return data[0] as number;
  let position = 0;
  const build = (depth: number): NestedArray[] => {
    const extent = t.shape[depth] as number;
    const row: NestedArray[] = new Array(extent);
    for (let i = 0; i < extent; i++) row[i] = depth === t.rank - 1 ? (data[position++] as number) : build(depth + 1);
    return row;
  };
  return build(0);
}

/**
 * Returns the single value of a one-element tensor.
 *
 * @param t - A tensor with exactly one element.
 * @returns The value.
 * @throws {@link ShapeError} If the tensor has more or fewer elements.
 *
 * @example
 * ```ts
 * import { item, tensor } from '@nanograd/autograd';
 * item(tensor([[42]])); // 42
 * ```
 * @category Tensor
 */
export function item(t: Tensor): number {
  if (t.size !== 1) throw new ShapeError(`item: needs a one-element tensor (got ${formatShape(t.shape)})`);
  return t.data[0] as number;
}
