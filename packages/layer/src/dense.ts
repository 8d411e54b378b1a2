// The fully connected layer y = x W + b, with W stored [in, out] so the forward pass is one matmul.
import { add, matmul, zeros, type Tensor } from '@nanograd/autograd';
import { formatShape, ShapeError } from '@nanograd/kernels';
import { resolveActivation, type Activation, type ActivationSpec } from './activations';
import { glorotUniform } from './init';
import type { LayerOptions } from './layer-options';
import { Module } from './module';

/**
 * Options of {@link Dense}.
 *
 * @example
 * ```ts
 * import type { DenseOptions } from '@nanograd/layer';
 * const options: DenseOptions = { activation: 'relu', useBias: true, dtype: 'f32', name: 'hidden' };
 * ```
 * @category Layers
 */
export interface DenseOptions extends LayerOptions {
  /** Activation applied to the output: a layer such as `new ReLU()`, a name such as `'relu'`, or null (none). */
  readonly activation?: ActivationSpec | null;
  /**
   * Whether to add a bias vector.
   * @defaultValue true
   */
  readonly useBias?: boolean;
}

function checkFeatures(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`Dense: ${name} must be a positive integer (got ${value})`);
}

/**
 * A fully connected layer `y = activation(x W + b)` (Scheme `make-dense-layer`, PyTorch `nn.Linear`).
 *
 * @remarks
 * The weight is stored `[in, out]` (the transpose of PyTorch's `nn.Linear.weight`), so `y = x W + b` is a single
 * matmul; it is initialised Glorot-uniform with fans `(fanIn = in, fanOut = out)`, the bias with zeros. Input
 * `(in)` gives `(out)`; input `(…, in)` gives `(…, out)` with every leading axis kept.
 *
 * @example
 * ```ts
 * import { Dense } from '@nanograd/layer';
 * import { ones } from '@nanograd/autograd';
 * const layer = new Dense(784, 128, { activation: 'relu' });
 * layer.forward(ones([32, 784])).shape; // [32, 128]
 * layer.weight.shape; // [784, 128]
 * ```
 * @category Layers
 */
export class Dense extends Module {
  /** The weight `[in, out]`. */
  readonly weight: Tensor;
  /** The bias `[out]`, or null when `useBias` is false. */
  readonly bias: Tensor | null;
  /** The activation applied to the output, or null. */
  readonly activationLayer: Activation | null;
  readonly #inFeatures: number;
  readonly #outFeatures: number;

  /**
   * @param inFeatures - Input features (the last axis of the input).
   * @param outFeatures - Output features.
   * @param options - `activation`, `useBias` (default true), `dtype` (default `'f32'`), `name` (default `'dense'`).
   * @throws RangeError If a feature count is not a positive integer.
   */
  constructor(inFeatures: number, outFeatures: number, options: DenseOptions = {}) {
    super(options.name ?? 'dense');
    checkFeatures('inFeatures', inFeatures);
    checkFeatures('outFeatures', outFeatures);
    this.#inFeatures = inFeatures;
    this.#outFeatures = outFeatures;
    const dtype = options.dtype ?? 'f32';
    this.weight = this.registerParameter(
      'weight',
      glorotUniform([inFeatures, outFeatures], { dtype, requiresGrad: true, fans: { fanIn: inFeatures, fanOut: outFeatures } }),
    );
    this.bias = (options.useBias ?? true) ? this.registerParameter('bias', zeros([outFeatures], { dtype, requiresGrad: true })) : null;
    this.activationLayer = resolveActivation(options.activation);
  }

  /** Input features. */
  override get inputSize(): number | null {
    return this.#inFeatures;
  }

  /** Output features. */
  override get outputSize(): number | null {
    return this.#outFeatures;
  }

  /** The activation's kind (e.g. `'relu'`), or null. */
  override get activation(): string | null {
    return this.activationLayer?.kind ?? null;
  }

  /**
   * Computes `activation(x W + b)`.
   *
   * @param x - Input `(in)` or `(…, in)`.
   * @returns Output `(out)` or `(…, out)`.
   * @throws {@link ShapeError} If the last axis of `x` is not `in`.
   */
  forward(x: Tensor): Tensor {
    if (x.rank === 0 || x.shape[x.rank - 1] !== this.#inFeatures) {
      throw new ShapeError(`Dense '${this.name}': expected input (…, ${this.#inFeatures}), got ${formatShape(x.shape)}`);
    }
    let y = matmul(x, this.weight);
    if (this.bias !== null) y = add(y, this.bias);
    return this.activationLayer === null ? y : this.activationLayer.forward(y);
  }
}
