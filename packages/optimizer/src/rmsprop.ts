// RMSprop with smoothing constant alpha, optional momentum and the centered variant (PyTorch RMSprop).
import type { Tensor } from '@nanograd/autograd';
import { checkBoolean, checkNonNegative } from './internal/check-options';
import { allocateLike } from './internal/storage';
import { Optimizer } from './optimizer';
import type { OptimizerOptions } from './optimizer';
import type { OptimizerParameters } from './parameter-group';
import type { FloatStorage, ParameterState } from './parameter-state';

/**
 * Options of {@link RMSprop}; every field can also be set per parameter group.
 *
 * @example
 * ```ts
 * import type { RMSpropOptions } from '@nanograd/optimizer';
 * const options: RMSpropOptions = { learningRate: 1e-3, alpha: 0.9, momentum: 0.9, centered: true };
 * ```
 * @category Optimizer
 */
export interface RMSpropOptions extends OptimizerOptions {
  /**
   * Step size γ.
   * @defaultValue 0.01
   */
  readonly learningRate?: number;
  /**
   * Smoothing constant α of the squared-gradient average.
   * @defaultValue 0.99
   */
  readonly alpha?: number;
  /**
   * ε added to the denominator.
   * @defaultValue 1e-8
   */
  readonly epsilon?: number;
  /**
   * L2 penalty λ, added to the gradient.
   * @defaultValue 0
   */
  readonly weightDecay?: number;
  /**
   * Momentum factor μ; 0 disables the momentum buffer.
   * @defaultValue 0
   */
  readonly momentum?: number;
  /**
   * Normalise by the estimated variance (subtract the squared mean gradient) instead of the raw second moment.
   * @defaultValue false
   */
  readonly centered?: boolean;
  /**
   * Maximize the objective.
   * @defaultValue false
   */
  readonly maximize?: boolean;
}

const defaults: Required<RMSpropOptions> = {
  learningRate: 1e-2,
  alpha: 0.99,
  epsilon: 1e-8,
  weightDecay: 0,
  momentum: 0,
  centered: false,
  maximize: false,
};

/**
 * RMSprop, exactly PyTorch's `torch.optim.RMSprop`. With gradient g (negated when maximizing):
 * `g ← g + λθ`; `v ← αv + (1−α)g²`; centered: `ḡ ← αḡ + (1−α)g`, `d = √(v − ḡ²) + ε`, else `d = √v + ε`;
 * with momentum `b ← μb + g/d`, `θ ← θ − γb`, else `θ ← θ − γg/d`.
 *
 * @remarks
 * The Scheme egg adds the weight-decay term into the gradient buffer in place; this class never mutates `.grad`.
 *
 * @example
 * ```ts
 * import { RMSprop } from '@nanograd/optimizer';
 * import { mul, sum, tensor } from '@nanograd/autograd';
 * const w = tensor([1, -2], { requiresGrad: true });
 * const optimizer = new RMSprop([w], { learningRate: 0.01, momentum: 0.9 });
 * sum(mul(w, w)).backward();
 * optimizer.step();
 * ```
 * @category Optimizer
 */
export class RMSprop extends Optimizer<RMSpropOptions> {
  /**
   * Creates the optimizer.
   *
   * @param params - Tensors, or parameter groups with their own options.
   * @param options - Defaults for every group.
   * @throws {@link OptimizerError} For empty, duplicated or non-leaf parameters, or an unknown option.
   * @throws `DTypeError` For a parameter that is not f32 or f64.
   * @throws RangeError For invalid values, e.g. a negative alpha.
   */
  constructor(params: OptimizerParameters<RMSpropOptions>, options: RMSpropOptions = {}) {
    super('RMSprop', params, defaults, options);
  }

  /**
   * Checks the RMSprop options.
   *
   * @param options - Complete options.
   * @param where - Location suffix for messages.
   */
  protected validate(options: Required<RMSpropOptions>, where: string): void {
    const context = { owner: this.name, where };
    checkNonNegative(context, 'learningRate', options.learningRate);
    checkNonNegative(context, 'alpha', options.alpha);
    checkNonNegative(context, 'epsilon', options.epsilon);
    checkNonNegative(context, 'weightDecay', options.weightDecay);
    checkNonNegative(context, 'momentum', options.momentum);
    checkBoolean(context, 'centered', options.centered);
    checkBoolean(context, 'maximize', options.maximize);
  }

  /**
   * Allocates `squareAvg`, plus `momentumBuffer` with momentum and `gradAvg` when centered.
   *
   * @param param - The parameter.
   * @param options - Its group's options.
   * @returns The zero-filled buffers.
   */
  protected initialState(param: Tensor, options: Required<RMSpropOptions>): Record<string, FloatStorage> {
    const buffers: Record<string, FloatStorage> = { squareAvg: allocateLike(param) };
    if (options.momentum > 0) buffers['momentumBuffer'] = allocateLike(param);
    if (options.centered) buffers['gradAvg'] = allocateLike(param);
    return buffers;
  }

  /**
   * Applies the RMSprop update to one parameter.
   *
   * @param values - Parameter elements, updated in place.
   * @param grad - Gradient elements.
   * @param state - The parameter's state.
   * @param options - Its group's options.
   */
  protected updateParameter(values: FloatStorage, grad: ArrayLike<number>, state: ParameterState, options: Required<RMSpropOptions>): void {
    const { learningRate, alpha, epsilon, weightDecay, momentum, maximize } = options;
    const squareAvg = state.buffers['squareAvg']!;
    const momentumBuffer = momentum > 0 ? state.buffers['momentumBuffer'] : undefined;
    const gradAvg = options.centered ? state.buffers['gradAvg'] : undefined;
    for (let i = 0; i < values.length; i++) {
      let g = maximize ? -grad[i]! : grad[i]!;
      if (weightDecay !== 0) g += weightDecay * values[i]!;
      squareAvg[i] = alpha * squareAvg[i]! + (1 - alpha) * g * g;
      let denominator: number;
      if (gradAvg !== undefined) {
        gradAvg[i] = alpha * gradAvg[i]! + (1 - alpha) * g;
        denominator = Math.sqrt(squareAvg[i]! - gradAvg[i]! * gradAvg[i]!) + epsilon;
      } else {
        denominator = Math.sqrt(squareAvg[i]!) + epsilon;
      }
      if (momentumBuffer !== undefined) {
        momentumBuffer[i] = momentum * momentumBuffer[i]! + g / denominator;
        values[i] = values[i]! - learningRate * momentumBuffer[i]!;
      } else {
        values[i] = values[i]! - (learningRate * g) / denominator;
      }
    }
  }
}
