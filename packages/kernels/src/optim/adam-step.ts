import type { FloatArray } from '../dtype';
import { ShapeError } from '../errors';

/**
 * The scalars of one Adam or AdamW step, with the step count already folded into the bias corrections.
 *
 * @example
 * ```ts
 * import type { AdamStepParameters } from '@nanograd/kernels';
 * const t = 1;
 * const parameters: AdamStepParameters = {
 *   beta1: 0.9, beta2: 0.999, epsilon: 1e-8, stepSize: 0.001 / (1 - 0.9 ** t),
 *   biasCorrection2Sqrt: Math.sqrt(1 - 0.999 ** t), l2: 0, shrink: 1, maximize: false,
 * };
 * parameters.stepSize; // 0.01
 * ```
 * @category Optimizer kernels
 */
export interface AdamStepParameters {
  /** Decay β₁ of the first-moment average. */
  readonly beta1: number;
  /** Decay β₂ of the second-moment average. */
  readonly beta2: number;
  /** ε added to the bias-corrected denominator. */
  readonly epsilon: number;
  /** Learning rate over the first bias correction, γ / (1 − β₁ᵗ). */
  readonly stepSize: number;
  /** Square root of the second bias correction, √(1 − β₂ᵗ). */
  readonly biasCorrection2Sqrt: number;
  /** Coefficient of the L2 term added to the gradient (Adam's weight decay; 0 for none). */
  readonly l2: number;
  /** Factor the parameter is multiplied by first (AdamW's decoupled decay 1 − γλ; 1 for none). */
  readonly shrink: number;
  /** Ascend instead of descend (the gradient's sign is flipped). */
  readonly maximize: boolean;
}

/**
 * One fused Adam/AdamW step over dense arrays of equal length, in place (PyTorch's update, AMSGrad when
 * `maxExpAvgSq` is given): `m ← β₁m + (1−β₁)g`, `v ← β₂v + (1−β₂)g²`, `θ ← θ − stepSize·m / (√v̂ / √(1−β₂ᵗ) + ε)`
 * with `v̂ = v` or its running maximum.
 *
 * @remarks
 * Float32 arrays are updated in float32 arithmetic (each operation rounded to f32, as PyTorch does for f32
 * parameters), float64 arrays in float64; the WASM kernel gives the same bits.
 *
 * @param parameters - The step's scalars.
 * @param param - Parameter elements, updated in place.
 * @param grad - Gradient elements (read only).
 * @param expAvg - First-moment average, updated in place.
 * @param expAvgSq - Second-moment average, updated in place.
 * @param maxExpAvgSq - Running maximum of the second moment (AMSGrad), or null.
 * @throws {@link ShapeError} If the arrays differ in length.
 *
 * @example
 * ```ts
 * import { adamStep } from '@nanograd/kernels';
 * const param = new Float64Array([1]);
 * const parameters = { beta1: 0.9, beta2: 0.999, epsilon: 0, stepSize: 0.1 / 0.1, biasCorrection2Sqrt: Math.sqrt(0.001), l2: 0, shrink: 1, maximize: false };
 * adamStep(parameters, param, new Float64Array([2]), new Float64Array(1), new Float64Array(1), null);
 * param[0]; // 0.9
 * ```
 * @category Optimizer kernels
 */
export function adamStep(
  parameters: AdamStepParameters, param: FloatArray, grad: FloatArray, expAvg: FloatArray, expAvgSq: FloatArray, maxExpAvgSq: FloatArray | null,
): void {
  const n = param.length;
  if (grad.length !== n || expAvg.length !== n || expAvgSq.length !== n || (maxExpAvgSq !== null && maxExpAvgSq.length !== n)) {
    const lengths = [param, grad, expAvg, expAvgSq, ...(maxExpAvgSq === null ? [] : [maxExpAvgSq])].map((array) => array.length);
    throw new ShapeError(`adamStep: arrays differ in length (${lengths.join(', ')})`);
  }
  if (param instanceof Float32Array) {
    adamStepF32(parameters, param, grad as Float32Array, expAvg as Float32Array, expAvgSq as Float32Array, maxExpAvgSq as Float32Array | null);
    return;
  }
  const { beta1, beta2, epsilon, stepSize, biasCorrection2Sqrt, l2, shrink, maximize } = parameters;
  const keep1 = 1 - beta1;
  const keep2 = 1 - beta2;
  const sign = maximize ? -1 : 1;
  if (maxExpAvgSq === null && l2 === 0 && shrink === 1) {
    // The common case, without the per-element branches of the general loop below.
    for (let i = 0; i < n; i++) {
      const g = sign * grad[i]!;
      const m = beta1 * expAvg[i]! + keep1 * g;
      const v = beta2 * expAvgSq[i]! + keep2 * g * g;
      expAvg[i] = m;
      expAvgSq[i] = v;
      param[i] = param[i]! - (stepSize * m) / (Math.sqrt(v) / biasCorrection2Sqrt + epsilon);
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const value = param[i]! * shrink;
    const g = sign * grad[i]! + l2 * value;
    const m = beta1 * expAvg[i]! + keep1 * g;
    const v = beta2 * expAvgSq[i]! + keep2 * g * g;
    expAvg[i] = m;
    expAvgSq[i] = v;
    let second = v;
    if (maxExpAvgSq !== null) {
      // PyTorch keeps the running maximum of the raw (not bias-corrected) second moment.
      if (second > maxExpAvgSq[i]!) maxExpAvgSq[i] = second;
      second = maxExpAvgSq[i]!;
    }
    param[i] = value - (stepSize * m) / (Math.sqrt(second) / biasCorrection2Sqrt + epsilon);
  }
}

const fround = Math.fround;

// The f32 step in f32 arithmetic, like PyTorch's: each f64 operation on f32 values is rounded with Math.fround,
// which equals the f32 operation (double rounding is exact for +, -, ·, / and √), so WASM's f32x4 lanes agree.
function adamStepF32(
  parameters: AdamStepParameters, param: Float32Array, grad: Float32Array, expAvg: Float32Array, expAvgSq: Float32Array,
  maxExpAvgSq: Float32Array | null,
): void {
  const n = param.length;
  const beta1 = fround(parameters.beta1);
  const beta2 = fround(parameters.beta2);
  const keep1 = fround(1 - parameters.beta1);
  const keep2 = fround(1 - parameters.beta2);
  const epsilon = fround(parameters.epsilon);
  const stepSize = fround(parameters.stepSize);
  const correction = fround(parameters.biasCorrection2Sqrt);
  const l2 = fround(parameters.l2);
  const shrink = fround(parameters.shrink);
  const sign = parameters.maximize ? -1 : 1;
  // Decided on the unrounded scalars, as the WASM kernel decides, so both take the same path.
  const general = maxExpAvgSq !== null || parameters.l2 !== 0 || parameters.shrink !== 1;
  for (let i = 0; i < n; i++) {
    const value = general ? fround(param[i]! * shrink) : param[i]!;
    const g = general ? fround(sign * grad[i]! + fround(l2 * value)) : sign * grad[i]!;
    const m = fround(fround(beta1 * expAvg[i]!) + fround(keep1 * g));
    const v = fround(fround(beta2 * expAvgSq[i]!) + fround(fround(keep2 * g) * g));
    expAvg[i] = m;
    expAvgSq[i] = v;
    let second = v;
    if (maxExpAvgSq !== null) {
      if (second > maxExpAvgSq[i]!) maxExpAvgSq[i] = second;
      second = maxExpAvgSq[i]!;
    }
    const denominator = fround(fround(fround(Math.sqrt(second)) / correction) + epsilon);
    param[i] = value - fround(fround(stepSize * m) / denominator);
  }
}
