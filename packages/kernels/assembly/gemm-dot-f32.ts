// C = alpha · A · Bᵀ + beta · C for A (m x k) and B (n x k) both row-major along k: a grid of dot products, for the
// shapes where packing costs more than the product (small m or n, long k, e.g. a conv weight gradient with
// k = batch · positions). No packing: a 2x4 tile of dot products streams two rows of A and four of B.

import { maddF32 } from './madd';

/** Elements of k per pass: the two A rows (8 KiB) stay in L1 while the tile walks across B. */
const KD: i32 = 1024;

function sumLanes(v: v128): f32 {
  return (f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1)) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
}

// Adds (or, on the first pass, writes with beta) alpha · value to C[i][j].
function update(c: usize, value: f32, alpha: f32, beta: f32, first: bool): void {
  const previous: f32 = first ? (beta == 0 ? 0 : beta * load<f32>(c)) : load<f32>(c);
  store<f32>(c, previous + alpha * value);
}

/** The dot-product form of sgemm for transA = false, transB = true; see the file comment. */
export function sgemmDot(
  m: i32, n: i32, k: i32, alpha: f32, a: usize, lda: i32, b: usize, ldb: i32, beta: f32, c: usize, ldc: i32,
): void {
  const aRow = <usize>lda * 4;
  const bRow = <usize>ldb * 4;
  const cRow = <usize>ldc * 4;
  for (let p0 = 0; p0 < k; p0 += KD) {
    const kd = min(KD, k - p0);
    const vectorBytes = <usize>(kd & ~3) * 4;
    const first = p0 == 0;
    for (let i = 0; i < m; i += 2) {
      // A ragged last row repeats the previous one; its results are not stored.
      const rows = min(2, m - i);
      const a0 = a + <usize>i * aRow + <usize>p0 * 4;
      const a1 = rows > 1 ? a0 + aRow : a0;
      for (let j = 0; j < n; j += 4) {
        const cols = min(4, n - j);
        const b0 = b + <usize>j * bRow + <usize>p0 * 4;
        const b1 = cols > 1 ? b0 + bRow : b0;
        const b2 = cols > 2 ? b0 + 2 * bRow : b0;
        const b3 = cols > 3 ? b0 + 3 * bRow : b0;
        let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c02 = f32x4.splat(0), c03 = f32x4.splat(0);
        let c10 = f32x4.splat(0), c11 = f32x4.splat(0), c12 = f32x4.splat(0), c13 = f32x4.splat(0);
        for (let p: usize = 0; p < vectorBytes; p += 16) {
          const x0 = v128.load(a0 + p);
          const x1 = v128.load(a1 + p);
          const y0 = v128.load(b0 + p);
          c00 = maddF32(x0, y0, c00);
          c10 = maddF32(x1, y0, c10);
          const y1 = v128.load(b1 + p);
          c01 = maddF32(x0, y1, c01);
          c11 = maddF32(x1, y1, c11);
          const y2 = v128.load(b2 + p);
          c02 = maddF32(x0, y2, c02);
          c12 = maddF32(x1, y2, c12);
          const y3 = v128.load(b3 + p);
          c03 = maddF32(x0, y3, c03);
          c13 = maddF32(x1, y3, c13);
        }
        let s00 = sumLanes(c00), s01 = sumLanes(c01), s02 = sumLanes(c02), s03 = sumLanes(c03);
        let s10 = sumLanes(c10), s11 = sumLanes(c11), s12 = sumLanes(c12), s13 = sumLanes(c13);
        for (let p = vectorBytes; p < <usize>kd * 4; p += 4) {
          const x0 = load<f32>(a0 + p);
          const x1 = load<f32>(a1 + p);
          const y0 = load<f32>(b0 + p), y1 = load<f32>(b1 + p), y2 = load<f32>(b2 + p), y3 = load<f32>(b3 + p);
          s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
          s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
        }
        const r0 = c + <usize>i * cRow + <usize>j * 4;
        update(r0, s00, alpha, beta, first);
        if (cols > 1) update(r0 + 4, s01, alpha, beta, first);
        if (cols > 2) update(r0 + 8, s02, alpha, beta, first);
        if (cols > 3) update(r0 + 12, s03, alpha, beta, first);
        if (rows > 1) {
          const r1 = r0 + cRow;
          update(r1, s10, alpha, beta, first);
          if (cols > 1) update(r1 + 4, s11, alpha, beta, first);
          if (cols > 2) update(r1 + 8, s12, alpha, beta, first);
          if (cols > 3) update(r1 + 12, s13, alpha, beta, first);
        }
      }
    }
  }
}
