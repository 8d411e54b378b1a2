// Packing for the blocked GEMM: copies a block of op(A) or op(B) into k-major slivers.

/**
 * Packs `rows x kc` elements of a strided matrix into slivers of `width` rows: element `(r, p)`, read from
 * `src[offset + r * rowStride + p * kStride]`, goes to `dst[dstOffset + s * width * kc + p * width + r - s * width]`
 * for sliver `s = floor(r / width)`. The last sliver is zero-padded to `width` rows so that stale values (NaN,
 * subnormals) never enter the arithmetic of the padded lanes.
 *
 * @param src - Source matrix (Float32Array).
 * @param offset - Index of element `(0, 0)` in `src`.
 * @param rowStride - Step between consecutive rows (the m or n direction).
 * @param kStride - Step between consecutive k indices.
 * @param rows - Number of rows to pack.
 * @param kc - Number of k steps to pack.
 * @param width - Sliver width: `MR` for A, `NR` for B.
 * @param dst - Packing buffer, with room for `ceil(rows / width) * width * kc` values from `dstOffset`.
 * @param dstOffset - Index in `dst` of the first packed value.
 */
export function packPanel32(
  src: Float32Array,
  offset: number,
  rowStride: number,
  kStride: number,
  rows: number,
  kc: number,
  width: number,
  dst: number[],
  dstOffset: number,
): void {
  let d = dstOffset;
  for (let r0 = 0; r0 < rows; r0 += width) {
    const w = Math.min(width, rows - r0);
    let base = offset + r0 * rowStride;
    for (let p = 0; p < kc; p++, base += kStride, d += width) {
      for (let r = 0, s = base; r < w; r++, s += rowStride) dst[d + r] = src[s];
      for (let r = w; r < width; r++) dst[d + r] = 0;
    }
  }
}

/**
 * Packs `rows x kc` elements of a strided Float64Array into zero-padded slivers of `width` rows; the f64 twin of
 * {@link packPanel32} (a separate function so that each stays monomorphic).
 *
 * @param src - Source matrix (Float64Array).
 * @param offset - Index of element `(0, 0)` in `src`.
 * @param rowStride - Step between consecutive rows (the m or n direction).
 * @param kStride - Step between consecutive k indices.
 * @param rows - Number of rows to pack.
 * @param kc - Number of k steps to pack.
 * @param width - Sliver width: `MR` for A, `NR` for B.
 * @param dst - Packing buffer, with room for `ceil(rows / width) * width * kc` values from `dstOffset`.
 * @param dstOffset - Index in `dst` of the first packed value.
 */
export function packPanel64(
  src: Float64Array,
  offset: number,
  rowStride: number,
  kStride: number,
  rows: number,
  kc: number,
  width: number,
  dst: number[],
  dstOffset: number,
): void {
  let d = dstOffset;
  for (let r0 = 0; r0 < rows; r0 += width) {
    const w = Math.min(width, rows - r0);
    let base = offset + r0 * rowStride;
    for (let p = 0; p < kc; p++, base += kStride, d += width) {
      for (let r = 0, s = base; r < w; r++, s += rowStride) dst[d + r] = src[s];
      for (let r = w; r < width; r++) dst[d + r] = 0;
    }
  }
}
