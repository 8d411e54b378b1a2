import { formatShape, normalizeAxis, ShapeError } from '@nanograd/kernels';
import type { Tensor } from '../../tensor';
import { reshape } from './reshape';

/**
 * Options of {@link flatten}.
 *
 * @example
 * ```ts
 * import type { FlattenOptions } from '@nanograd/autograd';
 * const options: FlattenOptions = { startAxis: 1 };
 * ```
 * @category Movement
 */
export interface FlattenOptions {
  /** First axis merged (default 0); negative values count from the end. */
  readonly startAxis?: number;
  /** Last axis merged, included (default -1). */
  readonly endAxis?: number;
}

/**
 * Merges the axes `startAxis … endAxis` into one (Scheme `flatten-tensor`); a view when `x` is contiguous.
 *
 * @param x - Input; a 0-d tensor becomes a 1-element vector.
 * @param options - `startAxis` and `endAxis`.
 * @returns The reshaped tensor.
 * @throws {@link ShapeError} If an axis is out of range or `startAxis` comes after `endAxis`.
 *
 * @example
 * ```ts
 * import { flatten, zeros } from '@nanograd/autograd';
 * flatten(zeros([2, 3, 4]), { startAxis: 1 }).shape; // [2, 12]
 * ```
 * @category Movement
 */
export function flatten(x: Tensor, options: FlattenOptions = {}): Tensor {
  if (x.rank === 0) return reshape(x, [1]);
  const start = normalizeAxis('flatten', options.startAxis ?? 0, x.rank);
  const end = normalizeAxis('flatten', options.endAxis ?? -1, x.rank);
  if (start > end) {
    throw new ShapeError(`flatten: startAxis ${start} comes after endAxis ${end} (${formatShape(x.shape)})`);
  }
  const merged = x.shape.slice(start, end + 1).reduce((product, extent) => product * extent, 1);
  return reshape(x, [...x.shape.slice(0, start), merged, ...x.shape.slice(end + 1)]);
}
