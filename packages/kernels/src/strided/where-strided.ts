import type { TypedArray } from '../dtype';
import { planNd } from '../internal/nd-plan';
import { runNd4 } from '../internal/nd-run';
import { assertStridedOperand, assertStridedShape } from '../internal/strided-validate';
import type { Shape, Strides } from '../shape';

function whereLoop(
  n: number,
  c: TypedArray,
  ci: number,
  cs: number,
  a: TypedArray,
  ai: number,
  as: number,
  b: TypedArray,
  bi: number,
  bs: number,
  o: TypedArray,
  oi: number,
  os: number,
): void {
  for (let i = 0; i < n; i++, ci += cs, ai += as, bi += bs, oi += os) o[oi] = c[ci] !== 0 ? a[ai] : b[bi];
}

/**
 * Selects element-wise between two strided views: `out[i] = condition[i] !== 0 ? a[i] : b[i]`.
 *
 * @remarks
 * Any non-zero condition (NaN included) selects `a`. Broadcasting is expressed with stride-0 axes.
 *
 * @param shape - Extent of each dimension, shared by all four views.
 * @param condition - Condition storage (any element type).
 * @param conditionStrides - Strides of `condition` in elements (0 broadcasts, negative walks backwards).
 * @param conditionOffset - Index in `condition` of element `[0, 0, …]`.
 * @param a - Values taken where the condition holds.
 * @param aStrides - Strides of `a` in elements.
 * @param aOffset - Index in `a` of element `[0, 0, …]`.
 * @param b - Values taken elsewhere.
 * @param bStrides - Strides of `b` in elements.
 * @param bOffset - Index in `b` of element `[0, 0, …]`.
 * @param out - Output storage.
 * @param outStrides - Strides of `out` in elements.
 * @param outOffset - Index in `out` of element `[0, 0, …]`.
 * @returns Nothing; `out` is written in place.
 * @throws {@link ShapeError} If the shape is invalid or a view does not fit in its buffer.
 *
 * @example
 * ```ts
 * import { whereStrided } from '@nanograd/kernels';
 * const condition = new Int32Array([1, 0, 1]);
 * const a = new Float64Array([1, 2, 3]);
 * const zero = new Float64Array([0]); // a scalar broadcast with stride 0
 * const out = new Float64Array(3);
 * whereStrided([3], condition, [1], 0, a, [1], 0, zero, [0], 0, out, [1], 0); // out = [1, 0, 3]
 * ```
 * @category Strided
 */
export function whereStrided(
  shape: Shape,
  condition: TypedArray,
  conditionStrides: Strides,
  conditionOffset: number,
  a: TypedArray,
  aStrides: Strides,
  aOffset: number,
  b: TypedArray,
  bStrides: Strides,
  bOffset: number,
  out: TypedArray,
  outStrides: Strides,
  outOffset: number,
): void {
  const kernel = 'whereStrided';
  const size = assertStridedShape(kernel, shape);
  assertStridedOperand(kernel, 'condition', shape, condition, conditionStrides, conditionOffset);
  assertStridedOperand(kernel, 'a', shape, a, aStrides, aOffset);
  assertStridedOperand(kernel, 'b', shape, b, bStrides, bOffset);
  assertStridedOperand(kernel, 'out', shape, out, outStrides, outOffset);
  if (size === 0) return;
  const plan = planNd(shape, [conditionStrides, aStrides, bStrides, outStrides], 3);
  runNd4(plan, condition, conditionOffset, a, aOffset, b, bOffset, out, outOffset, whereLoop);
}
