import type { FloatArray } from '../dtype';
import { assertNormalizeLengths } from './normalize-lengths';

/**
 * Normalises dense `x`, seen as `(outer, channels, inner)`, per channel over the outer and inner axes (batch norm of
 * `(N, C, H, W)` is `(N, C, H·W)`; layer norm over trailing axes is `(1, leading, trailing)`):
 * `normalized = (x − mean) · inverseStd` with `inverseStd = 1 / √(variance + epsilon)` and the biased variance, then
 * `out = normalized · weight + bias`.
 *
 * @remarks
 * Statistics accumulate in double precision over two passes (the sum, then the squared deviations from the mean),
 * and every element is computed in double precision before it is stored, for f32 arrays too. A channel with no
 * elements gets a NaN mean. `out` may be `x` itself.
 *
 * @param outer - Extent of the leading reduced axis.
 * @param channels - Number of channels (one set of statistics each).
 * @param inner - Extent of the trailing reduced axis.
 * @param epsilon - Added to the variance before the square root.
 * @param x - Input, `outer·channels·inner` elements.
 * @param weight - Per-channel gain, or null for 1.
 * @param bias - Per-channel offset, or null for 0.
 * @param out - Result, like `x`.
 * @param normalized - Receives the normalised `x` (before weight and bias), or null.
 * @param mean - Receives the per-channel mean.
 * @param variance - Receives the per-channel biased variance.
 * @param inverseStd - Receives `1 / √(variance + epsilon)` per channel.
 * @throws {@link ShapeError} If an extent is not a non-negative integer or an array has the wrong length.
 *
 * @example
 * ```ts
 * import { normalizeForward } from '@nanograd/kernels';
 * const out = new Float64Array(4);
 * const [mean, variance, inverseStd] = [new Float64Array(1), new Float64Array(1), new Float64Array(1)];
 * normalizeForward(1, 1, 4, 0, new Float64Array([1, 2, 3, 4]), null, null, out, null, mean, variance, inverseStd);
 * mean[0]; // 2.5
 * variance[0]; // 1.25
 * ```
 * @category Normalization kernels
 */
export function normalizeForward(
  outer: number, channels: number, inner: number, epsilon: number,
  x: FloatArray, weight: FloatArray | null, bias: FloatArray | null,
  out: FloatArray, normalized: FloatArray | null, mean: FloatArray, variance: FloatArray, inverseStd: FloatArray,
): void {
  assertNormalizeLengths('normalizeForward', outer, channels, inner, { x, out, normalized }, { weight, bias, mean, variance, inverseStd });
  const count = outer * inner;
  const rowStride = channels * inner;
  for (let c = 0; c < channels; c++) {
    let total = 0;
    for (let o = 0; o < outer; o++) {
      const start = o * rowStride + c * inner;
      for (let i = start; i < start + inner; i++) total += x[i]!;
    }
    const average = total / count;
    let squares = 0;
    for (let o = 0; o < outer; o++) {
      const start = o * rowStride + c * inner;
      for (let i = start; i < start + inner; i++) {
        const deviation = x[i]! - average;
        squares += deviation * deviation;
      }
    }
    const biased = squares / count;
    const scale = 1 / Math.sqrt(biased + epsilon);
    mean[c] = average;
    variance[c] = biased;
    inverseStd[c] = scale;
    const gain = weight === null ? 1 : weight[c]!;
    const offset = bias === null ? 0 : bias[c]!;
    for (let o = 0; o < outer; o++) {
      const start = o * rowStride + c * inner;
      for (let i = start; i < start + inner; i++) {
        const value = (x[i]! - average) * scale;
        if (normalized !== null) normalized[i] = value;
        out[i] = value * gain + offset;
      }
    }
  }
}
