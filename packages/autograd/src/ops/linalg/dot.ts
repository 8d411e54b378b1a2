import { DTypeError, formatShape, ShapeError } from '@nanograd/kernels';
import type { Tensor } from '../../tensor';
import { matmul } from './matmul';

/**
 * Computes the inner product of two vectors (Scheme `dot-op`).
 *
 * @remarks
 * The result is a 0-d tensor (the Scheme egg returns a one-element vector); use `item()` for the number. Mixed
 * f32/f64 operands are promoted as in {@link matmul}. Differentiable to any order.
 *
 * @param a - A 1-d tensor.
 * @param b - A 1-d tensor of the same length.
 * @returns `Σᵢ a[i]·b[i]` as a 0-d tensor.
 * @throws {@link ShapeError} If an operand is not 1-d or the lengths differ.
 * @throws {@link DTypeError} If an operand is an integer tensor.
 *
 * @example
 * ```ts
 * import { dot, tensor } from '@nanograd/autograd';
 * dot(tensor([1, 2, 3]), tensor([4, 5, 6])).item(); // 32
 * ```
 * @category Linalg
 */
export function dot(a: Tensor, b: Tensor): Tensor {
  if (a.rank !== 1 || b.rank !== 1) {
    throw new ShapeError(`dot: expects two 1-d tensors (got ${formatShape(a.shape)} and ${formatShape(b.shape)})`);
  }
  if (a.size !== b.size) throw new ShapeError(`dot: lengths differ (${a.size} and ${b.size})`);
  if (a.dtype === 'i32' || b.dtype === 'i32') throw new DTypeError(`dot: needs float tensors (got ${a.dtype} and ${b.dtype})`);
  return matmul(a, b);
}
