import type { Dataset, Sample } from './dataset';
import { collate } from './internal/collate';

/**
 * A view of a dataset restricted to some of its indices, like PyTorch's `Subset`; {@link randomSplit}
 * and {@link trainValidationSplit} return these.
 *
 * @example
 * ```ts
 * import { Subset, TensorDataset } from '@nanograd/data';
 * const all = new TensorDataset(
 *   { data: new Float32Array([10, 11, 12]), shape: [3], dtype: 'f32' },
 *   { data: new Int32Array([0, 1, 2]), shape: [3], dtype: 'i32' },
 * );
 * new Subset(all, [2, 0]).get(0)[0].data; // Float32Array [12]
 * ```
 * @category Data
 */
export class Subset implements Dataset {
  /** The underlying dataset. */
  readonly dataset: Dataset;
  /** The underlying dataset's index of each sample of this subset. */
  readonly indices: readonly number[];

  /**
   * Restricts `dataset` to `indices` (in that order).
   *
   * @throws RangeError If an index is not an integer in [0, dataset.length).
   */
  constructor(dataset: Dataset, indices: readonly number[]) {
    for (const index of indices) {
      if (!Number.isInteger(index) || index < 0 || index >= dataset.length) {
        throw new RangeError(`Subset: index ${index} out of range [0, ${dataset.length})`);
      }
    }
    this.dataset = dataset;
    this.indices = [...indices];
  }

  /** Number of samples in the subset. */
  get length(): number {
    return this.indices.length;
  }

  /**
   * Returns sample `index` of the subset.
   *
   * @throws RangeError If `index` is not in [0, length).
   */
  get(index: number): Sample {
    return this.dataset.get(this.map(index));
  }

  /**
   * Returns the samples at `indices` stacked along a new first axis.
   *
   * @throws RangeError If an index is not in [0, length).
   */
  getBatch(indices: readonly number[]): Sample {
    return collate('Subset', this.dataset, indices.map((index) => this.map(index)));
  }

  private map(index: number): number {
    const mapped = this.indices[index];
    if (!Number.isInteger(index) || mapped === undefined) {
      throw new RangeError(`Subset: index ${index} out of range [0, ${this.indices.length})`);
    }
    return mapped;
  }
}
