// BLAS level-2 matrix-vector kernels (gemv, ger) on row-major matrices, in f32 and f64 variants.
import type { FloatArray } from '../dtype';
import { ShapeError } from '../errors';
import {
  assertFloat32,
  assertFloat64,
  assertInteger,
  assertMatrix,
  assertSize,
  assertVector,
} from '../internal/validate';

/** A dtype check with the signature of `assertFloat32` / `assertFloat64`. */
type AssertDType = (kernel: string, name: string, array: unknown) => void;

/** Double-precision accumulator for transposed gemv, grown on demand and reused (kernels never re-enter). */
let scratch = new Float64Array(64);

/** Throws unless `inc` is a non-zero integer, as BLAS requires for gemv and ger. */
function assertStep(kernel: string, name: string, inc: number): void {
  assertInteger(kernel, name, inc);
  if (inc === 0) throw new ShapeError(`${kernel}: ${name} must be a non-zero integer (got 0)`);
}

function gemv(
  kernel: string,
  assertDType: AssertDType,
  trans: boolean,
  m: number,
  n: number,
  alpha: number,
  a: FloatArray,
  lda: number,
  x: FloatArray,
  incX: number,
  beta: number,
  y: FloatArray,
  incY: number,
  oa: number,
  ox: number,
  oy: number,
): void {
  assertSize(kernel, 'm', m);
  assertSize(kernel, 'n', n);
  assertDType(kernel, 'a', a);
  assertDType(kernel, 'x', x);
  assertDType(kernel, 'y', y);
  assertStep(kernel, 'incX', incX);
  assertStep(kernel, 'incY', incY);
  assertMatrix(kernel, 'a', a, m, n, oa, lda);
  const lenX = trans ? m : n;
  const lenY = trans ? n : m;
  assertVector(kernel, 'x', x, lenX, ox, incX);
  assertVector(kernel, 'y', y, lenY, oy, incY);

  if (lenY === 0) return;
  if (alpha === 0 || lenX === 0) {
    // op(A) x contributes nothing; like reference BLAS, A and x are not read.
    for (let j = 0, iy = oy; j < lenY; j++, iy += incY) y[iy] = beta === 0 ? 0 : beta * y[iy];
    return;
  }
  if (!trans) {
    for (let i = 0, row = oa, iy = oy; i < m; i++, row += lda, iy += incY) {
      let sum = 0;
      if (incX === 1) {
        for (let j = 0; j < n; j++) sum += a[row + j] * x[ox + j];
      } else {
        for (let j = 0, ix = ox; j < n; j++, ix += incX) sum += a[row + j] * x[ix];
      }
      y[iy] = beta === 0 ? alpha * sum : alpha * sum + beta * y[iy];
    }
    return;
  }
  // Transposed: walk A by rows (contiguous) and accumulate each output in double, rounding into y once.
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, 2 * scratch.length));
  const acc = scratch;
  acc.fill(0, 0, n);
  for (let i = 0, row = oa, ix = ox; i < m; i++, row += lda, ix += incX) {
    const t = x[ix];
    for (let j = 0; j < n; j++) acc[j] += t * a[row + j];
  }
  for (let j = 0, iy = oy; j < n; j++, iy += incY) y[iy] = beta === 0 ? alpha * acc[j] : alpha * acc[j] + beta * y[iy];
}

function ger(
  kernel: string,
  assertDType: AssertDType,
  m: number,
  n: number,
  alpha: number,
  x: FloatArray,
  incX: number,
  y: FloatArray,
  incY: number,
  a: FloatArray,
  lda: number,
  ox: number,
  oy: number,
  oa: number,
): void {
  assertSize(kernel, 'm', m);
  assertSize(kernel, 'n', n);
  assertDType(kernel, 'x', x);
  assertDType(kernel, 'y', y);
  assertDType(kernel, 'a', a);
  assertStep(kernel, 'incX', incX);
  assertStep(kernel, 'incY', incY);
  assertVector(kernel, 'x', x, m, ox, incX);
  assertVector(kernel, 'y', y, n, oy, incY);
  assertMatrix(kernel, 'a', a, m, n, oa, lda);

  // Reference BLAS returns early on alpha = 0 as well, so NaN in x or y does not reach A.
  if (m === 0 || n === 0 || alpha === 0) return;
  for (let i = 0, row = oa, ix = ox; i < m; i++, row += lda, ix += incX) {
    const t = alpha * x[ix];
    if (incY === 1) {
      for (let j = 0; j < n; j++) a[row + j] += t * y[oy + j];
    } else {
      for (let j = 0, iy = oy; j < n; j++, iy += incY) a[row + j] += t * y[iy];
    }
  }
}

/**
 * Computes the f32 matrix-vector product `y = alpha * op(A) * x + beta * y`, where `op(A)` is `A` or `Aᵀ`.
 *
 * @remarks
 * `A` is `m x n`, row-major with leading dimension `lda >= max(1, n)`, starting at `offsetA`. Without transpose
 * `x` has `n` elements and `y` has `m`; with transpose, `x` has `m` and `y` has `n`. Products are accumulated in
 * double precision and rounded into `y` once. `beta = 0` overwrites `y` without reading it (NaN in `y` is
 * cleared); `alpha = 0` does not read `A` or `x`. Vector element `i` is at `offset + i * inc`, so a negative
 * increment walks backwards from the offset (unlike reference CBLAS).
 *
 * @param trans - Whether to use `Aᵀ` instead of `A`.
 * @param m - Rows of `A`.
 * @param n - Columns of `A`.
 * @param alpha - Scale factor for `op(A) * x`.
 * @param a - The matrix (Float32Array).
 * @param lda - Leading dimension: elements between the starts of consecutive rows of `A`.
 * @param x - Input vector (Float32Array).
 * @param incX - Step between elements of `x`; non-zero, may be negative.
 * @param beta - Scale factor for the old `y`; 0 means `y` is write-only.
 * @param y - Output vector, updated in place (Float32Array).
 * @param incY - Step between elements of `y`; non-zero, may be negative.
 * @param offsetA - Index of `A[0][0]` (default 0).
 * @param offsetX - Index of the first element of `x` (default 0).
 * @param offsetY - Index of the first element of `y` (default 0).
 * @throws {@link ShapeError} If a size or offset is not a non-negative integer, an increment is 0, `lda < n`, or
 *   an operand overruns its buffer.
 * @throws {@link DTypeError} If `a`, `x` or `y` is not a Float32Array.
 *
 * @example
 * ```ts
 * import { sgemv } from '@nanograd/kernels';
 * const a = new Float32Array([1, 2, 3, 4, 5, 6]); // 2x3
 * const y = new Float32Array(2);
 * sgemv(false, 2, 3, 1, a, 3, new Float32Array([1, 1, 1]), 1, 0, y, 1); // y is now [6, 15]
 * ```
 * @category BLAS
 */
export function sgemv(
  trans: boolean,
  m: number,
  n: number,
  alpha: number,
  a: Float32Array,
  lda: number,
  x: Float32Array,
  incX: number,
  beta: number,
  y: Float32Array,
  incY: number,
  offsetA = 0,
  offsetX = 0,
  offsetY = 0,
): void {
  gemv('sgemv', assertFloat32, trans, m, n, alpha, a, lda, x, incX, beta, y, incY, offsetA, offsetX, offsetY);
}

/**
 * Computes the f64 matrix-vector product `y = alpha * op(A) * x + beta * y`, where `op(A)` is `A` or `Aᵀ`.
 *
 * @remarks
 * Same layout rules as {@link sgemv}: `A` is `m x n` row-major with `lda >= max(1, n)`, `beta = 0` overwrites
 * `y` without reading it, and a negative increment walks backwards from the offset.
 *
 * @param trans - Whether to use `Aᵀ` instead of `A`.
 * @param m - Rows of `A`.
 * @param n - Columns of `A`.
 * @param alpha - Scale factor for `op(A) * x`.
 * @param a - The matrix (Float64Array).
 * @param lda - Leading dimension: elements between the starts of consecutive rows of `A`.
 * @param x - Input vector (Float64Array).
 * @param incX - Step between elements of `x`; non-zero, may be negative.
 * @param beta - Scale factor for the old `y`; 0 means `y` is write-only.
 * @param y - Output vector, updated in place (Float64Array).
 * @param incY - Step between elements of `y`; non-zero, may be negative.
 * @param offsetA - Index of `A[0][0]` (default 0).
 * @param offsetX - Index of the first element of `x` (default 0).
 * @param offsetY - Index of the first element of `y` (default 0).
 * @throws {@link ShapeError} If a size or offset is not a non-negative integer, an increment is 0, `lda < n`, or
 *   an operand overruns its buffer.
 * @throws {@link DTypeError} If `a`, `x` or `y` is not a Float64Array.
 *
 * @example
 * ```ts
 * import { dgemv } from '@nanograd/kernels';
 * const a = new Float64Array([1, 2, 3, 4, 5, 6]); // 2x3
 * const y = new Float64Array(3);
 * dgemv(true, 2, 3, 1, a, 3, new Float64Array([1, -1]), 1, 0, y, 1); // y is now [-3, -3, -3]
 * ```
 * @category BLAS
 */
export function dgemv(
  trans: boolean,
  m: number,
  n: number,
  alpha: number,
  a: Float64Array,
  lda: number,
  x: Float64Array,
  incX: number,
  beta: number,
  y: Float64Array,
  incY: number,
  offsetA = 0,
  offsetX = 0,
  offsetY = 0,
): void {
  gemv('dgemv', assertFloat64, trans, m, n, alpha, a, lda, x, incX, beta, y, incY, offsetA, offsetX, offsetY);
}

/**
 * Adds the scaled f32 outer product `alpha * x * yᵀ` to the `m x n` row-major matrix `A` in place.
 *
 * @remarks
 * `x` has `m` elements, `y` has `n`, and `A` has leading dimension `lda >= max(1, n)` from `offsetA`.
 * `alpha = 0` returns without touching `A`. A negative increment walks backwards from the offset.
 *
 * @param m - Rows of `A` (elements of `x`).
 * @param n - Columns of `A` (elements of `y`).
 * @param alpha - Scale factor for the outer product.
 * @param x - Column vector (Float32Array).
 * @param incX - Step between elements of `x`; non-zero, may be negative.
 * @param y - Row vector (Float32Array).
 * @param incY - Step between elements of `y`; non-zero, may be negative.
 * @param a - Matrix updated in place (Float32Array).
 * @param lda - Leading dimension: elements between the starts of consecutive rows of `A`.
 * @param offsetX - Index of the first element of `x` (default 0).
 * @param offsetY - Index of the first element of `y` (default 0).
 * @param offsetA - Index of `A[0][0]` (default 0).
 * @throws {@link ShapeError} If a size or offset is not a non-negative integer, an increment is 0, `lda < n`, or
 *   an operand overruns its buffer.
 * @throws {@link DTypeError} If `x`, `y` or `a` is not a Float32Array.
 *
 * @example
 * ```ts
 * import { sger } from '@nanograd/kernels';
 * const a = new Float32Array(4); // 2x2 zeros
 * sger(2, 2, 1, new Float32Array([1, 2]), 1, new Float32Array([3, 4]), 1, a, 2); // a is now [3, 4, 6, 8]
 * ```
 * @category BLAS
 */
export function sger(
  m: number,
  n: number,
  alpha: number,
  x: Float32Array,
  incX: number,
  y: Float32Array,
  incY: number,
  a: Float32Array,
  lda: number,
  offsetX = 0,
  offsetY = 0,
  offsetA = 0,
): void {
  ger('sger', assertFloat32, m, n, alpha, x, incX, y, incY, a, lda, offsetX, offsetY, offsetA);
}

/**
 * Adds the scaled f64 outer product `alpha * x * yᵀ` to the `m x n` row-major matrix `A` in place.
 *
 * @remarks
 * Same layout rules as {@link sger}: `lda >= max(1, n)`, `alpha = 0` leaves `A` untouched, and a negative
 * increment walks backwards from the offset.
 *
 * @param m - Rows of `A` (elements of `x`).
 * @param n - Columns of `A` (elements of `y`).
 * @param alpha - Scale factor for the outer product.
 * @param x - Column vector (Float64Array).
 * @param incX - Step between elements of `x`; non-zero, may be negative.
 * @param y - Row vector (Float64Array).
 * @param incY - Step between elements of `y`; non-zero, may be negative.
 * @param a - Matrix updated in place (Float64Array).
 * @param lda - Leading dimension: elements between the starts of consecutive rows of `A`.
 * @param offsetX - Index of the first element of `x` (default 0).
 * @param offsetY - Index of the first element of `y` (default 0).
 * @param offsetA - Index of `A[0][0]` (default 0).
 * @throws {@link ShapeError} If a size or offset is not a non-negative integer, an increment is 0, `lda < n`, or
 *   an operand overruns its buffer.
 * @throws {@link DTypeError} If `x`, `y` or `a` is not a Float64Array.
 *
 * @example
 * ```ts
 * import { dger } from '@nanograd/kernels';
 * const a = new Float64Array([1, 1, 1, 1]); // 2x2 ones
 * dger(2, 2, -1, new Float64Array([1, 0]), 1, new Float64Array([2, 3]), 1, a, 2); // a is now [-1, -2, 1, 1]
 * ```
 * @category BLAS
 */
export function dger(
  m: number,
  n: number,
  alpha: number,
  x: Float64Array,
  incX: number,
  y: Float64Array,
  incY: number,
  a: Float64Array,
  lda: number,
  offsetX = 0,
  offsetY = 0,
  offsetA = 0,
): void {
  ger('dger', assertFloat64, m, n, alpha, x, incX, y, incY, a, lda, offsetX, offsetY, offsetA);
}
