import { dgemmStridedBatched, sgemmStridedBatched } from '../blas/gemm-batched';
import type { FloatArray } from '../dtype';
import { DTypeError } from '../errors';
import { planNd } from '../internal/nd-plan';
import { assertStridedOperand, assertStridedShape } from '../internal/strided-validate';
import { describeArray } from '../internal/validate';
import { contiguousStrides, type Shape, type Strides } from '../shape';
import { copyStrided } from './copy-strided';
import { fillStrided } from './fill-strided';

/** A matrix operand as gemm sees it: storage, transpose flag, leading dimension and batch strides. */
interface GemmOperand {
  readonly array: FloatArray;
  readonly trans: boolean;
  readonly ld: number;
  readonly offset: number;
  readonly batchStrides: readonly number[];
}

/**
 * Maps a `rows x cols` matrix view onto gemm without copying when one inner stride is 1 (row-major: trans=false;
 * column-major: trans=true), or returns null.
 */
function mapOperand(
  array: FloatArray,
  rows: number,
  cols: number,
  strides: Strides,
  offset: number,
): GemmOperand | null {
  const rank = strides.length;
  const rowStride = strides[rank - 2];
  const colStride = strides[rank - 1];
  const batchStrides = strides.slice(0, rank - 2);
  if ((colStride === 1 || cols === 1) && (rows === 1 || rowStride >= Math.max(1, cols))) {
    return { array, trans: false, ld: rows === 1 ? Math.max(1, cols) : rowStride, offset, batchStrides };
  }
  if ((rowStride === 1 || rows === 1) && (cols === 1 || colStride >= Math.max(1, rows))) {
    return { array, trans: true, ld: cols === 1 ? Math.max(1, rows) : colStride, offset, batchStrides };
  }
  return null;
}

/** Copies a matrix view into row-major scratch, keeping stride-0 batch axes unexpanded. */
function packOperand(array: FloatArray, shape: Shape, strides: Strides, offset: number): GemmOperand {
  const rank = shape.length;
  const packedShape = shape.map((extent, axis) => (axis < rank - 2 && strides[axis] === 0 ? 1 : extent));
  const packedStrides = contiguousStrides(packedShape).map((stride, axis) => (packedShape[axis] === 1 ? 0 : stride));
  const size = packedShape.reduce((product, extent) => product * extent, 1);
  const scratch = array instanceof Float32Array ? new Float32Array(size) : new Float64Array(size);
  copyStrided(packedShape, array, strides, offset, scratch, packedStrides, 0);
  const cols = shape[rank - 1];
  return { array: scratch, trans: false, ld: Math.max(1, cols), offset: 0, batchStrides: packedStrides.slice(0, rank - 2) };
}

/**
 * Computes a batched matrix product of strided views, `(..., m, k) @ (..., k, n) -> (..., m, n)`, with the blocked
 * GEMM kernels.
 *
 * @remarks
 * Batch axes must already agree (broadcast with stride 0). Operands whose inner two axes have a unit stride (row- or
 * column-major, e.g. a transposed view) go to gemm without copying; others are packed into scratch first. A
 * column-major `out` is computed as `outᵀ = bᵀ aᵀ`; any other layout of `out`, or an `out` sharing an input's
 * memory, goes through scratch. With `k = 0` `out` is filled with zeros.
 *
 * @param batchShape - Extents of the leading (batch) axes; may be empty.
 * @param m - Rows of `a` and `out`.
 * @param k - Columns of `a`, rows of `b`.
 * @param n - Columns of `b` and `out`.
 * @param a - Left operand storage.
 * @param aStrides - Strides of `a` over `[...batchShape, m, k]` (0 broadcasts, negative walks backwards).
 * @param aOffset - Index in `a` of element `[0, 0, …]`.
 * @param b - Right operand storage, the same array type as `a`.
 * @param bStrides - Strides of `b` over `[...batchShape, k, n]`.
 * @param bOffset - Index in `b` of element `[0, 0, …]`.
 * @param out - Output storage, the same array type as `a`.
 * @param outStrides - Strides of `out` over `[...batchShape, m, n]`.
 * @param outOffset - Index in `out` of element `[0, 0, …]`.
 * @returns Nothing; `out` is overwritten.
 * @throws {@link ShapeError} If an extent is invalid or a view does not fit in its buffer.
 * @throws {@link DTypeError} If the three arrays are not all Float32Array or all Float64Array.
 *
 * @example
 * ```ts
 * import { matmulStrided } from '@nanograd/kernels';
 * const a = new Float32Array([1, 2, 3, 4, 5, 6]); // 2x3
 * const b = new Float32Array([1, 0, 0, 1, 1, 1]); // 3x2
 * const out = new Float32Array(4);
 * matmulStrided([], 2, 3, 2, a, [3, 1], 0, b, [2, 1], 0, out, [2, 1], 0); // out = [4, 5, 10, 11]
 * ```
 * @category Strided
 */
export function matmulStrided(
  batchShape: Shape,
  m: number,
  k: number,
  n: number,
  a: FloatArray,
  aStrides: Strides,
  aOffset: number,
  b: FloatArray,
  bStrides: Strides,
  bOffset: number,
  out: FloatArray,
  outStrides: Strides,
  outOffset: number,
): void {
  const kernel = 'matmulStrided';
  const aShape = [...batchShape, m, k];
  const bShape = [...batchShape, k, n];
  const outShape = [...batchShape, m, n];
  assertStridedShape(kernel, aShape);
  assertStridedShape(kernel, bShape);
  const outSize = assertStridedShape(kernel, outShape);
  const single = out instanceof Float32Array;
  if (!(out instanceof Float32Array || out instanceof Float64Array) || a.constructor !== out.constructor || b.constructor !== out.constructor) {
    throw new DTypeError(
      `${kernel}: a, b and out must all be Float32Array or all Float64Array (got ${describeArray(a)}, ${describeArray(b)}, ${describeArray(out)})`,
    );
  }
  assertStridedOperand(kernel, 'a', aShape, a, aStrides, aOffset);
  assertStridedOperand(kernel, 'b', bShape, b, bStrides, bOffset);
  assertStridedOperand(kernel, 'out', outShape, out, outStrides, outOffset);
  if (outSize === 0) return;
  if (k === 0) {
    fillStrided(outShape, out, outStrides, outOffset, 0);
    return;
  }
  const left = mapOperand(a, m, k, aStrides, aOffset) ?? packOperand(a, aShape, aStrides, aOffset);
  const right = mapOperand(b, k, n, bStrides, bOffset) ?? packOperand(b, bShape, bStrides, bOffset);
  // gemm refuses an output that shares memory with an input, so an aliased `out` goes through scratch.
  const aliased = out.buffer === a.buffer || out.buffer === b.buffer;
  let target = aliased ? null : mapOperand(out, m, n, outStrides, outOffset);
  let scratch: FloatArray | null = null;
  if (target === null) {
    scratch = single ? new Float32Array(outSize) : new Float64Array(outSize);
    const strides = contiguousStrides(outShape);
    target = { array: scratch, trans: false, ld: Math.max(1, n), offset: 0, batchStrides: strides.slice(0, -2) };
  }
  runBatches(single, batchShape, m, k, n, left, right, target);
  if (scratch !== null) copyStrided(outShape, scratch, contiguousStrides(outShape), 0, out, outStrides, outOffset);
}

/** Calls the strided-batched gemm once per outer batch index, batching over the innermost planned batch axis. */
function runBatches(
  single: boolean,
  batchShape: Shape,
  m: number,
  k: number,
  n: number,
  left: GemmOperand,
  right: GemmOperand,
  target: GemmOperand,
): void {
  const plan = planNd(batchShape, [left.batchStrides, right.batchStrides, target.batchStrides]);
  const { shape } = plan;
  const [sa, sb, sc] = plan.strides;
  const inner = shape.length - 1;
  const count = shape[inner];
  // gemm batch strides must be non-negative (and distinct outputs); otherwise walk the axis one matrix at a time.
  const batched = sa[inner] >= 0 && sb[inner] >= 0 && (sc[inner] > 0 || count === 1);
  const counter = new Array<number>(inner).fill(0);
  let oa = left.offset;
  let ob = right.offset;
  let oc = target.offset;
  for (let row = 0; row < plan.size / count; row++) {
    if (batched) {
      gemmBatch(single, m, k, n, left, oa, sa[inner], right, ob, sb[inner], target, oc, sc[inner], count);
    } else {
      for (let i = 0; i < count; i++) {
        gemmBatch(single, m, k, n, left, oa + i * sa[inner], 0, right, ob + i * sb[inner], 0, target, oc + i * sc[inner], 0, 1);
      }
    }
    for (let d = inner - 1; d >= 0; d--) {
      if (++counter[d] < shape[d]) {
        oa += sa[d];
        ob += sb[d];
        oc += sc[d];
        break;
      }
      counter[d] = 0;
      oa -= sa[d] * (shape[d] - 1);
      ob -= sb[d] * (shape[d] - 1);
      oc -= sc[d] * (shape[d] - 1);
    }
  }
}

/** One strided-batched gemm call; a column-major target is written as `cᵀ = op(b)ᵀ op(a)ᵀ`. */
function gemmBatch(
  single: boolean,
  m: number,
  k: number,
  n: number,
  left: GemmOperand,
  oa: number,
  strideA: number,
  right: GemmOperand,
  ob: number,
  strideB: number,
  target: GemmOperand,
  oc: number,
  strideC: number,
  count: number,
): void {
  if (target.trans) {
    // Swap the operands and flip their transposes: (A·B)ᵀ = Bᵀ·Aᵀ, stored row-major in the column-major view.
    call(single, !right.trans, !left.trans, n, m, k, right, ob, strideB, left, oa, strideA, target, oc, strideC, count);
  } else {
    call(single, left.trans, right.trans, m, n, k, left, oa, strideA, right, ob, strideB, target, oc, strideC, count);
  }
}

function call(
  single: boolean,
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  a: GemmOperand,
  oa: number,
  strideA: number,
  b: GemmOperand,
  ob: number,
  strideB: number,
  c: GemmOperand,
  oc: number,
  strideC: number,
  count: number,
): void {
  if (single) {
    if (!(a.array instanceof Float32Array && b.array instanceof Float32Array && c.array instanceof Float32Array)) {
      throw new DTypeError('matmulStrided: operands changed element type');
    }
    sgemmStridedBatched(transA, transB, m, n, k, 1, a.array, a.ld, strideA, b.array, b.ld, strideB, 0, c.array, c.ld, strideC, count, oa, ob, oc);
  } else {
    if (!(a.array instanceof Float64Array && b.array instanceof Float64Array && c.array instanceof Float64Array)) {
      throw new DTypeError('matmulStrided: operands changed element type');
    }
    dgemmStridedBatched(transA, transB, m, n, k, 1, a.array, a.ld, strideA, b.array, b.ld, strideB, 0, c.array, c.ld, strideC, count, oa, ob, oc);
  }
}
