// Single-precision GEMM: Goto-style cache blocking around a 2x16 f32x4 register tile (8 accumulators + 4 B vectors +
// 2 A broadcasts + a product = V8's 15 allocatable xmm registers). Built twice: plain SIMD (mul + add) and relaxed
// SIMD (fused relaxed_madd: 52 vs 47 GFLOP/s at 512³ on one Zen 4 core); ASC_FEATURE_RELAXED_SIMD picks the variant
// at compile time. Larger tiles (3x12, 5x8, 2x20) measured ~2x slower on V8 11.3: TurboFan issues all of a k-step's
// loads before its arithmetic, so loaded vectors + accumulators + a product must fit in 15 registers or it spills
// accumulators. With this tile KC 128-512, MC 64-256 and NC 256-1024 measured alike (also with pre-broadcast A).
// Plain SIMD is bound by Zen's two mul + two add pipes and its 6-wide dispatch (16 FP ops + 6 loads per k-step):
// pre-broadcast A (no vbroadcastss in the loop) and the 4x k-unroll in micro gained ~1.5 GFLOP/s on one thread
// (512³ upper quartile 43.8 -> 45.3, best 45.2 -> 47.5; 128x784x128 44.6 -> 46.0, best 45.3 -> 47.1: interleaved
// in-process runs on a loaded machine) and left relaxed SIMD unchanged. The micro-kernel alone on L1-resident slivers
// runs ~50 GFLOP/s, packing costs ~3%. Tried and dropped (no gain in sgemm): exit
// tests on never-true conditions instead of pointer bumps (+6% on the bare kernel, nothing in sgemm), an 8x unroll,
// a 4x8 tile (4 pre-broadcast A rows x 2 B vectors), swapped mul/add operand order, a mid-loop break on a
// precomputed bound (TurboFan recomputes it inside the loop).

import { sgemmDot } from './gemm-dot-f32';
import { maddF32 } from './madd';

/** A · Bᵀ with a short side at most this and k at least DOT_MIN_K runs as dot products (gemm-dot-f32.ts), unpacked. */
const DOT_MAX_SIDE: i32 = 32;
const DOT_MIN_K: i32 = 512;

/** Lanes of one packed A element: pre-broadcast to f32x4 for plain SIMD, a plain f32 for relaxed SIMD (see packA). */
const A_LANES: i32 = ASC_FEATURE_RELAXED_SIMD ? 1 : 4;
/** Bytes of one packed A element. */
const A_BYTES: i32 = 4 * A_LANES;
/** Rows of the register tile. */
const MR: i32 = 2;
/** Columns of the register tile (four f32x4 vectors). */
const NR: i32 = 16;
/** Most depth of a k-block: a packed B sliver (16 KiB) plus A sliver (8 or 2 KiB) stay in L1 (KC 128-384 measured alike). */
export const SGEMM_KC: i32 = 256;
/** Rows of an m-block (multiple of MR): the packed A block (512 KiB pre-broadcast, 128 KiB relaxed) stays in L2. */
export const SGEMM_MC: i32 = 128;
/** Columns of an n-block (multiple of NR): the packed B panel (512 KiB) stays in L2/L3. */
export const SGEMM_NC: i32 = 512;
/** Bytes of scratch the caller passes as `work`: tile + packed A block + packed B panel. */
export const SGEMM_WORK_BYTES: i32 = 256 + SGEMM_MC * SGEMM_KC * A_BYTES + SGEMM_KC * SGEMM_NC * 4;

// Packs op(A)[rows, kc] (element (i, p) at src + (i * rowStride + p * kStride) * 4) into MR-row slivers, zero-padded:
// (a0, a1) per k, each A_LANES wide. Plain SIMD stores them pre-broadcast so the micro-kernel loads them with v128.load:
// a load32_splat there is a vbroadcastss that takes a shuffle slot of Zen's mul/add pipes, the bottleneck with separate
// mul and add (with the k-loop below: 512³ 44 -> 46, 128x784x128 45 -> 46.5 GFLOP/s, interleaved medians). Relaxed
// SIMD's fused madd leaves those pipes slack, and there plain f32 (4x fewer bytes to pack) is ~4% faster at 128x784x128.
// Whole slivers of row-major A go 4 k at a time through shuffles; the rest element by element.
function packA(src: usize, rowStride: i32, kStride: i32, rows: i32, kc: i32, dst: usize): void {
  const rowBytes = <usize>rowStride * 4;
  const kBytes = <usize>kStride * 4;
  for (let i0 = 0; i0 < rows; i0 += MR) {
    const r0 = src + <usize>i0 * rowBytes;
    const height = min(MR, rows - i0);
    let p = 0;
    if (height == MR && kStride == 1) {
      for (; p + 4 <= kc; p += 4) {
        const x0 = v128.load(r0 + <usize>p * 4);
        const x1 = v128.load(r0 + rowBytes + <usize>p * 4);
        if (A_LANES == 4) {
          v128.store(dst, i32x4.shuffle(x0, x0, 0, 0, 0, 0));
          v128.store(dst, i32x4.shuffle(x1, x1, 0, 0, 0, 0), 16);
          v128.store(dst, i32x4.shuffle(x0, x0, 1, 1, 1, 1), 32);
          v128.store(dst, i32x4.shuffle(x1, x1, 1, 1, 1, 1), 48);
          v128.store(dst, i32x4.shuffle(x0, x0, 2, 2, 2, 2), 64);
          v128.store(dst, i32x4.shuffle(x1, x1, 2, 2, 2, 2), 80);
          v128.store(dst, i32x4.shuffle(x0, x0, 3, 3, 3, 3), 96);
          v128.store(dst, i32x4.shuffle(x1, x1, 3, 3, 3, 3), 112);
        } else {
          v128.store(dst, i32x4.shuffle(x0, x1, 0, 4, 1, 5));
          v128.store(dst, i32x4.shuffle(x0, x1, 2, 6, 3, 7), 16);
        }
        dst += 4 * MR * A_BYTES;
      }
    } else if (A_LANES == 1 && height == MR && rowStride == 1) {
      for (; p < kc; p++) {
        store<u64>(dst, load<u64>(r0 + <usize>p * kBytes));
        dst += 8;
      }
    }
    for (; p < kc; p++) {
      const at = r0 + <usize>p * kBytes;
      if (A_LANES == 4) {
        v128.store(dst, v128.load32_splat(at));
        v128.store(dst, height > 1 ? v128.load32_splat(at + rowBytes) : f32x4.splat(0), 16);
      } else {
        store<f32>(dst, load<f32>(at));
        store<f32>(dst, height > 1 ? load<f32>(at + rowBytes) : 0, 4);
      }
      dst += MR * A_BYTES;
    }
  }
}

// Row 0's and row 1's A element of one k-step of a packed sliver, broadcast to all lanes (small: binaryen inlines them).
function loadA0(pa: usize): v128 {
  return A_LANES == 4 ? v128.load(pa) : v128.load32_splat(pa);
}
function loadA1(pa: usize): v128 {
  return A_LANES == 4 ? v128.load(pa, 16) : v128.load32_splat(pa, 4);
}

// Packs op(B)[kc, cols] (element (p, j) at src + (p * kStride + j * colStride) * 4) into NR-column slivers of kc
// rows, zero-padded. Row-major B is copied row by row (long contiguous reads the prefetcher follows); transposed B
// (kStride 1) is transposed 4x4 at a time with shuffles.
function packB(src: usize, colStride: i32, kStride: i32, cols: i32, kc: i32, dst: usize): void {
  const colBytes = <usize>colStride * 4;
  const kBytes = <usize>kStride * 4;
  const sliverBytes = <usize>kc * 64;
  const full = cols & ~(NR - 1);
  if (colStride == 1) {
    for (let p = 0; p < kc; p++) {
      const row = src + <usize>p * kBytes;
      let to = dst + <usize>p * 64;
      for (let j0 = 0; j0 < full; j0 += NR) {
        const from = row + <usize>j0 * 4;
        v128.store(to, v128.load(from));
        v128.store(to, v128.load(from, 16), 16);
        v128.store(to, v128.load(from, 32), 32);
        v128.store(to, v128.load(from, 48), 48);
        to += sliverBytes;
      }
    }
  } else if (kStride == 1) {
    const kc4 = kc & ~3;
    for (let j0 = 0; j0 < full; j0 += NR) {
      const column = src + <usize>j0 * colBytes;
      const sliver = dst + <usize>j0 * kc * 4;
      for (let q = 0; q < NR; q += 4) {
        const c0 = column + <usize>q * colBytes;
        const c1 = c0 + colBytes;
        const c2 = c1 + colBytes;
        const c3 = c2 + colBytes;
        let to = sliver + <usize>q * 4;
        for (let p = 0; p < kc4; p += 4) {
          const offset = <usize>p * 4;
          const r0 = v128.load(c0 + offset);
          const r1 = v128.load(c1 + offset);
          const r2 = v128.load(c2 + offset);
          const r3 = v128.load(c3 + offset);
          const lo01 = i32x4.shuffle(r0, r1, 0, 4, 1, 5);
          const hi01 = i32x4.shuffle(r0, r1, 2, 6, 3, 7);
          const lo23 = i32x4.shuffle(r2, r3, 0, 4, 1, 5);
          const hi23 = i32x4.shuffle(r2, r3, 2, 6, 3, 7);
          v128.store(to, i32x4.shuffle(lo01, lo23, 0, 1, 4, 5));
          v128.store(to, i32x4.shuffle(lo01, lo23, 2, 3, 6, 7), 64);
          v128.store(to, i32x4.shuffle(hi01, hi23, 0, 1, 4, 5), 128);
          v128.store(to, i32x4.shuffle(hi01, hi23, 2, 3, 6, 7), 192);
          to += 256;
        }
        for (let p = kc4; p < kc; p++) {
          const offset = <usize>p * 4;
          store<f32>(to, load<f32>(c0 + offset));
          store<f32>(to, load<f32>(c1 + offset), 4);
          store<f32>(to, load<f32>(c2 + offset), 8);
          store<f32>(to, load<f32>(c3 + offset), 12);
          to += 64;
        }
      }
    }
  } else {
    packSliverScalar(src, colBytes, kBytes, 0, full, kc, dst);
  }
  if (full < cols) packSliverScalar(src, colBytes, kBytes, full, cols, kc, dst + <usize>full * kc * 4);
}

// Packs the slivers of columns [j0, cols) element by element (strided or ragged), zero-padding the last one.
function packSliverScalar(src: usize, colBytes: usize, kBytes: usize, j0: i32, cols: i32, kc: i32, dst: usize): void {
  for (; j0 < cols; j0 += NR) {
    const width = min(NR, cols - j0);
    const base = src + <usize>j0 * colBytes;
    for (let p = 0; p < kc; p++) {
      const row = base + <usize>p * kBytes;
      for (let j = 0; j < NR; j++) store<f32>(dst + <usize>j * 4, j < width ? load<f32>(row + <usize>j * colBytes) : 0);
      dst += 64;
    }
  }
}

// Writes alpha * acc (+ beta * C) for one tile row of four vectors at c.
function storeRow4(c: usize, v0: v128, v1: v128, v2: v128, v3: v128, alpha: v128, beta: v128, readC: bool): void {
  v0 = f32x4.mul(v0, alpha); v1 = f32x4.mul(v1, alpha); v2 = f32x4.mul(v2, alpha); v3 = f32x4.mul(v3, alpha);
  if (readC) {
    v0 = f32x4.add(v0, f32x4.mul(v128.load(c), beta));
    v1 = f32x4.add(v1, f32x4.mul(v128.load(c, 16), beta));
    v2 = f32x4.add(v2, f32x4.mul(v128.load(c, 32), beta));
    v3 = f32x4.add(v3, f32x4.mul(v128.load(c, 48), beta));
  }
  v128.store(c, v0); v128.store(c, v1, 16); v128.store(c, v2, 32); v128.store(c, v3, 48);
}

// C[mr x nr] = alpha * Apanel @ Bpanel + beta * C; partial tiles go through the `tile` scratch. Inlined into sgemm:
// V8 passes the ten arguments on the stack, and the call cost ~8% at 512³ (41 -> 44.6 GFLOP/s). The k-loop is unrolled
// 4x by hand with an exit test after every step: the branch keeps TurboFan from hoisting the next step's loads above
// this step's arithmetic (which spills: a plain 2x unroll measured ~35% slower), and one B pointer bump and one stack
// check per 4 steps leave ~2.5 loop instructions per step instead of ~4 (512³ plain 45.5 -> 46.5 GFLOP/s medians).
function micro(
  kc: i32, pa: usize, pb: usize, c: usize, ldc: i32, mr: i32, nr: i32, alpha: f32, beta: f32, tile: usize,
): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c02 = f32x4.splat(0), c03 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0), c12 = f32x4.splat(0), c13 = f32x4.splat(0);
  let a0: v128, a1: v128, b0: v128, b1: v128, b2: v128, b3: v128;
  const end = pa + <usize>kc * (MR * A_BYTES);
  while (true) {
    a0 = loadA0(pa); a1 = loadA1(pa);
    b0 = v128.load(pb); b1 = v128.load(pb, 16); b2 = v128.load(pb, 32); b3 = v128.load(pb, 48);
    c00 = maddF32(a0, b0, c00); c01 = maddF32(a0, b1, c01); c02 = maddF32(a0, b2, c02); c03 = maddF32(a0, b3, c03);
    c10 = maddF32(a1, b0, c10); c11 = maddF32(a1, b1, c11); c12 = maddF32(a1, b2, c12); c13 = maddF32(a1, b3, c13);
    pa += MR * A_BYTES;
    if (pa >= end) break;
    a0 = loadA0(pa); a1 = loadA1(pa);
    b0 = v128.load(pb, 64); b1 = v128.load(pb, 80); b2 = v128.load(pb, 96); b3 = v128.load(pb, 112);
    c00 = maddF32(a0, b0, c00); c01 = maddF32(a0, b1, c01); c02 = maddF32(a0, b2, c02); c03 = maddF32(a0, b3, c03);
    c10 = maddF32(a1, b0, c10); c11 = maddF32(a1, b1, c11); c12 = maddF32(a1, b2, c12); c13 = maddF32(a1, b3, c13);
    pa += MR * A_BYTES;
    if (pa >= end) break;
    a0 = loadA0(pa); a1 = loadA1(pa);
    b0 = v128.load(pb, 128); b1 = v128.load(pb, 144); b2 = v128.load(pb, 160); b3 = v128.load(pb, 176);
    c00 = maddF32(a0, b0, c00); c01 = maddF32(a0, b1, c01); c02 = maddF32(a0, b2, c02); c03 = maddF32(a0, b3, c03);
    c10 = maddF32(a1, b0, c10); c11 = maddF32(a1, b1, c11); c12 = maddF32(a1, b2, c12); c13 = maddF32(a1, b3, c13);
    pa += MR * A_BYTES;
    if (pa >= end) break;
    a0 = loadA0(pa); a1 = loadA1(pa);
    b0 = v128.load(pb, 192); b1 = v128.load(pb, 208); b2 = v128.load(pb, 224); b3 = v128.load(pb, 240);
    c00 = maddF32(a0, b0, c00); c01 = maddF32(a0, b1, c01); c02 = maddF32(a0, b2, c02); c03 = maddF32(a0, b3, c03);
    c10 = maddF32(a1, b0, c10); c11 = maddF32(a1, b1, c11); c12 = maddF32(a1, b2, c12); c13 = maddF32(a1, b3, c13);
    pa += MR * A_BYTES;
    pb += 4 * NR * 4;
    if (pa >= end) break;
  }
  const va = f32x4.splat(alpha);
  const vb = f32x4.splat(beta);
  const rowBytes = <usize>ldc * 4;
  if (mr == MR && nr == NR) {
    const readC = beta != 0;
    inline.always(storeRow4(c, c00, c01, c02, c03, va, vb, readC));
    inline.always(storeRow4(c + rowBytes, c10, c11, c12, c13, va, vb, readC));
    return;
  }
  inline.always(storeRow4(tile, c00, c01, c02, c03, va, vb, false));
  inline.always(storeRow4(tile + 64, c10, c11, c12, c13, va, vb, false));
  for (let i = 0; i < mr; i++) {
    const row = c + <usize>i * rowBytes;
    const t = tile + <usize>i * 64;
    for (let j = 0; j < nr; j++) {
      const at = row + <usize>j * 4;
      const value = load<f32>(t + <usize>j * 4);
      store<f32>(at, beta == 0 ? value : value + beta * load<f32>(at));
    }
  }
}

// Depth of the k-blocks of a k-long product: at most SGEMM_KC, split evenly (784 as 4 x 196 rather than 3 x 256 + 16,
// whose thin last block costs a whole pass of C stores for little work: ~1% at 128x784x128).
function kBlockDepth(k: i32): i32 {
  const blocks = (k + SGEMM_KC - 1) / SGEMM_KC;
  return (k + blocks - 1) / blocks;
}

/** Whether sgemm takes the unpacked dot-product route for these operands (and so never packs B). */
export function sgemmUsesDot(transA: bool, transB: bool, m: i32, n: i32, k: i32): bool {
  return !transA && transB && k >= DOT_MIN_K && min(m, n) <= DOT_MAX_SIDE;
}

/**
 * C = alpha * op(A) @ op(B) + beta * C on row-major f32 matrices given by byte addresses; `work` holds
 * SGEMM_WORK_BYTES of 16-byte-aligned scratch. beta = 0 never reads C. Requires m, n, k > 0.
 */
export function sgemm(
  transA: bool, transB: bool, m: i32, n: i32, k: i32, alpha: f32,
  a: usize, lda: i32, b: usize, ldb: i32, beta: f32, c: usize, ldc: i32, work: usize,
): void {
  if (sgemmUsesDot(transA, transB, m, n, k)) {
    sgemmDot(m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    return;
  }
  const packedB = work + 256 + <usize>(SGEMM_MC * SGEMM_KC * A_BYTES);
  const bCol = transB ? ldb : 1;
  const bK = transB ? 1 : ldb;
  const kStep = kBlockDepth(k);
  for (let jc = 0; jc < n; jc += SGEMM_NC) {
    const nc = min(SGEMM_NC, n - jc);
    for (let pc = 0; pc < k; pc += kStep) {
      const kc = min(kStep, k - pc);
      packB(b + (<usize>pc * bK + <usize>jc * bCol) * 4, bCol, bK, nc, kc, packedB);
      blockRows(transA, m, nc, kc, alpha, a + <usize>pc * (transA ? lda : 1) * 4, lda, packedB, pc == 0 ? beta : 1, c + <usize>jc * 4, ldc, work);
    }
  }
}

// C[m x nc] = alpha * op(A)[m x kc] @ one packed (kc x nc) panel of B + beta * C, packing A block by block into
// `work` (the tile and packed A regions of SGEMM_WORK_BYTES). The first k-block passes beta; later ones pass 1.
function blockRows(
  transA: bool, m: i32, nc: i32, kc: i32, alpha: f32, a: usize, lda: i32, packedB: usize, beta: f32, c: usize, ldc: i32,
  work: usize,
): void {
  const tile = work;
  const packedA = work + 256;
  const aRow = transA ? 1 : lda;
  const aK = transA ? lda : 1;
  for (let ic = 0; ic < m; ic += SGEMM_MC) {
    const mc = min(SGEMM_MC, m - ic);
    packA(a + <usize>ic * aRow * 4, aRow, aK, mc, kc, packedA);
    const cBlock = c + <usize>ic * ldc * 4;
    for (let jr = 0; jr < nc; jr += NR) {
      const nr = min(NR, nc - jr);
      const pb = packedB + <usize>jr * kc * 4;
      for (let ir = 0; ir < mc; ir += MR) {
        const mr = min(MR, mc - ir);
        inline.always(micro(kc, packedA + <usize>ir * kc * A_BYTES, pb, cBlock + (<usize>ir * ldc + <usize>jr) * 4, ldc, mr, nr, alpha, beta, tile));
      }
    }
  }
}

/** Columns of op(B) rounded up to whole slivers: the packed layout's width. */
function paddedColumns(n: i32): i32 {
  return (n + NR - 1) & ~(NR - 1);
}

/** Bytes of op(B) (k x n) packed whole by sgemmPackB: every (n-block, k-block) panel of slivers, back to back. */
export function sgemmPackedBytes(n: i32, k: i32): usize {
  return <usize>paddedColumns(n) * <usize>k * 4;
}

/**
 * Packs columns [j0, j1) of op(B) (k x n) into `packed`, laid out as sgemm packs its panels: the block of columns
 * jc (a multiple of SGEMM_NC) starts at jc * k floats, its k-block pc (steps of kBlockDepth(k)) at pc * (padded block width), its sliver
 * of columns j at (j - jc) * kc. j0 must be a multiple of NR; threads may pack disjoint ranges concurrently.
 */
export function sgemmPackB(transB: bool, n: i32, k: i32, b: usize, ldb: i32, packed: usize, j0: i32, j1: i32): void {
  const bCol = transB ? ldb : 1;
  const bK = transB ? 1 : ldb;
  j1 = min(j1, n);
  const kStep = kBlockDepth(k);
  for (let jc = j0 - j0 % SGEMM_NC; jc < j1; jc += SGEMM_NC) {
    const nc = min(SGEMM_NC, n - jc);
    const from = max(j0, jc);
    const to = min(j1, jc + nc);
    const width = paddedColumns(nc);
    for (let pc = 0; pc < k; pc += kStep) {
      const kc = min(kStep, k - pc);
      const dst = packed + (<usize>jc * k + <usize>pc * width + <usize>(from - jc) * kc) * 4;
      packB(b + (<usize>pc * bK + <usize>from * bCol) * 4, bCol, bK, to - from, kc, dst);
    }
  }
}

/**
 * sgemm with op(B) already packed whole by sgemmPackB (same n and k): threads that split C by rows share one
 * packing of B instead of each packing its own. `work` is the caller's SGEMM_WORK_BYTES scratch.
 */
export function sgemmPacked(
  transA: bool, m: i32, n: i32, k: i32, alpha: f32, a: usize, lda: i32, packed: usize, beta: f32, c: usize, ldc: i32,
  work: usize,
): void {
  const kStep = kBlockDepth(k);
  for (let jc = 0; jc < n; jc += SGEMM_NC) {
    const nc = min(SGEMM_NC, n - jc);
    const width = paddedColumns(nc);
    for (let pc = 0; pc < k; pc += kStep) {
      const kc = min(kStep, k - pc);
      const panel = packed + (<usize>jc * k + <usize>pc * width) * 4;
      blockRows(transA, m, nc, kc, alpha, a + <usize>pc * (transA ? lda : 1) * 4, lda, panel, pc == 0 ? beta : 1, c + <usize>jc * 4, ldc, work);
    }
  }
}
