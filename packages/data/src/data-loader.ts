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
export interface DataLoaderOptions<T = TensorData> {
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
   * Converts each final batch, e.g. into an autograd tensor:
   * `({ data, shape }) => tensor(data).reshape(shape)`. Default: the batch as is.
   */
  readonly toTensor?: (batch: TensorData) => T;
}

/**
 * Iterates a dataset in batches, like PyTorch's `DataLoader`: optional seeded shuffling, the last
 * partial batch kept or dropped, and seeded batch transforms. Each batch is a pair `[inputs, targets]`
 * stacked along a new first axis.
 *
 * The shuffle order and random transforms come from one generator seeded at construction, so two
 * loaders built with the same seed yield the same sequence of epochs.
 *
 * @typeParam T - The batch type (see `toTensor`).
 * @example
 * ```ts
 * import { DataLoader, TensorDataset } from '@nanograd/data';
 * const dataset = new TensorDataset(
 *   { data: new Float32Array([1, 2, 3, 4, 5, 6]), shape: [3, 2], dtype: 'f32' },
 *   { data: new Int32Array([0, 1, 0]), shape: [3], dtype: 'i32' },
 * );
 * // With @nanograd/autograd, pass `toTensor: ({ data, shape }) => tensor(data).reshape(shape)` to get tensors.
 * const loader = new DataLoader(dataset, { batchSize: 2, shuffle: true, seed: 7 });
 * loader.length; // 2
 * const shapes = [...loader].map(([x, y]) => [x.shape, y.shape]);
 * shapes; // [[[2, 2], [2]], [[1, 2], [1]]]
 * ```
 * @category Data
 */
export class DataLoader<T = TensorData> implements Iterable<[T, T]> {
  /** The dataset iterated. */
  readonly dataset: Dataset;
  /** Samples per batch. */
  readonly batchSize: number;
  /** Whether each epoch uses a new random order. */
  readonly shuffle: boolean;
  /** Whether a last partial batch is skipped. */
  readonly dropLast: boolean;
  private readonly random: Random;
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
    this.random = new Random(options.seed ?? 0);
    this.transforms = options.transforms ?? [];
    this.targetTransforms = options.targetTransforms ?? [];
    this.convert = options.toTensor ?? ((batch: TensorData) => batch as unknown as T);
  }

  /** Number of batches per epoch. */
  get length(): number {
    const n = this.dataset.length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  /** Iterates one epoch: `for (const [x, y] of loader)`. */
  *[Symbol.iterator](): Iterator<[T, T]> {
    const n = this.dataset.length;
    const order = this.shuffle ? permutation(n, this.random) : Array.from({ length: n }, (_, i) => i);
    const batches = this.length;
    for (let b = 0; b < batches; b++) {
      const indices = order.slice(b * this.batchSize, (b + 1) * this.batchSize);
      let [inputs, targets] = collate('DataLoader', this.dataset, indices);
      for (const transform of this.transforms) inputs = transform(inputs, this.random);
      for (const transform of this.targetTransforms) targets = transform(targets, this.random);
      yield [this.convert(inputs), this.convert(targets)];
    }
  }
}
