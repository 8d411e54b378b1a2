import type { TypedArray } from '../dtype';
import { ShapeError } from '../errors';
import { planNd } from '../internal/nd-plan';
import { runNd2 } from '../internal/nd-run';
import { assertStridedOperand, assertStridedShape, unknownOp } from '../internal/strided-validate';
import type { ArgReduceOp } from '../ops';
import { formatShape, type Shape, type Strides } from '../shape';

/** Returns the position of the winner among `n` elements from `xi` with step `xs`. */
type ArgLoop = (n: number, x: TypedArray, xi: number, xs: number) => number;

// Strict comparisons keep the first of equal values; the first NaN wins outright, like NumPy.
const LOOPS: Record<ArgReduceOp, ArgLoop> = {
  argmax: (n, x, xi, xs) => {
    let best = x[xi];
    if (best !== best) return 0;
    let bestIndex = 0;
    for (let i = 1; i < n; i++) {
      const v = x[(xi += xs)];
      if (v > best) {
        best = v;
        bestIndex = i;
      } else if (v !== v) {
        return i;
      }
    }
    return bestIndex;
  },
  argmin: (n, x, xi, xs) => {
    let best = x[xi];
    if (best !== best) return 0;
    let bestIndex = 0;
    for (let i = 1; i < n; i++) {
      const v = x[(xi += xs)];
      if (v < best) {
        best = v;
        bestIndex = i;
      } else if (v !== v) {
        return i;
      }
    }
    return bestIndex;
  },
};

/**
 * Writes the index of the first maximum (`argmax`) or minimum (`argmin`) along one axis of a strided view.
 *
 * @remarks
 * Ties go to the first element; a NaN counts as the extreme, so the first NaN wins (NumPy semantics).
 *
 * @param op - One of {@link ARG_REDUCE_OPS}.
 * @param shape - Shape of `x`.
 * @param axis - Axis to search; negative values count from the end.
 * @param x - Input storage.
 * @param xStrides - Strides of `x` in elements (0 broadcasts, negative walks backwards).
 * @param xOffset - Index in `x` of element `[0, 0, …]`.
 * @param out - Output storage (usually an Int32Array); its view has `shape` with extent 1 on `axis`.
 * @param outStrides - Strides of `out`, one per axis of `shape`; the one of `axis` is ignored.
 * @param outOffset - Index in `out` of element `[0, 0, …]`.
 * @returns Nothing; `out` is written in place.
 * @throws {@link ShapeError} If `axis` is out of range or of extent 0, or a view does not fit in its buffer.
 *
 * @example
 * ```ts
 * import { argReduceStrided } from '@nanograd/kernels';
 * const x = new Float32Array([3, 9, 9, 7, 1, 2]); // 2x3
 * const out = new Int32Array(2); // 2x1
 * argReduceStrided('argmax', [2, 3], 1, x, [3, 1], 0, out, [1, 1], 0); // out = [1, 0]
 * ```
 * @category Strided
 */
export function argReduceStrided(
  op: ArgReduceOp,
  shape: Shape,
  axis: number,
  x: TypedArray,
  xStrides: Strides,
  xOffset: number,
  out: TypedArray,
  outStrides: Strides,
  outOffset: number,
): void {
  const kernel = 'argReduceStrided';
  const argLoop = LOOPS[op];
  if (argLoop === undefined) unknownOp(kernel, op);
  const size = assertStridedShape(kernel, shape);
  const rank = shape.length;
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new ShapeError(`${kernel}: axis ${axis} is out of range for shape ${formatShape(shape)}`);
  }
  const along = axis < 0 ? axis + rank : axis;
  const outShape = shape.map((extent, i) => (i === along ? 1 : extent));
  const outStridesUsed = outStrides.map((stride, i) => (i === along ? 0 : stride));
  assertStridedOperand(kernel, 'x', shape, x, xStrides, xOffset);
  assertStridedOperand(kernel, 'out', outShape, out, outStridesUsed, outOffset);
  const n = shape[along];
  if (n === 0) {
    throw new ShapeError(`${kernel}: ${op} of an empty axis (axis ${along} of ${formatShape(shape)})`);
  }
  if (size === 0) return;
  const axisStride = xStrides[along];
  const plan = planNd(outShape, [xStrides.map((stride, i) => (i === along ? 0 : stride)), outStridesUsed], 1);
  runNd2(plan, x, xOffset, out, outOffset, (count, xa, xi, xs, o, oi, os) => {
    for (let i = 0; i < count; i++, xi += xs, oi += os) o[oi] = argLoop(n, xa, xi, axisStride);
  });
}
