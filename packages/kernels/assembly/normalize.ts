// Fused normalisation of dense (outer, channels, inner) arrays per channel, and its input gradient; see src/norm. f32
// arrays are computed in f64 lanes like the JS kernels; only the order of the sums differs (two lanes, two accumulators).
import { loadOne, loadPair, storeOne, storePair } from './lanes';

/** Σ of `n` elements at `x`. */
function rowSum<T>(x: usize, n: i32): f64 {
  const step = <usize>sizeof<T>();
  let low = f64x2.splat(0);
  let high = f64x2.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = x + <usize>i * step;
    low = f64x2.add(low, loadPair<T>(at));
    high = f64x2.add(high, loadPair<T>(at + 2 * step));
  }
  const both = f64x2.add(low, high);
  let total = f64x2.extract_lane(both, 0) + f64x2.extract_lane(both, 1);
  for (; i < n; i++) total += loadOne<T>(x + <usize>i * step);
  return total;
}

/** Σ (x − mean)² of `n` elements at `x`. */
function rowSquaredDeviations<T>(x: usize, n: i32, mean: f64): f64 {
  const step = <usize>sizeof<T>();
  const m = f64x2.splat(mean);
  let low = f64x2.splat(0);
  let high = f64x2.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = x + <usize>i * step;
    const a = f64x2.sub(loadPair<T>(at), m);
    const b = f64x2.sub(loadPair<T>(at + 2 * step), m);
    low = f64x2.add(low, f64x2.mul(a, a));
    high = f64x2.add(high, f64x2.mul(b, b));
  }
  const both = f64x2.add(low, high);
  let total = f64x2.extract_lane(both, 0) + f64x2.extract_lane(both, 1);
  for (; i < n; i++) {
    const deviation = loadOne<T>(x + <usize>i * step) - mean;
    total += deviation * deviation;
  }
  return total;
}

/** out = (x − mean)·scale·gain + offset over `n` elements, and normalized = (x − mean)·scale unless it is 0. */
function rowNormalize<T>(x: usize, out: usize, normalized: usize, n: i32, mean: f64, scale: f64, gain: f64, offset: f64): void {
  const step = <usize>sizeof<T>();
  const m = f64x2.splat(mean);
  const s = f64x2.splat(scale);
  const w = f64x2.splat(gain);
  const b = f64x2.splat(offset);
  let i = 0;
  if (normalized == 0) {
    for (; i + 2 <= n; i += 2) {
      const at = <usize>i * step;
      const value = f64x2.mul(f64x2.sub(loadPair<T>(x + at), m), s);
      storePair<T>(out + at, f64x2.add(f64x2.mul(value, w), b));
    }
  } else {
    for (; i + 2 <= n; i += 2) {
      const at = <usize>i * step;
      const value = f64x2.mul(f64x2.sub(loadPair<T>(x + at), m), s);
      storePair<T>(normalized + at, value);
      storePair<T>(out + at, f64x2.add(f64x2.mul(value, w), b));
    }
  }
  for (; i < n; i++) {
    const at = <usize>i * step;
    const value = (loadOne<T>(x + at) - mean) * scale;
    if (normalized != 0) storeOne<T>(normalized + at, value);
    storeOne<T>(out + at, value * gain + offset);
  }
}

function normalizeForward<T>(
  x: usize, weight: usize, bias: usize, out: usize, normalized: usize, mean: usize, variance: usize, inverseStd: usize,
  outer: i32, channels: i32, inner: i32, epsilon: f64,
): void {
  const step = <usize>sizeof<T>();
  const count = <f64>outer * <f64>inner;
  const rowBytes = <usize>channels * <usize>inner * step;
  const innerBytes = <usize>inner * step;
  for (let c = 0; c < channels; c++) {
    const first = <usize>c * innerBytes;
    let total = 0.0;
    for (let o = 0; o < outer; o++) total += rowSum<T>(x + first + <usize>o * rowBytes, inner);
    const average = total / count;
    let squares = 0.0;
    for (let o = 0; o < outer; o++) squares += rowSquaredDeviations<T>(x + first + <usize>o * rowBytes, inner, average);
    const biased = squares / count;
    const scale = 1 / Math.sqrt(biased + epsilon);
    const at = <usize>c * step;
    storeOne<T>(mean + at, average);
    storeOne<T>(variance + at, biased);
    storeOne<T>(inverseStd + at, scale);
    const gain = weight == 0 ? 1.0 : loadOne<T>(weight + at);
    const offset = bias == 0 ? 0.0 : loadOne<T>(bias + at);
    for (let o = 0; o < outer; o++) {
      const row = first + <usize>o * rowBytes;
      rowNormalize<T>(x + row, out + row, normalized == 0 ? 0 : normalized + row, inner, average, scale, gain, offset);
    }
  }
}

/** Σgrad and Σgrad·normalized of the last row, set by rowGradSums (no tuples in AssemblyScript). */
let rowGradTotal: f64 = 0;
let rowGradWeighted: f64 = 0;

/** Sets rowGradTotal and rowGradWeighted for `n` elements of grad and normalized. */
function rowGradSums<T>(grad: usize, normalized: usize, n: i32): void {
  const step = <usize>sizeof<T>();
  let total = f64x2.splat(0);
  let weighted = f64x2.splat(0);
  let total2 = f64x2.splat(0);
  let weighted2 = f64x2.splat(0);
  let i = 0;
  // Two accumulators per sum, so consecutive adds do not wait on each other.
  for (; i + 4 <= n; i += 4) {
    const at = <usize>i * step;
    const g = loadPair<T>(grad + at);
    const g2 = loadPair<T>(grad + at + 2 * step);
    total = f64x2.add(total, g);
    total2 = f64x2.add(total2, g2);
    weighted = f64x2.add(weighted, f64x2.mul(g, loadPair<T>(normalized + at)));
    weighted2 = f64x2.add(weighted2, f64x2.mul(g2, loadPair<T>(normalized + at + 2 * step)));
  }
  total = f64x2.add(total, total2);
  weighted = f64x2.add(weighted, weighted2);
  let sum = f64x2.extract_lane(total, 0) + f64x2.extract_lane(total, 1);
  let product = f64x2.extract_lane(weighted, 0) + f64x2.extract_lane(weighted, 1);
  for (; i < n; i++) {
    const at = <usize>i * step;
    const g = loadOne<T>(grad + at);
    sum += g;
    product += g * loadOne<T>(normalized + at);
  }
  rowGradTotal = sum;
  rowGradWeighted = product;
}

/** out = factor·(grad − meanGrad − normalized·meanWeighted) over `n` elements. */
function rowBackward<T>(grad: usize, normalized: usize, out: usize, n: i32, factor: f64, meanGrad: f64, meanWeighted: f64): void {
  const step = <usize>sizeof<T>();
  const f = f64x2.splat(factor);
  const a = f64x2.splat(meanGrad);
  const b = f64x2.splat(meanWeighted);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const at = <usize>i * step;
    const centred = f64x2.sub(f64x2.sub(loadPair<T>(grad + at), a), f64x2.mul(loadPair<T>(normalized + at), b));
    storePair<T>(out + at, f64x2.mul(f, centred));
  }
  for (; i < n; i++) {
    const at = <usize>i * step;
    storeOne<T>(out + at, factor * (loadOne<T>(grad + at) - meanGrad - loadOne<T>(normalized + at) * meanWeighted));
  }
}

function normalizeBackward<T>(
  grad: usize, normalized: usize, scale: usize, out: usize, gradSum: usize, gradNormalizedSum: usize,
  outer: i32, channels: i32, inner: i32,
): void {
  const step = <usize>sizeof<T>();
  const count = <f64>outer * <f64>inner;
  const rowBytes = <usize>channels * <usize>inner * step;
  const innerBytes = <usize>inner * step;
  for (let c = 0; c < channels; c++) {
    const first = <usize>c * innerBytes;
    let sum = 0.0;
    let weighted = 0.0;
    for (let o = 0; o < outer; o++) {
      const row = first + <usize>o * rowBytes;
      rowGradSums<T>(grad + row, normalized + row, inner);
      sum += rowGradTotal;
      weighted += rowGradWeighted;
    }
    const at = <usize>c * step;
    storeOne<T>(gradSum + at, sum);
    storeOne<T>(gradNormalizedSum + at, weighted);
    const factor = loadOne<T>(scale + at);
    const meanGrad = sum / count;
    const meanWeighted = weighted / count;
    for (let o = 0; o < outer; o++) {
      const row = first + <usize>o * rowBytes;
      rowBackward<T>(grad + row, normalized + row, out + row, inner, factor, meanGrad, meanWeighted);
    }
  }
}

/**
 * Normalises dense f32 `(outer, channels, inner)` x per channel into out (times weight plus bias when their addresses
 * are not 0), normalized (unless 0), and the per-channel mean, biased variance and inverseStd; see src/norm.
 */
export function normalizeForwardF32(
  x: usize, weight: usize, bias: usize, out: usize, normalized: usize, mean: usize, variance: usize, inverseStd: usize,
  outer: i32, channels: i32, inner: i32, epsilon: f64,
): void {
  normalizeForward<f32>(x, weight, bias, out, normalized, mean, variance, inverseStd, outer, channels, inner, epsilon);
}

/** The f64 twin of normalizeForwardF32. */
export function normalizeForwardF64(
  x: usize, weight: usize, bias: usize, out: usize, normalized: usize, mean: usize, variance: usize, inverseStd: usize,
  outer: i32, channels: i32, inner: i32, epsilon: f64,
): void {
  normalizeForward<f64>(x, weight, bias, out, normalized, mean, variance, inverseStd, outer, channels, inner, epsilon);
}

/** The input gradient of normalizeForwardF32 plus the per-channel Σgrad and Σgrad·normalized; see src/norm. */
export function normalizeBackwardF32(
  grad: usize, normalized: usize, scale: usize, out: usize, gradSum: usize, gradNormalizedSum: usize,
  outer: i32, channels: i32, inner: i32,
): void {
  normalizeBackward<f32>(grad, normalized, scale, out, gradSum, gradNormalizedSum, outer, channels, inner);
}

/** The f64 twin of normalizeBackwardF32. */
export function normalizeBackwardF64(
  grad: usize, normalized: usize, scale: usize, out: usize, gradSum: usize, gradNormalizedSum: usize,
  outer: i32, channels: i32, inner: i32,
): void {
  normalizeBackward<f64>(grad, normalized, scale, out, gradSum, gradNormalizedSum, outer, channels, inner);
}
