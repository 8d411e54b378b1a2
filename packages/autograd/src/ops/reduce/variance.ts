import { normalizeAxes } from '../../internal/axes';
import { assertFloat } from '../../internal/reduce-checks';
import type { Tensor } from '../../tensor';
import { div } from '../elementwise/div';
import { mul } from '../elementwise/mul';
import { sub } from '../elementwise/sub';
import { mean } from './mean';
import { sum, type ReduceOptions } from './sum';

/**
 * Options of {@link variance}.
 *
 * @example
 * ```ts
 * import type { VarianceOptions } from '@nanograd/autograd';
 * const population: VarianceOptions = { axis: 0, correction: 0 };
 * ```
 * @category Reduction
 */
export interface VarianceOptions extends ReduceOptions {
  /** Subtracted from the element count in the divisor: 1 (default) is Bessel's unbiased estimate, 0 the population variance. */
  readonly correction?: number;
}

/**
 * Computes the variance over the given axes (all by default), `Σ (x - mean)² / max(0, N - correction)` as in
 * PyTorch's `var`.
 *
 * @remarks
 * Two passes (centre, then square), which stays accurate when the mean is large. `var` is a reserved word in
 * JavaScript, hence the name. A divisor of 0 gives Infinity or NaN, as in PyTorch.
 *
 * @param x - Input (float).
 * @param options - `axis`, `keepDims` and `correction`.
 * @returns The variances.
 * @throws {@link ShapeError} If an axis is out of range or repeated.
 * @throws {@link DTypeError} For integer tensors.
 *
 * @example
 * ```ts
 * import { tensor, variance } from '@nanograd/autograd';
 * variance(tensor([1, 2, 3, 4])).item(); // 1.6666…
 * variance(tensor([1, 2, 3, 4]), { correction: 0 }).item(); // 1.25
 * ```
 * @category Reduction
 */
export function variance(x: Tensor, options: VarianceOptions = {}): Tensor {
  assertFloat('variance', x);
  const axes = normalizeAxes('variance', options.axis, x.rank);
  const count = axes.reduce((product, axis) => product * (x.shape[axis] as number), 1);
  const centered = sub(x, mean(x, { axis: axes, keepDims: true }));
  const squares = sum(mul(centered, centered), { axis: axes, keepDims: options.keepDims ?? false });
  return div(squares, Math.max(0, count - (options.correction ?? 1)));
}
