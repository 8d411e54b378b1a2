// A learned lookup table from integer ids to vectors (PyTorch nn.Embedding).
import { embedding, randn, type Tensor } from '@nanograd/autograd';
import { DTypeError, formatShape, ShapeError } from '@nanograd/kernels';
import type { LayerOptions } from './layer-options';
import { Module } from './module';

/**
 * Options of {@link Embedding}: the shared `dtype` and `name` (default `'embedding'`).
 *
 * @example
 * ```ts
 * import type { EmbeddingOptions } from '@nanograd/layer';
 * const options: EmbeddingOptions = { dtype: 'f64', name: 'tokenEmbedding' };
 * ```
 * @category Embedding
 */
export type EmbeddingOptions = LayerOptions;

/**
 * A learned table of `numEmbeddings` vectors of width `embeddingDim`, looked up by integer id
 * (PyTorch `nn.Embedding`).
 *
 * @remarks
 * The table `weight` has shape `(numEmbeddings, embeddingDim)` and starts standard normal, as in PyTorch (drawn
 * from the seeded generator, see `manualSeed`). Rows used several times in a batch accumulate their gradients.
 *
 * @example
 * ```ts
 * import { Embedding } from '@nanograd/layer';
 * import { tensor } from '@nanograd/autograd';
 * const table = new Embedding(10, 4);
 * table.forward(tensor([[1, 2, 3]], { dtype: 'i32' })).shape; // [1, 3, 4]
 * ```
 * @category Embedding
 */
export class Embedding extends Module {
  /** Number of rows (the vocabulary size). */
  readonly numEmbeddings: number;
  /** Width of each row. */
  readonly embeddingDim: number;
  /** The table, of shape `(numEmbeddings, embeddingDim)`. */
  readonly weight: Tensor;

  /**
   * @param numEmbeddings - Number of rows, a positive integer.
   * @param embeddingDim - Width of each row, a positive integer.
   * @param options - `dtype`, `name`.
   * @throws RangeError If a size is not a positive integer.
   */
  constructor(numEmbeddings: number, embeddingDim: number, options: EmbeddingOptions = {}) {
    super(options.name ?? 'embedding');
    for (const [label, value] of [['numEmbeddings', numEmbeddings], ['embeddingDim', embeddingDim]] as const) {
      if (!Number.isInteger(value) || value < 1) throw new RangeError(`Embedding '${this.name}': ${label} must be a positive integer (got ${value})`);
    }
    this.numEmbeddings = numEmbeddings;
    this.embeddingDim = embeddingDim;
    this.weight = this.registerParameter('weight', randn([numEmbeddings, embeddingDim], { dtype: options.dtype ?? 'f32', requiresGrad: true }));
  }

  /**
   * Looks up the rows named by `indices`.
   *
   * @param indices - An `i32` tensor of any shape with entries in `[0, numEmbeddings)`.
   * @returns A tensor of shape `[...indices.shape, embeddingDim]`.
   * @throws {@link DTypeError} If `indices` is not `i32`.
   * @throws {@link ShapeError} If an index is out of range (the message gives the first such index and its position).
   */
  forward(indices: Tensor): Tensor {
    if (indices.dtype !== 'i32') {
      throw new DTypeError(`Embedding '${this.name}': indices must be i32 (got ${indices.dtype} ${formatShape(indices.shape)})`);
    }
    const values = indices.data;
    for (let i = 0; i < values.length; i++) {
      const index = values[i] as number;
      if (index < 0 || index >= this.numEmbeddings) {
        throw new ShapeError(`Embedding '${this.name}': index ${index} at flat position ${i} of indices ${formatShape(indices.shape)} is outside [0, ${this.numEmbeddings}) for weight ${formatShape(this.weight.shape)}`);
      }
    }
    return embedding(this.weight, indices);
  }

  /** The number of rows, `numEmbeddings`. */
  override get inputSize(): number {
    return this.numEmbeddings;
  }

  /** The width of each row, `embeddingDim`. */
  override get outputSize(): number {
    return this.embeddingDim;
  }
}
