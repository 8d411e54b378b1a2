import { tensor, type Tensor } from '@nanograd/autograd';
import { Random } from '@nanograd/kernels';
import type { Dataset } from './dataset';
import type { TensorData } from './tensor-data';
import type { Transform } from './transform';
import { collate } from './internal/collate';
import { permutation } from './internal/permutation';

/**
 * Options of {@link DataLoader}.
 *
 * @typeParam T - What a batch is turned into (by default the plain {@link TensorData}).
 * @example
 * ```ts
 * import { normalize, toOneHot, type DataLoaderOptions } from '@nanograd/data';
 * const options: DataLoaderOptions = {
 *   batchSize: 64, shuffle: true, seed: 1, dropLast: true,
 *   transforms: [normalize({ mean: 0.1307, std: 0.3081 })], targetTransforms: [toOneHot(10)],
 * };
 * ```
 * @category Data
 */
export interface DataLoaderOptions<T = Tensor> {
  /** Samples per batch, a positive integer (default 1). */
  readonly batchSize?: number;
  /** Visit the samples in a new random order every epoch (default `false`). */
  readonly shuffle?: boolean;
  /** Seed of the shuffle and of random transforms (default 0): equal seeds give equal epochs. */
  readonly seed?: number;
  /** Skip the last batch when it is smaller than `batchSize` (default `false`). */
  readonly dropLast?: boolean;
  /** Applied in order to each stacked input batch. */
  readonly transforms?: readonly Transform[];
  /** Applied in order to each stacked target batch. */
  readonly targetTransforms?: readonly Transform[];
  /**
   * Converts each final batch. Default: an autograd tensor with the batch's dtype and shape; pass
   * `(batch) => batch` to keep plain {@link TensorData}.
   */
  readonly toTensor?: (batch: TensorData) => T;
}

/** Wraps a stacked batch as an autograd tensor of the same dtype and shape. */
function toAutogradTensor(batch: TensorData): Tensor {
  return tensor(batch.data, { dtype: batch.dtype }).reshape(batch.shape);
}

/**
 * Iterates a dataset in batches, like PyTorch's `DataLoader`: optional seeded shuffling, the last
 * partial batch kept or dropped, and seeded batch transforms. Each batch is a pair `[inputs, targets]`
 * stacked along a new first axis.
 *
 * Epoch `e`'s shuffle order and random transforms come from a generator seeded with `(seed, e)`, so two
 * loaders built with the same seed yield the same sequence of epochs, and `epoch(e)` replays any epoch (a
 * resumed training run continues exactly). Iterating the loader itself runs the next epoch.
 *
 * @typeParam T - The batch type (see `toTensor`).
 * @example
 * ```ts
 * import { DataLoader, TensorDataset } from '@nanograd/data';
 * const dataset = new TensorDataset(
 *   { data: new Float32Array([1, 2, 3, 4, 5, 6]), shape: [3, 2], dtype: 'f32' },
 *   { data: new Int32Array([0, 1, 0]), shape: [3], dtype: 'i32' },
 * );
 * const loader = new DataLoader(dataset, { batchSize: 2, shuffle: true, seed: 7 });
 * loader.length; // 2
 * const shapes = [...loader].map(([x, y]) => [x.shape, y.shape]);
 * shapes; // [[[2, 2], [2]], [[1, 2], [1]]]
 * ```
 * @category Data
 */
export class DataLoader<T = Tensor> implements Iterable<[T, T]> {
  /** The dataset iterated. */
  readonly dataset: Dataset;
  /** Samples per batch. */
  readonly batchSize: number;
  /** Whether each epoch uses a new random order. */
  readonly shuffle: boolean;
  /** Whether a last partial batch is skipped. */
  readonly dropLast: boolean;
  private readonly seed: number;
  private readonly transforms: readonly Transform[];
  private readonly targetTransforms: readonly Transform[];
  private readonly convert: (batch: TensorData) => T;

  /**
   * Creates a loader over `dataset`.
   *
   * @throws RangeError If `batchSize` is not a positive integer.
   */
  constructor(dataset: Dataset, options: DataLoaderOptions<T> = {}) {
    const batchSize = options.batchSize ?? 1;
    if (!Number.isInteger(batchSize) || batchSize <= 0) {
      throw new RangeError(`DataLoader: batchSize must be a positive integer (got ${batchSize})`);
    }
    this.dataset = dataset;
    this.batchSize = batchSize;
    this.shuffle = options.shuffle ?? false;
    this.dropLast = options.dropLast ?? false;
    this.seed = options.seed ?? 0;
    this.transforms = options.transforms ?? [];
    this.targetTransforms = options.targetTransforms ?? [];
    this.convert = options.toTensor ?? ((batch: TensorData) => toAutogradTensor(batch) as unknown as T);
  }

  /** Number of batches per epoch. */
  get length(): number {
    const n = this.dataset.length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  /** The epoch the next plain iteration runs (0 at first). */
  get nextEpoch(): number {
    return this.#nextEpoch;
  }

  #nextEpoch = 0;

  /** Iterates the next epoch: `for (const [x, y] of loader)`. */
  [Symbol.iterator](): Iterator<[T, T]> {
    return this.epoch(this.#nextEpoch++);
  }

  /**
   * Iterates epoch `index` (its own shuffle and transforms), optionally from batch `startBatch` on.
   *
   * @param index - The epoch number, from 0.
   * @param startBatch - The first batch to yield (default 0), for resuming inside an epoch.
   * @returns An iterator over `[inputs, targets]` batches.
   */
  *epoch(index: number, startBatch = 0): Generator<[T, T]> {
    // One generator per epoch, seeded from (seed, epoch): any epoch can be replayed on its own.
    const random = new Random((Math.imul(this.seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
    const n = this.dataset.length;
    const order = this.shuffle ? permutation(n, random) : Array.from({ length: n }, (_, i) => i);
    for (let b = 0; b < this.length; b++) {
      const indices = order.slice(b * this.batchSize, (b + 1) * this.batchSize);
      let [inputs, targets] = collate('DataLoader', this.dataset, indices);
      for (const transform of this.transforms) inputs = transform(inputs, random);
      for (const transform of this.targetTransforms) targets = transform(targets, random);
      if (b >= startBatch) yield [this.convert(inputs), this.convert(targets)];
    }
  }
}
