import { Random } from '@nanograd/kernels';
import type { Dataset } from './dataset';
import { Subset } from './subset';
import type { SplitOptions } from './random-split';
import { permutation } from './internal/permutation';

/**
 * The two parts returned by {@link trainValidationSplit}.
 *
 * @example
 * ```ts
 * import type { TrainValidationSplit } from '@nanograd/data';
 * const split: TrainValidationSplit<number[]> = { train: [1, 2, 3], validation: [4] };
 * ```
 * @category Data
 */
export interface TrainValidationSplit<T> {
  /** The training part. */
  readonly train: T;
  /** The held-out validation part. */
  readonly validation: T;
}

/**
 * Shuffles a dataset or an array with a seed and holds out a fraction of it for validation.
 *
 * @param data - A {@link Dataset} (the parts are {@link Subset}s) or an array (the parts are new arrays).
 * @param validationFraction - Share held out, in [0, 1]; the validation size is `round(fraction × length)`.
 * @param options - `seed` (default 0).
 * @returns `{ train, validation }`, disjoint and together covering `data`.
 * @throws RangeError If the fraction is outside [0, 1].
 *
 * @example
 * ```ts
 * import { trainValidationSplit } from '@nanograd/data';
 * const { train, validation } = trainValidationSplit([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.2, { seed: 0 });
 * [train.length, validation.length]; // [8, 2]
 * ```
 * @category Data
 */
export function trainValidationSplit<T>(data: readonly T[], validationFraction: number, options?: SplitOptions): TrainValidationSplit<T[]>;
export function trainValidationSplit(data: Dataset, validationFraction: number, options?: SplitOptions): TrainValidationSplit<Subset>;
export function trainValidationSplit<T>(
  data: readonly T[] | Dataset,
  validationFraction: number,
  options: SplitOptions = {},
): TrainValidationSplit<T[]> | TrainValidationSplit<Subset> {
  if (!(validationFraction >= 0 && validationFraction <= 1)) {
    throw new RangeError(`trainValidationSplit: validationFraction must be in [0, 1] (got ${validationFraction})`);
  }
  const order = permutation(data.length, new Random(options.seed ?? 0));
  const validationCount = Math.round(validationFraction * data.length);
  const trainIndices = order.slice(0, data.length - validationCount);
  const validationIndices = order.slice(data.length - validationCount);
  if (Array.isArray(data)) {
    const items = data as readonly T[];
    return { train: trainIndices.map((i) => items[i] as T), validation: validationIndices.map((i) => items[i] as T) };
  }
  const dataset = data as Dataset;
  return { train: new Subset(dataset, trainIndices), validation: new Subset(dataset, validationIndices) };
}
