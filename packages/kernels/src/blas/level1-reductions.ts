// BLAS level-1 reductions (nrm2, asum, iamax): f32 and f64 entry points share one loop per routine.
import type { FloatArray } from '../dtype';
import { ShapeError } from '../errors';
import { assertFloat32, assertFloat64, assertInteger, assertSize, assertVector } from '../internal/validate';

/** A dtype check with the signature of `assertFloat32` / `assertFloat64`. */
type AssertDType = (kernel: string, name: string, array: unknown) => void;

/** Below this a plain sum of squares may hold squares that lost precision to underflow (2^-960). */
const TINY_SUM_OF_SQUARES = 2 ** -960;

/** Validates a one-vector call; BLAS reductions require a non-zero step. */
function checkVector(
  kernel: string,
  assertDType: AssertDType,
  n: number,
  x: FloatArray,
  incX: number,
  ox: number,
): void {
  assertSize(kernel, 'n', n);
  assertDType(kernel, 'x', x);
  assertInteger(kernel, 'incX', incX);
  if (incX === 0) throw new ShapeError(`${kernel}: incX must be a non-zero integer (got 0)`);
  assertVector(kernel, 'x', x, n, ox, incX);
}

function nrm2(n: number, x: FloatArray, incX: number, ox: number): number {
  let sum = 0;
  for (let i = 0, ix = ox; i < n; i++, ix += incX) sum += x[ix] * x[ix];
  // The fast sum is accurate unless it overflowed or is small enough that squares underflowed.
  if (sum > TINY_SUM_OF_SQUARES && sum < Infinity) return Math.sqrt(sum);
  if (Number.isNaN(sum)) return NaN;
  // Reference BLAS scaling: keep the largest magnitude seen and a sum of squares relative to it.
  let scale = 0;
  let ssq = 1;
  for (let i = 0, ix = ox; i < n; i++, ix += incX) {
    const a = Math.abs(x[ix]);
    if (a === Infinity) return Infinity;
    if (a === 0) continue;
    if (scale < a) {
      const r = scale / a;
      ssq = 1 + ssq * r * r;
      scale = a;
    } else {
      const r = a / scale;
      ssq += r * r;
    }
  }
  return scale * Math.sqrt(ssq);
}

function asum(n: number, x: FloatArray, incX: number, ox: number): number {
  let sum = 0;
  for (let i = 0, ix = ox; i < n; i++, ix += incX) sum += Math.abs(x[ix]);
  return sum;
}

function iamax(n: number, x: FloatArray, incX: number, ox: number): number {
  if (n === 0) return -1;
  let best = 0;
  let max = Math.abs(x[ox]);
  if (Number.isNaN(max)) return 0;
  for (let i = 1, ix = ox + incX; i < n; i++, ix += incX) {
    const a = Math.abs(x[ix]);
    if (a > max) {
      max = a;
      best = i;
    } else if (Number.isNaN(a)) {
      // NaN ranks above every number, so the first NaN wins.
      return i;
    }
  }
  return best;
}

/**
 * Returns the Euclidean norm `sqrt(sum(x[i]^2))` of an f32 vector, computed in double precision.
 *
 * @remarks
 * The squares are summed in double precision, which cannot overflow or underflow for f32 inputs; the result is
 * that double, not rounded to f32. A negative increment walks backwards from `offsetX`. A NaN element gives NaN;
 * otherwise an infinite element gives Infinity.
 *
 * @param n - Number of elements.
 * @param x - Input vector (Float32Array).
 * @param incX - Step between elements; non-zero, may be negative.
 * @param offsetX - Index of the first element (default 0).
 * @returns The norm; 0 when `n` is 0.
 * @throws {@link ShapeError} If `n` or the offset is not a non-negative integer, `incX` is 0, or `x` is too short.
 * @throws {@link DTypeError} If `x` is not a Float32Array.
 *
 * @example
 * ```ts
 * import { snrm2 } from '@nanograd/kernels';
 * snrm2(2, new Float32Array([3, 4]), 1); // 5
 * ```
 * @category BLAS
 */
export function snrm2(n: number, x: Float32Array, incX: number, offsetX = 0): number {
  checkVector('snrm2', assertFloat32, n, x, incX, offsetX);
  return nrm2(n, x, incX, offsetX);
}

/**
 * Returns the Euclidean norm `sqrt(sum(x[i]^2))` of an f64 vector without overflow or underflow.
 *
 * @remarks
 * A plain sum of squares is used when it is safely in range; otherwise the norm is recomputed with the scaled
 * sum of squares of reference BLAS, so `dnrm2` of `[1e200, 1e200]` is `1.414e200`, not Infinity. A negative
 * increment walks backwards from `offsetX`. A NaN element gives NaN; otherwise an infinite element gives Infinity.
 *
 * @param n - Number of elements.
 * @param x - Input vector (Float64Array).
 * @param incX - Step between elements; non-zero, may be negative.
 * @param offsetX - Index of the first element (default 0).
 * @returns The norm; 0 when `n` is 0.
 * @throws {@link ShapeError} If `n` or the offset is not a non-negative integer, `incX` is 0, or `x` is too short.
 * @throws {@link DTypeError} If `x` is not a Float64Array.
 *
 * @example
 * ```ts
 * import { dnrm2 } from '@nanograd/kernels';
 * // The plain sum of squares, 2e400, would overflow to Infinity.
 * dnrm2(2, new Float64Array([1e200, 1e200]), 1); // 1.414213562373095e+200
 * ```
 * @category BLAS
 */
export function dnrm2(n: number, x: Float64Array, incX: number, offsetX = 0): number {
  checkVector('dnrm2', assertFloat64, n, x, incX, offsetX);
  return nrm2(n, x, incX, offsetX);
}

/**
 * Returns the sum of absolute values `sum(|x[i]|)` of an f32 vector, accumulated in double precision.
 *
 * @remarks
 * The result is the double-precision sum, not rounded to f32. A negative increment walks backwards from
 * `offsetX`.
 *
 * @param n - Number of elements.
 * @param x - Input vector (Float32Array).
 * @param incX - Step between elements; non-zero, may be negative.
 * @param offsetX - Index of the first element (default 0).
 * @returns The sum; 0 when `n` is 0.
 * @throws {@link ShapeError} If `n` or the offset is not a non-negative integer, `incX` is 0, or `x` is too short.
 * @throws {@link DTypeError} If `x` is not a Float32Array.
 *
 * @example
 * ```ts
 * import { sasum } from '@nanograd/kernels';
 * sasum(3, new Float32Array([1, -2, 3]), 1); // 6
 * ```
 * @category BLAS
 */
export function sasum(n: number, x: Float32Array, incX: number, offsetX = 0): number {
  checkVector('sasum', assertFloat32, n, x, incX, offsetX);
  return asum(n, x, incX, offsetX);
}

/**
 * Returns the sum of absolute values `sum(|x[i]|)` of an f64 vector.
 *
 * @remarks
 * A negative increment walks backwards from `offsetX`.
 *
 * @param n - Number of elements.
 * @param x - Input vector (Float64Array).
 * @param incX - Step between elements; non-zero, may be negative.
 * @param offsetX - Index of the first element (default 0).
 * @returns The sum; 0 when `n` is 0.
 * @throws {@link ShapeError} If `n` or the offset is not a non-negative integer, `incX` is 0, or `x` is too short.
 * @throws {@link DTypeError} If `x` is not a Float64Array.
 *
 * @example
 * ```ts
 * import { dasum } from '@nanograd/kernels';
 * dasum(2, new Float64Array([-1.5, 0, 2]), 2); // 3.5
 * ```
 * @category BLAS
 */
export function dasum(n: number, x: Float64Array, incX: number, offsetX = 0): number {
  checkVector('dasum', assertFloat64, n, x, incX, offsetX);
  return asum(n, x, incX, offsetX);
}

/**
 * Returns the 0-based position of the first element of largest magnitude in an f32 vector.
 *
 * @remarks
 * Unlike CBLAS, the result is a position `k` in `0..n-1` (the element at `offsetX + k * incX`) and is -1 when
 * `n` is 0. A NaN counts as larger than every number, so the first NaN's position is returned. A negative
 * increment walks backwards from `offsetX`.
 *
 * @param n - Number of elements.
 * @param x - Input vector (Float32Array).
 * @param incX - Step between elements; non-zero, may be negative.
 * @param offsetX - Index of the first element (default 0).
 * @returns The position of the first maximum of `|x[k]|`, or -1 when `n` is 0.
 * @throws {@link ShapeError} If `n` or the offset is not a non-negative integer, `incX` is 0, or `x` is too short.
 * @throws {@link DTypeError} If `x` is not a Float32Array.
 *
 * @example
 * ```ts
 * import { isamax } from '@nanograd/kernels';
 * isamax(4, new Float32Array([1, -5, 5, 2]), 1); // 1
 * ```
 * @category BLAS
 */
export function isamax(n: number, x: Float32Array, incX: number, offsetX = 0): number {
  checkVector('isamax', assertFloat32, n, x, incX, offsetX);
  return iamax(n, x, incX, offsetX);
}

/**
 * Returns the 0-based position of the first element of largest magnitude in an f64 vector.
 *
 * @remarks
 * Unlike CBLAS, the result is a position `k` in `0..n-1` (the element at `offsetX + k * incX`) and is -1 when
 * `n` is 0. A NaN counts as larger than every number, so the first NaN's position is returned. A negative
 * increment walks backwards from `offsetX`.
 *
 * @param n - Number of elements.
 * @param x - Input vector (Float64Array).
 * @param incX - Step between elements; non-zero, may be negative.
 * @param offsetX - Index of the first element (default 0).
 * @returns The position of the first maximum of `|x[k]|`, or -1 when `n` is 0.
 * @throws {@link ShapeError} If `n` or the offset is not a non-negative integer, `incX` is 0, or `x` is too short.
 * @throws {@link DTypeError} If `x` is not a Float64Array.
 *
 * @example
 * ```ts
 * import { idamax } from '@nanograd/kernels';
 * // Read backwards from index 2: positions 0, 1, 2 hold 3, -7, 1
 * idamax(3, new Float64Array([1, -7, 3]), -1, 2); // 1
 * ```
 * @category BLAS
 */
export function idamax(n: number, x: Float64Array, incX: number, offsetX = 0): number {
  checkVector('idamax', assertFloat64, n, x, incX, offsetX);
  return iamax(n, x, incX, offsetX);
}
