// Shared pieces of the losses: reduction, shape checks, class-index picking and an exact stable softplus.
import { DTypeError, formatShape, ShapeError } from '@nanograd/kernels';
import { Tensor } from '../tensor';
import { greater } from '../ops/elementwise/greater';
import { exp } from '../ops/elementwise/exp';
import { log1p } from '../ops/elementwise/log1p';
import { add } from '../ops/elementwise/add';
import { mul } from '../ops/elementwise/mul';
import { neg } from '../ops/elementwise/neg';
import { where } from '../ops/elementwise/where';
import { mean } from '../ops/reduce/mean';
import { sum } from '../ops/reduce/sum';
import { squeeze } from '../ops/movement/squeeze';
import { unsqueeze } from '../ops/movement/unsqueeze';
import { checkIndices, gatherUnchecked, indexTensor } from './movement-gather';

/**
 * How per-element losses are combined: averaged, summed, or returned as they are.
 *
 * @example
 * ```ts
 * import type { LossReduction } from '@nanograd/autograd';
 * const reduction: LossReduction = 'sum';
 * ```
 * @category Loss
 */
export type LossReduction = 'mean' | 'sum' | 'none';

/** Applies `reduction` to per-element (or per-sample) losses. */
export function reduceLoss(name: string, losses: Tensor, reduction: LossReduction | undefined): Tensor {
  const chosen = reduction ?? 'mean';
  if (chosen === 'mean') return mean(losses);
  if (chosen === 'sum') return sum(losses);
  if (chosen === 'none') return losses;
  throw new ShapeError(`${name}: reduction must be 'mean', 'sum' or 'none' (got ${String(chosen)})`);
}

/** Throws unless `x` is a float tensor. */
export function assertFloatInput(name: string, x: Tensor, label: string): void {
  if (x.dtype === 'i32') throw new DTypeError(`${name}: ${label} must be a float tensor (got i32)`);
}

/** Throws unless `a` and `b` have the same shape (losses do not broadcast). */
export function assertSameShape(name: string, a: Tensor, b: Tensor, labels: readonly [string, string]): void {
  if (a.shape.length !== b.shape.length || a.shape.some((extent, axis) => extent !== b.shape[axis])) {
    throw new ShapeError(`${name}: ${labels[0]} ${formatShape(a.shape)} and ${labels[1]} ${formatShape(b.shape)} must have the same shape`);
  }
}

/**
 * The per-sample value `-Σ_c target_c · logProbs_c` over the last (class) axis, for probability-row targets
 * (same shape as `logProbs`) or class indices (`i32` tensor or number[] with `logProbs.shape` minus the last axis).
 */
export function negativeLogLikelihood(name: string, logProbs: Tensor, target: Tensor | readonly number[]): Tensor {
  if (logProbs.rank === 0) throw new ShapeError(`${name}: input must have a class axis (got a 0-d tensor)`);
  const samples = logProbs.shape.slice(0, -1);
  const classes = logProbs.shape[logProbs.rank - 1] as number;
  if (target instanceof Tensor && target.dtype !== 'i32') {
    assertSameShape(name, logProbs, target, ['input', 'target']);
    return neg(sum(mul(target, logProbs), { axis: -1 }));
  }
  const index = indexTensor(name, target, logProbs);
  if (index.rank !== samples.length || index.shape.some((extent, axis) => extent !== samples[axis])) {
    throw new ShapeError(
      `${name}: class indices ${formatShape(index.shape)} must have the shape of input ${formatShape(logProbs.shape)} without its last (class) axis`,
    );
  }
  checkIndices(name, index, logProbs.rank - 1, classes, () => `input ${formatShape(logProbs.shape)}`);
  const picked = gatherUnchecked(logProbs, unsqueeze(index, -1), logProbs.rank - 1);
  return neg(squeeze(picked, { axis: -1 }));
}

/**
 * `log(1 + e^x)` exactly and without overflow, `where(x > 0, x, 0) + log1p(exp(-|x|))` with the `|x|` built from
 * `where` so the derivative at 0 is the true 1/2 (relu and abs would give 0 there).
 */
export function exactSoftplus(x: Tensor): Tensor {
  const positive = greater(x, 0);
  return add(where(positive, x, 0), log1p(exp(where(positive, neg(x), x))));
}
