// The Adam/AdamW update shared by both classes; they differ only in how weight decay enters.
import type { Tensor } from '@nanograd/autograd';
import type { AdamOptions } from '../adam';
import type { FloatStorage, ParameterState } from '../parameter-state';
import { checkBoolean, checkNonNegative, checkUnitInterval } from './check-options';
import { allocateLike } from './storage';

/** Hyperparameters of one Adam or AdamW update. */
export interface AdamHyperparameters {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly weightDecay: number;
  readonly amsgrad: boolean;
  readonly maximize: boolean;
}

/** Applies PyTorch's Adam (`decoupled` false, L2 in the gradient) or AdamW (`decoupled` true) update. */
export function adamUpdate(values: FloatStorage, grad: ArrayLike<number>, state: ParameterState, options: AdamHyperparameters, decoupled: boolean): void {
  const { learningRate, beta1, beta2, epsilon, weightDecay, amsgrad, maximize } = options;
  const expAvg = state.buffers['expAvg']!;
  const expAvgSq = state.buffers['expAvgSq']!;
  const maxExpAvgSq = amsgrad ? state.buffers['maxExpAvgSq'] : undefined;
  const biasCorrection1 = 1 - beta1 ** state.step;
  const biasCorrection2Sqrt = Math.sqrt(1 - beta2 ** state.step);
  const stepSize = learningRate / biasCorrection1;
  const shrink = decoupled ? 1 - learningRate * weightDecay : 1;
  const l2 = decoupled ? 0 : weightDecay;
  for (let i = 0; i < values.length; i++) {
    let g = maximize ? -grad[i]! : grad[i]!;
    if (shrink !== 1) values[i] = values[i]! * shrink;
    if (l2 !== 0) g += l2 * values[i]!;
    expAvg[i] = beta1 * expAvg[i]! + (1 - beta1) * g;
    expAvgSq[i] = beta2 * expAvgSq[i]! + (1 - beta2) * g * g;
    let secondMoment = expAvgSq[i]!;
    if (maxExpAvgSq !== undefined) {
      // PyTorch keeps the running maximum of the raw (not bias-corrected) second moment.
      if (secondMoment > maxExpAvgSq[i]!) maxExpAvgSq[i] = secondMoment;
      secondMoment = maxExpAvgSq[i]!;
    }
    const denominator = Math.sqrt(secondMoment) / biasCorrection2Sqrt + epsilon;
    values[i] = values[i]! - (stepSize * expAvg[i]!) / denominator;
  }
}

/** Validation shared by Adam and AdamW. */
export function validateAdamOptions(owner: string, options: Required<AdamOptions>, where: string): void {
  const context = { owner, where };
  checkNonNegative(context, 'learningRate', options.learningRate);
  checkUnitInterval(context, 'beta1', options.beta1);
  checkUnitInterval(context, 'beta2', options.beta2);
  checkNonNegative(context, 'epsilon', options.epsilon);
  checkNonNegative(context, 'weightDecay', options.weightDecay);
  checkBoolean(context, 'amsgrad', options.amsgrad);
  checkBoolean(context, 'maximize', options.maximize);
}

/** Buffers shared by Adam and AdamW. */
export function adamState(param: Tensor, options: Required<AdamOptions>): Record<string, FloatStorage> {
  const buffers: Record<string, FloatStorage> = { expAvg: allocateLike(param), expAvgSq: allocateLike(param) };
  if (options.amsgrad) buffers['maxExpAvgSq'] = allocateLike(param);
  return buffers;
}
