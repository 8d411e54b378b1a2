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
