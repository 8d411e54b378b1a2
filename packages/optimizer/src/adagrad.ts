// Adagrad with learning-rate decay and an initial accumulator value (PyTorch Adagrad).
import type { Tensor } from '@nanograd/autograd';
import { checkBoolean, checkNonNegative } from './internal/check-options';
import { allocateLike } from './internal/storage';
import { Optimizer } from './optimizer';
import type { OptimizerOptions } from './optimizer';
import type { OptimizerParameters } from './parameter-group';
import type { FloatStorage, ParameterState } from './parameter-state';

/**
 * Options of {@link Adagrad}; every field can also be set per parameter group.
 *
 * @example
 * ```ts
 * import type { AdagradOptions } from '@nanograd/optimizer';
 * const options: AdagradOptions = { learningRate: 0.1, lrDecay: 1e-3, initialAccumulatorValue: 0.1 };
 * ```
 * @category Optimizer
 */
export interface AdagradOptions extends OptimizerOptions {
  /**
   * Step size γ.
   * @defaultValue 0.01
   */
  readonly learningRate?: number;
  /**
   * Learning-rate decay η: step t uses `γ / (1 + (t − 1)η)`.
   * @defaultValue 0
   */
  readonly lrDecay?: number;
  /**
   * L2 penalty λ, added to the gradient.
   * @defaultValue 0
   */
  readonly weightDecay?: number;
  /**
   * Starting value of the squared-gradient sum.
   * @defaultValue 0
   */
  readonly initialAccumulatorValue?: number;
  /**
   * ε added to the denominator.
   * @defaultValue 1e-10
   */
  readonly epsilon?: number;
  /**
   * Maximize the objective.
   * @defaultValue false
   */
  readonly maximize?: boolean;
}

const defaults: Required<AdagradOptions> = {
  learningRate: 1e-2,
  lrDecay: 0,
  weightDecay: 0,
  initialAccumulatorValue: 0,
  epsilon: 1e-10,
  maximize: false,
};

/**
 * Adagrad, exactly PyTorch's `torch.optim.Adagrad`. With gradient g (negated when maximizing) at step t:
 * `g ← g + λθ`; `γ̃ = γ / (1 + (t−1)η)`; `s ← s + g²`; `θ ← θ − γ̃ g / (√s + ε)`.
 *
 * @example
 * ```ts
 * import { Adagrad } from '@nanograd/optimizer';
 * import { mul, sum, tensor } from '@nanograd/autograd';
 * const w = tensor([1, -2], { requiresGrad: true });
 * const optimizer = new Adagrad([w], { learningRate: 0.1 });
 * sum(mul(w, w)).backward();
 * optimizer.step();
 * ```
 * @category Optimizer
 */
export class Adagrad extends Optimizer<AdagradOptions> {
  /**
   * Creates the optimizer.
   *
   * @param params - Tensors, or parameter groups with their own options.
   * @param options - Defaults for every group.
   * @throws {@link OptimizerError} For empty, duplicated or non-leaf parameters, or an unknown option.
   * @throws `DTypeError` For a parameter that is not f32 or f64.
   * @throws RangeError For invalid values, e.g. a negative lrDecay.
   */
  constructor(params: OptimizerParameters<AdagradOptions>, options: AdagradOptions = {}) {
    super('Adagrad', params, defaults, options);
  }

  /**
   * Checks the Adagrad options.
   *
   * @param options - Complete options.
   * @param where - Location suffix for messages.
   */
  protected validate(options: Required<AdagradOptions>, where: string): void {
    const context = { owner: this.name, where };
    checkNonNegative(context, 'learningRate', options.learningRate);
    checkNonNegative(context, 'lrDecay', options.lrDecay);
    checkNonNegative(context, 'weightDecay', options.weightDecay);
    checkNonNegative(context, 'initialAccumulatorValue', options.initialAccumulatorValue);
    checkNonNegative(context, 'epsilon', options.epsilon);
    checkBoolean(context, 'maximize', options.maximize);
  }

  /**
   * Allocates the squared-gradient `sum`, filled with `initialAccumulatorValue`.
   *
   * @param param - The parameter.
   * @param options - Its group's options.
   * @returns `{ sum }`.
   */
  protected initialState(param: Tensor, options: Required<AdagradOptions>): Record<string, FloatStorage> {
    return { sum: allocateLike(param, options.initialAccumulatorValue) };
  }

  /**
   * Applies the Adagrad update to one parameter.
   *
   * @param values - Parameter elements, updated in place.
   * @param grad - Gradient elements.
   * @param state - The parameter's state.
   * @param options - Its group's options.
   */
  protected updateParameter(values: FloatStorage, grad: ArrayLike<number>, state: ParameterState, options: Required<AdagradOptions>): void {
    const { learningRate, lrDecay, weightDecay, epsilon, maximize } = options;
    const sum = state.buffers['sum']!;
    const decayedRate = learningRate / (1 + (state.step - 1) * lrDecay);
    for (let i = 0; i < values.length; i++) {
      let g = maximize ? -grad[i]! : grad[i]!;
      if (weightDecay !== 0) g += weightDecay * values[i]!;
      sum[i] = sum[i]! + g * g;
      values[i] = values[i]! - (decayedRate * g) / (Math.sqrt(sum[i]!) + epsilon);
    }
  }
}
