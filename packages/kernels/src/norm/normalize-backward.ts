import type { FloatArray } from '../dtype';
import { assertNormalizeLengths } from './normalize-lengths';

/**
 * The input gradient of {@link normalizeForward}, per channel of `(outer, channels, inner)`:
 * `out = scale · (grad − Σgrad / M − normalized · Σ(grad·normalized) / M)` with `M = outer·inner`, where `scale` is
 * `weight · inverseStd` (or `inverseStd` without a weight). The two sums are also returned: they are the bias and
 * weight gradients.
 *
 * @remarks
 * Sums accumulate in double precision and every element is computed in double precision before it is stored.
 * `out` may be `grad` itself.
 *
 * @param outer - Extent of the leading reduced axis.
 * @param channels - Number of channels.
 * @param inner - Extent of the trailing reduced axis.
 * @param grad - Gradient of the normalised output, `outer·channels·inner` elements.
 * @param normalized - The normalised input saved by the forward pass (before weight and bias), like `grad`.
 * @param scale - Per-channel factor: `weight · inverseStd`, or `inverseStd`.
 * @param out - Receives the input gradient, like `grad`.
 * @param gradSum - Receives Σgrad per channel.
 * @param gradNormalizedSum - Receives Σ(grad·normalized) per channel.
 * @throws {@link ShapeError} If an extent is not a non-negative integer or an array has the wrong length.
 *
 * @example
 * ```ts
 * import { normalizeBackward } from '@nanograd/kernels';
 * const out = new Float64Array(2);
 * const [gradSum, gradNormalizedSum] = [new Float64Array(1), new Float64Array(1)];
 * normalizeBackward(1, 1, 2, new Float64Array([1, 3]), new Float64Array([-1, 1]), new Float64Array([1]), out, gradSum, gradNormalizedSum);
 * gradSum[0]; // 4
 * gradNormalizedSum[0]; // 2
 * out; // Float64Array [0, 0]
 * ```
 * @category Normalization kernels
 */
export function normalizeBackward(
  outer: number, channels: number, inner: number,
  grad: FloatArray, normalized: FloatArray, scale: FloatArray,
  out: FloatArray, gradSum: FloatArray, gradNormalizedSum: FloatArray,
): void {
  assertNormalizeLengths('normalizeBackward', outer, channels, inner, { grad, normalized, out }, { scale, gradSum, gradNormalizedSum });
  const count = outer * inner;
  const rowStride = channels * inner;
  for (let c = 0; c < channels; c++) {
    let sum = 0;
    let weighted = 0;
    for (let o = 0; o < outer; o++) {
      const start = o * rowStride + c * inner;
      for (let i = start; i < start + inner; i++) {
        const g = grad[i]!;
        sum += g;
        weighted += g * normalized[i]!;
      }
    }
    gradSum[c] = sum;
    gradNormalizedSum[c] = weighted;
    const factor = scale[c]!;
    const meanGrad = sum / count;
    const meanWeighted = weighted / count;
    for (let o = 0; o < outer; o++) {
      const start = o * rowStride + c * inner;
      for (let i = start; i < start + inner; i++) out[i] = factor * (grad[i]! - meanGrad - normalized[i]! * meanWeighted);
    }
  }
}
