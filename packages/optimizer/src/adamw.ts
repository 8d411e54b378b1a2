// Adam with decoupled weight decay (Loshchilov & Hutter; PyTorch AdamW).
import type { Tensor } from '@nanograd/autograd';
import type { AdamOptions } from './adam';
import { adamState, adamUpdate, adamUpdateInPlace, validateAdamOptions } from './internal/adam-update';
import { Optimizer } from './optimizer';
import type { OptimizerParameters } from './parameter-group';
import type { FloatStorage, ParameterState } from './parameter-state';

/**
 * AdamW, exactly PyTorch's `torch.optim.AdamW`: first `θ ← θ(1 − γλ)`, then the {@link Adam} update without an
 * L2 term. Weight decay defaults to 0.01.
 *
 * @remarks
 * Decay is applied to the weights directly (decoupled from the adaptive scaling); `.grad` is never mutated.
 *
 * @example
 * ```ts
 * import { AdamW } from '@nanograd/optimizer';
 * import { mul, sum, tensor } from '@nanograd/autograd';
 * const w = tensor([1, -2], { requiresGrad: true });
 * const optimizer = new AdamW([w], { learningRate: 0.01, weightDecay: 0.1 });
 * sum(mul(w, w)).backward();
 * optimizer.step();
 * ```
 * @category Optimizer
 */
export class AdamW extends Optimizer<AdamOptions> {
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
    super('AdamW', params, { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 1e-2, amsgrad: false, maximize: false }, options);
  }

  /**
   * Checks the AdamW options.
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
   * Applies the AdamW update to one parameter.
   *
   * @param values - Parameter elements, updated in place.
   * @param grad - Gradient elements.
   * @param state - The parameter's state.
   * @param options - Its group's options.
   */
  protected updateParameter(values: FloatStorage, grad: ArrayLike<number>, state: ParameterState, options: Required<AdamOptions>): void {
    adamUpdate(values, grad, state, options, true);
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
    return adamUpdateInPlace(param, grad, state, options, true);
  }
}
