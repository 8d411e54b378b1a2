// Activation functions as layers, so they can sit in a Sequential or be attached to a Dense/Conv2d by object or name.
import { gelu, leakyRelu, relu, sigmoid, silu, softplus, tanh, type Tensor } from '@nanograd/autograd';
import { Module } from './module';
import type { LayerNameOptions } from './layer-options';

/**
 * The names {@link resolveActivation} turns into activation layers.
 *
 * @example
 * ```ts
 * import type { ActivationName } from '@nanograd/layer';
 * const name: ActivationName = 'relu';
 * ```
 * @category Activation
 */
export type ActivationName = 'relu' | 'tanh' | 'sigmoid' | 'gelu' | 'silu' | 'identity' | 'leakyRelu' | 'softplus';

/**
 * An activation given to a layer's `activation` option: an activation layer, or its name.
 *
 * @example
 * ```ts
 * import { GELU, type ActivationSpec } from '@nanograd/layer';
 * const byName: ActivationSpec = 'gelu';
 * const byObject: ActivationSpec = new GELU({ approximate: 'tanh' });
 * ```
 * @category Activation
 */
export type ActivationSpec = Activation | ActivationName;

/**
 * The base of the parameter-free activation layers; `kind` identifies the function whatever the display name.
 *
 * @example
 * ```ts
 * import { Activation, ReLU } from '@nanograd/layer';
 * const layer: Activation = new ReLU();
 * layer.kind; // 'relu'
 * ```
 * @category Activation
 */
export abstract class Activation extends Module {
  /** Which function this layer applies. */
  abstract readonly kind: ActivationName;

  /** The activation's kind (Scheme `layer-activation`). */
  override get activation(): string | null {
    return this.kind;
  }
}

/**
 * Rectified linear unit `max(x, 0)` as a layer.
 *
 * @example
 * ```ts
 * import { ReLU } from '@nanograd/layer';
 * import { tensor } from '@nanograd/autograd';
 * new ReLU().forward(tensor([-1, 2])).toList(); // [0, 2]
 * ```
 * @category Activation
 */
export class ReLU extends Activation {
  /** Always `'relu'`. */
  readonly kind: ActivationName = 'relu';
  /** @param options - `name` (default `'relu'`). */
  constructor(options: LayerNameOptions = {}) {
    super(options.name ?? 'relu');
  }
  /**
   * Applies the function elementwise.
   *
   * @param x - Any float tensor.
   * @returns A tensor of `x`'s shape.
   */
  forward(x: Tensor): Tensor {
    return relu(x);
  }
}

/**
 * Hyperbolic tangent as a layer.
 *
 * @example
 * ```ts
 * import { Tanh } from '@nanograd/layer';
 * import { tensor } from '@nanograd/autograd';
 * new Tanh().forward(tensor([0])).toList(); // [0]
 * ```
 * @category Activation
 */
export class Tanh extends Activation {
  /** Always `'tanh'`. */
  readonly kind: ActivationName = 'tanh';
  /** @param options - `name` (default `'tanh'`). */
  constructor(options: LayerNameOptions = {}) {
    super(options.name ?? 'tanh');
  }
  /**
   * Applies the function elementwise.
   *
   * @param x - Any float tensor.
   * @returns A tensor of `x`'s shape.
   */
  forward(x: Tensor): Tensor {
    return tanh(x);
  }
}

/**
 * Logistic sigmoid `1 / (1 + e^-x)` as a layer.
 *
 * @example
 * ```ts
 * import { Sigmoid } from '@nanograd/layer';
 * import { tensor } from '@nanograd/autograd';
 * new Sigmoid().forward(tensor([0])).toList(); // [0.5]
 * ```
 * @category Activation
 */
export class Sigmoid extends Activation {
  /** Always `'sigmoid'`. */
  readonly kind: ActivationName = 'sigmoid';
  /** @param options - `name` (default `'sigmoid'`). */
  constructor(options: LayerNameOptions = {}) {
    super(options.name ?? 'sigmoid');
  }
  /**
   * Applies the function elementwise.
   *
   * @param x - Any float tensor.
   * @returns A tensor of `x`'s shape.
   */
  forward(x: Tensor): Tensor {
    return sigmoid(x);
  }
}

/**
 * Options of {@link GELU}.
 *
 * @example
 * ```ts
 * import type { GELUOptions } from '@nanograd/layer';
 * const options: GELUOptions = { approximate: 'tanh' };
 * ```
 * @category Activation
 */
export interface GELUOptions extends LayerNameOptions {
  /**
   * `'none'` for the exact erf form, `'tanh'` for the GPT-2 approximation.
   * @defaultValue 'none'
   */
  readonly approximate?: 'none' | 'tanh';
}

/**
 * Gaussian error linear unit `x·Φ(x)` as a layer (exact, or the tanh approximation).
 *
 * @example
 * ```ts
 * import { GELU } from '@nanograd/layer';
 * import { tensor } from '@nanograd/autograd';
 * new GELU().forward(tensor([1], { dtype: 'f64' })).toList(); // [0.8413447460685429]
 * ```
 * @category Activation
 */
export class GELU extends Activation {
  /** Always `'gelu'`. */
  readonly kind: ActivationName = 'gelu';
  /** Which form of GELU is computed. */
  readonly approximate: 'none' | 'tanh';
  /** @param options - `approximate` (default `'none'`) and `name` (default `'gelu'`). */
  constructor(options: GELUOptions = {}) {
    super(options.name ?? 'gelu');
    this.approximate = options.approximate ?? 'none';
  }
  /**
   * Applies the function elementwise.
   *
   * @param x - Any float tensor.
   * @returns A tensor of `x`'s shape.
   */
  forward(x: Tensor): Tensor {
    return gelu(x, { approximate: this.approximate });
  }
}

/**
 * Sigmoid linear unit (swish) `x·sigmoid(x)` as a layer.
 *
 * @example
 * ```ts
 * import { SiLU } from '@nanograd/layer';
 * import { tensor } from '@nanograd/autograd';
 * new SiLU().forward(tensor([0])).toList(); // [0]
 * ```
 * @category Activation
 */
export class SiLU extends Activation {
  /** Always `'silu'`. */
  readonly kind: ActivationName = 'silu';
  /** @param options - `name` (default `'silu'`). */
  constructor(options: LayerNameOptions = {}) {
    super(options.name ?? 'silu');
  }
  /**
   * Applies the function elementwise.
   *
   * @param x - Any float tensor.
   * @returns A tensor of `x`'s shape.
   */
  forward(x: Tensor): Tensor {
    return silu(x);
  }
}

/**
 * The identity as a layer: returns its input unchanged (the same tensor).
 *
 * @example
 * ```ts
 * import { Identity } from '@nanograd/layer';
 * import { tensor } from '@nanograd/autograd';
 * new Identity().forward(tensor([3])).toList(); // [3]
 * ```
 * @category Activation
 */
export class Identity extends Activation {
  /** Always `'identity'`. */
  readonly kind: ActivationName = 'identity';
  /** @param options - `name` (default `'identity'`). */
  constructor(options: LayerNameOptions = {}) {
    super(options.name ?? 'identity');
  }
  /**
   * Returns the input.
   *
   * @param x - Any tensor.
   * @returns `x` itself.
   */
  forward(x: Tensor): Tensor {
    return x;
  }
}

/**
 * Options of {@link LeakyReLU}.
 *
 * @example
 * ```ts
 * import type { LeakyReLUOptions } from '@nanograd/layer';
 * const options: LeakyReLUOptions = { negativeSlope: 0.2 };
 * ```
 * @category Activation
 */
export interface LeakyReLUOptions extends LayerNameOptions {
  /**
   * Slope for negative inputs.
   * @defaultValue 0.01
   */
  readonly negativeSlope?: number;
}

/**
 * Leaky rectified linear unit `x ≥ 0 ? x : negativeSlope·x` as a layer.
 *
 * @example
 * ```ts
 * import { LeakyReLU } from '@nanograd/layer';
 * import { tensor } from '@nanograd/autograd';
 * new LeakyReLU({ negativeSlope: 0.5 }).forward(tensor([-2, 2])).toList(); // [-1, 2]
 * ```
 * @category Activation
 */
export class LeakyReLU extends Activation {
  /** Always `'leakyRelu'`. */
  readonly kind: ActivationName = 'leakyRelu';
  /** Slope for negative inputs. */
  readonly negativeSlope: number;
  /**
   * @param options - `negativeSlope` (default 0.01) and `name` (default `'leakyRelu'`).
   * @throws RangeError If `negativeSlope` is not a finite number.
   */
  constructor(options: LeakyReLUOptions = {}) {
    super(options.name ?? 'leakyRelu');
    this.negativeSlope = options.negativeSlope ?? 0.01;
    if (!Number.isFinite(this.negativeSlope)) {
      throw new RangeError(`LeakyReLU: negativeSlope must be a finite number (got ${this.negativeSlope})`);
    }
  }
  /**
   * Applies the function elementwise.
   *
   * @param x - Any float tensor.
   * @returns A tensor of `x`'s shape.
   */
  forward(x: Tensor): Tensor {
    return leakyRelu(x, { alpha: this.negativeSlope });
  }
}

/**
 * Options of {@link Softplus}.
 *
 * @example
 * ```ts
 * import type { SoftplusLayerOptions } from '@nanograd/layer';
 * const options: SoftplusLayerOptions = { beta: 2 };
 * ```
 * @category Activation
 */
export interface SoftplusLayerOptions extends LayerNameOptions {
  /**
   * Sharpness: `ln(1 + e^(beta·x)) / beta`.
   * @defaultValue 1
   */
  readonly beta?: number;
  /**
   * Above `beta·x > threshold` the output is `x` itself.
   * @defaultValue 20
   */
  readonly threshold?: number;
}

/**
 * Softplus `ln(1 + e^(beta·x)) / beta`, a smooth ReLU, as a layer.
 *
 * @example
 * ```ts
 * import { Softplus } from '@nanograd/layer';
 * import { tensor } from '@nanograd/autograd';
 * new Softplus().forward(tensor([0], { dtype: 'f64' })).toList(); // [0.6931471805599453]
 * ```
 * @category Activation
 */
export class Softplus extends Activation {
  /** Always `'softplus'`. */
  readonly kind: ActivationName = 'softplus';
  /** Sharpness. */
  readonly beta: number;
  /** Linear regime threshold on `beta·x`. */
  readonly threshold: number;
  /** @param options - `beta` (default 1), `threshold` (default 20) and `name` (default `'softplus'`). */
  constructor(options: SoftplusLayerOptions = {}) {
    super(options.name ?? 'softplus');
    this.beta = options.beta ?? 1;
    this.threshold = options.threshold ?? 20;
  }
  /**
   * Applies the function elementwise.
   *
   * @param x - Any float tensor.
   * @returns A tensor of `x`'s shape.
   */
  forward(x: Tensor): Tensor {
    return softplus(x, { beta: this.beta, threshold: this.threshold });
  }
}

const byName: Record<ActivationName, () => Activation> = {
  relu: () => new ReLU(),
  tanh: () => new Tanh(),
  sigmoid: () => new Sigmoid(),
  gelu: () => new GELU(),
  silu: () => new SiLU(),
  identity: () => new Identity(),
  leakyRelu: () => new LeakyReLU(),
  softplus: () => new Softplus(),
};

/**
 * Turns an activation option into a layer: a name gives a fresh layer with default settings, a layer is returned
 * as is, `null`/`undefined` give `null` (no activation).
 *
 * @param spec - An activation layer, an {@link ActivationName}, or nothing.
 * @returns The activation layer, or null.
 * @throws RangeError If `spec` is a string that names no activation.
 *
 * @example
 * ```ts
 * import { resolveActivation } from '@nanograd/layer';
 * resolveActivation('relu')?.kind; // 'relu'
 * resolveActivation(null); // null
 * ```
 * @category Activation
 */
export function resolveActivation(spec: ActivationSpec | null | undefined): Activation | null {
  if (spec === null || spec === undefined) return null;
  if (spec instanceof Activation) return spec;
  const make = Object.hasOwn(byName, spec) ? byName[spec] : undefined;
  if (make === undefined) {
    throw new RangeError(`resolveActivation: unknown activation '${String(spec)}' (expected one of ${Object.keys(byName).join(', ')})`);
  }
  return make();
}
