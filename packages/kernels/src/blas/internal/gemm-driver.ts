// GEMM drivers without argument checks: pick the scale-only, direct or blocked path for one matrix product.
import type { FloatArray } from '../../dtype';
import { A_PANEL_OFFSET, getPanels, KC, MC, macroKernel, MR, NC, NR } from './gemm-engine';
import { packPanel32, packPanel64 } from './gemm-pack';

/**
 * Up to this many multiply-adds (m * n * k) the direct loop beats packing: the blocked path wins from ~7³ on
 * (2.2 vs 1.0 GFLOP/s at 16³), while the direct loop wins for single rows or columns (padding wastes 3/4 or 2/3 of
 * a register tile there).
 */
const SMALL_GEMM_VOLUME = 256;

const EMPTY_F32 = new Float32Array(0);
const EMPTY_F64 = new Float64Array(0);

type PackPanel<T extends FloatArray> = (
  src: T,
  offset: number,
  rowStride: number,
  kStride: number,
  rows: number,
  kc: number,
  width: number,
  dst: number[],
  dstOffset: number,
) => void;

/**
 * Computes `C = alpha * op(A) @ op(B) + beta * C` on Float32Arrays; arguments must already be validated.
 *
 * @param transA - Whether op(A) is Aᵀ (A stored k x m).
 * @param transB - Whether op(B) is Bᵀ (B stored n x k).
 * @param m - Rows of C.
 * @param n - Columns of C.
 * @param k - Inner dimension.
 * @param alpha - Scale of the product.
 * @param a - Matrix A.
 * @param lda - Leading dimension of A.
 * @param offA - Index of A's first element.
 * @param b - Matrix B.
 * @param ldb - Leading dimension of B.
 * @param offB - Index of B's first element.
 * @param beta - Scale of the old C; 0 means C is write-only.
 * @param c - Output matrix C.
 * @param ldc - Leading dimension of C.
 * @param offC - Index of C's first element.
 */
export function gemmCore32(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float32Array,
  lda: number,
  offA: number,
  b: Float32Array,
  ldb: number,
  offB: number,
  beta: number,
  c: Float32Array,
  ldc: number,
  offC: number,
): void {
  if (m === 0 || n === 0) return;
  if (alpha === 0 || k === 0) {
    if (beta !== 1) scale32(m, n, beta, c, ldc, offC);
  } else if (m === 1 || n === 1 || m * n * k <= SMALL_GEMM_VOLUME) {
    direct32(transA, transB, m, n, k, alpha, a, lda, offA, b, ldb, offB, beta, c, ldc, offC);
  } else {
    blocked(packPanel32, transA, transB, m, n, k, alpha, a, lda, offA, b, ldb, offB, beta, c, EMPTY_F64, ldc, offC);
  }
}

/**
 * Computes `C = alpha * op(A) @ op(B) + beta * C` on Float64Arrays; arguments must already be validated.
 *
 * @param transA - Whether op(A) is Aᵀ (A stored k x m).
 * @param transB - Whether op(B) is Bᵀ (B stored n x k).
 * @param m - Rows of C.
 * @param n - Columns of C.
 * @param k - Inner dimension.
 * @param alpha - Scale of the product.
 * @param a - Matrix A.
 * @param lda - Leading dimension of A.
 * @param offA - Index of A's first element.
 * @param b - Matrix B.
 * @param ldb - Leading dimension of B.
 * @param offB - Index of B's first element.
 * @param beta - Scale of the old C; 0 means C is write-only.
 * @param c - Output matrix C.
 * @param ldc - Leading dimension of C.
 * @param offC - Index of C's first element.
 */
export function gemmCore64(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float64Array,
  lda: number,
  offA: number,
  b: Float64Array,
  ldb: number,
  offB: number,
  beta: number,
  c: Float64Array,
  ldc: number,
  offC: number,
): void {
  if (m === 0 || n === 0) return;
  if (alpha === 0 || k === 0) {
    if (beta !== 1) scale64(m, n, beta, c, ldc, offC);
  } else if (m === 1 || n === 1 || m * n * k <= SMALL_GEMM_VOLUME) {
    direct64(transA, transB, m, n, k, alpha, a, lda, offA, b, ldb, offB, beta, c, ldc, offC);
  } else {
    blocked(packPanel64, transA, transB, m, n, k, alpha, a, lda, offA, b, ldb, offB, beta, EMPTY_F32, c, ldc, offC);
  }
}

/** Splits `size` into equal blocks of at most `max`, rounded up to a multiple of `unit` (no tiny last block). */
function blockStep(size: number, max: number, unit: number): number {
  const blocks = Math.ceil(size / max);
  return Math.ceil(Math.ceil(size / blocks) / unit) * unit;
}

// Goto-style loop nest: n-blocks, then k-blocks (pack B), then m-blocks (pack A), then the macro-kernel.
function blocked<T extends FloatArray>(
  pack: PackPanel<T>,
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: T,
  lda: number,
  offA: number,
  b: T,
  ldb: number,
  offB: number,
  beta: number,
  c32: Float32Array,
  c64: Float64Array,
  ldc: number,
  offC: number,
): void {
  const panels = getPanels();
  // op(A)[i, p] = a[offA + i * aRow + p * aK] and op(B)[p, j] = b[offB + p * bK + j * bCol].
  const aRow = transA ? 1 : lda;
  const aK = transA ? lda : 1;
  const bCol = transB ? ldb : 1;
  const bK = transB ? 1 : ldb;
  const nStep = blockStep(n, NC, NR);
  const kStep = blockStep(k, KC, 1);
  const mStep = blockStep(m, MC, MR);
  for (let jc = 0; jc < n; jc += nStep) {
    const nc = Math.min(nStep, n - jc);
    for (let pc = 0; pc < k; pc += kStep) {
      const kc = Math.min(kStep, k - pc);
      pack(b, offB + pc * bK + jc * bCol, bCol, bK, nc, kc, NR, panels, 0);
      // The first k-block applies beta; later ones accumulate onto it.
      const blockBeta = pc === 0 ? beta : 1;
      for (let ic = 0; ic < m; ic += mStep) {
        const mc = Math.min(mStep, m - ic);
        pack(a, offA + ic * aRow + pc * aK, aRow, aK, mc, kc, MR, panels, A_PANEL_OFFSET);
        macroKernel(panels, mc, nc, kc, alpha, blockBeta, c32, c64, offC + ic * ldc + jc, ldc);
      }
    }
  }
}

// Direct path for small products: one double-precision dot product per element of C, rounded once.
function direct32(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float32Array,
  lda: number,
  offA: number,
  b: Float32Array,
  ldb: number,
  offB: number,
  beta: number,
  c: Float32Array,
  ldc: number,
  offC: number,
): void {
  const aRow = transA ? 1 : lda;
  const aK = transA ? lda : 1;
  const bCol = transB ? ldb : 1;
  const bK = transB ? 1 : ldb;
  for (let i = 0, aBase = offA, cRow = offC; i < m; i++, aBase += aRow, cRow += ldc) {
    for (let j = 0, bBase = offB; j < n; j++, bBase += bCol) {
      let sum = 0;
      for (let p = 0, ia = aBase, ib = bBase; p < k; p++, ia += aK, ib += bK) sum += a[ia] * b[ib];
      c[cRow + j] = beta === 0 ? alpha * sum : alpha * sum + beta * c[cRow + j];
    }
  }
}

// The f64 twin of direct32 (separate so that each stays monomorphic).
function direct64(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float64Array,
  lda: number,
  offA: number,
  b: Float64Array,
  ldb: number,
  offB: number,
  beta: number,
  c: Float64Array,
  ldc: number,
  offC: number,
): void {
  const aRow = transA ? 1 : lda;
  const aK = transA ? lda : 1;
  const bCol = transB ? ldb : 1;
  const bK = transB ? 1 : ldb;
  for (let i = 0, aBase = offA, cRow = offC; i < m; i++, aBase += aRow, cRow += ldc) {
    for (let j = 0, bBase = offB; j < n; j++, bBase += bCol) {
      let sum = 0;
      for (let p = 0, ia = aBase, ib = bBase; p < k; p++, ia += aK, ib += bK) sum += a[ia] * b[ib];
      c[cRow + j] = beta === 0 ? alpha * sum : alpha * sum + beta * c[cRow + j];
    }
  }
}

// C = beta * C; beta = 0 overwrites with zeros without reading C.
function scale32(m: number, n: number, beta: number, c: Float32Array, ldc: number, offC: number): void {
  for (let i = 0, row = offC; i < m; i++, row += ldc) {
    if (beta === 0) c.fill(0, row, row + n);
    else for (let j = row; j < row + n; j++) c[j] *= beta;
  }
}

function scale64(m: number, n: number, beta: number, c: Float64Array, ldc: number, offC: number): void {
  for (let i = 0, row = offC; i < m; i++, row += ldc) {
    if (beta === 0) c.fill(0, row, row + n);
    else for (let j = row; j < row + n; j++) c[j] *= beta;
  }
}
