import type { Random } from '@nanograd/kernels';
import type { TensorData } from './tensor-data';

/**
 * A batch transform: takes a stacked batch (samples along the first axis) and the loader's seeded
 * generator, and returns a new batch. Transforms never modify their input.
 *
 * @example
 * ```ts
 * import type { Transform } from '@nanograd/data';
 * const double: Transform = (batch) => ({ ...batch, data: batch.data.map((x) => 2 * x) });
 * ```
 * @category Transforms
 */
export type Transform = (batch: TensorData, random: Random) => TensorData;
