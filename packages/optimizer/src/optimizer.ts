// The optimizer base class: parameter groups, the noGrad update loop, learning rates and state dicts.
import { noGrad, ShapeError } from '@nanograd/autograd';
import type { Tensor } from '@nanograd/autograd';
import { mergeOptions, resolveGroups } from './internal/resolve-groups';
import type { ResolvedGroup } from './internal/resolve-groups';
import { checkLayout, loadParameterState, saveParameterState } from './internal/state-dict';
import { isLive, readElements, writeBack } from './internal/storage';
import { OptimizerError } from './optimizer-error';
import type { OptimizerStateDict, ParameterGroupStateDict } from './optimizer-state-dict';
import type { OptimizerParameters } from './parameter-group';
import type { FloatStorage, ParameterState } from './parameter-state';

/**
 * Options every optimizer understands.
 *
 * @example
 * ```ts
 * import type { OptimizerOptions } from '@nanograd/optimizer';
 * const options: OptimizerOptions = { learningRate: 0.01, weightDecay: 0, maximize: false };
 * ```
 * @category Optimizer
 */
export interface OptimizerOptions {
  /** Step size γ (PyTorch `lr`). */
  readonly learningRate?: number;
  /** L2 penalty λ (decoupled in {@link AdamW}). */
  readonly weightDecay?: number;
  /** Ascend the objective instead of descending it. */
  readonly maximize?: boolean;
}

/**
 * The update count reported next to the options by {@link Optimizer.state}.
 *
 * @example
 * ```ts
 * import type { StepCount } from '@nanograd/optimizer';
 * const count: StepCount = { step: 10 };
 * ```
 * @category Optimizer
 */
export interface StepCount {
  /** Number of `step()` calls so far. */
  readonly step: number;
}

/**
 * What {@link Optimizer.state} returns: the first group's options (all of them, defaults filled in) and the
 * step count.
 *
 * @example
 * ```ts
 * import type { OptimizerState, SGDOptions } from '@nanograd/optimizer';
 * const state: OptimizerState<SGDOptions> = {
 *   learningRate: 0.1, momentum: 0, dampening: 0, nesterov: false, weightDecay: 0, maximize: false, step: 0,
 * };
 * ```
 * @category Optimizer
 */
export type OptimizerState<Options extends OptimizerOptions> = Readonly<Required<Options>> & StepCount;

/**
 * One parameter group as the optimizer holds it: its tensors and its complete options.
 *
 * @example
 * ```ts
 * import { SGD } from '@nanograd/optimizer';
 * import type { OptimizerGroup, SGDOptions } from '@nanograd/optimizer';
 * import { tensor } from '@nanograd/autograd';
 * const optimizer = new SGD([tensor([1], { requiresGrad: true })], { learningRate: 0.1 });
 * const group: OptimizerGroup<SGDOptions> | undefined = optimizer.paramGroups[0];
 * group?.options.learningRate; // 0.1
 * ```
 * @category Optimizer
 */
export interface OptimizerGroup<Options extends OptimizerOptions> {
  /** The group's parameters. */
  readonly params: readonly Tensor[];
  /** The group's options, defaults filled in. Change the rate with {@link Optimizer.setLearningRate}. */
  readonly options: Readonly<Required<Options>>;
}

/**
 * Base class of the optimizers: holds parameter groups and per-parameter state, and runs one fused update per
 * parameter under `noGrad`. Parameters without a gradient are skipped, as in PyTorch.
 *
 * @remarks
 * Subclasses allocate their buffers once per parameter in {@link Optimizer.initialState} and update the elements
 * in {@link Optimizer.updateParameter}. Contiguous parameters that span their whole buffer are written in place;
 * other parameters are updated in a scratch copy that is written back with `assign`.
 *
 * @example
 * ```ts
 * import { SGD } from '@nanograd/optimizer';
 * import type { Optimizer, SGDOptions } from '@nanograd/optimizer';
 * import { tensor } from '@nanograd/autograd';
 * const optimizer: Optimizer<SGDOptions> = new SGD([tensor([1], { requiresGrad: true })]);
 * optimizer.getLearningRate(); // 0.001
 * ```
 * @category Optimizer
 */
export abstract class Optimizer<Options extends OptimizerOptions> {
  /** The class name, used in error messages and state dicts. */
  readonly name: string;
  readonly #groups: ResolvedGroup<Required<Options>>[];
  readonly #parameters: readonly Tensor[];
  readonly #states: (ParameterState | null)[];
  #step = 0;

  /**
   * Resolves and validates the parameters and options.
   *
   * @param name - Class name for messages.
   * @param params - Tensors or parameter groups.
   * @param defaults - Every option's default value.
   * @param options - Constructor options, overriding `defaults` for all groups.
   * @throws {@link OptimizerError} For an empty, duplicated, non-leaf or non-tensor parameter, or an unknown option.
   * @throws `DTypeError` For a parameter that is not f32 or f64.
   * @throws RangeError For an invalid option value.
   */
  protected constructor(name: string, params: OptimizerParameters<Options>, defaults: Required<Options>, options: Options) {
    this.name = name;
    const merged = mergeOptions(name, defaults, options, '');
    this.#groups = resolveGroups(name, params as Iterable<unknown>, merged, (values, context) => this.validate(values, context.where));
    this.#parameters = this.#groups.flatMap((group) => group.params);
    this.#states = this.#parameters.map(() => null);
  }

  /**
   * Checks one complete options object; throws a RangeError naming the option and its value.
   *
   * @param options - The options of the defaults or of one group.
   * @param where - Location appended to error messages, e.g. `" (group 1)"`; empty for the defaults.
   */
  protected abstract validate(options: Required<Options>, where: string): void;

  /**
   * Allocates a parameter's buffers, once, before its first update.
   *
   * @param param - The parameter.
   * @param options - Its group's options.
   * @returns Buffers by name, in the parameter's precision.
   */
  protected abstract initialState(param: Tensor, options: Required<Options>): Record<string, FloatStorage>;

  /**
   * Updates one parameter's elements in place.
   *
   * @param values - The parameter's elements, written in place.
   * @param grad - The gradient's elements (read only).
   * @param state - The parameter's state; `state.step` already counts this update.
   * @param options - The group's options.
   */
  protected abstract updateParameter(values: FloatStorage, grad: ArrayLike<number>, state: ParameterState, options: Required<Options>): void;

  /**
   * Updates one parameter with a fused kernel of its backend, without copying elements to the host. Called before
   * {@link Optimizer.updateParameter}, which runs only if this returns false (the default).
   *
   * @param param - The parameter, written in place.
   * @param grad - Its gradient.
   * @param state - The parameter's state; `state.step` already counts this update.
   * @param options - The group's options.
   * @returns True if the update was done.
   */
  protected updateInPlace(param: Tensor, grad: Tensor, state: ParameterState, options: Required<Options>): boolean {
    void param;
    void grad;
    void state;
    void options;
    return false;
  }

  /** The parameter groups, in order. */
  get paramGroups(): readonly OptimizerGroup<Options>[] {
    return this.#groups;
  }

  /**
   * Applies one update to every parameter that has a gradient, without recording a graph.
   *
   * @throws `ShapeError` If a gradient's shape differs from its parameter's.
   *
   * @example
   * ```ts
   * import { SGD } from '@nanograd/optimizer';
   * import { mul, sum, tensor } from '@nanograd/autograd';
   * const w = tensor([1, 2], { requiresGrad: true, dtype: 'f64' });
   * const optimizer = new SGD([w], { learningRate: 0.5 });
   * sum(mul(w, w)).backward();
   * optimizer.step();
   * w.toList(); // [0, 0]
   * ```
   */
  step(): void {
    noGrad(() => {
      let index = 0;
      for (const group of this.#groups) {
        for (const param of group.params) {
          const position = index++;
          const grad = param.grad;
          if (grad === null) continue;
          if (grad.shape.length !== param.shape.length || grad.shape.some((extent, axis) => extent !== param.shape[axis])) {
            throw new ShapeError(`${this.name}: gradient shape [${grad.shape.join(', ')}] differs from parameter ${position}'s shape [${param.shape.join(', ')}]`);
          }
          let state = this.#states[position] ?? null;
          if (state === null) {
            state = { step: 0, buffers: this.initialState(param, group.options) };
            this.#states[position] = state;
          }
          state.step += 1;
          if (this.updateInPlace(param, grad, state, group.options)) continue;
          // Copies (which may allocate backend memory) are made before live views are taken.
          const gradCopy = isLive(grad) ? null : readElements(grad);
          const valuesCopy = isLive(param) ? null : readElements(param);
          const values = valuesCopy ?? readElements(param);
          this.updateParameter(values, gradCopy ?? readElements(grad), state, group.options);
          writeBack(param, values);
        }
      }
      this.#step += 1;
    });
  }

  /**
   * Clears the gradient of every parameter (sets it to `null`, PyTorch's `set_to_none=True`).
   *
   * @example
   * ```ts
   * import { SGD } from '@nanograd/optimizer';
   * import { tensor } from '@nanograd/autograd';
   * const w = tensor([1], { requiresGrad: true });
   * const optimizer = new SGD([w]);
   * optimizer.zeroGrad();
   * w.grad; // null
   * ```
   */
  zeroGrad(): void {
    for (const param of this.#parameters) param.grad = null;
  }

  /**
   * Returns the learning rate of a group.
   *
   * @param group - Group index.
   * @returns The group's current learning rate.
   * @throws RangeError If the group does not exist.
   *
   * @example
   * ```ts
   * import { Adam } from '@nanograd/optimizer';
   * import { tensor } from '@nanograd/autograd';
   * new Adam([tensor([1], { requiresGrad: true })], { learningRate: 3e-4 }).getLearningRate(); // 0.0003
   * ```
   */
  getLearningRate(group = 0): number {
    return this.#group('getLearningRate', group).options.learningRate as number;
  }

  /**
   * Sets the learning rate of one group, or of every group when `group` is omitted.
   *
   * @param learningRate - The new rate (non-negative).
   * @param group - Group index; all groups when omitted.
   * @throws RangeError For a negative or non-finite rate, or a group that does not exist.
   *
   * @example
   * ```ts
   * import { SGD } from '@nanograd/optimizer';
   * import { tensor } from '@nanograd/autograd';
   * const optimizer = new SGD([tensor([1], { requiresGrad: true })]);
   * optimizer.setLearningRate(0.05);
   * optimizer.getLearningRate(); // 0.05
   * ```
   */
  setLearningRate(learningRate: number, group?: number): void {
    if (!Number.isFinite(learningRate) || learningRate < 0) {
      throw new RangeError(`${this.name}: setLearningRate: learningRate must be a non-negative finite number (got ${learningRate})`);
    }
    const targets = group === undefined ? this.#groups : [this.#group('setLearningRate', group)];
    for (const target of targets) target.options = { ...target.options, learningRate };
  }

  /**
   * Returns the first group's options (camelCase, defaults filled in) and the number of steps taken.
   *
   * @returns The options and `step`.
   *
   * @example
   * ```ts
   * import { SGD } from '@nanograd/optimizer';
   * import { tensor } from '@nanograd/autograd';
   * new SGD([tensor([1], { requiresGrad: true })], { momentum: 0.9 }).state().momentum; // 0.9
   * ```
   */
  state(): OptimizerState<Options> {
    return { ...this.#groups[0]!.options, step: this.#step };
  }

  /**
   * Returns a JSON-serialisable snapshot of the options and all per-parameter state; loading it into a new
   * optimizer over the same parameters with {@link Optimizer.loadStateDict} resumes training bit for bit.
   *
   * @returns The snapshot (buffers as plain number arrays, deep copies).
   *
   * @example
   * ```ts
   * import { SGD } from '@nanograd/optimizer';
   * import { tensor } from '@nanograd/autograd';
   * const optimizer = new SGD([tensor([1], { requiresGrad: true })], { momentum: 0.9 });
   * const saved = JSON.stringify(optimizer.stateDict());
   * optimizer.loadStateDict(JSON.parse(saved));
   * ```
   */
  stateDict(): OptimizerStateDict {
    let next = 0;
    const paramGroups: ParameterGroupStateDict[] = this.#groups.map((group) => ({
      params: group.params.map(() => next++),
      options: { ...group.options } as Record<string, number | boolean>,
    }));
    return {
      optimizer: this.name,
      step: this.#step,
      paramGroups,
      state: this.#states.map((state) => (state === null ? null : saveParameterState(state))),
    };
  }

  /**
   * Restores options and per-parameter state saved by {@link Optimizer.stateDict} (possibly after a JSON round
   * trip). The parameters themselves are not part of the snapshot: restore them separately.
   *
   * @param dict - The snapshot.
   * @throws {@link OptimizerError} If the optimizer class, group count, parameter counts, buffer names or buffer
   * sizes differ from this optimizer's, or an option is unknown.
   * @throws RangeError If a saved option value is invalid.
   *
   * @example
   * ```ts
   * import { Adam } from '@nanograd/optimizer';
   * import { tensor } from '@nanograd/autograd';
   * const w = tensor([1, 2], { requiresGrad: true });
   * const saved = new Adam([w]).stateDict();
   * new Adam([w]).loadStateDict(saved);
   * ```
   */
  loadStateDict(dict: OptimizerStateDict): void {
    checkLayout(this.name, dict, this.#groups.map((group) => group.params.length));
    const options = this.#groups.map((group, index) => {
      const saved = dict.paramGroups[index]!.options;
      if (typeof saved !== 'object' || saved === null) throw new OptimizerError(`${this.name}: loadStateDict: group ${index} has no options object`);
      const where = ` (group ${index} of the state dict)`;
      const merged = mergeOptions(this.name, group.options, saved, where);
      this.validate(merged, where);
      return merged;
    });
    let position = 0;
    const states = this.#groups.flatMap((group, index) =>
      group.params.map((param) => {
        const saved = dict.state[position];
        const current = position++;
        if (saved === null || saved === undefined) return null;
        return loadParameterState(this.name, current, param, saved, this.initialState(param, options[index]!));
      }),
    );
    this.#groups.forEach((group, index) => {
      group.options = options[index]!;
    });
    states.forEach((state, index) => {
      this.#states[index] = state;
    });
    this.#step = dict.step;
  }

  #group(method: string, group: number): ResolvedGroup<Required<Options>> {
    const found = Number.isInteger(group) ? this.#groups[group] : undefined;
    if (found === undefined) throw new RangeError(`${this.name}: ${method}: group ${group} does not exist (${this.#groups.length} groups)`);
    return found;
  }
}
