import type { TypedArray } from '../dtype';
import { ShapeError } from '../errors';
import { planNd } from '../internal/nd-plan';
import { runNd2, type Loop2 } from '../internal/nd-run';
import { assertStridedOperand, assertStridedShape, unknownOp } from '../internal/strided-validate';
import type { ReduceOp } from '../ops';
import { contiguousStrides, formatShape, type Shape, type Strides } from '../shape';
import { copyStrided } from './copy-strided';

const IDENTITY: Record<ReduceOp, number> = { sum: 0, prod: 1, max: -Infinity, min: Infinity };

// Each loop folds a row of x into a Float64Array accumulator: into one register when the row is being reduced
// (accumulator stride 0), element-wise otherwise. One literal per op keeps V8's feedback monomorphic.
const LOOPS: Record<ReduceOp, Loop2> = {
  sum: (n, x, xi, xs, acc, ai, as) => {
    if (as === 0) {
      let s = acc[ai];
      for (let i = 0; i < n; i++, xi += xs) s += x[xi];
      acc[ai] = s;
    } else {
      for (let i = 0; i < n; i++, xi += xs, ai += as) acc[ai] += x[xi];
    }
  },
  prod: (n, x, xi, xs, acc, ai, as) => {
    if (as === 0) {
      let s = acc[ai];
      for (let i = 0; i < n; i++, xi += xs) s *= x[xi];
      acc[ai] = s;
    } else {
      for (let i = 0; i < n; i++, xi += xs, ai += as) acc[ai] *= x[xi];
    }
  },
  // `v !== v` lets a NaN in and nothing out of it (every comparison with NaN is false).
  max: (n, x, xi, xs, acc, ai, as) => {
    if (as === 0) {
      let s = acc[ai];
      for (let i = 0; i < n; i++, xi += xs) {
        const v = x[xi];
        if (v > s || v !== v) s = v;
      }
      acc[ai] = s;
    } else {
      for (let i = 0; i < n; i++, xi += xs, ai += as) {
        const v = x[xi];
        if (v > acc[ai] || v !== v) acc[ai] = v;
      }
    }
  },
  min: (n, x, xi, xs, acc, ai, as) => {
    if (as === 0) {
      let s = acc[ai];
      for (let i = 0; i < n; i++, xi += xs) {
        const v = x[xi];
        if (v < s || v !== v) s = v;
      }
      acc[ai] = s;
    } else {
      for (let i = 0; i < n; i++, xi += xs, ai += as) {
        const v = x[xi];
        if (v < acc[ai] || v !== v) acc[ai] = v;
      }
    }
  },
};

/**
 * Reduces a strided view over any set of axes into a strided output that keeps the input's rank.
 *
 * @remarks
 * Accumulates in double precision whatever the element type (a sum of 1e6 float32 ones is exactly 1e6), then stores
 * by assignment. `max` and `min` propagate NaN. An empty `sum` is 0 and an empty `prod` 1. The input is walked in its
 * own memory order, so reducing a leading axis streams through memory instead of striding.
 *
 * @param op - One of {@link REDUCE_OPS}.
 * @param shape - Shape of `x`.
 * @param axes - Axes to reduce, in any order; negative values count from the end; may be empty.
 * @param x - Input storage.
 * @param xStrides - Strides of `x` in elements (0 broadcasts, negative walks backwards).
 * @param xOffset - Index in `x` of element `[0, 0, …]`.
 * @param out - Output storage; its view has `shape` with extent 1 on each reduced axis.
 * @param outStrides - Strides of `out`, one per axis of `shape`; those of reduced axes are ignored.
 * @param outOffset - Index in `out` of element `[0, 0, …]`.
 * @returns Nothing; `out` is written in place.
 * @throws {@link ShapeError} If an axis is out of range or repeated, a view does not fit in its buffer, or `max`/`min`
 * reduce an axis of extent 0.
 *
 * @example
 * ```ts
 * import { reduceStrided } from '@nanograd/kernels';
 * const x = new Float32Array([1, 2, 3, 4, 5, 6]); // 2x3
 * const columnSums = new Float32Array(3); // 1x3
 * reduceStrided('sum', [2, 3], [0], x, [3, 1], 0, columnSums, [3, 1], 0); // columnSums = [5, 7, 9]
 * ```
 * @category Strided
 */
export function reduceStrided(
  op: ReduceOp,
  shape: Shape,
  axes: readonly number[],
  x: TypedArray,
  xStrides: Strides,
  xOffset: number,
  out: TypedArray,
  outStrides: Strides,
  outOffset: number,
): void {
  const kernel = 'reduceStrided';
  const loop = LOOPS[op];
  if (loop === undefined) unknownOp(kernel, op);
  assertStridedShape(kernel, shape);
  const rank = shape.length;
  const reduced = new Array<boolean>(rank).fill(false);
  for (const axis of axes) {
    if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
      throw new ShapeError(`${kernel}: axis ${axis} is out of range for shape ${formatShape(shape)} (axes [${axes.join(', ')}])`);
    }
    const normalized = axis < 0 ? axis + rank : axis;
    if (reduced[normalized]) {
      throw new ShapeError(`${kernel}: axis ${axis} is repeated in axes [${axes.join(', ')}] for shape ${formatShape(shape)}`);
    }
    reduced[normalized] = true;
  }
  const outShape = shape.map((extent, axis) => (reduced[axis] ? 1 : extent));
  const outStridesUsed = outStrides.map((stride, axis) => (reduced[axis] ? 0 : stride));
  assertStridedOperand(kernel, 'x', shape, x, xStrides, xOffset);
  assertStridedOperand(kernel, 'out', outShape, out, outStridesUsed, outOffset);
  let outSize = 1;
  let reducedSize = 1;
  for (let axis = 0; axis < rank; axis++) {
    if (reduced[axis]) reducedSize *= shape[axis];
    else outSize *= shape[axis];
  }
  if (reducedSize === 0 && (op === 'max' || op === 'min')) {
    const axis = shape.findIndex((extent, i) => reduced[i] && extent === 0);
    throw new ShapeError(`${kernel}: ${op} of an empty axis (axis ${axis} of ${formatShape(shape)})`);
  }
  if (outSize === 0) return;
  // Double-precision accumulators, one per output element, contiguous over the kept axes.
  const acc = new Float64Array(outSize).fill(IDENTITY[op]);
  const accStrides = contiguousStrides(outShape);
  if (reducedSize > 0) {
    const accStridesFull = accStrides.map((stride, axis) => (reduced[axis] ? 0 : stride));
    const plan = planNd(shape, [xStrides, accStridesFull], 0);
    runNd2(plan, x, xOffset, acc, 0, loop);
  }
  copyStrided(outShape, acc, accStrides, 0, out, outStridesUsed, outOffset);
}
