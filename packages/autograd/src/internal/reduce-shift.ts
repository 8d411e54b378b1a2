// The shift that keeps exp in range in logsumexp, softmax and logSoftmax.
import { detach } from '../graph/detach';
import type { Tensor } from '../tensor';
import { abs } from '../ops/elementwise/abs';
import { equal } from '../ops/elementwise/equal';
import { where } from '../ops/elementwise/where';
import { max } from '../ops/reduce/max';

/**
 * The constant shift that keeps `exp` in range: the (detached) maximum over `axes`, or 0 where that maximum is
 * infinite (so `x - shift` is not `∞ - ∞`) or the axes are empty.
 */
export function stableShift(x: Tensor, axes: readonly number[]): Tensor | number {
  if (x.size === 0) return 0;
  const peak = max(detach(x), { axis: axes, keepDims: true });
  return where(equal(abs(peak), Infinity), 0, peak);
}
