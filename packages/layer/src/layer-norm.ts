// Layer normalisation over the last axis with a learned gain and offset (PyTorch nn.LayerNorm(dim)).
import { layerNorm, ones, zeros, type Tensor } from '@nanograd/autograd';
import { formatShape, ShapeError } from '@nanograd/kernels';
import type { LayerOptions } from './layer-options';
import { Module } from './module';

/**
 * Options of {@link LayerNorm}, besides the shared `dtype` and `name` (default `'layerNorm'`).
 *
 * @example
 * ```ts
 * import type { LayerNormOptions } from '@nanograd/layer';
 * const options: LayerNormOptions = { epsilon: 1e-6, dtype: 'f64', name: 'ln1' };
 * ```
 * @category Normalization
 */
export interface LayerNormOptions extends LayerOptions {
  /**
   * Added to the variance before the square root.
   * @defaultValue 1e-5
   */
  readonly epsilon?: number;
  /**
   * Learn a per-feature gain (initialised to ones) and offset (initialised to zeros).
   * @defaultValue true
   */
  readonly elementwiseAffine?: boolean;
}

/**
 * Layer normalisation over the last axis: `(x − mean) / √(var + ε) · weight + bias` (PyTorch `nn.LayerNorm(dim)`).
 *
 * @remarks
 * Statistics are per position over the `dim` features, with the biased variance, as in PyTorch. Parameters
 * `weight` (ones) and `bias` (zeros) have shape `[dim]`; with `elementwiseAffine: false` there are none.
 *
 * @example
 * ```ts
 * import { LayerNorm } from '@nanograd/layer';
 * import { tensor } from '@nanograd/autograd';
 * new LayerNorm(2).forward(tensor([[1, 3]])).toList(); // [[-0.99999…, 0.99999…]]
 * ```
 * @category Normalization
 */
export class LayerNorm extends Module {
  /** Number of features normalised (the last axis of the input). */
  readonly dim: number;
  /** Added to the variance before the square root. */
  readonly epsilon: number;
  /** Gain of shape `[dim]`, or null without `elementwiseAffine`. */
  readonly weight: Tensor | null;
  /** Offset of shape `[dim]`, or null without `elementwiseAffine`. */
  readonly bias: Tensor | null;

  /**
   * @param dim - Number of features (the input's last axis), a positive integer.
   * @param options - `epsilon`, `elementwiseAffine`, `dtype`, `name`.
   * @throws RangeError If `dim` is not a positive integer or `epsilon` is negative.
   */
  constructor(dim: number, options: LayerNormOptions = {}) {
    super(options.name ?? 'layerNorm');
    if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`LayerNorm '${this.name}': dim must be a positive integer (got ${dim})`);
    const epsilon = options.epsilon ?? 1e-5;
    if (!(epsilon >= 0)) throw new RangeError(`LayerNorm '${this.name}': epsilon must be non-negative (got ${epsilon})`);
    this.dim = dim;
    this.epsilon = epsilon;
    const dtype = options.dtype ?? 'f32';
    const affine = options.elementwiseAffine ?? true;
    this.weight = affine ? this.registerParameter('weight', ones([dim], { dtype, requiresGrad: true })) : null;
    this.bias = affine ? this.registerParameter('bias', zeros([dim], { dtype, requiresGrad: true })) : null;
  }

  /**
   * Normalises each position of `x` over its last axis.
   *
   * @param x - Input `(…, dim)`, float.
   * @returns A tensor with the shape of `x`.
   * @throws {@link ShapeError} If the last axis of `x` is not `dim`.
   */
  forward(x: Tensor): Tensor {
    if (x.rank === 0 || x.shape[x.rank - 1] !== this.dim) {
      throw new ShapeError(`LayerNorm '${this.name}': input ${formatShape(x.shape)} must end in ${this.dim} features`);
    }
    return layerNorm(x, this.weight, this.bias, { epsilon: this.epsilon });
  }

  /** The number of features, `dim`. */
  override get inputSize(): number {
    return this.dim;
  }

  /** The number of features, `dim`. */
  override get outputSize(): number {
    return this.dim;
  }
}
