import { normalizeAxes } from '../../internal/axes';
import { assertFloatNorm, safeNorm } from '../../internal/norm-common';
import type { Tensor } from '../../tensor';
import { div } from '../elementwise/div';
import { maximum } from '../elementwise/maximum';

/**
 * Options of {@link l2Normalize} and {@link cosineSimilarity}.
 *
 * @example
 * ```ts
 * import type { NormalizeOptions } from '@nanograd/autograd';
 * const options: NormalizeOptions = { axis: 0, epsilon: 1e-6 };
 * ```
 * @category Normalization
 */
export interface NormalizeOptions {
  /** The axis (or axes) of the vectors; negative values count from the end. Default -1. */
  readonly axis?: number | readonly number[];
  /** Lower bound of the norm in the divisor (default 1e-12 for l2Normalize, 1e-8 for cosineSimilarity). */
  readonly epsilon?: number;
}

/**
 * Scales vectors along `axis` to unit Euclidean length: `x / max(‖x‖, epsilon)` (PyTorch `F.normalize`).
 *
 * @remarks
 * An all-zero vector stays zero with a finite gradient (the norm's subgradient at 0 is taken as 0). Where the
 * norm is below `epsilon` the divisor is the constant `epsilon`. Differentiable to any order.
 *
 * @param x - Input (float).
 * @param options - `axis` (default -1) and `epsilon` (default 1e-12).
 * @returns A tensor with the shape of `x`.
 * @throws {@link ShapeError} If an axis is out of range.
 * @throws {@link DTypeError} For integer tensors.
 *
 * @example
 * ```ts
 * import { l2Normalize, tensor } from '@nanograd/autograd';
 * l2Normalize(tensor([3, 4])).toList(); // [0.6, 0.8]
 * ```
 * @category Normalization
 */
export function l2Normalize(x: Tensor, options: NormalizeOptions = {}): Tensor {
  assertFloatNorm('l2Normalize', x, 'x');
  const axes = normalizeAxes('l2Normalize', options.axis ?? -1, x.rank);
  return div(x, maximum(safeNorm(x, axes), options.epsilon ?? 1e-12));
}
