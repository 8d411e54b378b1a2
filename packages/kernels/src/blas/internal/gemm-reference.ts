// Test support for the gemm kernels: random operands with padding and offsets, and a naive float64 reference.
import type { FloatArray } from '../../dtype';
import type { Random } from '../../random';

/** Constructor of the typed array a test runs on. */
export type FloatCtor = Float32ArrayConstructor | Float64ArrayConstructor;

/** A stored matrix: its buffer, leading dimension and the index of its first element. */
export interface Operand {
  data: FloatArray;
  ld: number;
  offset: number;
}

/** Everything a reference product needs besides the buffers. */
export interface GemmShape {
  transA: boolean;
  transB: boolean;
  m: number;
  n: number;
  k: number;
  alpha: number;
  beta: number;
}

/**
 * Returns a random buffer holding `count` stored `rows x cols` matrices `stride` apart, with `ldPad` extra
 * elements per row, `offset` leading elements and a little slack at the end; the gaps hold random values too.
 *
 * @param random - Seeded generator.
 * @param Ctor - Typed array constructor.
 * @param rows - Stored rows.
 * @param cols - Stored columns.
 * @param ldPad - Leading dimension minus the row length.
 * @param offset - Index of the first matrix.
 * @param stride - Elements between consecutive matrices (0 for one shared matrix).
 * @param count - Number of matrices.
 * @returns The operand.
 */
export function randomOperand(
  random: Random,
  Ctor: FloatCtor,
  rows: number,
  cols: number,
  ldPad = 0,
  offset = 0,
  stride = 0,
  count = 1,
): Operand {
  const ld = Math.max(1, cols) + ldPad;
  const length = offset + Math.max(0, count - 1) * stride + rows * ld + 2;
  return { data: random.fillUniform(new Ctor(length), -1, 1), ld, offset };
}

/**
 * Computes the expected buffer of C after `C = alpha * op(A) @ op(B) + beta * C` in float64 (elements outside
 * the m x n block keep their value), and per element the error scale `|alpha| * sum |a * b| + |beta * c|`
 * (0 outside the block, where the result must be exact).
 *
 * @param shape - Transposes, sizes and scalars.
 * @param a - Operand A (stored k x m when transposed).
 * @param b - Operand B (stored n x k when transposed).
 * @param c - Operand C before the call.
 * @returns Expected values and error scales, both as long as `c.data`.
 */
export function referenceGemm(
  shape: GemmShape,
  a: Operand,
  b: Operand,
  c: Operand,
): { expected: Float64Array; scale: Float64Array } {
  const { transA, transB, m, n, k, alpha, beta } = shape;
  const expected = Float64Array.from(c.data);
  const scale = new Float64Array(c.data.length);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      let sumAbs = 0;
      for (let p = 0; p < k; p++) {
        const aip = transA ? a.data[a.offset + p * a.ld + i] : a.data[a.offset + i * a.ld + p];
        const bpj = transB ? b.data[b.offset + j * b.ld + p] : b.data[b.offset + p * b.ld + j];
        sum += aip * bpj;
        sumAbs += Math.abs(aip * bpj);
      }
      const ic = c.offset + i * c.ld + j;
      const old = c.data[ic];
      // BLAS semantics: alpha = 0 does not read A or B, beta = 0 does not read C.
      const product = alpha === 0 ? 0 : alpha * sum;
      expected[ic] = beta === 0 ? product : product + beta * old;
      scale[ic] = (alpha === 0 ? 0 : Math.abs(alpha) * sumAbs) + (beta === 0 ? 0 : Math.abs(beta * old));
    }
  }
  return { expected, scale };
}

/**
 * Compares `actual` with `expected`: `|actual - expected| <= tol * scale` per element, exact (NaN matching NaN)
 * where the scale is 0 or the expected value is not finite.
 *
 * @param actual - Buffer computed by the kernel.
 * @param expected - Reference buffer.
 * @param scale - Error scale per element.
 * @param tol - Relative tolerance.
 * @returns A description of the first mismatch, or null when all elements agree.
 */
export function findMismatch(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  scale: ArrayLike<number>,
  tol: number,
): string | null {
  if (actual.length !== expected.length) return `length ${actual.length} != ${expected.length}`;
  for (let i = 0; i < expected.length; i++) {
    const want = expected[i];
    const got = actual[i];
    const exact = got === want || (Number.isNaN(got) && Number.isNaN(want));
    const ok = scale[i] === 0 || !Number.isFinite(want) ? exact : Math.abs(got - want) <= tol * scale[i];
    if (!ok) return `element ${i}: got ${got}, expected ${want} (scale ${scale[i]})`;
  }
  return null;
}
