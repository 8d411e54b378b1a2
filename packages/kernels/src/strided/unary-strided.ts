import type { TypedArray } from '../dtype';
import { planNd } from '../internal/nd-plan';
import { runNd2, type ContiguousLoop2, type Loop2 } from '../internal/nd-run';
import { erf } from '../internal/strided-erf';
import { gelu, geluDerivative } from '../internal/strided-gelu';
import { assertStridedOperand, assertStridedShape, unknownOp } from '../internal/strided-validate';
import type { UnaryOp } from '../ops';
import type { Shape, Strides } from '../shape';

// Rounds half to even (NumPy, PyTorch): Math.round rounds halves up, so step back when that landed on an odd integer.
function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

// Never exponentiates a positive number, so neither branch overflows.
function sigmoid(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

// One function literal per op keeps V8's type feedback monomorphic per op (no per-element switch).
const LOOPS: Record<UnaryOp, Loop2> = {
  neg: (n, x, xi, xs, o, oi, os) => { for (let i = 0; i < n; i++, xi += xs, oi += os) o[oi] = -x[xi]; },
  abs: (n, x, xi, xs, o, oi, os) => { for (let i = 0; i < n; i++, xi += xs, oi += os) o[oi] = Math.abs(x[xi]); },
  sign: (n, x, xi, xs, o, oi, os) => { for (let i = 0; i < n; i++, xi += xs, oi += os) o[oi] = Math.sign(x[xi]); },
  exp: (n, x, xi, xs, o, oi, os) => { for (let i = 0; i < n; i++, xi += xs, oi += os) o[oi] = Math.exp(x[xi]); },
  expm1: (n, x, xi, xs, o, oi, os) => { for (let i = 0; i < n; i++, xi += xs, oi += os) o[oi] = Math.expm1(x[xi]); },
  log: (n, x, xi, xs, o, oi, os) => { for (let i = 0; i < n; i++, xi += xs, oi += os) o[oi] = Math.log(x[xi]); },
  log1p: (n, x, xi, xs, o, oi, os) => { for (let i = 0; i < n; i++, xi += xs, oi += os) o[oi] = Math.log1p(x[xi]); },
  sqrt: (n, x, xi, xs, o, oi, os) => { for (let i = 0; i < n; i++, xi += xs, oi += os) o[oi] = Math.sqrt(x[xi]); },
  reciprocal: (n, x, xi, xs, o, oi, os) => { for (let i = 0; i < n; i++, xi += xs, oi += os) o[oi] = 1 / x[xi]; },
  square: (n, x, xi, xs, o, oi, os) => {
    for (let i = 0; i < n; i++, xi += xs, oi += os) {
      const v = x[xi];
      o[oi] = v * v;
    }
  },
  sin: (n, x, xi, xs, o, oi, os) => { for (let i = 0; i < n; i++, xi += xs, oi += os) o[oi] = Math.sin(x[xi]); },
  cos: (n, x, xi, xs, o, oi, os) => { for (let i = 0; i < n; i++, xi += xs, oi += os) o[oi] = Math.cos(x[xi]); },
  tanh: (n, x, xi, xs, o, oi, os) => { for (let i = 0; i < n; i++, xi += xs, oi += os) o[oi] = Math.tanh(x[xi]); },
  sigmoid: (n, x, xi, xs, o, oi, os) => { for (let i = 0; i < n; i++, xi += xs, oi += os) o[oi] = sigmoid(x[xi]); },
  erf: (n, x, xi, xs, o, oi, os) => { for (let i = 0; i < n; i++, xi += xs, oi += os) o[oi] = erf(x[xi]); },
  gelu: (n, x, xi, xs, o, oi, os) => { for (let i = 0; i < n; i++, xi += xs, oi += os) o[oi] = gelu(x[xi]); },
  geluDerivative: (n, x, xi, xs, o, oi, os) => { for (let i = 0; i < n; i++, xi += xs, oi += os) o[oi] = geluDerivative(x[xi]); },
  floor: (n, x, xi, xs, o, oi, os) => { for (let i = 0; i < n; i++, xi += xs, oi += os) o[oi] = Math.floor(x[xi]); },
  ceil: (n, x, xi, xs, o, oi, os) => { for (let i = 0; i < n; i++, xi += xs, oi += os) o[oi] = Math.ceil(x[xi]); },
  round: (n, x, xi, xs, o, oi, os) => { for (let i = 0; i < n; i++, xi += xs, oi += os) o[oi] = roundHalfEven(x[xi]); },
};

// Unit-stride twins of LOOPS for the common fully contiguous case: one index instead of two increments.
const CONTIGUOUS_LOOPS: Record<UnaryOp, ContiguousLoop2> = {
  neg: (n, x, xi, o, oi) => { for (let end = oi + n, d = xi - oi; oi < end; oi++) o[oi] = -x[oi + d]; },
  abs: (n, x, xi, o, oi) => { for (let end = oi + n, d = xi - oi; oi < end; oi++) o[oi] = Math.abs(x[oi + d]); },
  sign: (n, x, xi, o, oi) => { for (let end = oi + n, d = xi - oi; oi < end; oi++) o[oi] = Math.sign(x[oi + d]); },
  exp: (n, x, xi, o, oi) => { for (let end = oi + n, d = xi - oi; oi < end; oi++) o[oi] = Math.exp(x[oi + d]); },
  expm1: (n, x, xi, o, oi) => { for (let end = oi + n, d = xi - oi; oi < end; oi++) o[oi] = Math.expm1(x[oi + d]); },
  log: (n, x, xi, o, oi) => { for (let end = oi + n, d = xi - oi; oi < end; oi++) o[oi] = Math.log(x[oi + d]); },
  log1p: (n, x, xi, o, oi) => { for (let end = oi + n, d = xi - oi; oi < end; oi++) o[oi] = Math.log1p(x[oi + d]); },
  sqrt: (n, x, xi, o, oi) => { for (let end = oi + n, d = xi - oi; oi < end; oi++) o[oi] = Math.sqrt(x[oi + d]); },
  reciprocal: (n, x, xi, o, oi) => { for (let end = oi + n, d = xi - oi; oi < end; oi++) o[oi] = 1 / x[oi + d]; },
  square: (n, x, xi, o, oi) => {
    for (let end = oi + n, d = xi - oi; oi < end; oi++) {
      const v = x[oi + d];
      o[oi] = v * v;
    }
  },
  sin: (n, x, xi, o, oi) => { for (let end = oi + n, d = xi - oi; oi < end; oi++) o[oi] = Math.sin(x[oi + d]); },
  cos: (n, x, xi, o, oi) => { for (let end = oi + n, d = xi - oi; oi < end; oi++) o[oi] = Math.cos(x[oi + d]); },
  tanh: (n, x, xi, o, oi) => { for (let end = oi + n, d = xi - oi; oi < end; oi++) o[oi] = Math.tanh(x[oi + d]); },
  sigmoid: (n, x, xi, o, oi) => { for (let end = oi + n, d = xi - oi; oi < end; oi++) o[oi] = sigmoid(x[oi + d]); },
  erf: (n, x, xi, o, oi) => { for (let end = oi + n, d = xi - oi; oi < end; oi++) o[oi] = erf(x[oi + d]); },
  gelu: (n, x, xi, o, oi) => { for (let end = oi + n, d = xi - oi; oi < end; oi++) o[oi] = gelu(x[oi + d]); },
  geluDerivative: (n, x, xi, o, oi) => { for (let end = oi + n, d = xi - oi; oi < end; oi++) o[oi] = geluDerivative(x[oi + d]); },
  floor: (n, x, xi, o, oi) => { for (let end = oi + n, d = xi - oi; oi < end; oi++) o[oi] = Math.floor(x[oi + d]); },
  ceil: (n, x, xi, o, oi) => { for (let end = oi + n, d = xi - oi; oi < end; oi++) o[oi] = Math.ceil(x[oi + d]); },
  round: (n, x, xi, o, oi) => { for (let end = oi + n, d = xi - oi; oi < end; oi++) o[oi] = roundHalfEven(x[oi + d]); },
};

/**
 * Applies a unary op element-wise from one strided view into another: `out[i] = op(x[i])`.
 *
 * @remarks
 * Computes in double precision and stores by assignment. `round` rounds halves to even (like NumPy and PyTorch:
 * 0.5 → 0, 1.5 → 2, -2.5 → -2); `sigmoid` never overflows (it exponentiates only non-positive numbers); `erf` is
 * accurate to about 1e-16; `gelu` and `geluDerivative` to a few ulps, relatively in the negative tail too (gelu is
 * x for large positive x and +Infinity, -0 for large negative x and -Infinity); `sign` keeps NaN and ±0 (NumPy). `out` may be `x` itself with the same layout (in-place).
 *
 * @param op - One of {@link UNARY_OPS}.
 * @param shape - Extent of each dimension, shared by both views.
 * @param x - Input storage.
 * @param xStrides - Strides of `x` in elements (0 broadcasts, negative walks backwards).
 * @param xOffset - Index in `x` of element `[0, 0, …]`.
 * @param out - Output storage.
 * @param outStrides - Strides of `out` in elements.
 * @param outOffset - Index in `out` of element `[0, 0, …]`.
 * @returns Nothing; `out` is written in place.
 * @throws {@link ShapeError} If the shape is invalid or a view does not fit in its buffer.
 *
 * @example
 * ```ts
 * import { unaryStrided } from '@nanograd/kernels';
 * const x = new Float32Array([0.5, 1.5, 2.5]);
 * const out = new Float32Array(3);
 * unaryStrided('round', [3], x, [1], 0, out, [1], 0); // out = [0, 2, 2]
 * ```
 * @category Strided
 */
export function unaryStrided(
  op: UnaryOp,
  shape: Shape,
  x: TypedArray,
  xStrides: Strides,
  xOffset: number,
  out: TypedArray,
  outStrides: Strides,
  outOffset: number,
): void {
  const kernel = 'unaryStrided';
  const loop = LOOPS[op];
  if (loop === undefined) unknownOp(kernel, op);
  const size = assertStridedShape(kernel, shape);
  assertStridedOperand(kernel, 'x', shape, x, xStrides, xOffset);
  assertStridedOperand(kernel, 'out', shape, out, outStrides, outOffset);
  if (size === 0) return;
  const plan = planNd(shape, [xStrides, outStrides], 1);
  runNd2(plan, x, xOffset, out, outOffset, loop, CONTIGUOUS_LOOPS[op]);
}

