import type { TypedArray } from '../dtype';
import { planNd } from '../internal/nd-plan';
import { runNd2 } from '../internal/nd-run';
import { assertStridedOperand, assertStridedShape } from '../internal/strided-validate';
import type { Shape, Strides } from '../shape';

function copyLoop(n: number, x: TypedArray, xi: number, xs: number, out: TypedArray, oi: number, os: number): void {
  // Long unit-stride rows of the same element type: let the engine do a memcpy.
  if (n >= 64 && xs === 1 && os === 1 && x.constructor === out.constructor && x.buffer !== out.buffer) {
    out.set(x.subarray(xi, xi + n), oi);
    return;
  }
  for (let i = 0; i < n; i++, xi += xs, oi += os) out[oi] = x[xi];
}

/**
 * Copies a strided view into another strided view of the same shape, converting between Float32Array, Float64Array
 * and Int32Array by assignment (floats written to an Int32Array truncate toward zero).
 *
 * @remarks
 * Views that overlap in memory with different layouts give unspecified results; copy through scratch storage.
 *
 * @param shape - Extent of each dimension, shared by both views.
 * @param x - Source storage.
 * @param xStrides - Strides of `x` in elements (0 broadcasts, negative walks backwards).
 * @param xOffset - Index in `x` of element `[0, 0, …]`.
 * @param out - Destination storage.
 * @param outStrides - Strides of `out` in elements.
 * @param outOffset - Index in `out` of element `[0, 0, …]`.
 * @returns Nothing; `out` is written in place.
 * @throws {@link ShapeError} If the shape is invalid or a view does not fit in its buffer.
 *
 * @example
 * ```ts
 * import { copyStrided } from '@nanograd/kernels';
 * const x = new Float64Array([1, 2, 3, 4, 5, 6]); // 2x3, row-major
 * const out = new Float32Array(6);
 * copyStrided([3, 2], x, [1, 3], 0, out, [2, 1], 0); // out = [1, 4, 2, 5, 3, 6] (the transpose)
 * ```
 * @category Strided
 */
export function copyStrided(
  shape: Shape,
  x: TypedArray,
  xStrides: Strides,
  xOffset: number,
  out: TypedArray,
  outStrides: Strides,
  outOffset: number,
): void {
  const kernel = 'copyStrided';
  const size = assertStridedShape(kernel, shape);
  assertStridedOperand(kernel, 'x', shape, x, xStrides, xOffset);
  assertStridedOperand(kernel, 'out', shape, out, outStrides, outOffset);
  if (size === 0) return;
  const plan = planNd(shape, [xStrides, outStrides], 1);
  runNd2(plan, x, xOffset, out, outOffset, copyLoop);
}
