// BLAS level-1 vector updates (axpy, dot, scal, copy): f32 and f64 entry points share one loop per routine.
import type { FloatArray } from '../dtype';
import { ShapeError } from '../errors';
import { assertFloat32, assertFloat64, assertInteger, assertSize, assertVector } from '../internal/validate';

/** A dtype check with the signature of `assertFloat32` / `assertFloat64`. */
type AssertDType = (kernel: string, name: string, array: unknown) => void;

/** Throws unless `inc` is a non-zero integer; BLAS forbids zero steps for vectors it writes. */
function assertStep(kernel: string, name: string, inc: number): void {
  assertInteger(kernel, name, inc);
  if (inc === 0) throw new ShapeError(`${kernel}: ${name} must be a non-zero integer (got 0)`);
}

/** Validates a two-vector call where `x` is only read (so `incX = 0` broadcasts one element). */
function checkPair(
  kernel: string,
  assertDType: AssertDType,
  n: number,
  x: FloatArray,
  incX: number,
  y: FloatArray,
  incY: number,
  offsetX: number,
  offsetY: number,
  yIsWritten: boolean,
): void {
  assertSize(kernel, 'n', n);
  assertDType(kernel, 'x', x);
  assertDType(kernel, 'y', y);
  assertInteger(kernel, 'incX', incX);
  if (yIsWritten) assertStep(kernel, 'incY', incY);
  else assertInteger(kernel, 'incY', incY);
  assertVector(kernel, 'x', x, n, offsetX, incX);
  assertVector(kernel, 'y', y, n, offsetY, incY);
}

function axpy(
  n: number,
  alpha: number,
  x: FloatArray,
  incX: number,
  y: FloatArray,
  incY: number,
  ox: number,
  oy: number,
): void {
  // Reference BLAS returns early on alpha = 0 too, so NaN/Inf in x do not leak into y.
  if (n === 0 || alpha === 0) return;
  if (incX === 1 && incY === 1) {
    for (let i = 0; i < n; i++) y[oy + i] += alpha * x[ox + i];
    return;
  }
  for (let i = 0, ix = ox, iy = oy; i < n; i++, ix += incX, iy += incY) y[iy] += alpha * x[ix];
}

function dot(n: number, x: FloatArray, incX: number, y: FloatArray, incY: number, ox: number, oy: number): number {
  let sum = 0;
  if (incX === 1 && incY === 1) {
    for (let i = 0; i < n; i++) sum += x[ox + i] * y[oy + i];
    return sum;
  }
  for (let i = 0, ix = ox, iy = oy; i < n; i++, ix += incX, iy += incY) sum += x[ix] * y[iy];
  return sum;
}

function scal(
  kernel: string,
  assertDType: AssertDType,
  n: number,
  alpha: number,
  x: FloatArray,
  incX: number,
  ox: number,
): void {
  assertSize(kernel, 'n', n);
  assertDType(kernel, 'x', x);
  assertStep(kernel, 'incX', incX);
  assertVector(kernel, 'x', x, n, ox, incX);
  for (let i = 0, ix = ox; i < n; i++, ix += incX) x[ix] *= alpha;
}

function copy(n: number, x: FloatArray, incX: number, y: FloatArray, incY: number, ox: number, oy: number): void {
  if (incX === 1 && incY === 1) {
    // TypedArray.set is a memcpy; far faster than an element loop for long vectors.
    y.set(x.subarray(ox, ox + n), oy);
    return;
  }
  for (let i = 0, ix = ox, iy = oy; i < n; i++, ix += incX, iy += incY) y[iy] = x[ix];
}

/**
 * Adds `alpha` times the f32 vector `x` to the f32 vector `y` in place: `y += alpha * x`.
 *
 * @remarks
 * Element `i` of a vector is at `offset + i * inc`; unlike reference CBLAS, a negative increment walks backwards
 * from `offset`. `incX` may be 0 (every `y` element gets `alpha * x[offsetX]`); `incY` may not. Returns at once
 * when `alpha` is 0, as reference BLAS does, so `y` is left bit-for-bit unchanged.
 *
 * @param n - Number of elements.
 * @param alpha - Scale factor for `x`.
 * @param x - Input vector (Float32Array).
 * @param incX - Step between elements of `x`; may be negative or 0.
 * @param y - Vector updated in place (Float32Array).
 * @param incY - Step between elements of `y`; non-zero, may be negative.
 * @param offsetX - Index of the first element of `x` (default 0).
 * @param offsetY - Index of the first element of `y` (default 0).
 * @throws {@link ShapeError} If `n` or an offset is not a non-negative integer, `incY` is 0, or a vector
 *   overruns its buffer.
 * @throws {@link DTypeError} If `x` or `y` is not a Float32Array.
 *
 * @example
 * ```ts
 * import { saxpy } from '@nanograd/kernels';
 * const y = new Float32Array([10, 20, 30]);
 * saxpy(3, 2, new Float32Array([1, 2, 3]), 1, y, 1); // y is now [12, 24, 36]
 * ```
 * @category BLAS
 */
export function saxpy(
  n: number,
  alpha: number,
  x: Float32Array,
  incX: number,
  y: Float32Array,
  incY: number,
  offsetX = 0,
  offsetY = 0,
): void {
  checkPair('saxpy', assertFloat32, n, x, incX, y, incY, offsetX, offsetY, true);
  axpy(n, alpha, x, incX, y, incY, offsetX, offsetY);
}

/**
 * Adds `alpha` times the f64 vector `x` to the f64 vector `y` in place: `y += alpha * x`.
 *
 * @remarks
 * Same layout rules as {@link saxpy}: a negative increment walks backwards from the offset, `incX` may be 0,
 * and `alpha = 0` leaves `y` untouched.
 *
 * @param n - Number of elements.
 * @param alpha - Scale factor for `x`.
 * @param x - Input vector (Float64Array).
 * @param incX - Step between elements of `x`; may be negative or 0.
 * @param y - Vector updated in place (Float64Array).
 * @param incY - Step between elements of `y`; non-zero, may be negative.
 * @param offsetX - Index of the first element of `x` (default 0).
 * @param offsetY - Index of the first element of `y` (default 0).
 * @throws {@link ShapeError} If `n` or an offset is not a non-negative integer, `incY` is 0, or a vector
 *   overruns its buffer.
 * @throws {@link DTypeError} If `x` or `y` is not a Float64Array.
 *
 * @example
 * ```ts
 * import { daxpy } from '@nanograd/kernels';
 * const y = new Float64Array([1, 1]);
 * daxpy(2, -1, new Float64Array([0.5, 2]), 1, y, 1); // y is now [0.5, -1]
 * ```
 * @category BLAS
 */
export function daxpy(
  n: number,
  alpha: number,
  x: Float64Array,
  incX: number,
  y: Float64Array,
  incY: number,
  offsetX = 0,
  offsetY = 0,
): void {
  checkPair('daxpy', assertFloat64, n, x, incX, y, incY, offsetX, offsetY, true);
  axpy(n, alpha, x, incX, y, incY, offsetX, offsetY);
}

/**
 * Returns the dot product `sum(x[i] * y[i])` of two f32 vectors, accumulated in double precision.
 *
 * @remarks
 * The result is the double-precision sum, not rounded to f32 (like CBLAS `dsdot`). A negative increment walks
 * backwards from the offset; either increment may be 0 (that operand repeats its first element).
 *
 * @param n - Number of elements.
 * @param x - First vector (Float32Array).
 * @param incX - Step between elements of `x`; may be negative or 0.
 * @param y - Second vector (Float32Array).
 * @param incY - Step between elements of `y`; may be negative or 0.
 * @param offsetX - Index of the first element of `x` (default 0).
 * @param offsetY - Index of the first element of `y` (default 0).
 * @returns The dot product; 0 when `n` is 0.
 * @throws {@link ShapeError} If `n` or an offset is not a non-negative integer or a vector overruns its buffer.
 * @throws {@link DTypeError} If `x` or `y` is not a Float32Array.
 *
 * @example
 * ```ts
 * import { sdot } from '@nanograd/kernels';
 * sdot(3, new Float32Array([1, 2, 3]), 1, new Float32Array([4, 5, 6]), 1); // 32
 * ```
 * @category BLAS
 */
export function sdot(
  n: number,
  x: Float32Array,
  incX: number,
  y: Float32Array,
  incY: number,
  offsetX = 0,
  offsetY = 0,
): number {
  checkPair('sdot', assertFloat32, n, x, incX, y, incY, offsetX, offsetY, false);
  return dot(n, x, incX, y, incY, offsetX, offsetY);
}

/**
 * Returns the dot product `sum(x[i] * y[i])` of two f64 vectors.
 *
 * @remarks
 * A negative increment walks backwards from the offset; either increment may be 0.
 *
 * @param n - Number of elements.
 * @param x - First vector (Float64Array).
 * @param incX - Step between elements of `x`; may be negative or 0.
 * @param y - Second vector (Float64Array).
 * @param incY - Step between elements of `y`; may be negative or 0.
 * @param offsetX - Index of the first element of `x` (default 0).
 * @param offsetY - Index of the first element of `y` (default 0).
 * @returns The dot product; 0 when `n` is 0.
 * @throws {@link ShapeError} If `n` or an offset is not a non-negative integer or a vector overruns its buffer.
 * @throws {@link DTypeError} If `x` or `y` is not a Float64Array.
 *
 * @example
 * ```ts
 * import { ddot } from '@nanograd/kernels';
 * // Every other element of x against y read backwards: 1*6 + 3*5
 * ddot(2, new Float64Array([1, 2, 3]), 2, new Float64Array([5, 6]), -1, 0, 1); // 21
 * ```
 * @category BLAS
 */
export function ddot(
  n: number,
  x: Float64Array,
  incX: number,
  y: Float64Array,
  incY: number,
  offsetX = 0,
  offsetY = 0,
): number {
  checkPair('ddot', assertFloat64, n, x, incX, y, incY, offsetX, offsetY, false);
  return dot(n, x, incX, y, incY, offsetX, offsetY);
}

/**
 * Multiplies the f32 vector `x` by `alpha` in place: `x *= alpha`.
 *
 * @remarks
 * A plain multiplication, so `alpha = 0` keeps NaN and Infinity elements as NaN. A negative increment walks
 * backwards from `offsetX`.
 *
 * @param n - Number of elements.
 * @param alpha - Scale factor.
 * @param x - Vector scaled in place (Float32Array).
 * @param incX - Step between elements; non-zero, may be negative.
 * @param offsetX - Index of the first element (default 0).
 * @throws {@link ShapeError} If `n` or the offset is not a non-negative integer, `incX` is 0, or `x` is too short.
 * @throws {@link DTypeError} If `x` is not a Float32Array.
 *
 * @example
 * ```ts
 * import { sscal } from '@nanograd/kernels';
 * const x = new Float32Array([1, 2, 3, 4]);
 * sscal(2, 10, x, 2); // x is now [10, 2, 30, 4]
 * ```
 * @category BLAS
 */
export function sscal(n: number, alpha: number, x: Float32Array, incX: number, offsetX = 0): void {
  scal('sscal', assertFloat32, n, alpha, x, incX, offsetX);
}

/**
 * Multiplies the f64 vector `x` by `alpha` in place: `x *= alpha`.
 *
 * @remarks
 * A plain multiplication, so `alpha = 0` keeps NaN and Infinity elements as NaN. A negative increment walks
 * backwards from `offsetX`.
 *
 * @param n - Number of elements.
 * @param alpha - Scale factor.
 * @param x - Vector scaled in place (Float64Array).
 * @param incX - Step between elements; non-zero, may be negative.
 * @param offsetX - Index of the first element (default 0).
 * @throws {@link ShapeError} If `n` or the offset is not a non-negative integer, `incX` is 0, or `x` is too short.
 * @throws {@link DTypeError} If `x` is not a Float64Array.
 *
 * @example
 * ```ts
 * import { dscal } from '@nanograd/kernels';
 * const x = new Float64Array([1, 2]);
 * dscal(2, -0.5, x, 1); // x is now [-0.5, -1]
 * ```
 * @category BLAS
 */
export function dscal(n: number, alpha: number, x: Float64Array, incX: number, offsetX = 0): void {
  scal('dscal', assertFloat64, n, alpha, x, incX, offsetX);
}

/**
 * Copies the f32 vector `x` into the f32 vector `y`: `y[i] = x[i]`.
 *
 * @remarks
 * A negative increment walks backwards from the offset. `incX` may be 0, which fills `y` with `x[offsetX]`;
 * `incY` may not. `x` and `y` should not overlap in the same buffer.
 *
 * @param n - Number of elements.
 * @param x - Source vector (Float32Array).
 * @param incX - Step between elements of `x`; may be negative or 0.
 * @param y - Destination vector (Float32Array).
 * @param incY - Step between elements of `y`; non-zero, may be negative.
 * @param offsetX - Index of the first element of `x` (default 0).
 * @param offsetY - Index of the first element of `y` (default 0).
 * @throws {@link ShapeError} If `n` or an offset is not a non-negative integer, `incY` is 0, or a vector
 *   overruns its buffer.
 * @throws {@link DTypeError} If `x` or `y` is not a Float32Array.
 *
 * @example
 * ```ts
 * import { scopy } from '@nanograd/kernels';
 * const y = new Float32Array(3);
 * scopy(3, new Float32Array([1, 2, 3]), 1, y, -1, 0, 2); // y is now [3, 2, 1]
 * ```
 * @category BLAS
 */
export function scopy(
  n: number,
  x: Float32Array,
  incX: number,
  y: Float32Array,
  incY: number,
  offsetX = 0,
  offsetY = 0,
): void {
  checkPair('scopy', assertFloat32, n, x, incX, y, incY, offsetX, offsetY, true);
  copy(n, x, incX, y, incY, offsetX, offsetY);
}

/**
 * Copies the f64 vector `x` into the f64 vector `y`: `y[i] = x[i]`.
 *
 * @remarks
 * A negative increment walks backwards from the offset. `incX` may be 0, which fills `y` with `x[offsetX]`;
 * `incY` may not. `x` and `y` should not overlap in the same buffer.
 *
 * @param n - Number of elements.
 * @param x - Source vector (Float64Array).
 * @param incX - Step between elements of `x`; may be negative or 0.
 * @param y - Destination vector (Float64Array).
 * @param incY - Step between elements of `y`; non-zero, may be negative.
 * @param offsetX - Index of the first element of `x` (default 0).
 * @param offsetY - Index of the first element of `y` (default 0).
 * @throws {@link ShapeError} If `n` or an offset is not a non-negative integer, `incY` is 0, or a vector
 *   overruns its buffer.
 * @throws {@link DTypeError} If `x` or `y` is not a Float64Array.
 *
 * @example
 * ```ts
 * import { dcopy } from '@nanograd/kernels';
 * const y = new Float64Array(4);
 * dcopy(4, new Float64Array([7]), 0, y, 1); // y is now [7, 7, 7, 7]
 * ```
 * @category BLAS
 */
export function dcopy(
  n: number,
  x: Float64Array,
  incX: number,
  y: Float64Array,
  incY: number,
  offsetX = 0,
  offsetY = 0,
): void {
  checkPair('dcopy', assertFloat64, n, x, incX, y, incY, offsetX, offsetY, true);
  copy(n, x, incX, y, incY, offsetX, offsetY);
}
