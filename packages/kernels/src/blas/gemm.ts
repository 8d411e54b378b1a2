// BLAS level-3 general matrix-matrix product (gemm) on row-major matrices, in f32 and f64 variants.
import { assertFloat32, assertFloat64 } from '../internal/validate';
import { gemmCore32, gemmCore64 } from './internal/gemm-driver';
import { validateGemm } from './internal/gemm-validate';

/**
 * Computes the f32 matrix product `C = alpha * op(A) @ op(B) + beta * C`, where `op(X)` is `X` or `Xᵀ`.
 *
 * @remarks
 * Row-major, with the CBLAS argument order. `C` is `m x n` with leading dimension `ldc >= max(1, n)`; `op(A)` is
 * `m x k` (`A` is stored `k x m` when `transA`), `op(B)` is `k x n` (`B` is stored `n x k` when `transB`). Each
 * leading dimension is at least the stored row length. Products run a cache-blocked kernel on packed
 * double-precision panels with a 4x3 register tile (~5 GFLOP/s on one x86 core); tiny ones and single rows or columns
 * take a direct loop. Products are summed in double precision and rounded into `C` once per k-block of at most 256
 * (once in all on the direct path). `beta = 0` overwrites `C` without reading it (NaN in `C` is cleared);
 * `alpha = 0` or `k = 0` only scales `C` by `beta` without reading `A` or `B`; `m = 0` or `n = 0` does nothing.
 * `C` must not share memory with `A` or `B`. The first blocked call allocates a 1 MiB packing buffer; later calls
 * reuse it.
 *
 * @param transA - Whether to use `Aᵀ` instead of `A`.
 * @param transB - Whether to use `Bᵀ` instead of `B`.
 * @param m - Rows of `C` and of `op(A)`.
 * @param n - Columns of `C` and of `op(B)`.
 * @param k - Columns of `op(A)` and rows of `op(B)`.
 * @param alpha - Scale factor for `op(A) @ op(B)`.
 * @param a - Matrix `A` (Float32Array).
 * @param lda - Leading dimension of `A`: elements between the starts of consecutive stored rows.
 * @param b - Matrix `B` (Float32Array).
 * @param ldb - Leading dimension of `B`.
 * @param beta - Scale factor for the old `C`; 0 means `C` is write-only.
 * @param c - Output matrix `C`, updated in place (Float32Array).
 * @param ldc - Leading dimension of `C`.
 * @param offsetA - Index of `A[0][0]` in `a` (default 0).
 * @param offsetB - Index of `B[0][0]` in `b` (default 0).
 * @param offsetC - Index of `C[0][0]` in `c` (default 0).
 * @throws {@link ShapeError} If a size or offset is not a non-negative integer, a leading dimension is smaller
 *   than its stored row length, an operand overruns its buffer, or `c` shares memory with `a` or `b`.
 * @throws {@link DTypeError} If `a`, `b` or `c` is not a Float32Array.
 *
 * @example
 * ```ts
 * import { sgemm } from '@nanograd/kernels';
 * const a = new Float32Array([1, 2, 3, 4, 5, 6]); // 2x3
 * const b = new Float32Array([1, 0, 0, 1, 1, 1]); // 3x2
 * const c = new Float32Array(4);
 * sgemm(false, false, 2, 2, 3, 1, a, 3, b, 2, 0, c, 2); // c is now [4, 5, 10, 11]
 * ```
 * @category BLAS
 */
export function sgemm(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float32Array,
  lda: number,
  b: Float32Array,
  ldb: number,
  beta: number,
  c: Float32Array,
  ldc: number,
  offsetA = 0,
  offsetB = 0,
  offsetC = 0,
): void {
  // A plain gemm is checked as a batch of one with zero strides.
  validateGemm('sgemm', assertFloat32, false, transA, transB, m, n, k,
    a, lda, 0, offsetA, b, ldb, 0, offsetB, c, ldc, 0, offsetC, 1);
  gemmCore32(transA, transB, m, n, k, alpha, a, lda, offsetA, b, ldb, offsetB, beta, c, ldc, offsetC);
}

/**
 * Computes the f64 matrix product `C = alpha * op(A) @ op(B) + beta * C`, where `op(X)` is `X` or `Xᵀ`.
 *
 * @remarks
 * Same layout and semantics as {@link sgemm}, on Float64Arrays: row-major, CBLAS argument order, `C` is `m x n`,
 * `op(A)` is `m x k`, `op(B)` is `k x n`. `beta = 0` overwrites `C` without reading it; `alpha = 0` or `k = 0` only
 * scales `C`; `m = 0` or `n = 0` does nothing. `C` must not share memory with `A` or `B`.
 *
 * @param transA - Whether to use `Aᵀ` instead of `A`.
 * @param transB - Whether to use `Bᵀ` instead of `B`.
 * @param m - Rows of `C` and of `op(A)`.
 * @param n - Columns of `C` and of `op(B)`.
 * @param k - Columns of `op(A)` and rows of `op(B)`.
 * @param alpha - Scale factor for `op(A) @ op(B)`.
 * @param a - Matrix `A` (Float64Array).
 * @param lda - Leading dimension of `A`: elements between the starts of consecutive stored rows.
 * @param b - Matrix `B` (Float64Array).
 * @param ldb - Leading dimension of `B`.
 * @param beta - Scale factor for the old `C`; 0 means `C` is write-only.
 * @param c - Output matrix `C`, updated in place (Float64Array).
 * @param ldc - Leading dimension of `C`.
 * @param offsetA - Index of `A[0][0]` in `a` (default 0).
 * @param offsetB - Index of `B[0][0]` in `b` (default 0).
 * @param offsetC - Index of `C[0][0]` in `c` (default 0).
 * @throws {@link ShapeError} If a size or offset is not a non-negative integer, a leading dimension is smaller
 *   than its stored row length, an operand overruns its buffer, or `c` shares memory with `a` or `b`.
 * @throws {@link DTypeError} If `a`, `b` or `c` is not a Float64Array.
 *
 * @example
 * ```ts
 * import { dgemm } from '@nanograd/kernels';
 * const a = new Float64Array([1, 2, 3, 4]); // 2x2
 * const b = new Float64Array([5, 6, 7, 8]); // 2x2
 * const c = new Float64Array([1, 1, 1, 1]);
 * dgemm(false, true, 2, 2, 2, 1, a, 2, b, 2, 1, c, 2); // c = A @ Bᵀ + C = [18, 24, 40, 54]
 * ```
 * @category BLAS
 */
export function dgemm(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float64Array,
  lda: number,
  b: Float64Array,
  ldb: number,
  beta: number,
  c: Float64Array,
  ldc: number,
  offsetA = 0,
  offsetB = 0,
  offsetC = 0,
): void {
  // A plain gemm is checked as a batch of one with zero strides.
  validateGemm('dgemm', assertFloat64, false, transA, transB, m, n, k,
    a, lda, 0, offsetA, b, ldb, 0, offsetB, c, ldc, 0, offsetC, 1);
  gemmCore64(transA, transB, m, n, k, alpha, a, lda, offsetA, b, ldb, offsetB, beta, c, ldc, offsetC);
}
