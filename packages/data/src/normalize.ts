import { ShapeError } from '@nanograd/kernels';
import type { Transform } from './transform';
import { sizeOfShape } from './internal/tensor-data-utils';

/**
 * Options of {@link normalize}.
 *
 * @example
 * ```ts
 * import type { NormalizeOptions } from '@nanograd/data';
 * const mnist: NormalizeOptions = { mean: 0.1307, std: 0.3081 };
 * ```
 * @category Transforms
 */
export interface NormalizeOptions {
  /** Mean to subtract: one number, or one per channel (axis 1 of a [B, C, ...] batch). */
  readonly mean: number | readonly number[];
  /** Standard deviation to divide by, positive: one number or one per channel. */
  readonly std: number | readonly number[];
}

/**
 * Creates a transform computing `(x - mean) / std`, per channel when arrays are given, like
 * torchvision's `Normalize`. Integer batches become `f32`.
 *
 * @param options - `mean` and `std`.
 * @returns The transform.
 * @throws RangeError If a std is not positive or mean and std lengths differ.
 *
 * @example
 * ```ts
 * import { normalize } from '@nanograd/data';
 * import { Random } from '@nanograd/kernels';
 * const batch = { data: new Float32Array([0, 1]), shape: [2, 1], dtype: 'f32' as const };
 * normalize({ mean: 0.5, std: 0.5 })(batch, new Random(0)).data; // Float32Array [-1, 1]
 * ```
 * @category Transforms
 */
export function normalize(options: NormalizeOptions): Transform {
  const means = typeof options.mean === 'number' ? [options.mean] : [...options.mean];
  const stds = typeof options.std === 'number' ? [options.std] : [...options.std];
  if (means.length !== stds.length || means.length === 0) {
    throw new RangeError(`normalize: mean has ${means.length} values, std has ${stds.length}`);
  }
  if (stds.some((std) => !(std > 0))) throw new RangeError(`normalize: std must be positive (got [${stds.join(', ')}])`);
  return (batch) => {
    const channels = means.length;
    if (channels > 1 && batch.shape[1] !== channels) {
      throw new ShapeError(`normalize: ${channels} channel statistics for a batch of shape [${batch.shape.join(', ')}] (expected axis 1 = ${channels})`);
    }
    const inner = channels > 1 ? sizeOfShape(batch.shape.slice(2)) : batch.data.length;
    const out = batch.dtype === 'f64' ? new Float64Array(batch.data.length) : new Float32Array(batch.data.length);
    for (let i = 0; i < out.length; i++) {
      const channel = Math.floor(i / inner) % channels;
      out[i] = ((batch.data[i] ?? 0) - (means[channel] ?? 0)) / (stds[channel] ?? 1);
    }
    return { data: out, shape: batch.shape, dtype: batch.dtype === 'f64' ? 'f64' : 'f32' };
  };
}
