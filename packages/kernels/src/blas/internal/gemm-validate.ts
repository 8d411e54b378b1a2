// Argument checks of the gemm kernels: they run before any element is read or written.
import type { FloatArray } from '../../dtype';
import { ShapeError } from '../../errors';
import { assertMatrix, assertSize } from '../../internal/validate';

/** A dtype check with the signature of `assertFloat32` / `assertFloat64`. */
export type AssertDType = (kernel: string, name: string, array: unknown) => void;

/**
 * Checks the arguments of a (strided batched) gemm: dtypes, sizes, leading dimensions, offsets, strides, that
 * every batch item fits its buffer, that the outputs of different batch items do not overlap, and that C does not
 * share memory with A or B. A plain gemm is a batch of one with zero strides.
 *
 * @param kernel - Kernel name that starts every message.
 * @param assertDType - `assertFloat32` or `assertFloat64`.
 * @param batched - Whether to check and mention strides and the batch count.
 * @param transA - Whether A is stored k x m.
 * @param transB - Whether B is stored n x k.
 * @param m - Rows of C.
 * @param n - Columns of C.
 * @param k - Inner dimension.
 * @param a - Matrix A.
 * @param lda - Leading dimension of A.
 * @param strideA - Elements between consecutive A matrices.
 * @param offA - Index of the first A matrix.
 * @param b - Matrix B.
 * @param ldb - Leading dimension of B.
 * @param strideB - Elements between consecutive B matrices.
 * @param offB - Index of the first B matrix.
 * @param c - Matrix C.
 * @param ldc - Leading dimension of C.
 * @param strideC - Elements between consecutive C matrices.
 * @param offC - Index of the first C matrix.
 * @param batchCount - Number of products.
 * @throws {@link ShapeError} On any size, layout or overlap problem.
 * @throws {@link DTypeError} If `a`, `b` or `c` has the wrong typed-array type.
 */
export function validateGemm(
  kernel: string,
  assertDType: AssertDType,
  batched: boolean,
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  a: FloatArray,
  lda: number,
  strideA: number,
  offA: number,
  b: FloatArray,
  ldb: number,
  strideB: number,
  offB: number,
  c: FloatArray,
  ldc: number,
  strideC: number,
  offC: number,
  batchCount: number,
): void {
  assertDType(kernel, 'a', a);
  assertDType(kernel, 'b', b);
  assertDType(kernel, 'c', c);
  assertSize(kernel, 'm', m);
  assertSize(kernel, 'n', n);
  assertSize(kernel, 'k', k);
  if (batched) {
    assertSize(kernel, 'batchCount', batchCount);
    assertSize(kernel, 'strideA', strideA);
    assertSize(kernel, 'strideB', strideB);
    assertSize(kernel, 'strideC', strideC);
  }
  const rowsA = transA ? k : m;
  const colsA = transA ? m : k;
  const rowsB = transB ? n : k;
  const colsB = transB ? k : n;
  assertBatch(kernel, 'a', 'A', a, rowsA, colsA, offA, lda, strideA, batchCount);
  assertBatch(kernel, 'b', 'B', b, rowsB, colsB, offB, ldb, strideB, batchCount);
  assertBatch(kernel, 'c', 'C', c, m, n, offC, ldc, strideC, batchCount);
  assertDisjointOutputs(kernel, m, n, ldc, strideC, batchCount);
  if (m === 0 || n === 0 || batchCount === 0) return;
  assertNoAlias(kernel, 'a', c, m, n, offC, ldc, strideC, a, rowsA, colsA, offA, lda, strideA, batchCount);
  assertNoAlias(kernel, 'b', c, m, n, offC, ldc, strideC, b, rowsB, colsB, offB, ldb, strideB, batchCount);
}

// Checks ld and offset always, and that the first and the last matrix of the batch fit the buffer.
function assertBatch(
  kernel: string,
  name: string,
  upper: string,
  array: FloatArray,
  rows: number,
  cols: number,
  offset: number,
  ld: number,
  stride: number,
  count: number,
): void {
  assertMatrix(kernel, name, array, count > 0 ? rows : 0, cols, offset, ld);
  if (count < 2 || rows === 0 || cols === 0) return;
  const needed = offset + (count - 1) * stride + (rows - 1) * ld + cols;
  if (needed > array.length) {
    throw new ShapeError(
      `${kernel}: ${name} is too short (${count} matrices of ${rows}x${cols} with ld${name}=${ld} and ` +
        `stride${upper}=${stride} from offset ${offset} need ${needed}, buffer has ${array.length})`,
    );
  }
}

// Batch items d apart collide iff d * strideC = di * ldc + dj for some |di| < m, |dj| < n; interleaved layouts
// (e.g. strideC = n with ldc = batchCount * n) are disjoint and allowed.
function assertDisjointOutputs(
  kernel: string,
  m: number,
  n: number,
  ldc: number,
  strideC: number,
  count: number,
): void {
  if (count < 2 || m === 0 || n === 0) return;
  const footprint = (m - 1) * ldc + n;
  for (let d = 1; d < count && d * strideC < footprint; d++) {
    const delta = d * strideC;
    const di = Math.floor(delta / ldc);
    const dj = delta - di * ldc;
    if ((di < m && dj < n) || (di + 1 < m && ldc - dj < n)) {
      throw new ShapeError(
        `${kernel}: strideC (${strideC}) makes the ${m}x${n} outputs (ldc=${ldc}) of batch items 0 and ${d} overlap`,
      );
    }
  }
}

// Conservative: rejects C whose byte range intersects the input's range in the same ArrayBuffer.
function assertNoAlias(
  kernel: string,
  name: string,
  c: FloatArray,
  m: number,
  n: number,
  offC: number,
  ldc: number,
  strideC: number,
  x: FloatArray,
  rows: number,
  cols: number,
  offX: number,
  ldx: number,
  strideX: number,
  count: number,
): void {
  if (c.buffer !== x.buffer || rows === 0 || cols === 0) return;
  const cStart = c.byteOffset + offC * c.BYTES_PER_ELEMENT;
  const cEnd = c.byteOffset + (offC + (count - 1) * strideC + (m - 1) * ldc + n) * c.BYTES_PER_ELEMENT;
  const xStart = x.byteOffset + offX * x.BYTES_PER_ELEMENT;
  const xEnd = x.byteOffset + (offX + (count - 1) * strideX + (rows - 1) * ldx + cols) * x.BYTES_PER_ELEMENT;
  if (cStart < xEnd && xStart < cEnd) {
    throw new ShapeError(`${kernel}: c shares memory with ${name} (the output must not alias an input)`);
  }
}
