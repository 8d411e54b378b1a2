import type { TypedArray } from '../dtype';
import { planNd } from '../internal/nd-plan';
import { runNd1 } from '../internal/nd-run';
import { assertStridedOperand, assertStridedShape } from '../internal/strided-validate';
import type { Shape, Strides } from '../shape';

function fillLoop(n: number, out: TypedArray, oi: number, os: number, value: number): void {
  if (os === 1) {
    out.fill(value, oi, oi + n);
    return;
  }
  for (let i = 0; i < n; i++, oi += os) out[oi] = value;
}

/**
 * Sets every element of a strided view to `value` (converted by assignment, so an Int32Array truncates).
 *
 * @param shape - Extent of each dimension.
 * @param out - Destination storage.
 * @param outStrides - Strides of `out` in elements (may be 0 or negative).
 * @param outOffset - Index in `out` of element `[0, 0, …]`.
 * @param value - The value to write.
 * @returns Nothing; `out` is written in place.
 * @throws {@link ShapeError} If the shape is invalid or the view does not fit in `out`.
 *
 * @example
 * ```ts
 * import { fillStrided } from '@nanograd/kernels';
 * const out = new Float32Array(6);
 * fillStrided([2, 2], out, [3, 1], 1, 7); // out = [0, 7, 7, 0, 7, 7]
 * ```
 * @category Strided
 */
export function fillStrided(shape: Shape, out: TypedArray, outStrides: Strides, outOffset: number, value: number): void {
  const kernel = 'fillStrided';
  const size = assertStridedShape(kernel, shape);
  assertStridedOperand(kernel, 'out', shape, out, outStrides, outOffset);
  if (size === 0) return;
  const plan = planNd(shape, [outStrides], 0);
  runNd1(plan, out, outOffset, value, fillLoop);
}
