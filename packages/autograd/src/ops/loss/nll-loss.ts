import { assertFloatInput, negativeLogLikelihood, reduceLoss, type LossReduction } from '../../internal/loss-common';
import type { Tensor } from '../../tensor';

/**
 * Options of the losses ({@link nllLoss}, {@link mseLoss}, …).
 *
 * @example
 * ```ts
 * import type { LossOptions } from '@nanograd/autograd';
 * const options: LossOptions = { reduction: 'sum' };
 * ```
 * @category Loss
 */
export interface LossOptions {
  /**
   * `'mean'` averages the per-sample losses, `'sum'` adds them, `'none'` returns them unreduced.
   * @defaultValue 'mean'
   */
  readonly reduction?: LossReduction;
}

/**
 * Negative log-likelihood of log-probabilities: per sample `-logProbs[target]` (class indices) or
 * `-Σ_c target_c · logProbs_c` (probability rows), then reduced (PyTorch `nll_loss`).
 *
 * @remarks
 * The class axis is the LAST axis (unlike PyTorch, where it is axis 1). `'mean'` divides by the number of samples
 * (all elements but the class axis). Differentiable to any order in `logProbs` (and in probability targets).
 *
 * @param logProbs - Log-probabilities `[..., C]` (float), e.g. from {@link logSoftmax}.
 * @param target - Class indices (`i32` tensor or number[] of shape `logProbs.shape` without the last axis) or
 *   probability rows of `logProbs`'s shape (float).
 * @param options - `reduction` (default `'mean'`).
 * @returns A 0-d tensor, or the per-sample losses for `'none'`.
 * @throws {@link ShapeError} If the shapes do not fit or a class index is out of range.
 * @throws {@link DTypeError} If `logProbs` is an integer tensor or indices are not integers.
 *
 * @example
 * ```ts
 * import { nllLoss, tensor } from '@nanograd/autograd';
 * nllLoss(tensor([[-1, -2], [-3, -4]]), [0, 1]).item(); // 2.5
 * ```
 * @category Loss
 */
export function nllLoss(logProbs: Tensor, target: Tensor | readonly number[], options: LossOptions = {}): Tensor {
  assertFloatInput('nllLoss', logProbs, 'input');
  return reduceLoss('nllLoss', negativeLogLikelihood('nllLoss', logProbs, target), options.reduction);
}
