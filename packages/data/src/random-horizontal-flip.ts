import { ShapeError } from '@nanograd/kernels';
import type { Transform } from './transform';

/**
 * Options of {@link randomHorizontalFlip}.
 *
 * @example
 * ```ts
 * import type { RandomHorizontalFlipOptions } from '@nanograd/data';
 * const options: RandomHorizontalFlipOptions = { probability: 0.5 };
 * ```
 * @category Transforms
 */
export interface RandomHorizontalFlipOptions {
  /** Chance that a sample is mirrored, in [0, 1] (default 0.5). */
  readonly probability?: number;
}

/**
 * Creates a transform that mirrors each sample left–right (reverses the last axis) with a probability,
 * drawn per sample, like torchvision's `RandomHorizontalFlip`.
 *
 * @param options - `probability`.
 * @returns The transform; it needs a batch of rank ≥ 2.
 * @throws RangeError If the probability is outside [0, 1].
 *
 * @example
 * ```ts
 * import { randomHorizontalFlip } from '@nanograd/data';
 * import { Random } from '@nanograd/kernels';
 * const batch = { data: new Float32Array([1, 2, 3]), shape: [1, 1, 3], dtype: 'f32' as const };
 * randomHorizontalFlip({ probability: 1 })(batch, new Random(0)).data; // Float32Array [3, 2, 1]
 * ```
 * @category Transforms
 */
export function randomHorizontalFlip(options: RandomHorizontalFlipOptions = {}): Transform {
  const probability = options.probability ?? 0.5;
  if (!(probability >= 0 && probability <= 1)) {
    throw new RangeError(`randomHorizontalFlip: probability must be in [0, 1] (got ${probability})`);
  }
  return (batch, random) => {
    if (batch.shape.length < 2) {
      throw new ShapeError(`randomHorizontalFlip: expected a batch of rank ≥ 2, got [${batch.shape.join(', ')}]`);
    }
    const count = batch.shape[0] ?? 0;
    const width = batch.shape[batch.shape.length - 1] ?? 0;
    const sampleSize = count === 0 ? 0 : batch.data.length / count;
    const out = batch.data.slice();
    for (let n = 0; n < count; n++) {
      if (!(random.uniform() < probability)) continue;
      for (let row = n * sampleSize; row < (n + 1) * sampleSize; row += width) {
        for (let x = 0; x < width; x++) out[row + x] = batch.data[row + width - 1 - x] ?? 0;
      }
    }
    return { data: out, shape: batch.shape, dtype: batch.dtype };
  };
}
