// Argument checks shared by every kernel: they run before any element is touched.
import { DTypeError, ShapeError } from '../errors';

/** Throws unless `value` is a non-negative integer. */
export function assertSize(kernel: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new ShapeError(`${kernel}: ${name} must be a non-negative integer (got ${value})`);
  }
}

/** Throws unless `value` is an integer (strides may be negative or zero). */
export function assertInteger(kernel: string, name: string, value: number): void {
  if (!Number.isInteger(value)) {
    throw new ShapeError(`${kernel}: ${name} must be an integer (got ${value})`);
  }
}

/** Throws unless `value` is a positive integer. */
export function assertPositive(kernel: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new ShapeError(`${kernel}: ${name} must be a positive integer (got ${value})`);
  }
}

/**
 * Throws unless a strided vector of `n` elements starting at `offset` with `stride` fits in `array`.
 * A zero-length vector fits anywhere.
 */
export function assertVector(
  kernel: string,
  name: string,
  array: ArrayLike<number>,
  n: number,
  offset: number,
  stride: number,
): void {
  assertSize(kernel, `offset of ${name}`, offset);
  assertInteger(kernel, `stride of ${name}`, stride);
  if (n === 0) return;
  const last = offset + (n - 1) * stride;
  if (last < 0 || last >= array.length || offset >= array.length) {
    throw new ShapeError(
      `${kernel}: ${name} is too short (${n} elements from offset ${offset} with stride ${stride} need ${Math.max(offset, last) + 1}, buffer has ${array.length})`,
    );
  }
}

/**
 * Throws unless a row-major `rows x cols` matrix with leading dimension `ld` starting at `offset` fits
 * in `array`, and `ld >= max(1, cols)`.
 */
export function assertMatrix(
  kernel: string,
  name: string,
  array: ArrayLike<number>,
  rows: number,
  cols: number,
  offset: number,
  ld: number,
): void {
  assertSize(kernel, `offset of ${name}`, offset);
  assertInteger(kernel, `ld${name}`, ld);
  if (ld < Math.max(1, cols)) {
    throw new ShapeError(`${kernel}: ld${name} (${ld}) is smaller than the row length of ${name} (${rows}x${cols})`);
  }
  if (rows === 0 || cols === 0) return;
  const needed = offset + (rows - 1) * ld + cols;
  if (needed > array.length) {
    throw new ShapeError(
      `${kernel}: ${name} is too short (${rows}x${cols} with ld${name}=${ld} from offset ${offset} needs ${needed}, buffer has ${array.length})`,
    );
  }
}

/** Throws unless `array` is a Float32Array. */
export function assertFloat32(kernel: string, name: string, array: unknown): asserts array is Float32Array {
  if (!(array instanceof Float32Array)) {
    throw new DTypeError(`${kernel}: ${name} must be a Float32Array (got ${describeArray(array)})`);
  }
}

/** Throws unless `array` is a Float64Array. */
export function assertFloat64(kernel: string, name: string, array: unknown): asserts array is Float64Array {
  if (!(array instanceof Float64Array)) {
    throw new DTypeError(`${kernel}: ${name} must be a Float64Array (got ${describeArray(array)})`);
  }
}

/** Names an array's type for error messages. */
export function describeArray(array: unknown): string {
  if (array === null || typeof array !== 'object') return String(array);
  return (array as object).constructor?.name ?? 'object';
}
