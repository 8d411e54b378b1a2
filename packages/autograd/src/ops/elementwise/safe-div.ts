import { broadcastShapes } from '@nanograd/kernels';
import { toTensor } from '../../internal/operand';
import type { Tensor } from '../../tensor';
import { abs } from './abs';
import { div } from './div';
import { less } from './less';
import { lessEqual } from './less-equal';
import { where } from './where';

/**
 * Options of {@link safeDiv}.
 *
 * @example
 * ```ts
 * import type { SafeDivOptions } from '@nanograd/autograd';
 * const options: SafeDivOptions = { epsilon: 1e-6 };
 * ```
 * @category Elementwise
 */
export interface SafeDivOptions {
  /**
   * Smallest divisor magnitude; divisors closer to 0 are replaced by ±epsilon.
   * @defaultValue 1e-12
   */
  readonly epsilon?: number;
}

/**
 * Divides `a` by `b` element-wise with broadcasting, never by a divisor smaller in magnitude than `epsilon`.
 *
 * @remarks
 * The divisor is `b` where `|b| > epsilon`, and otherwise `-epsilon` for negative `b` and `+epsilon` for
 * `b ≥ 0` (so `b = 0`, and `-0`, divide by `+epsilon`). NaN in `b` stays NaN. Gradients flow to both inputs:
 * `a` always gets `grad / divisor`; `b` gets `-grad·a / b²` where `|b| > epsilon` and 0 where the divisor was
 * replaced by a constant. Composed from {@link where} and {@link div}, so it differentiates to any order.
 *
 * @param a - Dividend (a tensor or a number).
 * @param b - Divisor tensor.
 * @param options - `epsilon` (a non-negative number).
 * @returns `a / divisor` with the broadcast shape and the wider dtype.
 * @throws {@link ShapeError} If the shapes cannot be broadcast.
 * @throws RangeError If `epsilon` is negative or NaN.
 *
 * @example
 * ```ts
 * import { safeDiv, tensor } from '@nanograd/autograd';
 * safeDiv(tensor([1, 1, 1]), tensor([2, 0, -1e-9]), { epsilon: 1e-3 }).toList(); // ≈ [0.5, 1000, -1000]
 * ```
 * @category Elementwise
 */
export function safeDiv(a: Tensor | number, b: Tensor, options: SafeDivOptions = {}): Tensor {
  const epsilon = options.epsilon ?? 1e-12;
  if (!(epsilon >= 0)) throw new RangeError(`safeDiv: epsilon must be a non-negative number (got ${String(epsilon)})`);
  // Checked up front so a shape error names safeDiv, not the inner div.
  if (typeof a !== 'number') broadcastShapes('safeDiv', a.shape, b.shape);
  // lessEqual is false for NaN, so NaN divisors pass through unchanged.
  const floor = where(less(b, 0), toTensor('safeDiv', -epsilon, b), toTensor('safeDiv', epsilon, b));
  const divisor = where(lessEqual(abs(b), epsilon), floor, b);
  return div(a, divisor);
}
