// Batches of small products in one call: attention multiplies dozens of 32x32x16 matrices per head and batch item, and
// a JS loop paid about a microsecond of call overhead per product. Two batch levels cover (batch, heads) views, so a
// thread pool can split the outer level across threads.
import { dgemm } from './gemm-f64';
import { sgemm } from './gemm-f32';

// One loop for both precisions: T (f32 or f64) picks sgemm or dgemm at compile time.
function gemmBatch<T>(
  transA: bool, transB: bool, m: i32, n: i32, k: i32, a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32,
  outer: i32, aOuter: i32, bOuter: i32, cOuter: i32, inner: i32, aInner: i32, bInner: i32, cInner: i32, work: usize,
): void {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      // Strides may be negative (reversed views): the wrapped unsigned sum is the right address.
      const at = a + <usize>(o * aOuter + i * aInner);
      const bt = b + <usize>(o * bOuter + i * bInner);
      const ct = c + <usize>(o * cOuter + i * cInner);
      if (sizeof<T>() == 4) sgemm(transA, transB, m, n, k, 1, at, lda, bt, ldb, 0, ct, ldc, work);
      else dgemm(transA, transB, m, n, k, 1, at, lda, bt, ldb, 0, ct, ldc, work);
    }
  }
}

/**
 * C[o, i] = op(A[o, i]) @ op(B[o, i]) for o < outer, i < inner: sgemm (alpha 1, beta 0) on each pair, the operands
 * moving by the given byte strides per batch index (0 for a broadcast operand). `work` as for sgemm.
 */
export function sgemmBatch(
  transA: bool, transB: bool, m: i32, n: i32, k: i32, a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32,
  outer: i32, aOuter: i32, bOuter: i32, cOuter: i32, inner: i32, aInner: i32, bInner: i32, cInner: i32, work: usize,
): void {
  gemmBatch<f32>(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, outer, aOuter, bOuter, cOuter, inner, aInner, bInner, cInner, work);
}

/** The f64 twin of sgemmBatch (dgemm on each pair; `work` as for dgemm). */
export function dgemmBatch(
  transA: bool, transB: bool, m: i32, n: i32, k: i32, a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32,
  outer: i32, aOuter: i32, bOuter: i32, cOuter: i32, inner: i32, aInner: i32, bInner: i32, cInner: i32, work: usize,
): void {
  gemmBatch<f64>(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, outer, aOuter, bOuter, cOuter, inner, aInner, bInner, cInner, work);
}
