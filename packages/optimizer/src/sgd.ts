// Stochastic gradient descent with momentum, dampening, Nesterov momentum and L2 weight decay (PyTorch SGD).
import type { Tensor } from '@nanograd/autograd';
import { checkBoolean, checkNonNegative, checkNumber, failOption } from './internal/check-options';
import { allocateLike } from './internal/storage';
import { Optimizer } from './optimizer';
import type { OptimizerOptions } from './optimizer';
import type { OptimizerParameters } from './parameter-group';
import type { FloatStorage, ParameterState } from './parameter-state';

/**
 * Options of {@link SGD}; every field can also be set per parameter group.
 *
 * @example
 * ```ts
 * import type { SGDOptions } from '@nanograd/optimizer';
 * const options: SGDOptions = { learningRate: 0.1, momentum: 0.9, nesterov: true, weightDecay: 5e-4 };
 * ```
 * @category Optimizer
 */
export interface SGDOptions extends OptimizerOptions {
  /**
   * Step size γ.
   * @defaultValue 0.001
   */
  readonly learningRate?: number;
  /**
   * Momentum factor μ; 0 disables the momentum buffer.
   * @defaultValue 0
   */
  readonly momentum?: number;
  /**
   * Dampening τ of the gradient added to the momentum buffer.
   * @defaultValue 0
   */
  readonly dampening?: number;
  /**
   * Use Nesterov momentum (needs `momentum > 0` and `dampening` 0).
   * @defaultValue false
   */
  readonly nesterov?: boolean;
  /**
   * L2 penalty λ, added to the gradient.
   * @defaultValue 0
   */
  readonly weightDecay?: number;
  /**
   * Maximize the objective.
   * @defaultValue false
   */
  readonly maximize?: boolean;
}

const defaults: Required<SGDOptions> = { learningRate: 1e-3, momentum: 0, dampening: 0, nesterov: false, weightDecay: 0, maximize: false };

/**
 * Stochastic gradient descent, exactly PyTorch's `torch.optim.SGD`. With gradient g (negated when maximizing):
 * `g ← g + λθ`; if `μ ≠ 0`: `b ← g` on the first step, else `b ← μb + (1−τ)g`, then `g ← g + μb` (Nesterov) or
 * `g ← b`; finally `θ ← θ − γg`.
 *
 * @remarks
 * The Scheme egg adds the weight-decay term into the gradient buffer in place; this class never mutates `.grad`.
 *
 * @example
 * ```ts
 * import { SGD } from '@nanograd/optimizer';
 * import { mul, sum, tensor } from '@nanograd/autograd';
 * const w = tensor([1, -2], { requiresGrad: true });
 * const optimizer = new SGD([w], { learningRate: 0.1, momentum: 0.9 });
 * for (let i = 0; i < 3; i++) {
 *   optimizer.zeroGrad();
 *   sum(mul(w, w)).backward();
 *   optimizer.step();
 * }
 * ```
 * @category Optimizer
 */
export class SGD extends Optimizer<SGDOptions> {
  /**
   * Creates the optimizer.
   *
   * @param params - Tensors, or parameter groups with their own options.
   * @param options - Defaults for every group.
   * @throws {@link OptimizerError} For empty, duplicated or non-leaf parameters, or an unknown option.
   * @throws `DTypeError` For a parameter that is not f32 or f64.
   * @throws RangeError For invalid values, e.g. `SGD: nesterov needs momentum > 0 and dampening 0`.
   */
  constructor(params: OptimizerParameters<SGDOptions>, options: SGDOptions = {}) {
    super('SGD', params, defaults, options);
  }

  /**
   * Checks the SGD options.
   *
   * @param options - Complete options.
   * @param where - Location suffix for messages.
   */
  protected validate(options: Required<SGDOptions>, where: string): void {
    const context = { owner: this.name, where };
    checkNonNegative(context, 'learningRate', options.learningRate);
    checkNonNegative(context, 'momentum', options.momentum);
    checkNumber(context, 'dampening', options.dampening);
    checkNonNegative(context, 'weightDecay', options.weightDecay);
    checkBoolean(context, 'nesterov', options.nesterov);
    checkBoolean(context, 'maximize', options.maximize);
    if (options.nesterov && (options.momentum <= 0 || options.dampening !== 0)) {
      failOption(context, `nesterov needs momentum > 0 and dampening 0 (got momentum ${options.momentum}, dampening ${options.dampening})`);
    }
  }

  /**
   * Allocates the momentum buffer when momentum is on.
   *
   * @param param - The parameter.
   * @param options - Its group's options.
   * @returns `{ momentumBuffer }`, or no buffers without momentum.
   */
  protected initialState(param: Tensor, options: Required<SGDOptions>): Record<string, FloatStorage> {
    return options.momentum === 0 ? {} : { momentumBuffer: allocateLike(param) };
  }

  /**
   * Applies the SGD update to one parameter.
   *
   * @param values - Parameter elements, updated in place.
   * @param grad - Gradient elements.
   * @param state - The parameter's state.
   * @param options - Its group's options.
   */
  protected updateParameter(values: FloatStorage, grad: ArrayLike<number>, state: ParameterState, options: Required<SGDOptions>): void {
    const { learningRate, momentum, dampening, nesterov, weightDecay, maximize } = options;
    const buffer = state.buffers['momentumBuffer'];
    const first = state.step === 1;
    for (let i = 0; i < values.length; i++) {
      let g = maximize ? -grad[i]! : grad[i]!;
      if (weightDecay !== 0) g += weightDecay * values[i]!;
      if (buffer !== undefined && momentum !== 0) {
        buffer[i] = first ? g : momentum * buffer[i]! + (1 - dampening) * g;
        g = nesterov ? g + momentum * buffer[i]! : buffer[i]!;
      }
      values[i] = values[i]! - learningRate * g;
    }
  }
}
