import { formatShape, ShapeError } from '@nanograd/kernels';
import { batchNormalize } from '../../internal/batch-normalize';
import { assertFloatNorm } from '../../internal/norm-common';
import { noGrad } from '../../graph/grad-mode';
import { assign } from '../../graph/assign';
import type { Tensor } from '../../tensor';
import { add } from '../elementwise/add';
import { div } from '../elementwise/div';
import { mul } from '../elementwise/mul';
import { sqrt } from '../elementwise/sqrt';
import { sub } from '../elementwise/sub';
import { reshape } from '../movement/reshape';

/**
 * Options of {@link batchNorm}.
 *
 * @example
 * ```ts
 * import { ones, zeros } from '@nanograd/autograd';
 * import type { BatchNormOptions } from '@nanograd/autograd';
 * const options: BatchNormOptions = { runningMean: zeros([3]), runningVar: ones([3]), momentum: 0.1 };
 * ```
 * @category Normalization
 */
export interface BatchNormOptions {
  /** Per-channel running mean `[C]`: updated in place in training, used in evaluation. */
  readonly runningMean?: Tensor | null;
  /** Per-channel running (unbiased) variance `[C]`: updated in place in training, used in evaluation. */
  readonly runningVar?: Tensor | null;
  /** Per-channel gain `[C]`. */
  readonly weight?: Tensor | null;
  /** Per-channel offset `[C]`. */
  readonly bias?: Tensor | null;
  /**
   * Batch statistics (true) or running statistics (false).
   * @defaultValue true
   */
  readonly training?: boolean;
  /**
   * Weight of the new batch statistic in the running update `running = (1 - momentum) · running + momentum · batch`.
   * @defaultValue 0.1
   */
  readonly momentum?: number;
  /**
   * Added to the variance before the square root.
   * @defaultValue 1e-5
   */
  readonly epsilon?: number;
}

/** Applies the optional per-channel gain and offset. */
function affine(normalized: Tensor, weight: Tensor | null | undefined, bias: Tensor | null | undefined, channelShape: number[]): Tensor {
  let out = normalized;
  if (weight) out = mul(out, reshape(weight, channelShape));
  if (bias) out = add(out, reshape(bias, channelShape));
  return out;
}

function checkChannel(x: Tensor, param: Tensor | null | undefined, label: string): void {
  if (!param) return;
  assertFloatNorm('batchNorm', param, label);
  if (param.rank !== 1 || param.shape[0] !== x.shape[1]) {
    throw new ShapeError(`batchNorm: ${label} ${formatShape(param.shape)} must have shape ${x.shape[1]} (the channels of x ${formatShape(x.shape)})`);
  }
}

/**
 * Batch normalisation of `x` `[N, C, ...]` per channel (axis 1), statistics over every other axis (PyTorch
 * `batch_norm`).
 *
 * @remarks
 * In training (the default) it normalises with the batch mean and biased variance, and, when `runningMean` /
 * `runningVar` are given, updates them IN PLACE, outside the graph, with momentum and the UNBIASED variance
 * (`· n / (n - 1)`), as PyTorch does. In evaluation (`training: false`) it uses the running statistics, which are
 * then required. Returns only the normalised tensor. Differentiable to any order in `x`, `weight` and `bias`.
 *
 * @param x - Input `[N, C, ...]` (float, rank ≥ 2).
 * @param options - Running statistics, affine parameters, `training`, `momentum` and `epsilon`.
 * @returns A tensor with the shape of `x`.
 * @throws {@link ShapeError} If `x` has rank < 2, a per-channel tensor is not `[C]`, training sees one value per
 *   channel, or evaluation lacks running statistics.
 * @throws {@link DTypeError} For integer tensors.
 *
 * @example
 * ```ts
 * import { batchNorm, tensor } from '@nanograd/autograd';
 * batchNorm(tensor([[1], [3]]), { epsilon: 0 }).toList(); // [[-1], [1]]
 * ```
 * @category Normalization
 */
export function batchNorm(x: Tensor, options: BatchNormOptions = {}): Tensor {
  assertFloatNorm('batchNorm', x, 'x');
  if (x.rank < 2) throw new ShapeError(`batchNorm: x must have shape [N, C, ...] (got ${formatShape(x.shape)})`);
  const { runningMean, runningVar, weight, bias } = options;
  checkChannel(x, runningMean, 'runningMean');
  checkChannel(x, runningVar, 'runningVar');
  checkChannel(x, weight, 'weight');
  checkChannel(x, bias, 'bias');
  const count = x.size / (x.shape[1] as number);
  const channelShape = x.shape.map((extent, axis) => (axis === 1 ? extent : 1));
  const epsilon = options.epsilon ?? 1e-5;
  if (options.training ?? true) {
    if (count <= 1) throw new ShapeError(`batchNorm: training needs more than one value per channel (x ${formatShape(x.shape)})`);
    const statistics = batchNormalize(x, epsilon, weight, bias);
    const momentum = options.momentum ?? 0.1;
    noGrad(() => {
      if (runningMean) assign(runningMean, add(mul(runningMean, 1 - momentum), mul(reshape(statistics.mean, [x.shape[1] as number]), momentum)));
      if (runningVar) {
        const unbiased = mul(reshape(statistics.variance, [x.shape[1] as number]), count / (count - 1));
        assign(runningVar, add(mul(runningVar, 1 - momentum), mul(unbiased, momentum)));
      }
    });
    return statistics.affine ? statistics.normalized : affine(statistics.normalized, weight, bias, channelShape);
  }
  if (!runningMean || !runningVar) throw new ShapeError(`batchNorm: evaluation (training: false) needs runningMean and runningVar (x ${formatShape(x.shape)})`);
  const normalized = div(sub(x, reshape(runningMean, channelShape)), sqrt(add(reshape(runningVar, channelShape), epsilon)));
  return affine(normalized, weight, bias, channelShape);
}
