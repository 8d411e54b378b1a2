// The checks the JS backend runs before a normalisation kernel: views dense, of x's dtype, shaped (outer, channels, inner).
import type { View } from '../backend';
import { dtypeOf, type FloatArray } from '../dtype';
import { DTypeError, ShapeError } from '../errors';
import { formatShape, isContiguous, sizeOf } from '../shape';

/** The layout and the dense elements (subarrays of their buffers) of one normalisation call's views. */
export interface NormalizeArrays {
  readonly outer: number;
  readonly channels: number;
  readonly inner: number;
  /** Keyed by the view names given; null where the view was null. */
  readonly arrays: Record<string, FloatArray | null>;
}

/**
 * Checks that `first` (named first in `full`) is 3-d, every other view of `full` has its shape and every view of
 * `perChannel` the shape `[channels]`, all contiguous, inside their buffers and of one float dtype.
 */
export function normalizeArrays(
  kernel: string, floatData: (kernel: string, name: string, view: View) => FloatArray,
  full: Record<string, View | null>, perChannel: Record<string, View | null>,
): NormalizeArrays {
  const [firstName, first] = Object.entries(full)[0] as [string, View];
  if (first.shape.length !== 3) {
    throw new ShapeError(`${kernel}: ${firstName} must have shape [outer, channels, inner] (got ${formatShape(first.shape)})`);
  }
  const [outer, channels, inner] = first.shape as [number, number, number];
  const dtype = dtypeOf(floatData(kernel, firstName, first));
  const arrays: Record<string, FloatArray | null> = {};
  const check = (name: string, view: View | null, shape: readonly number[]): void => {
    if (view === null) {
      arrays[name] = null;
      return;
    }
    const array = floatData(kernel, name, view);
    if (view.shape.length !== shape.length || view.shape.some((extent, axis) => extent !== shape[axis])) {
      throw new ShapeError(`${kernel}: ${name} has shape ${formatShape(view.shape)}, expected ${formatShape(shape)} (${firstName} ${formatShape(first.shape)})`);
    }
    if (!isContiguous(view.shape, view.strides)) {
      throw new ShapeError(`${kernel}: ${name} must be contiguous (shape ${formatShape(view.shape)}, strides ${view.strides.join('x')})`);
    }
    const size = sizeOf(view.shape);
    if (!Number.isInteger(view.offset) || view.offset < 0 || view.offset + size > array.length) {
      throw new ShapeError(`${kernel}: ${name} (offset ${view.offset}, ${size} elements) overruns its buffer of ${array.length}`);
    }
    if (dtypeOf(array) !== dtype) throw new DTypeError(`${kernel}: ${name} is ${dtypeOf(array)}, ${firstName} ${dtype}`);
    arrays[name] = array.subarray(view.offset, view.offset + size);
  };
  for (const [name, view] of Object.entries(full)) check(name, view, first.shape);
  for (const [name, view] of Object.entries(perChannel)) check(name, view, [channels]);
  return { outer, channels, inner, arrays };
}
