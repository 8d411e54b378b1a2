// Batch normalisation layers over autograd's batchNorm: learnable affine parameters plus running-statistics buffers.
import { batchNorm, ones, zeros, type Tensor } from '@nanograd/autograd';
import { formatShape, ShapeError } from '@nanograd/kernels';
import type { LayerOptions } from './layer-options';
import { Module } from './module';

/**
 * Options of {@link BatchNorm1d} and {@link BatchNorm2d}.
 *
 * @example
 * ```ts
 * import type { BatchNormLayerOptions } from '@nanograd/layer';
 * const options: BatchNormLayerOptions = { epsilon: 1e-5, momentum: 0.1 };
 * ```
 * @category Normalization
 */
export interface BatchNormLayerOptions extends LayerOptions {
  /**
   * Added to the variance before the square root.
   * @defaultValue 1e-5
   */
  readonly epsilon?: number;
  /**
   * Weight of each new batch statistic: `running = (1 − momentum)·running + momentum·batch`.
   * @defaultValue 0.1
   */
  readonly momentum?: number;
  /**
   * Whether to learn a per-channel scale `weight` (ones) and shift `bias` (zeros).
   * @defaultValue true
   */
  readonly affine?: boolean;
}

/**
 * The shared machinery of {@link BatchNorm1d} and {@link BatchNorm2d} (PyTorch's `_BatchNorm`).
 *
 * @remarks
 * In training mode the input is normalised with the batch mean and biased variance over every axis but the
 * channel axis, and the running statistics are updated in place with `momentum`, using the UNBIASED batch variance
 * (`· n / (n − 1)`, n values per channel) exactly as PyTorch does. In evaluation mode (`eval()`) the running
 * statistics are used and nothing is updated. `runningMean` (zeros) and `runningVar` (ones) are buffers: saved and
 * loaded with the state dict, never trained.
 *
 * @example
 * ```ts
 * import { BatchNorm, BatchNorm2d } from '@nanograd/layer';
 * const layer: BatchNorm = new BatchNorm2d(16);
 * layer.runningVar.shape; // [16]
 * ```
 * @category Normalization
 */
export abstract class BatchNorm extends Module {
  /** Per-channel scale `(C)` (ones), or null without `affine`. */
  readonly weight: Tensor | null;
  /** Per-channel shift `(C)` (zeros), or null without `affine`. */
  readonly bias: Tensor | null;
  /** Per-channel running mean `(C)`, a buffer updated in training. */
  readonly runningMean: Tensor;
  /** Per-channel running unbiased variance `(C)`, a buffer updated in training. */
  readonly runningVar: Tensor;
  /** Added to the variance before the square root. */
  readonly epsilon: number;
  /** Weight of each new batch statistic in the running update. */
  readonly momentum: number;
  /** Number of channels. */
  readonly numFeatures: number;
  readonly #kind: string;

  /**
   * @param kind - The class name, for messages.
   * @param numFeatures - Channels (axis 1 of the input).
   * @param options - `epsilon`, `momentum`, `affine`, `dtype`, `name`.
   * @throws RangeError If `numFeatures` is not a positive integer, `momentum` is outside [0, 1] or `epsilon` is
   *   negative.
   */
  protected constructor(kind: string, numFeatures: number, options: BatchNormLayerOptions) {
    super(options.name ?? kind.charAt(0).toLowerCase() + kind.slice(1));
    if (!Number.isInteger(numFeatures) || numFeatures < 1) throw new RangeError(`${kind}: numFeatures must be a positive integer (got ${numFeatures})`);
    this.#kind = kind;
    this.numFeatures = numFeatures;
    this.epsilon = options.epsilon ?? 1e-5;
    this.momentum = options.momentum ?? 0.1;
    if (!(this.epsilon >= 0)) throw new RangeError(`${kind}: epsilon must be non-negative (got ${this.epsilon})`);
    if (!(this.momentum >= 0 && this.momentum <= 1)) throw new RangeError(`${kind}: momentum must be in [0, 1] (got ${this.momentum})`);
    const dtype = options.dtype ?? 'f32';
    const affine = options.affine ?? true;
    this.weight = affine ? this.registerParameter('weight', ones([numFeatures], { dtype, requiresGrad: true })) : null;
    this.bias = affine ? this.registerParameter('bias', zeros([numFeatures], { dtype, requiresGrad: true })) : null;
    this.runningMean = this.registerBuffer('runningMean', zeros([numFeatures], { dtype }));
    this.runningVar = this.registerBuffer('runningVar', ones([numFeatures], { dtype }));
  }

  /** Channels. */
  override get inputSize(): number | null {
    return this.numFeatures;
  }

  /** Channels. */
  override get outputSize(): number | null {
    return this.numFeatures;
  }

  /**
   * Checks the input's rank; called before the channel check.
   *
   * @param x - The input.
   * @returns A description of the expected shape when the rank is wrong, else null.
   */
  protected abstract rankProblem(x: Tensor): string | null;

  /**
   * Normalises `x` per channel (batch statistics in training, running statistics in evaluation).
   *
   * @param x - Input with channels on axis 1.
   * @returns A tensor of `x`'s shape.
   * @throws {@link ShapeError} If the rank or channel count is wrong, or training sees one value per channel.
   */
  forward(x: Tensor): Tensor {
    const expected = this.rankProblem(x);
    const kind = this.#kind;
    if (expected !== null) throw new ShapeError(`${kind} '${this.name}': expected input ${expected}, got ${formatShape(x.shape)}`);
    if (x.shape[1] !== this.numFeatures) {
      throw new ShapeError(`${kind} '${this.name}': expected ${this.numFeatures} channels on axis 1, got ${formatShape(x.shape)}`);
    }
    return batchNorm(x, {
      runningMean: this.runningMean,
      runningVar: this.runningVar,
      weight: this.weight,
      bias: this.bias,
      training: this.training,
      momentum: this.momentum,
      epsilon: this.epsilon,
    });
  }
}

/**
 * Batch normalisation of `(N, C)` features or `(N, C, L)` sequences per channel (PyTorch `nn.BatchNorm1d`).
 *
 * @remarks
 * See {@link BatchNorm} for the training/evaluation behaviour and the unbiased running variance.
 *
 * @example
 * ```ts
 * import { BatchNorm1d } from '@nanograd/layer';
 * import { tensor } from '@nanograd/autograd';
 * const layer = new BatchNorm1d(1, { epsilon: 0 });
 * layer.forward(tensor([[1], [3]])).toList(); // [[-1], [1]]
 * layer.runningVar.item(); // ≈ 1.1 = 0.9·1 + 0.1·2, 2 being the unbiased variance of 1 and 3
 * ```
 * @category Normalization
 */
export class BatchNorm1d extends BatchNorm {
  /**
   * @param numFeatures - Channels C.
   * @param options - `epsilon` (1e-5), `momentum` (0.1), `affine` (true), `dtype`, `name` (default `'batchNorm1d'`).
   * @throws RangeError If an option is out of range.
   */
  constructor(numFeatures: number, options: BatchNormLayerOptions = {}) {
    super('BatchNorm1d', numFeatures, options);
  }

  /**
   * Requires rank 2 or 3.
   *
   * @param x - The input.
   * @returns The expected shape when the rank is wrong, else null.
   */
  protected rankProblem(x: Tensor): string | null {
    return x.rank === 2 || x.rank === 3 ? null : `(N, ${this.numFeatures}) or (N, ${this.numFeatures}, L)`;
  }
}

/**
 * Batch normalisation of `(N, C, H, W)` images per channel (Scheme `make-batch-norm-2d`, PyTorch
 * `nn.BatchNorm2d`).
 *
 * @remarks
 * See {@link BatchNorm} for the training/evaluation behaviour and the unbiased running variance.
 *
 * @example
 * ```ts
 * import { BatchNorm2d } from '@nanograd/layer';
 * import { randn } from '@nanograd/autograd';
 * const layer = new BatchNorm2d(3);
 * layer.forward(randn([4, 3, 5, 5])).shape; // [4, 3, 5, 5]
 * layer.eval(); // now uses runningMean and runningVar
 * layer.training; // false
 * ```
 * @category Normalization
 */
export class BatchNorm2d extends BatchNorm {
  /**
   * @param numFeatures - Channels C.
   * @param options - `epsilon` (1e-5), `momentum` (0.1), `affine` (true), `dtype`, `name` (default `'batchNorm2d'`).
   * @throws RangeError If an option is out of range.
   */
  constructor(numFeatures: number, options: BatchNormLayerOptions = {}) {
    super('BatchNorm2d', numFeatures, options);
  }

  /**
   * Requires rank 4.
   *
   * @param x - The input.
   * @returns The expected shape when the rank is wrong, else null.
   */
  protected rankProblem(x: Tensor): string | null {
    return x.rank === 4 ? null : `(N, ${this.numFeatures}, H, W)`;
  }
}
