// Root-mean-square normalisation over the last axis with a learned gain (PyTorch nn.RMSNorm(dim)).
import { ones, rmsnorm, type Tensor } from '@nanograd/autograd';
import { formatShape, ShapeError } from '@nanograd/kernels';
import type { LayerOptions } from './layer-options';
import { Module } from './module';

/**
 * Options of {@link RMSNorm}, besides the shared `dtype` and `name` (default `'rmsNorm'`).
 *
 * @example
 * ```ts
 * import type { RMSNormOptions } from '@nanograd/layer';
 * const options: RMSNormOptions = { epsilon: 1e-5, dtype: 'f64' };
 * ```
 * @category Normalization
 */
export interface RMSNormOptions extends LayerOptions {
  /**
   * Added to the mean square before the square root.
   * @defaultValue 1e-6
   */
  readonly epsilon?: number;
}

/**
 * Root-mean-square normalisation over the last axis: `x / √(mean(x²) + ε) · weight` (PyTorch `nn.RMSNorm(dim)`).
 *
 * @remarks
 * Unlike {@link LayerNorm} it neither centres nor adds an offset. The gain `weight` has shape `[dim]` and starts
 * at ones. The default ε is 1e-6 (autograd's `rmsnorm`); PyTorch defaults to the dtype's machine epsilon.
 *
 * @example
 * ```ts
 * import { RMSNorm } from '@nanograd/layer';
 * import { tensor } from '@nanograd/autograd';
 * new RMSNorm(2, { epsilon: 0 }).forward(tensor([3, 4])).toList(); // [0.8485…, 1.1313…]
 * ```
 * @category Normalization
 */
export class RMSNorm extends Module {
  /** Number of features normalised (the last axis of the input). */
  readonly dim: number;
  /** Added to the mean square before the square root. */
  readonly epsilon: number;
  /** Gain of shape `[dim]`. */
  readonly weight: Tensor;

  /**
   * @param dim - Number of features (the input's last axis), a positive integer.
   * @param options - `epsilon`, `dtype`, `name`.
   * @throws RangeError If `dim` is not a positive integer or `epsilon` is negative.
   */
  constructor(dim: number, options: RMSNormOptions = {}) {
    super(options.name ?? 'rmsNorm');
    if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`RMSNorm '${this.name}': dim must be a positive integer (got ${dim})`);
    const epsilon = options.epsilon ?? 1e-6;
    if (!(epsilon >= 0)) throw new RangeError(`RMSNorm '${this.name}': epsilon must be non-negative (got ${epsilon})`);
    this.dim = dim;
    this.epsilon = epsilon;
    this.weight = this.registerParameter('weight', ones([dim], { dtype: options.dtype ?? 'f32', requiresGrad: true }));
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
      throw new ShapeError(`RMSNorm '${this.name}': input ${formatShape(x.shape)} must end in ${this.dim} features`);
    }
    return rmsnorm(x, this.weight, { epsilon: this.epsilon });
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
