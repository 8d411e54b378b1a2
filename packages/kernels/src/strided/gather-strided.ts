import type { TypedArray } from '../dtype';
import { planNd } from '../internal/nd-plan';
import { runNd3 } from '../internal/nd-run';
import { assertIndexShapes, assertIndicesInRange } from '../internal/strided-index';
import { assertStridedOperand, assertStridedShape } from '../internal/strided-validate';
import type { Shape, Strides } from '../shape';

/**
 * Gathers values along one axis like PyTorch's `gather`: `out[..., i, ...] = x[..., index[..., i, ...], ...]`.
 *
 * @remarks
 * `index` and `out` share `shape`, which has `x`'s rank and is no larger than `xShape` on every axis but `axis`.
 * Every index is checked before anything is written.
 *
 * @param shape - Shape of `index` and `out`.
 * @param axis - Axis of `x` that `index` selects along; negative values count from the end.
 * @param xShape - Shape of `x`.
 * @param x - Source storage.
 * @param xStrides - Strides of `x` in elements (0 broadcasts, negative walks backwards).
 * @param xOffset - Index in `x` of element `[0, 0, …]`.
 * @param index - Positions along `axis`, each in `[0, xShape[axis])`.
 * @param indexStrides - Strides of `index` in elements.
 * @param indexOffset - Index in `index` of element `[0, 0, …]`.
 * @param out - Output storage.
 * @param outStrides - Strides of `out` in elements.
 * @param outOffset - Index in `out` of element `[0, 0, …]`.
 * @returns Nothing; `out` is written in place.
 * @throws {@link ShapeError} If ranks or extents do not fit, or a view does not fit in its buffer.
 * @throws {@link BackendError} If an index is outside `[0, xShape[axis])`; the message names it and the extent.
 *
 * @example
 * ```ts
 * import { gatherStrided } from '@nanograd/kernels';
 * const x = new Float32Array([10, 11, 12, 20, 21, 22]); // 2x3
 * const index = new Int32Array([2, 0]); // 2x1: one column per row
 * const out = new Float32Array(2);
 * gatherStrided([2, 1], 1, [2, 3], x, [3, 1], 0, index, [1, 1], 0, out, [1, 1], 0); // out = [12, 20]
 * ```
 * @category Strided
 */
export function gatherStrided(
  shape: Shape,
  axis: number,
  xShape: Shape,
  x: TypedArray,
  xStrides: Strides,
  xOffset: number,
  index: Int32Array,
  indexStrides: Strides,
  indexOffset: number,
  out: TypedArray,
  outStrides: Strides,
  outOffset: number,
): void {
  const kernel = 'gatherStrided';
  const size = assertStridedShape(kernel, shape);
  assertStridedShape(kernel, xShape);
  const along = assertIndexShapes(kernel, axis, shape, 'x', xShape);
  assertStridedOperand(kernel, 'x', xShape, x, xStrides, xOffset);
  assertStridedOperand(kernel, 'index', shape, index, indexStrides, indexOffset);
  assertStridedOperand(kernel, 'out', shape, out, outStrides, outOffset);
  if (size === 0) return;
  assertIndicesInRange(kernel, shape, index, indexStrides, indexOffset, along, xShape[along]);
  const axisStride = xStrides[along];
  const xStridesOff = xStrides.map((stride, d) => (d === along ? 0 : stride));
  const plan = planNd(shape, [indexStrides, xStridesOff, outStrides], 2);
  runNd3(plan, index, indexOffset, x, xOffset, out, outOffset, (n, idx, ii, is, xa, xi, xs, o, oi, os) => {
    for (let i = 0; i < n; i++, ii += is, xi += xs, oi += os) o[oi] = xa[xi + idx[ii] * axisStride];
  });
}
