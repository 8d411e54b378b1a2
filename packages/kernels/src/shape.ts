import { ShapeError } from './errors';

/**
 * The extent of each dimension, outermost first.
 *
 * @example
 * ```ts
 * import type { Shape } from '@nanograd/kernels';
 * const shape: Shape = [2, 3];
 * ```
 * @category Shape
 */
export type Shape = readonly number[];

/**
 * The distance, in elements (not bytes), between neighbours along each dimension.
 *
 * @example
 * ```ts
 * import type { Strides } from '@nanograd/kernels';
 * const strides: Strides = [3, 1];
 * ```
 * @category Shape
 */
export type Strides = readonly number[];

/**
 * Formats a shape for error messages: `[2, 3]` becomes `2x3`, a scalar becomes `scalar`.
 *
 * @param shape - The shape to format.
 * @returns The formatted shape.
 *
 * @example
 * ```ts
 * import { formatShape } from '@nanograd/kernels';
 * formatShape([2, 3]); // '2x3'
 * ```
 * @category Shape
 */
export function formatShape(shape: Shape): string {
  return shape.length === 0 ? 'scalar' : shape.join('x');
}

/**
 * Returns the number of elements of a shape (1 for a scalar).
 *
 * @param shape - Non-negative integer extents.
 * @returns The product of the extents.
 * @throws {@link ShapeError} If an extent is negative or not an integer.
 *
 * @example
 * ```ts
 * import { sizeOf } from '@nanograd/kernels';
 * sizeOf([2, 3, 4]); // 24
 * ```
 * @category Shape
 */
export function sizeOf(shape: Shape): number {
  let size = 1;
  for (const extent of shape) {
    if (!Number.isInteger(extent) || extent < 0) {
      throw new ShapeError(`sizeOf: invalid shape [${shape.join(', ')}]`);
    }
    size *= extent;
  }
  return size;
}

/**
 * Returns row-major (C-order) strides for a shape.
 *
 * @param shape - The shape.
 * @returns Strides in elements; the last one is 1.
 *
 * @example
 * ```ts
 * import { contiguousStrides } from '@nanograd/kernels';
 * contiguousStrides([2, 3, 4]); // [12, 4, 1]
 * ```
 * @category Shape
 */
export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let step = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = step;
    step *= shape[axis];
  }
  return strides;
}

/**
 * Tells whether strides describe a row-major layout of the shape with no gaps (extent-1 axes ignored).
 *
 * @param shape - The shape.
 * @param strides - Strides in elements.
 * @returns `true` if the view is contiguous.
 *
 * @example
 * ```ts
 * import { isContiguous } from '@nanograd/kernels';
 * isContiguous([2, 3], [3, 1]); // true
 * isContiguous([2, 3], [1, 2]); // false
 * ```
 * @category Shape
 */
export function isContiguous(shape: Shape, strides: Strides): boolean {
  let step = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    if (shape[axis] === 1) continue;
    if (strides[axis] !== step) return false;
    step *= shape[axis];
  }
  return true;
}

/**
 * Returns the shape two shapes broadcast to, NumPy-style: dimensions align from the right and an extent
 * of 1 stretches.
 *
 * @param op - Op name for the error message.
 * @param a - First shape.
 * @param b - Second shape.
 * @returns The broadcast shape.
 * @throws {@link ShapeError} If two aligned extents differ and neither is 1.
 *
 * @example
 * ```ts
 * import { broadcastShapes } from '@nanograd/kernels';
 * broadcastShapes('add', [4, 1, 3], [5, 1]); // [4, 5, 3]
 * ```
 * @category Shape
 */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  const rank = Math.max(a.length, b.length);
  const result = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const extentA = i < rank - a.length ? 1 : a[i - (rank - a.length)];
    const extentB = i < rank - b.length ? 1 : b[i - (rank - b.length)];
    if (extentA !== extentB && extentA !== 1 && extentB !== 1) {
      throw new ShapeError(`${op}: shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast`);
    }
    result[i] = extentA === 1 ? extentB : extentA;
  }
  return result;
}

/**
 * Returns strides that read a view of `shape` as if it had the larger `target` shape: broadcast axes
 * get stride 0, so no data is copied.
 *
 * @param op - Op name for the error message.
 * @param shape - The view's shape.
 * @param strides - The view's strides.
 * @param target - A shape `shape` broadcasts to.
 * @returns Strides with the rank of `target`.
 * @throws {@link ShapeError} If `shape` does not broadcast to `target`.
 *
 * @example
 * ```ts
 * import { broadcastStrides } from '@nanograd/kernels';
 * broadcastStrides('add', [3], [1], [2, 3]); // [0, 1]
 * ```
 * @category Shape
 */
export function broadcastStrides(op: string, shape: Shape, strides: Strides, target: Shape): number[] {
  const offset = target.length - shape.length;
  if (offset < 0) {
    throw new ShapeError(`${op}: cannot broadcast ${formatShape(shape)} to ${formatShape(target)}`);
  }
  const result = new Array<number>(target.length).fill(0);
  for (let axis = 0; axis < shape.length; axis++) {
    const extent = shape[axis];
    const targetExtent = target[axis + offset];
    if (extent === targetExtent) {
      result[axis + offset] = strides[axis];
    } else if (extent !== 1) {
      throw new ShapeError(`${op}: cannot broadcast ${formatShape(shape)} to ${formatShape(target)}`);
    }
  }
  return result;
}

/**
 * Turns a possibly negative axis into an index in `[0, rank)`.
 *
 * @param op - Op name for the error message.
 * @param axis - Axis; negative values count from the end.
 * @param rank - Number of dimensions.
 * @returns The normalised axis.
 * @throws {@link ShapeError} If `axis` is outside `[-rank, rank)` or not an integer.
 *
 * @example
 * ```ts
 * import { normalizeAxis } from '@nanograd/kernels';
 * normalizeAxis('sum', -1, 3); // 2
 * ```
 * @category Shape
 */
export function normalizeAxis(op: string, axis: number, rank: number): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new ShapeError(`${op}: axis ${axis} is out of range for rank ${rank}`);
  }
  return axis < 0 ? axis + rank : axis;
}
