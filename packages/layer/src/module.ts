// The base every layer extends: explicit registration of parameters, buffers and children, walked in order.
import { assign, type Tensor } from '@nanograd/autograd';
import { formatShape, ShapeError } from '@nanograd/kernels';
import { StateDictError } from './state-dict-error';

/**
 * A model's state: parameters and buffers by dotted name (`'layers.0.weight'`), in registration order.
 *
 * @example
 * ```ts
 * import { Dense, type StateDict } from '@nanograd/layer';
 * const state: StateDict = new Dense(2, 3).stateDict();
 * Object.keys(state); // ['weight', 'bias']
 * ```
 * @category Module
 */
export type StateDict = Record<string, Tensor>;

/**
 * Options of {@link Module.loadStateDict}.
 *
 * @example
 * ```ts
 * import type { LoadStateDictOptions } from '@nanograd/layer';
 * const options: LoadStateDictOptions = { strict: false };
 * ```
 * @category Module
 */
export interface LoadStateDictOptions {
  /** Reject missing and unexpected keys (default true). Shape mismatches are always rejected. */
  readonly strict?: boolean;
}

/**
 * The base class of every layer and model (PyTorch's `nn.Module`).
 *
 * @remarks
 * Subclasses register what they own with {@link Module.registerParameter}, {@link Module.registerBuffer} and
 * {@link Module.registerModule}; nothing is discovered by reflection, so what a model trains and saves is exactly
 * what it registered. Parameters are trained; buffers (running statistics) are saved and loaded but not trained.
 * `train(on)` and `eval()` reach every descendant.
 *
 * @example
 * ```ts
 * import { Module } from '@nanograd/layer';
 * import { mul, tensor, type Tensor } from '@nanograd/autograd';
 * class Scale extends Module {
 *   readonly factor: Tensor;
 *   constructor() {
 *     super('scale');
 *     this.factor = this.registerParameter('factor', tensor([2], { requiresGrad: true }));
 *   }
 *   forward(x: Tensor): Tensor {
 *     return mul(x, this.factor);
 *   }
 * }
 * new Scale().forward(tensor([1, 2])).toList(); // [2, 4]
 * ```
 * @category Module
 */
export abstract class Module {
  /** A human-readable name, shown by `summary` and `printLayer`. */
  name: string;
  /** Training mode (batch statistics, dropout on) or evaluation mode; set it with `train`/`eval`. */
  training = true;
  readonly #parameters = new Map<string, Tensor>();
  readonly #buffers = new Map<string, Tensor>();
  readonly #children = new Map<string, Module>();

  /**
   * @param name - The module's display name.
   */
  constructor(name: string) {
    this.name = name;
  }

  /**
   * Computes the module's output.
   *
   * @param x - The input.
   * @returns The output.
   */
  abstract forward(x: Tensor): Tensor;

  /** Number of input features, when the layer has a fixed one (Scheme `layer-input-size`); otherwise null. */
  get inputSize(): number | null {
    return null;
  }

  /** Number of output features, when the layer has a fixed one (Scheme `layer-output-size`); otherwise null. */
  get outputSize(): number | null {
    return null;
  }

  /** Name of the activation applied at the end of the layer (Scheme `layer-activation`), or null. */
  get activation(): string | null {
    return null;
  }

  /**
   * Registers (or replaces) a trainable tensor under `name`.
   *
   * @param name - A name unique among this module's parameters, buffers and children (no dots).
   * @param value - The parameter; it should require gradients.
   * @returns `value`, so a field can be set in the same statement.
   */
  protected registerParameter(name: string, value: Tensor): Tensor {
    this.#checkName(name, this.#parameters);
    this.#parameters.set(name, value);
    return value;
  }

  /**
   * Registers (or replaces) a non-trainable state tensor (e.g. a running mean) under `name`.
   *
   * @param name - A name unique among this module's parameters, buffers and children (no dots).
   * @param value - The buffer.
   * @returns `value`.
   */
  protected registerBuffer(name: string, value: Tensor): Tensor {
    this.#checkName(name, this.#buffers);
    this.#buffers.set(name, value);
    return value;
  }

  /**
   * Registers (or replaces) a child module under `name`; its parameters appear as `name.…`.
   *
   * @param name - A name unique among this module's parameters, buffers and children (no dots).
   * @param module - The child.
   * @returns `module`.
   */
  protected registerModule<M extends Module>(name: string, module: M): M {
    this.#checkName(name, this.#children);
    this.#children.set(name, module);
    return module;
  }

  #checkName(name: string, own: Map<string, unknown>): void {
    if (name === '' || name.includes('.')) throw new StateDictError(`${this.name}: invalid member name '${name}' (empty or contains a dot)`);
    const taken = [this.#parameters, this.#buffers, this.#children].some((members) => members !== own && members.has(name));
    if (taken) throw new StateDictError(`${this.name}: the name '${name}' is already registered`);
  }

  /**
   * The direct children with their names, in registration order.
   *
   * @returns `[name, child]` pairs.
   */
  namedChildren(): [string, Module][] {
    return [...this.#children];
  }

  /**
   * This module and every descendant with dotted names (`''` for this one), depth first; a module reachable twice
   * appears once.
   *
   * @returns `[name, module]` pairs.
   */
  namedModules(): [string, Module][] {
    const seen = new Set<Module>();
    const out: [string, Module][] = [];
    const visit = (prefix: string, module: Module): void => {
      if (seen.has(module)) return;
      seen.add(module);
      out.push([prefix, module]);
      for (const [name, child] of module.#children) visit(prefix === '' ? name : `${prefix}.${name}`, child);
    };
    visit('', this);
    return out;
  }

  /**
   * Every trainable tensor with its dotted name, depth first in registration order; a tensor shared by two
   * layers (tied weights) appears once, under its first name.
   *
   * @returns `[name, parameter]` pairs.
   */
  namedParameters(): [string, Tensor][] {
    return this.#collect((module) => module.#parameters);
  }

  /**
   * Every trainable tensor, deduplicated, in a stable order (Scheme `parameters`).
   *
   * @returns The parameters.
   */
  parameters(): Tensor[] {
    return this.namedParameters().map(([, parameter]) => parameter);
  }

  /**
   * Every buffer (non-trainable state) with its dotted name.
   *
   * @returns `[name, buffer]` pairs.
   */
  namedBuffers(): [string, Tensor][] {
    return this.#collect((module) => module.#buffers);
  }

  #collect(members: (module: Module) => Map<string, Tensor>): [string, Tensor][] {
    const seen = new Set<Tensor>();
    const out: [string, Tensor][] = [];
    for (const [prefix, module] of this.namedModules()) {
      for (const [name, value] of members(module)) {
        if (seen.has(value)) continue;
        seen.add(value);
        out.push([prefix === '' ? name : `${prefix}.${name}`, value]);
      }
    }
    return out;
  }

  /**
   * Sets training mode on this module and every descendant (Scheme `set-training-mode!`).
   *
   * @param on - True for training, false for evaluation.
   * @returns This module.
   */
  train(on = true): this {
    for (const [, module] of this.namedModules()) module.training = on;
    return this;
  }

  /**
   * Sets evaluation mode on this module and every descendant (Scheme `set-eval-mode!`).
   *
   * @returns This module.
   */
  eval(): this {
    return this.train(false);
  }

  /** Clears the gradient of every parameter (Scheme `zero-grad-layer!`). */
  zeroGrad(): void {
    for (const parameter of this.parameters()) parameter.grad = null;
  }

  /**
   * The number of trainable scalars.
   *
   * @returns The sum of the parameters' sizes.
   */
  parameterCount(): number {
    return this.parameters().reduce((total, parameter) => total + parameter.size, 0);
  }

  /**
   * The model's parameters and buffers by dotted name. The tensors are the live ones: save them before
   * training on.
   *
   * @returns The state.
   */
  stateDict(): StateDict {
    const state: StateDict = {};
    for (const [name, tensor] of [...this.namedParameters(), ...this.namedBuffers()]) state[name] = tensor;
    return state;
  }

  /**
   * Copies `state` into the model's own tensors, in place (optimizers holding them keep working); values are cast
   * to each tensor's dtype.
   *
   * @param state - Tensors by dotted name, as {@link Module.stateDict} gives them.
   * @param options - `strict` (default true) rejects missing and unexpected keys.
   * @throws {@link StateDictError} If a key is missing or unexpected (strict), naming every such key.
   * @throws {@link ShapeError} If a tensor's shape differs from the model's.
   */
  loadStateDict(state: StateDict, options: LoadStateDictOptions = {}): void {
    const own = this.stateDict();
    const missing = Object.keys(own).filter((key) => !(key in state));
    const unexpected = Object.keys(state).filter((key) => !(key in own));
    if ((options.strict ?? true) && (missing.length > 0 || unexpected.length > 0)) {
      const parts = [missing.length > 0 ? `missing keys ${missing.join(', ')}` : '', unexpected.length > 0 ? `unexpected keys ${unexpected.join(', ')}` : ''];
      throw new StateDictError(`loadStateDict: ${parts.filter((part) => part !== '').join('; ')} (${this.name})`);
    }
    // Check every shape before writing anything, so a failed load leaves the model untouched.
    for (const [key, target] of Object.entries(own)) {
      const source = state[key];
      if (source === undefined) continue;
      if (source.shape.length !== target.shape.length || source.shape.some((extent, axis) => extent !== target.shape[axis])) {
        throw new ShapeError(`loadStateDict: ${key} has shape ${formatShape(source.shape)}, the model expects ${formatShape(target.shape)}`);
      }
    }
    for (const [key, target] of Object.entries(own)) {
      const source = state[key];
      if (source !== undefined) assign(target, source);
    }
  }
}
