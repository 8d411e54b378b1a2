import type { TypedArray } from '../dtype';
import { planNd } from '../internal/nd-plan';
import { runNd3, type ContiguousLoop3, type Loop3 } from '../internal/nd-run';
import { assertStridedOperand, assertStridedShape, unknownOp } from '../internal/strided-validate';
import type { BinaryOp } from '../ops';
import type { Shape, Strides } from '../shape';

// One function literal per op keeps V8's type feedback monomorphic per op (no per-element switch).
const LOOPS: Record<BinaryOp, Loop3> = {
  add: (n, a, ai, as, b, bi, bs, o, oi, os) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs, oi += os) o[oi] = a[ai] + b[bi];
  },
  sub: (n, a, ai, as, b, bi, bs, o, oi, os) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs, oi += os) o[oi] = a[ai] - b[bi];
  },
  mul: (n, a, ai, as, b, bi, bs, o, oi, os) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs, oi += os) o[oi] = a[ai] * b[bi];
  },
  div: (n, a, ai, as, b, bi, bs, o, oi, os) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs, oi += os) o[oi] = a[ai] / b[bi];
  },
  pow: (n, a, ai, as, b, bi, bs, o, oi, os) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs, oi += os) o[oi] = Math.pow(a[ai], b[bi]);
  },
  // Math.max/min return NaN when either side is NaN, like torch.maximum.
  maximum: (n, a, ai, as, b, bi, bs, o, oi, os) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs, oi += os) o[oi] = Math.max(a[ai], b[bi]);
  },
  minimum: (n, a, ai, as, b, bi, bs, o, oi, os) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs, oi += os) o[oi] = Math.min(a[ai], b[bi]);
  },
  equal: (n, a, ai, as, b, bi, bs, o, oi, os) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs, oi += os) o[oi] = a[ai] === b[bi] ? 1 : 0;
  },
  notEqual: (n, a, ai, as, b, bi, bs, o, oi, os) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs, oi += os) o[oi] = a[ai] !== b[bi] ? 1 : 0;
  },
  less: (n, a, ai, as, b, bi, bs, o, oi, os) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs, oi += os) o[oi] = a[ai] < b[bi] ? 1 : 0;
  },
  lessEqual: (n, a, ai, as, b, bi, bs, o, oi, os) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs, oi += os) o[oi] = a[ai] <= b[bi] ? 1 : 0;
  },
  greater: (n, a, ai, as, b, bi, bs, o, oi, os) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs, oi += os) o[oi] = a[ai] > b[bi] ? 1 : 0;
  },
  greaterEqual: (n, a, ai, as, b, bi, bs, o, oi, os) => {
    for (let i = 0; i < n; i++, ai += as, bi += bs, oi += os) o[oi] = a[ai] >= b[bi] ? 1 : 0;
  },
};

// Unit-stride twins of LOOPS for the common fully contiguous case: one index instead of three increments.
const CONTIGUOUS_LOOPS: Record<BinaryOp, ContiguousLoop3> = {
  add: (n, a, ai, b, bi, o, oi) => {
    for (let end = oi + n, da = ai - oi, db = bi - oi; oi < end; oi++) o[oi] = a[oi + da] + b[oi + db];
  },
  sub: (n, a, ai, b, bi, o, oi) => {
    for (let end = oi + n, da = ai - oi, db = bi - oi; oi < end; oi++) o[oi] = a[oi + da] - b[oi + db];
  },
  mul: (n, a, ai, b, bi, o, oi) => {
    for (let end = oi + n, da = ai - oi, db = bi - oi; oi < end; oi++) o[oi] = a[oi + da] * b[oi + db];
  },
  div: (n, a, ai, b, bi, o, oi) => {
    for (let end = oi + n, da = ai - oi, db = bi - oi; oi < end; oi++) o[oi] = a[oi + da] / b[oi + db];
  },
  pow: (n, a, ai, b, bi, o, oi) => {
    for (let end = oi + n, da = ai - oi, db = bi - oi; oi < end; oi++) o[oi] = Math.pow(a[oi + da], b[oi + db]);
  },
  maximum: (n, a, ai, b, bi, o, oi) => {
    for (let end = oi + n, da = ai - oi, db = bi - oi; oi < end; oi++) o[oi] = Math.max(a[oi + da], b[oi + db]);
  },
  minimum: (n, a, ai, b, bi, o, oi) => {
    for (let end = oi + n, da = ai - oi, db = bi - oi; oi < end; oi++) o[oi] = Math.min(a[oi + da], b[oi + db]);
  },
  equal: (n, a, ai, b, bi, o, oi) => {
    for (let end = oi + n, da = ai - oi, db = bi - oi; oi < end; oi++) o[oi] = a[oi + da] === b[oi + db] ? 1 : 0;
  },
  notEqual: (n, a, ai, b, bi, o, oi) => {
    for (let end = oi + n, da = ai - oi, db = bi - oi; oi < end; oi++) o[oi] = a[oi + da] !== b[oi + db] ? 1 : 0;
  },
  less: (n, a, ai, b, bi, o, oi) => {
    for (let end = oi + n, da = ai - oi, db = bi - oi; oi < end; oi++) o[oi] = a[oi + da] < b[oi + db] ? 1 : 0;
  },
  lessEqual: (n, a, ai, b, bi, o, oi) => {
    for (let end = oi + n, da = ai - oi, db = bi - oi; oi < end; oi++) o[oi] = a[oi + da] <= b[oi + db] ? 1 : 0;
  },
  greater: (n, a, ai, b, bi, o, oi) => {
    for (let end = oi + n, da = ai - oi, db = bi - oi; oi < end; oi++) o[oi] = a[oi + da] > b[oi + db] ? 1 : 0;
  },
  greaterEqual: (n, a, ai, b, bi, o, oi) => {
    for (let end = oi + n, da = ai - oi, db = bi - oi; oi < end; oi++) o[oi] = a[oi + da] >= b[oi + db] ? 1 : 0;
  },
};

/**
 * Applies a binary op element-wise over three strided views of the same shape: `out[i] = op(a[i], b[i])`.
 *
 * @remarks
 * Broadcasting is expressed with stride-0 axes on `a` or `b`. Comparisons write 1 or 0 (NaN compares unequal to
 * everything); `maximum` and `minimum` propagate NaN like `torch.maximum`. Computes in double precision and stores by
 * assignment. `out` may alias an input with the same layout (in-place).
 *
 * @param op - One of {@link BINARY_OPS}.
 * @param shape - Extent of each dimension, shared by all three views.
 * @param a - First input storage.
 * @param aStrides - Strides of `a` in elements (0 broadcasts, negative walks backwards).
 * @param aOffset - Index in `a` of element `[0, 0, …]`.
 * @param b - Second input storage.
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
 * import { binaryStrided } from '@nanograd/kernels';
 * const a = new Float32Array([1, 2, 3, 4, 5, 6]); // 2x3
 * const bias = new Float32Array([10, 20, 30]); // broadcast over rows with stride 0
 * const out = new Float32Array(6);
 * binaryStrided('add', [2, 3], a, [3, 1], 0, bias, [0, 1], 0, out, [3, 1], 0); // out = [11, 22, 33, 14, 25, 36]
 * ```
 * @category Strided
 */
export function binaryStrided(
  op: BinaryOp,
  shape: Shape,
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
  const kernel = 'binaryStrided';
  const loop = LOOPS[op];
  if (loop === undefined) unknownOp(kernel, op);
  const size = assertStridedShape(kernel, shape);
  assertStridedOperand(kernel, 'a', shape, a, aStrides, aOffset);
  assertStridedOperand(kernel, 'b', shape, b, bStrides, bOffset);
  assertStridedOperand(kernel, 'out', shape, out, outStrides, outOffset);
  if (size === 0) return;
  const plan = planNd(shape, [aStrides, bStrides, outStrides], 2);
  runNd3(plan, a, aOffset, b, bOffset, out, outOffset, loop, CONTIGUOUS_LOOPS[op]);
}
