// The Adam/AdamW update shared by both classes; they differ only in how weight decay enters.
import type { Tensor } from '@nanograd/autograd';
import { adamStep, type AdamStepParameters, type Backend, type DeviceBuffer, type View } from '@nanograd/kernels';
import type { AdamOptions } from '../adam';
import type { FloatStorage, ParameterState } from '../parameter-state';
import { checkBoolean, checkNonNegative, checkUnitInterval } from './check-options';
import { isLive } from './storage';

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

/** The step's scalars for the fused kernel: Adam puts weight decay in the gradient, AdamW shrinks the parameter. */
function stepParameters(options: AdamHyperparameters, step: number, decoupled: boolean): AdamStepParameters {
  const { learningRate, beta1, beta2, epsilon, weightDecay, maximize } = options;
  return {
    beta1,
    beta2,
    epsilon,
    stepSize: learningRate / (1 - beta1 ** step),
    biasCorrection2Sqrt: Math.sqrt(1 - beta2 ** step),
    l2: decoupled ? 0 : weightDecay,
    shrink: decoupled ? 1 - learningRate * weightDecay : 1,
    maximize,
  };
}

/** Applies PyTorch's Adam (`decoupled` false, L2 in the gradient) or AdamW (`decoupled` true) update to host arrays. */
export function adamUpdate(values: FloatStorage, grad: ArrayLike<number>, state: ParameterState, options: AdamHyperparameters, decoupled: boolean): void {
  const dense = grad instanceof Float32Array || grad instanceof Float64Array ? grad : Float64Array.from(grad);
  const maxExpAvgSq = options.amsgrad ? state.buffers['maxExpAvgSq']! : null;
  adamStep(stepParameters(options, state.step, decoupled), values, dense, state.buffers['expAvg']!, state.buffers['expAvgSq']!, maxExpAvgSq);
}

/**
 * Runs the update as one kernel of the parameter's backend, on its own storage, when parameter, gradient and state
 * all live there densely; returns false (nothing done) otherwise.
 */
export function adamUpdateInPlace(param: Tensor, grad: Tensor, state: ParameterState, options: AdamHyperparameters, decoupled: boolean): boolean {
  const device = deviceState.get(state.buffers);
  if (device === undefined || device.backend !== param.backend || grad.backend !== param.backend || grad.dtype !== param.dtype) return false;
  if (!isLive(param) || !isLive(grad)) return false;
  const view = (buffer: DeviceBuffer): View => ({ buffer, shape: [param.size], strides: [1], offset: 0 });
  const buffers = device.buffers;
  const maxExpAvgSq = options.amsgrad ? view(buffers['maxExpAvgSq']!) : null;
  param.backend.kernels.adamStep(
    view(param.buffer), view(grad.buffer), view(buffers['expAvg']!), view(buffers['expAvgSq']!), maxExpAvgSq, stepParameters(options, state.step, decoupled),
  );
  return true;
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

/** Where a state's buffers live on the backend, keyed by the `buffers` record the state exposes. */
const deviceState = new WeakMap<object, { readonly backend: Backend; readonly buffers: Record<string, DeviceBuffer> }>();

/**
 * Buffers shared by Adam and AdamW, allocated on the parameter's backend so the fused kernel updates them in place;
 * the record's entries are getters that return a fresh typed array over each (WASM memory may move when it grows).
 */
export function adamState(param: Tensor, options: Required<AdamOptions>): Record<string, FloatStorage> {
  const backend = param.backend;
  const names = options.amsgrad ? ['expAvg', 'expAvgSq', 'maxExpAvgSq'] : ['expAvg', 'expAvgSq'];
  const device: Record<string, DeviceBuffer> = {};
  const buffers: Record<string, FloatStorage> = {};
  for (const name of names) {
    const buffer = backend.alloc(param.dtype, param.size);
    device[name] = buffer;
    Object.defineProperty(buffers, name, { enumerable: true, get: () => backend.view(buffer) as FloatStorage });
  }
  deviceState.set(buffers, { backend, buffers: device });
  return buffers;
}
