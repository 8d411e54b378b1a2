// Double-precision GEMM: the f64x2 twin of gemm-f32.ts with a 4x4 register tile (8 accumulators).

// acc + a * b: one fused multiply-add where relaxed SIMD is enabled (see gemm-f32.ts).
function madd(a: v128, b: v128, acc: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f64x2.relaxed_madd(a, b, acc);
  return f64x2.add(acc, f64x2.mul(a, b));
}

/** Rows of the register tile. */
const MR: i32 = 4;
/** Columns of the register tile (two f64x2 vectors). */
const NR: i32 = 4;
/** Depth of a k-block: a packed A sliver plus B sliver ((MR + NR) x KC doubles, 16 KiB) stay in L1. */
export const DGEMM_KC: i32 = 256;
/** Rows of an m-block (multiple of MR): the packed A block (256 KiB) stays in L2. */
export const DGEMM_MC: i32 = 128;
/** Columns of an n-block (multiple of NR): the packed B panel (512 KiB at NC = 256) stays in L2/L3. */
export const DGEMM_NC: i32 = 256;
/** Bytes of scratch the caller passes as `work`: tile + packed A block + packed B panel. */
export const DGEMM_WORK_BYTES: i32 = 256 + (DGEMM_MC * DGEMM_KC + DGEMM_KC * DGEMM_NC) * 8;

// Packs op(A)[rows, kc] (element (i, p) at src + (i * rowStride + p * kStride) * 8) into MR-row slivers, zero-padded.
function packA(src: usize, rowStride: i32, kStride: i32, rows: i32, kc: i32, dst: usize): void {
  const rowBytes = <usize>rowStride * 8;
  const kBytes = <usize>kStride * 8;
  for (let i0 = 0; i0 < rows; i0 += MR) {
    const r0 = src + <usize>i0 * rowBytes;
    const height = min(MR, rows - i0);
    if (height == MR) {
      for (let p = 0; p < kc; p++) {
        const at = r0 + <usize>p * kBytes;
        store<f64>(dst, load<f64>(at));
        store<f64>(dst, load<f64>(at + rowBytes), 8);
        store<f64>(dst, load<f64>(at + 2 * rowBytes), 16);
        store<f64>(dst, load<f64>(at + 3 * rowBytes), 24);
        dst += 32;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        const at = r0 + <usize>p * kBytes;
        for (let i = 0; i < MR; i++) store<f64>(dst + <usize>i * 8, i < height ? load<f64>(at + <usize>i * rowBytes) : 0);
        dst += 32;
      }
    }
  }
}

// Packs op(B)[kc, cols] (element (p, j) at src + (p * kStride + j * colStride) * 8) into NR-column slivers.
function packB(src: usize, colStride: i32, kStride: i32, cols: i32, kc: i32, dst: usize): void {
  const colBytes = <usize>colStride * 8;
  const kBytes = <usize>kStride * 8;
  for (let j0 = 0; j0 < cols; j0 += NR) {
    const width = min(NR, cols - j0);
    const base = src + <usize>j0 * colBytes;
    if (colStride == 1 && width == NR) {
      for (let p = 0; p < kc; p++) {
        const row = base + <usize>p * kBytes;
        v128.store(dst, v128.load(row));
        v128.store(dst, v128.load(row, 16), 16);
        dst += 32;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        const row = base + <usize>p * kBytes;
        for (let j = 0; j < NR; j++) store<f64>(dst + <usize>j * 8, j < width ? load<f64>(row + <usize>j * colBytes) : 0);
        dst += 32;
      }
    }
  }
}

// Writes alpha * acc (+ beta * C) for one tile row of two vectors at c.
function storeRow(c: usize, v0: v128, v1: v128, alpha: v128, beta: v128, readC: bool): void {
  v0 = f64x2.mul(v0, alpha);
  v1 = f64x2.mul(v1, alpha);
  if (readC) {
    v0 = f64x2.add(v0, f64x2.mul(v128.load(c), beta));
    v1 = f64x2.add(v1, f64x2.mul(v128.load(c, 16), beta));
  }
  v128.store(c, v0);
  v128.store(c, v1, 16);
}

// C[mr x nr] = alpha * Apanel @ Bpanel + beta * C; partial tiles go through the `tile` scratch. Inlined into dgemm
// (V8 passes the arguments on the stack): ~15% faster at 512³.
function micro(
  kc: i32, pa: usize, pb: usize, c: usize, ldc: i32, mr: i32, nr: i32, alpha: f64, beta: f64, tile: usize,
): void {
  let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c10 = f64x2.splat(0), c11 = f64x2.splat(0);
  let c20 = f64x2.splat(0), c21 = f64x2.splat(0), c30 = f64x2.splat(0), c31 = f64x2.splat(0);
  // A pointer-bounded loop: one counter fewer per iteration measured ~15% faster (V8 is instruction-bound here).
  const end = pb + <usize>kc * 32;
  while (pb < end) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    const a0 = v128.load64_splat(pa);
    c00 = madd(a0, b0, c00);
    c01 = madd(a0, b1, c01);
    const a1 = v128.load64_splat(pa, 8);
    c10 = madd(a1, b0, c10);
    c11 = madd(a1, b1, c11);
    const a2 = v128.load64_splat(pa, 16);
    c20 = madd(a2, b0, c20);
    c21 = madd(a2, b1, c21);
    const a3 = v128.load64_splat(pa, 24);
    c30 = madd(a3, b0, c30);
    c31 = madd(a3, b1, c31);
    pa += 32;
    pb += 32;
  }
  const va = f64x2.splat(alpha);
  const vb = f64x2.splat(beta);
  const rowBytes = <usize>ldc * 8;
  if (mr == MR && nr == NR) {
    const readC = beta != 0;
    inline.always(storeRow(c, c00, c01, va, vb, readC));
    inline.always(storeRow(c + rowBytes, c10, c11, va, vb, readC));
    inline.always(storeRow(c + 2 * rowBytes, c20, c21, va, vb, readC));
    inline.always(storeRow(c + 3 * rowBytes, c30, c31, va, vb, readC));
    return;
  }
  inline.always(storeRow(tile, c00, c01, va, vb, false));
  inline.always(storeRow(tile + 32, c10, c11, va, vb, false));
  inline.always(storeRow(tile + 64, c20, c21, va, vb, false));
  inline.always(storeRow(tile + 96, c30, c31, va, vb, false));
  for (let i = 0; i < mr; i++) {
    const row = c + <usize>i * rowBytes;
    const t = tile + <usize>i * 32;
    for (let j = 0; j < nr; j++) {
      const at = row + <usize>j * 8;
      const value = load<f64>(t + <usize>j * 8);
      store<f64>(at, beta == 0 ? value : value + beta * load<f64>(at));
    }
  }
}

/**
 * C = alpha * op(A) @ op(B) + beta * C on row-major f64 matrices given by byte addresses; `work` holds
 * DGEMM_WORK_BYTES of 16-byte-aligned scratch. beta = 0 never reads C. Requires m, n, k > 0.
 */
export function dgemm(
  transA: bool, transB: bool, m: i32, n: i32, k: i32, alpha: f64,
  a: usize, lda: i32, b: usize, ldb: i32, beta: f64, c: usize, ldc: i32, work: usize,
): void {
  const tile = work;
  const packedA = work + 256;
  const packedB = packedA + <usize>(DGEMM_MC * DGEMM_KC) * 8;
  const aRow = transA ? 1 : lda;
  const aK = transA ? lda : 1;
  const bCol = transB ? ldb : 1;
  const bK = transB ? 1 : ldb;
  for (let jc = 0; jc < n; jc += DGEMM_NC) {
    const nc = min(DGEMM_NC, n - jc);
    for (let pc = 0; pc < k; pc += DGEMM_KC) {
      const kc = min(DGEMM_KC, k - pc);
      packB(b + (<usize>pc * bK + <usize>jc * bCol) * 8, bCol, bK, nc, kc, packedB);
      // The first k-block applies beta; later ones accumulate onto it.
      const blockBeta: f64 = pc == 0 ? beta : 1;
      for (let ic = 0; ic < m; ic += DGEMM_MC) {
        const mc = min(DGEMM_MC, m - ic);
        packA(a + (<usize>ic * aRow + <usize>pc * aK) * 8, aRow, aK, mc, kc, packedA);
        const cBlock = c + (<usize>ic * ldc + <usize>jc) * 8;
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = min(NR, nc - jr);
          const pb = packedB + <usize>jr * kc * 8;
          for (let ir = 0; ir < mc; ir += MR) {
            const mr = min(MR, mc - ir);
            inline.always(micro(kc, packedA + <usize>ir * kc * 8, pb, cBlock + (<usize>ir * ldc + <usize>jr) * 8, ldc, mr, nr, alpha, blockBeta, tile));
          }
        }
      }
    }
  }
}
