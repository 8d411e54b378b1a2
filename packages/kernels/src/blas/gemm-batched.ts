// Strided batched gemm (cuBLAS argument order): one matrix product per batch item, matrices at fixed strides.
import { assertFloat32, assertFloat64 } from '../internal/validate';
import { gemmCore32, gemmCore64 } from './internal/gemm-driver';
import { validateGemm } from './internal/gemm-validate';

/**
 * Computes `C[i] = alpha * op(A[i]) @ op(B[i]) + beta * C[i]` in f32 for each of `batchCount` batch items, where
 * matrix `X[i]` starts at `offsetX + i * strideX`.
 *
 * @remarks
 * Each product has the layout and semantics of {@link sgemm}: row-major, `C[i]` is `m x n`, `op(A[i])` is `m x k`,
 * `op(B[i])` is `k x n`. A stride of 0 broadcasts one matrix to every batch item (e.g. `strideB = 0` for shared
 * weights). The outputs of different batch items must not overlap (`strideC = 0` is rejected when
 * `batchCount > 1`), though they may interleave (e.g. `strideC = n` with `ldc = batchCount * n`), and `C` must
 * not share memory with `A` or `B`. `batchCount = 0` does nothing.
 *
 * @param transA - Whether to use `Aᵀ` instead of `A`.
 * @param transB - Whether to use `Bᵀ` instead of `B`.
 * @param m - Rows of each `C[i]` and `op(A[i])`.
 * @param n - Columns of each `C[i]` and `op(B[i])`.
 * @param k - Columns of `op(A[i])` and rows of `op(B[i])`.
 * @param alpha - Scale factor for the products.
 * @param a - Buffer holding the `A` matrices (Float32Array).
 * @param lda - Leading dimension of each `A[i]`.
 * @param strideA - Elements between the starts of consecutive `A` matrices; 0 reuses one matrix.
 * @param b - Buffer holding the `B` matrices (Float32Array).
 * @param ldb - Leading dimension of each `B[i]`.
 * @param strideB - Elements between the starts of consecutive `B` matrices; 0 reuses one matrix.
 * @param beta - Scale factor for the old `C[i]`; 0 means `C` is write-only.
 * @param c - Buffer holding the `C` matrices, updated in place (Float32Array).
 * @param ldc - Leading dimension of each `C[i]`.
 * @param strideC - Elements between the starts of consecutive `C` matrices.
 * @param batchCount - Number of products.
 * @param offsetA - Index of `A[0]` in `a` (default 0).
 * @param offsetB - Index of `B[0]` in `b` (default 0).
 * @param offsetC - Index of `C[0]` in `c` (default 0).
 * @throws {@link ShapeError} If a size, stride or offset is not a non-negative integer, a leading dimension is
 *   smaller than its stored row length, a batch overruns its buffer, two outputs overlap, or `c` shares memory
 *   with `a` or `b`.
 * @throws {@link DTypeError} If `a`, `b` or `c` is not a Float32Array.
 *
 * @example
 * ```ts
 * import { sgemmStridedBatched } from '@nanograd/kernels';
 * const a = new Float32Array([1, 2, 3, 4]); // two 1x2 matrices
 * const b = new Float32Array([10, 100]); // one 2x1 matrix, shared (strideB = 0)
 * const c = new Float32Array(2);
 * sgemmStridedBatched(false, false, 1, 1, 2, 1, a, 2, 2, b, 1, 0, 0, c, 1, 1, 2); // c is now [210, 430]
 * ```
 * @category BLAS
 */
export function sgemmStridedBatched(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float32Array,
  lda: number,
  strideA: number,
  b: Float32Array,
  ldb: number,
  strideB: number,
  beta: number,
  c: Float32Array,
  ldc: number,
  strideC: number,
  batchCount: number,
  offsetA = 0,
  offsetB = 0,
  offsetC = 0,
): void {
  validateGemm('sgemmStridedBatched', assertFloat32, true, transA, transB, m, n, k,
    a, lda, strideA, offsetA, b, ldb, strideB, offsetB, c, ldc, strideC, offsetC, batchCount);
  for (let i = 0; i < batchCount; i++) {
    const oa = offsetA + i * strideA;
    const ob = offsetB + i * strideB;
    gemmCore32(transA, transB, m, n, k, alpha, a, lda, oa, b, ldb, ob, beta, c, ldc, offsetC + i * strideC);
  }
}

/**
 * Computes `C[i] = alpha * op(A[i]) @ op(B[i]) + beta * C[i]` in f64 for each of `batchCount` batch items, where
 * matrix `X[i]` starts at `offsetX + i * strideX`.
 *
 * @remarks
 * The f64 twin of {@link sgemmStridedBatched}, with the layout and semantics of {@link dgemm} per batch item. A
 * stride of 0 broadcasts one matrix to every batch item; the outputs of different batch items must not overlap
 * and `C` must not share memory with `A` or `B`. `batchCount = 0` does nothing.
 *
 * @param transA - Whether to use `Aᵀ` instead of `A`.
 * @param transB - Whether to use `Bᵀ` instead of `B`.
 * @param m - Rows of each `C[i]` and `op(A[i])`.
 * @param n - Columns of each `C[i]` and `op(B[i])`.
 * @param k - Columns of `op(A[i])` and rows of `op(B[i])`.
 * @param alpha - Scale factor for the products.
 * @param a - Buffer holding the `A` matrices (Float64Array).
 * @param lda - Leading dimension of each `A[i]`.
 * @param strideA - Elements between the starts of consecutive `A` matrices; 0 reuses one matrix.
 * @param b - Buffer holding the `B` matrices (Float64Array).
 * @param ldb - Leading dimension of each `B[i]`.
 * @param strideB - Elements between the starts of consecutive `B` matrices; 0 reuses one matrix.
 * @param beta - Scale factor for the old `C[i]`; 0 means `C` is write-only.
 * @param c - Buffer holding the `C` matrices, updated in place (Float64Array).
 * @param ldc - Leading dimension of each `C[i]`.
 * @param strideC - Elements between the starts of consecutive `C` matrices.
 * @param batchCount - Number of products.
 * @param offsetA - Index of `A[0]` in `a` (default 0).
 * @param offsetB - Index of `B[0]` in `b` (default 0).
 * @param offsetC - Index of `C[0]` in `c` (default 0).
 * @throws {@link ShapeError} If a size, stride or offset is not a non-negative integer, a leading dimension is
 *   smaller than its stored row length, a batch overruns its buffer, two outputs overlap, or `c` shares memory
 *   with `a` or `b`.
 * @throws {@link DTypeError} If `a`, `b` or `c` is not a Float64Array.
 *
 * @example
 * ```ts
 * import { dgemmStridedBatched } from '@nanograd/kernels';
 * const a = new Float64Array([1, 0, 0, 1, 2, 0, 0, 2]); // two 2x2 matrices: I and 2I
 * const b = new Float64Array([1, 2, 3, 4, 5, 6, 7, 8]); // two 2x2 matrices
 * const c = new Float64Array(8);
 * dgemmStridedBatched(false, false, 2, 2, 2, 1, a, 2, 4, b, 2, 4, 0, c, 2, 4, 2); // c = [1, 2, 3, 4, 10, 12, 14, 16]
 * ```
 * @category BLAS
 */
export function dgemmStridedBatched(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float64Array,
  lda: number,
  strideA: number,
  b: Float64Array,
  ldb: number,
  strideB: number,
  beta: number,
  c: Float64Array,
  ldc: number,
  strideC: number,
  batchCount: number,
  offsetA = 0,
  offsetB = 0,
  offsetC = 0,
): void {
  validateGemm('dgemmStridedBatched', assertFloat64, true, transA, transB, m, n, k,
    a, lda, strideA, offsetA, b, ldb, strideB, offsetB, c, ldc, strideC, offsetC, batchCount);
  for (let i = 0; i < batchCount; i++) {
    const oa = offsetA + i * strideA;
    const ob = offsetB + i * strideB;
    gemmCore64(transA, transB, m, n, k, alpha, a, lda, oa, b, ldb, ob, beta, c, ldc, offsetC + i * strideC);
  }
}
