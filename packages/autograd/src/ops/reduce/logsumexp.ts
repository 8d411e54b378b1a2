import { normalizeAxes, reducedShape } from '../../internal/axes';
import { assertFloat } from '../../internal/reduce-checks';
import type { Tensor } from '../../tensor';
import { add } from '../elementwise/add';
import { exp } from '../elementwise/exp';
import { log } from '../elementwise/log';
import { sub } from '../elementwise/sub';
import { reshape } from '../movement/reshape';
import { stableShift } from '../../internal/reduce-shift';
import { sum, type ReduceOptions } from './sum';

/**
 * Computes `log Σ exp(x)` over the given axes (all by default) without overflow.
 *
 * @remarks
 * Subtracts the maximum before `exp`, so logits of ±1000 give finite results. The maximum is treated as a
 * constant, which changes nothing mathematically: the gradient is `softmax(x)`, exact to any order.
 *
 * @param x - Input (float).
 * @param options - `axis` and `keepDims`.
 * @returns The log-sum-exps; `-Infinity` over an empty axis.
 * @throws {@link ShapeError} If an axis is out of range or repeated.
 * @throws {@link DTypeError} For integer tensors.
 *
 * @example
 * ```ts
 * import { logsumexp, tensor } from '@nanograd/autograd';
 * logsumexp(tensor([1000, 1000])).item(); // 1000.6931…
 * ```
 * @category Reduction
 */
export function logsumexp(x: Tensor, options: ReduceOptions = {}): Tensor {
  assertFloat('logsumexp', x);
  const axes = normalizeAxes('logsumexp', options.axis, x.rank);
  const shift = stableShift(x, axes);
  const result = add(log(sum(exp(sub(x, shift)), { axis: axes, keepDims: true })), shift);
  return options.keepDims ? result : reshape(result, reducedShape(x.shape, axes, false));
}
