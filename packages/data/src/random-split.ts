import { Random } from '@nanograd/kernels';
import type { Dataset } from './dataset';
import { Subset } from './subset';
import { permutation } from './internal/permutation';

/**
 * Options of {@link randomSplit} and {@link trainValidationSplit}.
 *
 * @example
 * ```ts
 * import type { SplitOptions } from '@nanograd/data';
 * const options: SplitOptions = { seed: 42 };
 * ```
 * @category Data
 */
export interface SplitOptions {
  /** Seed of the shuffle (default 0); the same seed gives the same split. */
  readonly seed?: number;
}

/** Turns fractions summing to 1 into counts summing to `n` (PyTorch's rule: floor, then spread the rest). */
function splitCounts(name: string, n: number, lengths: readonly number[]): number[] {
  const total = lengths.reduce((a, b) => a + b, 0);
  if (lengths.some((length) => !(length >= 0))) {
    throw new RangeError(`${name}: lengths must be non-negative (got [${lengths.join(', ')}])`);
  }
  if (lengths.every(Number.isInteger) && total === n) return [...lengths];
  if (Math.abs(total - 1) > 1e-9 || lengths.some((length) => length > 1)) {
    throw new RangeError(`${name}: lengths [${lengths.join(', ')}] must be counts summing to ${n} or fractions summing to 1`);
  }
  const counts = lengths.map((fraction) => Math.floor(fraction * n));
  let rest = n - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % counts.length, rest--) counts[i] = (counts[i] ?? 0) + 1;
  return counts;
}

/**
 * Splits a dataset at random into non-overlapping subsets, like PyTorch's `random_split`.
 *
 * @param dataset - The dataset to split.
 * @param lengths - Sizes of the parts, either counts summing to `dataset.length` or fractions summing to 1
 * (the remainder of flooring is handed out one by one from the first part).
 * @param options - `seed`.
 * @returns One {@link Subset} per entry of `lengths`.
 * @throws RangeError If the lengths are negative or sum to neither the dataset length nor 1.
 *
 * @example
 * ```ts
 * import { randomSplit, TensorDataset } from '@nanograd/data';
 * const dataset = new TensorDataset(
 *   { data: new Float32Array(10), shape: [10], dtype: 'f32' },
 *   { data: new Int32Array(10), shape: [10], dtype: 'i32' },
 * );
 * const [a, b] = randomSplit(dataset, [0.8, 0.2], { seed: 1 });
 * [a?.length, b?.length]; // [8, 2]
 * ```
 * @category Data
 */
export function randomSplit(dataset: Dataset, lengths: readonly number[], options: SplitOptions = {}): Subset[] {
  const counts = splitCounts('randomSplit', dataset.length, lengths);
  const order = permutation(dataset.length, new Random(options.seed ?? 0));
  const parts: Subset[] = [];
  let start = 0;
  for (const count of counts) {
    parts.push(new Subset(dataset, order.slice(start, start + count)));
    start += count;
  }
  return parts;
}
