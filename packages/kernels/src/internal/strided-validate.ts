// Checks shared by the strided kernels; they run before any element is read or written.
import { ShapeError } from '../errors';
import { formatShape, type Shape, type Strides } from '../shape';

/**
 * Throws unless every extent is a non-negative integer; returns the number of elements.
 */
export function assertStridedShape(kernel: string, shape: Shape): number {
  let size = 1;
  for (let axis = 0; axis < shape.length; axis++) {
    const extent = shape[axis];
    if (!Number.isInteger(extent) || extent < 0) {
      throw new ShapeError(`${kernel}: shape [${shape.join(', ')}] has an invalid extent ${extent} on axis ${axis}`);
    }
    size *= extent;
  }
  return size;
}

/**
 * Throws unless a view of `shape` with `strides` from `offset` stays inside `array`: strides and offset must be
 * integers, there must be one stride per axis, and the lowest and highest element reached (negative and zero strides
 * included) must lie in `[0, array.length)`. An empty view fits anywhere.
 */
export function assertStridedOperand(
  kernel: string,
  name: string,
  shape: Shape,
  array: ArrayLike<number>,
  strides: Strides,
  offset: number,
): void {
  if (strides.length !== shape.length) {
    throw new ShapeError(
      `${kernel}: ${name} has ${strides.length} strides [${strides.join(', ')}] for shape ${formatShape(shape)}`,
    );
  }
  if (!Number.isInteger(offset)) {
    throw new ShapeError(`${kernel}: offset of ${name} must be an integer (got ${offset})`);
  }
  let low = offset;
  let high = offset;
  let empty = false;
  for (let axis = 0; axis < shape.length; axis++) {
    const stride = strides[axis];
    if (!Number.isInteger(stride)) {
      throw new ShapeError(`${kernel}: stride ${axis} of ${name} must be an integer (got ${stride})`);
    }
    const extent = shape[axis];
    if (extent === 0) empty = true;
    const span = (extent - 1) * stride;
    if (span < 0) low += span;
    else high += span;
  }
  if (empty) return;
  if (low < 0 || high >= array.length) {
    throw new ShapeError(
      `${kernel}: ${name} (shape ${formatShape(shape)}, strides [${strides.join(', ')}], offset ${offset}) reaches elements ${low}..${high} but its buffer has ${array.length}`,
    );
  }
}

/** Throws for an op name missing from a kernel's loop table (only reachable from untyped callers). */
export function unknownOp(kernel: string, op: string): never {
  throw new Error(`${kernel}: unknown op '${op}'`);
}
