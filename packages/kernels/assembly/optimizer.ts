// Fused optimizer steps, computed exactly as the JS kernel (src/optim/adam-step.ts) computes them, so both agree bit
// for bit: f64 arrays in f64, f32 arrays in f32.

// Adam without L2 term, decoupled decay or AMSGrad: the loop of nearly every training run.
function adamPlain(
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
  const step: usize = 8;
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const offset = <usize>i * step;
    const g = f64x2.mul(s, v128.load(grad + offset));
    const m = f64x2.add(f64x2.mul(b1, v128.load(expAvg + offset)), f64x2.mul(k1, g));
    const v = f64x2.add(f64x2.mul(b2, v128.load(expAvgSq + offset)), f64x2.mul(f64x2.mul(k2, g), g));
    v128.store(expAvg + offset, m);
    v128.store(expAvgSq + offset, v);
    const denominator = f64x2.add(f64x2.div(f64x2.sqrt(v), correction), eps);
    v128.store(param + offset, f64x2.sub(v128.load(param + offset), f64x2.div(f64x2.mul(size, m), denominator)));
  }
  for (; i < n; i++) {
    const offset = <usize>i * step;
    const g = sign * load<f64>(grad + offset);
    const m = beta1 * load<f64>(expAvg + offset) + keep1 * g;
    const v = beta2 * load<f64>(expAvgSq + offset) + keep2 * g * g;
    store<f64>(expAvg + offset, m);
    store<f64>(expAvgSq + offset, v);
    store<f64>(param + offset, load<f64>(param + offset) - (stepSize * m) / (Math.sqrt(v) / biasCorrection2Sqrt + epsilon));
  }
}

// The general step: shrink (AdamW), L2 term (Adam) and, when maxExpAvgSq is not 0, AMSGrad's running maximum.
function adamGeneral(
  param: usize, grad: usize, expAvg: usize, expAvgSq: usize, maxExpAvgSq: usize, n: i32,
  beta1: f64, beta2: f64, epsilon: f64, stepSize: f64, biasCorrection2Sqrt: f64, l2: f64, shrink: f64, sign: f64,
): void {
  const keep1 = 1 - beta1;
  const keep2 = 1 - beta2;
  const step: usize = 8;
  for (let i = 0; i < n; i++) {
    const offset = <usize>i * step;
    const value = load<f64>(param + offset) * shrink;
    const g = sign * load<f64>(grad + offset) + l2 * value;
    const m = beta1 * load<f64>(expAvg + offset) + keep1 * g;
    const v = beta2 * load<f64>(expAvgSq + offset) + keep2 * g * g;
    store<f64>(expAvg + offset, m);
    store<f64>(expAvgSq + offset, v);
    let second = v;
    if (maxExpAvgSq != 0) {
      // The running maximum of the raw second moment; a NaN moment leaves it unchanged, as in the JS kernel.
      if (second > load<f64>(maxExpAvgSq + offset)) store<f64>(maxExpAvgSq + offset, second);
      second = load<f64>(maxExpAvgSq + offset);
    }
    store<f64>(param + offset, value - (stepSize * m) / (Math.sqrt(second) / biasCorrection2Sqrt + epsilon));
  }
}

// f32 arrays are computed in f32, rounding after every operation like PyTorch's f32 update; the JS kernel rounds each
// f64 operation with Math.fround, which gives the same bits (+, -, ·, / and √ are correctly rounded twice over).

function adamPlainF32(
  param: usize, grad: usize, expAvg: usize, expAvgSq: usize, n: i32,
  beta1: f64, beta2: f64, epsilon: f64, stepSize: f64, biasCorrection2Sqrt: f64, sign: f64,
): void {
  const b1s = <f32>beta1;
  const b2s = <f32>beta2;
  const k1s = <f32>(1 - beta1);
  const k2s = <f32>(1 - beta2);
  const epsilonS = <f32>epsilon;
  const sizeS = <f32>stepSize;
  const correctionS = <f32>biasCorrection2Sqrt;
  const signS = <f32>sign;
  const b1 = f32x4.splat(b1s);
  const b2 = f32x4.splat(b2s);
  const k1 = f32x4.splat(k1s);
  const k2 = f32x4.splat(k2s);
  const eps = f32x4.splat(epsilonS);
  const size = f32x4.splat(sizeS);
  const correction = f32x4.splat(correctionS);
  const s = f32x4.splat(signS);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const offset = <usize>i << 2;
    const g = f32x4.mul(s, v128.load(grad + offset));
    const m = f32x4.add(f32x4.mul(b1, v128.load(expAvg + offset)), f32x4.mul(k1, g));
    const v = f32x4.add(f32x4.mul(b2, v128.load(expAvgSq + offset)), f32x4.mul(f32x4.mul(k2, g), g));
    v128.store(expAvg + offset, m);
    v128.store(expAvgSq + offset, v);
    const denominator = f32x4.add(f32x4.div(f32x4.sqrt(v), correction), eps);
    v128.store(param + offset, f32x4.sub(v128.load(param + offset), f32x4.div(f32x4.mul(size, m), denominator)));
  }
  for (; i < n; i++) {
    const offset = <usize>i << 2;
    const g = signS * load<f32>(grad + offset);
    const m = b1s * load<f32>(expAvg + offset) + k1s * g;
    const v = b2s * load<f32>(expAvgSq + offset) + k2s * g * g;
    store<f32>(expAvg + offset, m);
    store<f32>(expAvgSq + offset, v);
    store<f32>(param + offset, load<f32>(param + offset) - (sizeS * m) / (Mathf.sqrt(v) / correctionS + epsilonS));
  }
}

function adamGeneralF32(
  param: usize, grad: usize, expAvg: usize, expAvgSq: usize, maxExpAvgSq: usize, n: i32,
  beta1: f64, beta2: f64, epsilon: f64, stepSize: f64, biasCorrection2Sqrt: f64, l2: f64, shrink: f64, sign: f64,
): void {
  const b1 = <f32>beta1;
  const b2 = <f32>beta2;
  const k1 = <f32>(1 - beta1);
  const k2 = <f32>(1 - beta2);
  const eps = <f32>epsilon;
  const size = <f32>stepSize;
  const correction = <f32>biasCorrection2Sqrt;
  const l2s = <f32>l2;
  const shrinkS = <f32>shrink;
  const signS = <f32>sign;
  for (let i = 0; i < n; i++) {
    const offset = <usize>i << 2;
    const value = load<f32>(param + offset) * shrinkS;
    const g = signS * load<f32>(grad + offset) + l2s * value;
    const m = b1 * load<f32>(expAvg + offset) + k1 * g;
    const v = b2 * load<f32>(expAvgSq + offset) + k2 * g * g;
    store<f32>(expAvg + offset, m);
    store<f32>(expAvgSq + offset, v);
    let second = v;
    if (maxExpAvgSq != 0) {
      if (second > load<f32>(maxExpAvgSq + offset)) store<f32>(maxExpAvgSq + offset, second);
      second = load<f32>(maxExpAvgSq + offset);
    }
    store<f32>(param + offset, value - (size * m) / (Mathf.sqrt(second) / correction + eps));
  }
}

/** One Adam/AdamW step over dense f32 arrays (maxExpAvgSq 0 without AMSGrad); see src/optim/adam-step.ts. */
export function adamStepF32(
  param: usize, grad: usize, expAvg: usize, expAvgSq: usize, maxExpAvgSq: usize, n: i32,
  beta1: f64, beta2: f64, epsilon: f64, stepSize: f64, biasCorrection2Sqrt: f64, l2: f64, shrink: f64, sign: f64,
): void {
  if (maxExpAvgSq == 0 && l2 == 0 && shrink == 1) {
    adamPlainF32(param, grad, expAvg, expAvgSq, n, beta1, beta2, epsilon, stepSize, biasCorrection2Sqrt, sign);
  } else {
    adamGeneralF32(param, grad, expAvg, expAvgSq, maxExpAvgSq, n, beta1, beta2, epsilon, stepSize, biasCorrection2Sqrt, l2, shrink, sign);
  }
}

/** The f64 twin of adamStepF32, in f64 throughout. */
export function adamStepF64(
  param: usize, grad: usize, expAvg: usize, expAvgSq: usize, maxExpAvgSq: usize, n: i32,
  beta1: f64, beta2: f64, epsilon: f64, stepSize: f64, biasCorrection2Sqrt: f64, l2: f64, shrink: f64, sign: f64,
): void {
  if (maxExpAvgSq == 0 && l2 == 0 && shrink == 1) {
    adamPlain(param, grad, expAvg, expAvgSq, n, beta1, beta2, epsilon, stepSize, biasCorrection2Sqrt, sign);
  } else {
    adamGeneral(param, grad, expAvg, expAvgSq, maxExpAvgSq, n, beta1, beta2, epsilon, stepSize, biasCorrection2Sqrt, l2, shrink, sign);
  }
}
