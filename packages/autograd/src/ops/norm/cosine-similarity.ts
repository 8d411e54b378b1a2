import { broadcastShapes } from '@nanograd/kernels';
import { normalizeAxes } from '../../internal/axes';
import { assertFloatNorm, safeNorm } from '../../internal/norm-common';
import type { Tensor } from '../../tensor';
import { div } from '../elementwise/div';
import { maximum } from '../elementwise/maximum';
import { mul } from '../elementwise/mul';
import { broadcastTo } from '../movement/broadcast-to';
import { sum } from '../reduce/sum';
import type { NormalizeOptions } from './l2-normalize';

/**
 * Cosine similarity along `axis`: `Σ (a / max(‖a‖, ε)) · (b / max(‖b‖, ε))`, the formula of current PyTorch
 * `cosine_similarity`.
 *
 * @remarks
 * `a` and `b` broadcast; the axis is removed from the result. Each norm is clamped separately (PyTorch ≥ 2.0;
 * older PyTorch clamped the product). Zero vectors give 0 with finite gradients. Differentiable to any order.
 *
 * @param a - First vectors (float).
 * @param b - Second vectors (float), broadcasting with `a`.
 * @param options - `axis` (default -1) and `epsilon` (default 1e-8).
 * @returns The similarities, with the broadcast shape minus `axis`.
 * @throws {@link ShapeError} If the shapes do not broadcast or an axis is out of range.
 * @throws {@link DTypeError} For integer tensors.
 *
 * @example
 * ```ts
 * import { cosineSimilarity, tensor } from '@nanograd/autograd';
 * cosineSimilarity(tensor([1, 0]), tensor([1, 1])).item(); // 0.7071…
 * ```
 * @category Normalization
 */
export function cosineSimilarity(a: Tensor, b: Tensor, options: NormalizeOptions = {}): Tensor {
  assertFloatNorm('cosineSimilarity', a, 'a');
  assertFloatNorm('cosineSimilarity', b, 'b');
  const shape = broadcastShapes('cosineSimilarity', a.shape, b.shape);
  const axes = normalizeAxes('cosineSimilarity', options.axis ?? -1, shape.length);
  const epsilon = options.epsilon ?? 1e-8;
  // Broadcast first (as PyTorch does): a vector repeated along the axis has a larger norm.
  const wideA = broadcastTo(a, shape);
  const wideB = broadcastTo(b, shape);
  const unitA = div(wideA, maximum(safeNorm(wideA, axes), epsilon));
  const unitB = div(wideB, maximum(safeNorm(wideB, axes), epsilon));
  return sum(mul(unitA, unitB), { axis: axes });
}
