import { checkedWindow } from '../../internal/movement-range';
import type { Tensor } from '../../tensor';
import { narrow } from './narrow';

/**
 * Returns `length` consecutive entries of the first axis, from `start`, as a view sharing `t`'s storage
 * (Scheme `slice-tensor`).
 *
 * @param t - Input with at least one axis.
 * @param start - First index kept along axis 0; negative values count from the end.
 * @param length - Number of entries kept.
 * @returns A view with extent `length` on axis 0.
 * @throws {@link ShapeError} If `t` is 0-d or the window is out of range.
 *
 * @example
 * ```ts
 * import { slice, tensor } from '@nanograd/autograd';
 * slice(tensor([10, 20, 30, 40]), 1, 2).toList(); // [20, 30]
 * ```
 * @see {@link narrow} for any axis.
 * @category Movement
 */
export function slice(t: Tensor, start: number, length: number): Tensor {
  const window = checkedWindow('slice', t.shape, 0, start, length);
  return narrow(t, 0, window.start, length);
}
