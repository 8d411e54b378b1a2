// Adam with weight decay coupled as an L2 term in the gradient, and optional AMSGrad (PyTorch Adam).
import type { Tensor } from '@nanograd/autograd';
import { adamState, adamUpdate, adamUpdateInPlace, validateAdamOptions } from './internal/adam-update';
import { Optimizer } from './optimizer';
import type { OptimizerOptions } from './optimizer';
import type { OptimizerParameters } from './parameter-group';
import type { FloatStorage, ParameterState } from './parameter-state';

/**
 * Options of {@link Adam} and {@link AdamW}; every field can also be set per parameter group.
 *
 * @example
 * ```ts
 * import type { AdamOptions } from '@nanograd/optimizer';
 * const options: AdamOptions = { learningRate: 3e-4, beta1: 0.9, beta2: 0.95, amsgrad: true };
 * ```
 * @category Optimizer
 */
export interface AdamOptions extends OptimizerOptions {
  /**
   * Step size γ.
   * @defaultValue 0.001
   */
  readonly learningRate?: number;
  /**
   * Decay β₁ of the first-moment average, in [0, 1).
   * @defaultValue 0.9
   */
  readonly beta1?: number;
  /**
   * Decay β₂ of the second-moment average, in [0, 1).
   * @defaultValue 0.999
   */
  readonly beta2?: number;
  /**
   * ε added to the denominator.
   * @defaultValue 1e-8
   */
  readonly epsilon?: number;
  /**
   * Weight decay λ: an L2 term in the gradient for Adam, a decoupled shrink `θ ← θ(1 − γλ)` for AdamW.
   * @defaultValue 0 for Adam, 0.01 for AdamW
   */
  readonly weightDecay?: number;
  /**
   * Use the AMSGrad variant (running maximum of the second moment).
   * @defaultValue false
   */
  readonly amsgrad?: boolean;
  /**
   * Maximize the objective.
   * @defaultValue false
   */
  readonly maximize?: boolean;
}

/**
 * Adam, exactly PyTorch's `torch.optim.Adam`. With gradient g (negated when maximizing) at step t:
 * `g ← g + λθ`; `m ← β₁m + (1−β₁)g`; `v ← β₂v + (1−β₂)g²`; with AMSGrad `v̄ ← max(v̄, v)` (else `v̄ = v`);
 * `θ ← θ − γ/(1−β₁ᵗ) · m / (√v̄ / √(1−β₂ᵗ) + ε)`.
 *
 * @remarks
 * The Scheme egg adds the weight-decay term into the gradient buffer in place; this class never mutates `.grad`.
 * For decoupled weight decay use {@link AdamW}.
 *
 * @example
 * ```ts
 * import { Adam } from '@nanograd/optimizer';
 * import { mul, sum, tensor } from '@nanograd/autograd';
 * const w = tensor([1, -2], { requiresGrad: true });
 * const optimizer = new Adam([w], { learningRate: 0.01 });
 * sum(mul(w, w)).backward();
 * optimizer.step();
 * ```
 * @category Optimizer
 */
export class Adam extends Optimizer<AdamOptions> {
  /**
   * Creates the optimizer.
   *
   * @param params - Tensors, or parameter groups with their own options.
   * @param options - Defaults for every group.
   * @throws {@link OptimizerError} For empty, duplicated or non-leaf parameters, or an unknown option.
   * @throws `DTypeError` For a parameter that is not f32 or f64.
   * @throws RangeError For invalid values, e.g. a beta outside [0, 1).
   */
  constructor(params: OptimizerParameters<AdamOptions>, options: AdamOptions = {}) {
    super('Adam', params, { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0, amsgrad: false, maximize: false }, options);
  }

  /**
   * Checks the Adam options.
   *
   * @param options - Complete options.
   * @param where - Location suffix for messages.
   */
  protected validate(options: Required<AdamOptions>, where: string): void {
    validateAdamOptions(this.name, options, where);
  }

  /**
   * Allocates `expAvg`, `expAvgSq` and, with AMSGrad, `maxExpAvgSq`.
   *
   * @param param - The parameter.
   * @param options - Its group's options.
   * @returns The zero-filled buffers.
   */
  protected initialState(param: Tensor, options: Required<AdamOptions>): Record<string, FloatStorage> {
    return adamState(param, options);
  }

  /**
   * Applies the Adam update to one parameter.
   *
   * @param values - Parameter elements, updated in place.
   * @param grad - Gradient elements.
   * @param state - The parameter's state.
   * @param options - Its group's options.
   */
  protected updateParameter(values: FloatStorage, grad: ArrayLike<number>, state: ParameterState, options: Required<AdamOptions>): void {
    adamUpdate(values, grad, state, options, false);
  }

  /**
   * Runs the update as the backend's fused `adamStep` kernel when parameter, gradient and state live there densely.
   *
   * @param param - The parameter.
   * @param grad - Its gradient.
   * @param state - The parameter's state.
   * @param options - Its group's options.
   * @returns True if the kernel ran.
   */
  protected override updateInPlace(param: Tensor, grad: Tensor, state: ParameterState, options: Required<AdamOptions>): boolean {
    return adamUpdateInPlace(param, grad, state, options, false);
  }
}
