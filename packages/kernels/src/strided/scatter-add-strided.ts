import type { TypedArray } from '../dtype';
import { planNd } from '../internal/nd-plan';
import { runNd3 } from '../internal/nd-run';
import { assertIndexShapes, assertIndicesInRange } from '../internal/strided-index';
import { assertStridedOperand, assertStridedShape } from '../internal/strided-validate';
import type { Shape, Strides } from '../shape';

/**
 * Adds values into positions along one axis like PyTorch's `scatter_add_`:
 * `out[..., index[..., i, ...], ...] += updates[..., i, ...]`; repeated indices accumulate.
 *
 * @remarks
 * The adjoint of {@link gatherStrided}. `updates` and `index` share `shape`, which has `out`'s rank and is no larger
 * than `outShape` on every axis but `axis`. Every index is checked before anything is written, so a bad index leaves
 * `out` untouched. Sums accumulate in `out`'s element type, in index order.
 *
 * @param shape - Shape of `updates` and `index`.
 * @param axis - Axis of `out` that `index` selects along; negative values count from the end.
 * @param updates - Values to add.
 * @param updatesStrides - Strides of `updates` in elements (0 broadcasts, negative walks backwards).
 * @param updatesOffset - Index in `updates` of element `[0, 0, …]`.
 * @param index - Positions along `axis`, each in `[0, outShape[axis])`.
 * @param indexStrides - Strides of `index` in elements.
 * @param indexOffset - Index in `index` of element `[0, 0, …]`.
 * @param outShape - Shape of `out`.
 * @param out - Accumulator storage, added into in place.
 * @param outStrides - Strides of `out` in elements.
 * @param outOffset - Index in `out` of element `[0, 0, …]`.
 * @returns Nothing; `out` is updated in place.
 * @throws {@link ShapeError} If ranks or extents do not fit, or a view does not fit in its buffer.
 * @throws {@link BackendError} If an index is outside `[0, outShape[axis])`; the message names it and the extent.
 *
 * @example
 * ```ts
 * import { scatterAddStrided } from '@nanograd/kernels';
 * const updates = new Float64Array([1, 2, 3]);
 * const index = new Int32Array([0, 2, 0]);
 * const out = new Float64Array(3);
 * scatterAddStrided([3], 0, updates, [1], 0, index, [1], 0, [3], out, [1], 0); // out = [4, 0, 2]
 * ```
 * @category Strided
 */
export function scatterAddStrided(
  shape: Shape,
  axis: number,
  updates: TypedArray,
  updatesStrides: Strides,
  updatesOffset: number,
  index: Int32Array,
  indexStrides: Strides,
  indexOffset: number,
  outShape: Shape,
  out: TypedArray,
  outStrides: Strides,
  outOffset: number,
): void {
  const kernel = 'scatterAddStrided';
  const size = assertStridedShape(kernel, shape);
  assertStridedShape(kernel, outShape);
  const along = assertIndexShapes(kernel, axis, shape, 'out', outShape);
  assertStridedOperand(kernel, 'updates', shape, updates, updatesStrides, updatesOffset);
  assertStridedOperand(kernel, 'index', shape, index, indexStrides, indexOffset);
  assertStridedOperand(kernel, 'out', outShape, out, outStrides, outOffset);
  if (size === 0) return;
  assertIndicesInRange(kernel, shape, index, indexStrides, indexOffset, along, outShape[along]);
  const axisStride = outStrides[along];
  const outStridesOff = outStrides.map((stride, d) => (d === along ? 0 : stride));
  const plan = planNd(shape, [indexStrides, updatesStrides, outStridesOff], 1);
  runNd3(plan, index, indexOffset, updates, updatesOffset, out, outOffset, (n, idx, ii, is, u, ui, us, o, oi, os) => {
    for (let i = 0; i < n; i++, ii += is, ui += us, oi += os) o[oi + idx[ii] * axisStride] += u[ui];
  });
}
