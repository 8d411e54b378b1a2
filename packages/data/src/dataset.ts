import type { TensorData } from './tensor-data';

/**
 * One example: an input and its target (a label, a one-hot row, the next tokens, …).
 *
 * @example
 * ```ts
 * import type { Sample } from '@nanograd/data';
 * const sample: Sample = [
 *   { data: new Float32Array(4), shape: [2, 2], dtype: 'f32' },
 *   { data: new Int32Array([3]), shape: [], dtype: 'i32' },
 * ];
 * ```
 * @category Data
 */
export type Sample = readonly [input: TensorData, target: TensorData];

/**
 * A map-style dataset, as in PyTorch: a length and random access to samples. Implement `getBatch` too
 * when a batch can be gathered faster than sample by sample; {@link DataLoader} then uses it.
 *
 * @example
 * ```ts
 * import type { Dataset, Sample } from '@nanograd/data';
 * const squares: Dataset = {
 *   length: 3,
 *   get: (i): Sample => [
 *     { data: new Float32Array([i]), shape: [1], dtype: 'f32' },
 *     { data: new Float32Array([i * i]), shape: [1], dtype: 'f32' },
 *   ],
 * };
 * ```
 * @category Data
 */
export interface Dataset {
  /** Number of samples. */
  readonly length: number;
  /** Returns sample `index` (0 ≤ index < length). */
  get(index: number): Sample;
  /** Optionally returns the samples at `indices` stacked along a new first axis. */
  getBatch?(indices: readonly number[]): Sample;
}
