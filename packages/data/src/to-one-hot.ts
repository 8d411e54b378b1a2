import type { Transform } from './transform';

/**
 * Creates a target transform turning class indices of shape [B] into one-hot `f32` rows of shape
 * [B, numClasses].
 *
 * @param numClasses - Number of classes, a positive integer.
 * @returns The transform; it throws RangeError for a label outside [0, numClasses).
 * @throws RangeError If `numClasses` is not a positive integer.
 *
 * @example
 * ```ts
 * import { toOneHot } from '@nanograd/data';
 * import { Random } from '@nanograd/kernels';
 * const labels = { data: new Int32Array([2, 0]), shape: [2], dtype: 'i32' as const };
 * toOneHot(3)(labels, new Random(0)).data; // Float32Array [0, 0, 1, 1, 0, 0]
 * ```
 * @category Transforms
 */
export function toOneHot(numClasses: number): Transform {
  if (!Number.isInteger(numClasses) || numClasses <= 0) {
    throw new RangeError(`toOneHot: numClasses must be a positive integer (got ${numClasses})`);
  }
  return (batch) => {
    const out = new Float32Array(batch.data.length * numClasses);
    batch.data.forEach((label, i) => {
      if (!Number.isInteger(label) || label < 0 || label >= numClasses) {
        throw new RangeError(`toOneHot: label ${label} at position ${i} is outside [0, ${numClasses})`);
      }
      out[i * numClasses + label] = 1;
    });
    return { data: out, shape: [...batch.shape, numClasses], dtype: 'f32' };
  };
}
