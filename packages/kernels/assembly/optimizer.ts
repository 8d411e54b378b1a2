// Fused optimizer steps. f32 arrays are computed in f64 lanes, exactly as the JS kernel does, so both agree bit for bit.
// The small load/store helpers are left to Binaryen to inline (eslint cannot parse the @inline decorator).

function loadPair<T>(address: usize): v128 {
  if (sizeof<T>() == 4) return f64x2.promote_low_f32x4(v128.load64_zero(address));
  return v128.load(address);
}

function storePair<T>(address: usize, value: v128): void {
  if (sizeof<T>() == 4) v128.store64_lane(address, f32x4.demote_f64x2_zero(value), 0);
  else v128.store(address, value);
}

function loadOne<T>(address: usize): f64 {
  if (sizeof<T>() == 4) return <f64>load<f32>(address);
  return load<f64>(address);
}

function storeOne<T>(address: usize, value: f64): void {
  if (sizeof<T>() == 4) store<f32>(address, <f32>value);
  else store<f64>(address, value);
}

// Adam without L2 term, decoupled decay or AMSGrad: the loop of nearly every training run.
function adamPlain<T>(
  param: usize, grad: usize, expAvg: usize, expAvgSq: usize, n: i32,
  beta1: f64, beta2: f64, epsilon: f64, stepSize: f64, biasCorrection2Sqrt: f64, sign: f64,
): void {
  const keep1 = 1 - beta1;
  const keep2 = 1 - beta2;
  const b1 = f64x2.splat(beta1);
  const b2 = f64x2.splat(beta2);
  const k1 = f64x2.splat(keep1);
  const k2 = f64x2.splat(keep2);
  const eps = f64x2.splat(epsilon);
  const size = f64x2.splat(stepSize);
  const correction = f64x2.splat(biasCorrection2Sqrt);
  const s = f64x2.splat(sign);
  const step = <usize>sizeof<T>();
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const offset = <usize>i * step;
    const g = f64x2.mul(s, loadPair<T>(grad + offset));
    const m = f64x2.add(f64x2.mul(b1, loadPair<T>(expAvg + offset)), f64x2.mul(k1, g));
    const v = f64x2.add(f64x2.mul(b2, loadPair<T>(expAvgSq + offset)), f64x2.mul(f64x2.mul(k2, g), g));
    storePair<T>(expAvg + offset, m);
    storePair<T>(expAvgSq + offset, v);
    const denominator = f64x2.add(f64x2.div(f64x2.sqrt(v), correction), eps);
    storePair<T>(param + offset, f64x2.sub(loadPair<T>(param + offset), f64x2.div(f64x2.mul(size, m), denominator)));
  }
  for (; i < n; i++) {
    const offset = <usize>i * step;
    const g = sign * loadOne<T>(grad + offset);
    const m = beta1 * loadOne<T>(expAvg + offset) + keep1 * g;
    const v = beta2 * loadOne<T>(expAvgSq + offset) + keep2 * g * g;
    storeOne<T>(expAvg + offset, m);
    storeOne<T>(expAvgSq + offset, v);
    storeOne<T>(param + offset, loadOne<T>(param + offset) - (stepSize * m) / (Math.sqrt(v) / biasCorrection2Sqrt + epsilon));
  }
}

// The general step: shrink (AdamW), L2 term (Adam) and, when maxExpAvgSq is not 0, AMSGrad's running maximum.
function adamGeneral<T>(
  param: usize, grad: usize, expAvg: usize, expAvgSq: usize, maxExpAvgSq: usize, n: i32,
  beta1: f64, beta2: f64, epsilon: f64, stepSize: f64, biasCorrection2Sqrt: f64, l2: f64, shrink: f64, sign: f64,
): void {
  const keep1 = 1 - beta1;
  const keep2 = 1 - beta2;
  const step = <usize>sizeof<T>();
  for (let i = 0; i < n; i++) {
    const offset = <usize>i * step;
    const value = loadOne<T>(param + offset) * shrink;
    const g = sign * loadOne<T>(grad + offset) + l2 * value;
    const m = beta1 * loadOne<T>(expAvg + offset) + keep1 * g;
    const v = beta2 * loadOne<T>(expAvgSq + offset) + keep2 * g * g;
    storeOne<T>(expAvg + offset, m);
    storeOne<T>(expAvgSq + offset, v);
    let second = v;
    if (maxExpAvgSq != 0) {
      // The running maximum of the raw second moment; a NaN moment leaves it unchanged, as in the JS kernel.
      if (second > loadOne<T>(maxExpAvgSq + offset)) storeOne<T>(maxExpAvgSq + offset, second);
      second = loadOne<T>(maxExpAvgSq + offset);
    }
    storeOne<T>(param + offset, value - (stepSize * m) / (Math.sqrt(second) / biasCorrection2Sqrt + epsilon));
  }
}

function adamStep<T>(
  param: usize, grad: usize, expAvg: usize, expAvgSq: usize, maxExpAvgSq: usize, n: i32,
  beta1: f64, beta2: f64, epsilon: f64, stepSize: f64, biasCorrection2Sqrt: f64, l2: f64, shrink: f64, sign: f64,
): void {
  if (maxExpAvgSq == 0 && l2 == 0 && shrink == 1) {
    adamPlain<T>(param, grad, expAvg, expAvgSq, n, beta1, beta2, epsilon, stepSize, biasCorrection2Sqrt, sign);
  } else {
    adamGeneral<T>(param, grad, expAvg, expAvgSq, maxExpAvgSq, n, beta1, beta2, epsilon, stepSize, biasCorrection2Sqrt, l2, shrink, sign);
  }
}

/** One Adam/AdamW step over dense f32 arrays (maxExpAvgSq 0 without AMSGrad); see src/optim/adam-step.ts. */
export function adamStepF32(
  param: usize, grad: usize, expAvg: usize, expAvgSq: usize, maxExpAvgSq: usize, n: i32,
  beta1: f64, beta2: f64, epsilon: f64, stepSize: f64, biasCorrection2Sqrt: f64, l2: f64, shrink: f64, sign: f64,
): void {
  adamStep<f32>(param, grad, expAvg, expAvgSq, maxExpAvgSq, n, beta1, beta2, epsilon, stepSize, biasCorrection2Sqrt, l2, shrink, sign);
}

/** The f64 twin of adamStepF32. */
export function adamStepF64(
  param: usize, grad: usize, expAvg: usize, expAvgSq: usize, maxExpAvgSq: usize, n: i32,
  beta1: f64, beta2: f64, epsilon: f64, stepSize: f64, biasCorrection2Sqrt: f64, l2: f64, shrink: f64, sign: f64,
): void {
  adamStep<f64>(param, grad, expAvg, expAvgSq, maxExpAvgSq, n, beta1, beta2, epsilon, stepSize, biasCorrection2Sqrt, l2, shrink, sign);
}
