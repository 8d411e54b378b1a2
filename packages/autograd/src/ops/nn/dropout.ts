import { DTypeError, ShapeError } from '@nanograd/kernels';
import { fromData, randomGenerator } from '../../create';
import type { Tensor } from '../../tensor';
import { mul } from '../elementwise/mul';

/**
 * Options of {@link dropout}.
 *
 * @example
 * ```ts
 * import type { DropoutOptions } from '@nanograd/autograd';
 * const options: DropoutOptions = { p: 0.1, training: true };
 * ```
 * @category Activation
 */
export interface DropoutOptions {
  /** Probability of zeroing each element, in `[0, 1]` (default 0.5). */
  readonly p?: number;
  /** Identity when false (default true). */
  readonly training?: boolean;
}

/**
 * Inverted dropout: zeroes each element with probability `p` and scales the rest by `1 / (1 − p)`, with a mask
 * drawn from the seeded generator ({@link manualSeed}); the mask is a constant, so the gradient is `mask / (1 − p)`.
 *
 * @param x - Any float tensor.
 * @param options - `p` (default 0.5) and `training` (default true; false or `p = 0` give `x` itself, `p = 1` zeros).
 * @returns A tensor of `x`'s shape.
 * @throws {@link ShapeError} if `p` is outside `[0, 1]`.
 * @throws {@link DTypeError} for an integer tensor.
 *
 * @example
 * ```ts
 * import { dropout, manualSeed, ones } from '@nanograd/autograd';
 * manualSeed(0);
 * dropout(ones([4]), { p: 0.5 }).toList(); // each entry 0 or 2
 * ```
 * @category Activation
 */
export function dropout(x: Tensor, options: DropoutOptions = {}): Tensor {
  const p = options.p ?? 0.5;
  if (!(p >= 0 && p <= 1)) throw new ShapeError(`dropout: p must be in [0, 1] (got ${p})`);
  if (x.dtype === 'i32') throw new DTypeError(`dropout: needs a float tensor (got ${x.dtype})`);
  if (options.training === false || p === 0) return x;
  const random = randomGenerator();
  const keep = p === 1 ? 0 : 1 / (1 - p);
  const mask = new Float64Array(x.size);
  for (let i = 0; i < mask.length; i++) mask[i] = random.uniform() < p ? 0 : keep;
  return mul(x, fromData('dropout', mask, x.shape, x.dtype, x.backend));
}
