import { DTypeError } from '@nanograd/kernels';
import type { Tensor } from '../../tensor';
import { mul } from './mul';

/**
 * Multiplies every element by the number `s` (Scheme `scale-op`).
 *
 * @param t - Input tensor.
 * @param s - The scale factor.
 * @returns `s · t` with the shape and dtype of `t` (float32 for an integer `t` and a fractional `s`).
 * @throws {@link DTypeError} If `s` is not a number.
 *
 * @example
 * ```ts
 * import { scale, tensor } from '@nanograd/autograd';
 * scale(tensor([1, 2]), 3).toList(); // [3, 6]
 * ```
 * @category Elementwise
 */
export function scale(t: Tensor, s: number): Tensor {
  if (typeof s !== 'number') throw new DTypeError(`scale: the factor must be a number (got ${typeof s})`);
  return mul(t, s);
}
