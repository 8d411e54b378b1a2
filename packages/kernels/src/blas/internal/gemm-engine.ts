// The blocked GEMM macro-kernel: a 4x3 register-tiled micro-kernel over packed panels in one array of doubles.

/** Rows of the register tile (and of each packed A sliver). */
export const MR = 4;
/** Columns of the register tile (and of each packed B sliver). */
export const NR = 3;
/** Largest k-block: a packed sliver pair, (MR + NR) x KC doubles (14 KiB), stays in L1 during a micro-kernel call. */
export const KC = 256;
/** Largest m-block (a multiple of MR): the packed MC x KC block of A (256 KiB) stays in L2. */
export const MC = 128;
/** Largest n-block (a multiple of NR): the packed KC x NC panel of B (768 KiB) stays in L2/L3. */
export const NC = 384;

/** Where the packed block of op(A) starts in the packing buffer; the panel of op(B) starts at 0. */
export const A_PANEL_OFFSET: number = NC * KC;

/**
 * The packing buffer, a plain array of doubles rather than a Float64Array: once any ArrayBuffer in the process has
 * been detached (tsx, vitest and `postMessage` transfers do that), V8 reloads a typed array's length and data
 * pointer for every element access in the hot loop, while a double array costs one map check per iteration
 * (measured 5.2-5.4 vs 4.5-4.8 GFLOP/s). A and B share the array so that check runs once per k step.
 */
let panels: number[] | null = null;

/** Accumulators of one register tile, for the write-back of possibly partial tiles. */
const tile: number[] = doubleArray(MR * NR);

/**
 * Returns the packing buffer (1 MiB, allocated on first use): the op(B) panel as NR-column slivers from index 0,
 * the op(A) block as MR-row slivers from {@link A_PANEL_OFFSET}. Each sliver is stored k-major (`width` values per
 * k step) and zero-padded to its full width.
 */
export function getPanels(): number[] {
  if (panels === null) panels = doubleArray(A_PANEL_OFFSET + MC * KC);
  return panels;
}

/** Returns an array of `size` doubles that V8 stores unboxed (PACKED_DOUBLE_ELEMENTS) from the start. */
function doubleArray(size: number): number[] {
  const array: number[] = [];
  for (let i = 0; i < size; i++) array.push(0.5);
  return array;
}

/**
 * Computes `C = beta * C + alpha * Apack @ Bpack` for the `mc x nc` block of C at `offC`, reading the first `kc`
 * k steps of every packed sliver. Exactly one of `c32` and `c64` is the real C; the other is an empty placeholder,
 * which keeps every element access monomorphic without a second copy of the kernel.
 *
 * @param pack - The packing buffer from {@link getPanels}, filled for this block.
 * @param mc - Rows of the block (at most MC).
 * @param nc - Columns of the block (at most NC).
 * @param kc - Packed k steps (at most KC).
 * @param alpha - Scale of the product.
 * @param beta - Scale of the old C; 0 overwrites C without reading it.
 * @param c32 - C when it is a Float32Array, else empty.
 * @param c64 - C when it is a Float64Array, else empty.
 * @param offC - Index of the block's first element in C.
 * @param ldc - Leading dimension of C.
 */
export function macroKernel(
  pack: number[],
  mc: number,
  nc: number,
  kc: number,
  alpha: number,
  beta: number,
  c32: Float32Array,
  c64: Float64Array,
  offC: number,
  ldc: number,
): void {
  const toF32 = c32.length !== 0;
  for (let jr = 0; jr < nc; jr += NR) {
    const nr = Math.min(NR, nc - jr);
    for (let ir = 0; ir < mc; ir += MR) {
      // Micro-kernel: 12 accumulators plus 7 operands is about what V8's 16 XMM registers hold.
      let ai = A_PANEL_OFFSET + ir * kc;
      let bi = jr * kc;
      const aEnd = ai + kc * MR;
      let t00 = 0.0, t01 = 0.0, t02 = 0.0;
      let t10 = 0.0, t11 = 0.0, t12 = 0.0;
      let t20 = 0.0, t21 = 0.0, t22 = 0.0;
      let t30 = 0.0, t31 = 0.0, t32 = 0.0;
      // `| 0` marks the index sums as int32, dropping overflow checks.
      for (; ai < aEnd; ai = (ai + 4) | 0, bi = (bi + 3) | 0) {
        const a0 = pack[ai];
        const a1 = pack[(ai + 1) | 0];
        const a2 = pack[(ai + 2) | 0];
        const a3 = pack[(ai + 3) | 0];
        const b0 = pack[bi];
        const b1 = pack[(bi + 1) | 0];
        const b2 = pack[(bi + 2) | 0];
        t00 += a0 * b0; t01 += a0 * b1; t02 += a0 * b2;
        t10 += a1 * b0; t11 += a1 * b1; t12 += a1 * b2;
        t20 += a2 * b0; t21 += a2 * b1; t22 += a2 * b2;
        t30 += a3 * b0; t31 += a3 * b1; t32 += a3 * b2;
      }
      tile[0] = t00; tile[1] = t01; tile[2] = t02;
      tile[3] = t10; tile[4] = t11; tile[5] = t12;
      tile[6] = t20; tile[7] = t21; tile[8] = t22;
      tile[9] = t30; tile[10] = t31; tile[11] = t32;

      // Write back only the valid part of an edge tile; padded rows and columns are dropped.
      const mr = Math.min(MR, mc - ir);
      let row = offC + ir * ldc + jr;
      for (let r = 0; r < mr; r++, row += ldc) {
        for (let q = 0; q < nr; q++) {
          const v = alpha * tile[r * NR + q];
          // beta = 0 must not read C (BLAS semantics: NaN there does not propagate).
          if (toF32) {
            c32[row + q] = beta === 0 ? v : beta * c32[row + q] + v;
          } else {
            c64[row + q] = beta === 0 ? v : beta * c64[row + q] + v;
          }
        }
      }
    }
  }
}
