import { assertFloatInput, negativeLogLikelihood, reduceLoss } from '../../internal/loss-common';
import type { Tensor } from '../../tensor';
import { log } from '../elementwise/log';
import { logSoftmax } from '../softmax/log-softmax';
import type { LossOptions } from './nll-loss';

/**
 * Options of {@link crossEntropyLoss}.
 *
 * @example
 * ```ts
 * import type { CrossEntropyOptions } from '@nanograd/autograd';
 * const options: CrossEntropyOptions = { fromLogits: true, reduction: 'sum' };
 * ```
 * @category Loss
 */
export interface CrossEntropyOptions extends LossOptions {
  /**
   * `true`: `pred` holds raw logits and goes through {@link logSoftmax} (PyTorch `cross_entropy`).
   * `false` (the DEFAULT, as in the Scheme egg): `pred` already holds probabilities and is simply logged.
   * @defaultValue false
   */
  readonly fromLogits?: boolean;
}

/**
 * Cross-entropy between predictions and targets along the LAST (class) axis: per sample `-Σ_c t_c · log p_c`,
 * then reduced.
 *
 * @remarks
 * **Default `fromLogits: false`** (Scheme egg): `pred` are probabilities and are logged as they are, with no
 * clamping (a zero probability on the target class gives Infinity, as `-log 0` in PyTorch). Pass
 * `{ fromLogits: true }` for logits, the PyTorch `cross_entropy` convention: then `log_softmax` is used (never
 * `log(softmax)`), so the loss is stable at ±1000 and its gradient is exactly `softmax(x) - t` (divided by the
 * number of samples for `'mean'`). `'mean'` divides by the number of samples (all elements but the class axis).
 * Differentiable to any order.
 *
 * @param pred - Probabilities (default) or logits `[..., C]` (float).
 * @param target - Class indices (`i32` tensor or number[] of shape `pred.shape` without the last axis) or
 *   probability rows of `pred`'s shape (float, e.g. one-hot).
 * @param options - `reduction` (default `'mean'`) and `fromLogits` (default `false`).
 * @returns A 0-d tensor, or the per-sample losses for `'none'`.
 * @throws {@link ShapeError} If the shapes do not fit or a class index is out of range.
 * @throws {@link DTypeError} If `pred` is an integer tensor or indices are not integers.
 *
 * @example
 * ```ts
 * import { crossEntropyLoss, tensor } from '@nanograd/autograd';
 * crossEntropyLoss(tensor([[0.5, 0.5]]), [0]).item(); // 0.6931…
 * crossEntropyLoss(tensor([[0, 0]]), [1], { fromLogits: true }).item(); // 0.6931…
 * ```
 * @category Loss
 */
export function crossEntropyLoss(pred: Tensor, target: Tensor | readonly number[], options: CrossEntropyOptions = {}): Tensor {
  assertFloatInput('crossEntropyLoss', pred, 'pred');
  const logProbs = options.fromLogits === true ? logSoftmax(pred, { axis: -1 }) : log(pred);
  return reduceLoss('crossEntropyLoss', negativeLogLikelihood('crossEntropyLoss', logProbs, target), options.reduction);
}
