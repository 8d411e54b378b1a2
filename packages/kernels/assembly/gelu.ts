import { erfOverXF64, scaledErfcF64 } from './erf';
import { expF32x4 } from './exp';

// The exact GELU x·Φ(x) and its derivative Φ(x) + x·φ(x), Φ and φ the standard normal CDF and density.
// f32: Φ from erfc(t) = exp(−x²/2)·τ·P(τ), t = |x|/√2, τ = 1/(1 + t/2), P our own fit of erfc(t)·exp(t²)/τ on
// τ ∈ (0, 1] (mpmath, least squares reweighted towards minimax, 4e-7 relative evaluated in f32), so one exp serves
// both tails and φ, and the negative tail stays relatively accurate down to the flush to 0 at |x| ≈ 13.2.
// f64: the JS kernel's algorithm (src/internal/strided-gelu.ts), lane by lane.

const GELU32: usize = memory.data<f32>([
  0.7071067811865476, 0.7071067811865476, 0.7071067811865476, 0.7071067811865476,  // 0: 1/√2
  -0.5, -0.5, -0.5, -0.5,  // 1
  0.5, 0.5, 0.5, 0.5,  // 2
  1, 1, 1, 1,  // 3
  -0.02552286721765995, -0.02552286721765995, -0.02552286721765995, -0.02552286721765995,  // 4: P, degree 9
  0.06446143984794617, 0.06446143984794617, 0.06446143984794617, 0.06446143984794617,  // 5: P, degree 8
  0.030753420665860176, 0.030753420665860176, 0.030753420665860176, 0.030753420665860176,  // 6: P, degree 7
  -0.1985490918159485, -0.1985490918159485, -0.1985490918159485, -0.1985490918159485,  // 7: P, degree 6
  0.07946933060884476, 0.07946933060884476, 0.07946933060884476, 0.07946933060884476,  // 8: P, degree 5
  0.058261532336473465, 0.058261532336473465, 0.058261532336473465, 0.058261532336473465,  // 9: P, degree 4
  0.18041490018367767, 0.18041490018367767, 0.18041490018367767, 0.18041490018367767,  // 10: P, degree 3
  0.24651220440864563, 0.24651220440864563, 0.24651220440864563, 0.24651220440864563,  // 11: P, degree 2
  0.2821042239665985, 0.2821042239665985, 0.2821042239665985, 0.2821042239665985,  // 12: P, degree 1
  0.2820947468280792, 0.2820947468280792, 0.2820947468280792, 0.2820947468280792,  // 13: P, degree 0
  0.3989422804014327, 0.3989422804014327, 0.3989422804014327, 0.3989422804014327,  // 14: 1/√(2π)
  -20, -20, -20, -20,  // 15
  20, 20, 20, 20,  // 16
]);

// Pre-splatted constants: V8 rebuilds a v128 constant at each use inside a loop, a load is one instruction.
function g32(index: i32): v128 {
  return v128.load(GELU32 + (<usize>index << 4));
}

/** Φ(x) in each f32 lane, given g = exp(−x²/2). */
function normalCdfF32x4(x: v128, g: v128): v128 {
  const t = f32x4.mul(f32x4.abs(x), g32(0));
  const tau = f32x4.div(g32(3), f32x4.add(g32(3), f32x4.mul(t, g32(2))));
  let p = g32(4);
  p = f32x4.add(f32x4.mul(p, tau), g32(5));
  p = f32x4.add(f32x4.mul(p, tau), g32(6));
  p = f32x4.add(f32x4.mul(p, tau), g32(7));
  p = f32x4.add(f32x4.mul(p, tau), g32(8));
  p = f32x4.add(f32x4.mul(p, tau), g32(9));
  p = f32x4.add(f32x4.mul(p, tau), g32(10));
  p = f32x4.add(f32x4.mul(p, tau), g32(11));
  p = f32x4.add(f32x4.mul(p, tau), g32(12));
  p = f32x4.add(f32x4.mul(p, tau), g32(13));
  const half = f32x4.mul(f32x4.mul(f32x4.mul(g, g32(2)), tau), p);
  return v128.bitselect(f32x4.sub(g32(3), half), half, f32x4.gt(x, f32x4.splat(0)));
}

/** x·Φ(x) in each f32 lane: x for +Infinity, -0 below -13.2 and for -Infinity, NaN stays NaN. */
export function geluF32x4(x: v128): v128 {
  const g = inline.always(expF32x4(f32x4.mul(f32x4.mul(x, x), g32(1))));
  // Clamped so that -Infinity · Φ = -20 · 0 = -0 rather than NaN; pmax (one instruction, unlike max) keeps NaN.
  return f32x4.mul(f32x4.pmax(x, g32(15)), inline.always(normalCdfF32x4(x, g)));
}

/** Φ(x) + x·φ(x) in each f32 lane: 1 for +Infinity, 0 for -Infinity, NaN stays NaN. */
export function geluDerivativeF32x4(x: v128): v128 {
  // |x| ≥ 20 changes nothing (φ underflows), and keeps Infinity · 0 out; pmin and pmax keep NaN.
  const c = f32x4.pmin(f32x4.pmax(x, g32(15)), g32(16));
  const g = inline.always(expF32x4(f32x4.mul(f32x4.mul(c, c), g32(1))));
  return f32x4.add(inline.always(normalCdfF32x4(c, g)), f32x4.mul(f32x4.mul(c, g), g32(14)));
}

/** 2²⁷ + 1: splits a double into two halves of 26 significant bits (Veltkamp). */
const SPLITTER: f64 = 134217729;
/** From here on gelu is x or -0 and its derivative 1 or 0 in double precision. */
const SATURATION: f64 = 40;
const INV_SQRT_2PI: f64 = 0.3989422804014327;

/** exp(−x²/2) for |x| < 40, with x² = hi² + lo·(x + hi) and hi² exact, as the JS kernel computes it. */
function gaussianF64(x: f64): f64 {
  const c = SPLITTER * x;
  const hi = c - (c - x);
  const lo = x - hi;
  const tail = 0.5 * lo * (x + hi);
  return Math.exp(-0.5 * hi * hi) * (1 - tail * (1 - tail * (0.5 - tail / 6)));
}

/** Φ(x) for 0.5 ≤ t = |x|/√2 and |x| < 40, given g = exp(−x²/2). */
function normalCdfTailF64(x: f64, t: f64, g: f64): f64 {
  const half = 0.5 * g * scaledErfcF64(t);
  return x > 0 ? 1 - half : half;
}

/** x·Φ(x) of one f64, as the JS kernel computes it. */
export function geluF64(x: f64): f64 {
  if (!(Math.abs(x) < SATURATION)) return x > 0 || x != x ? x : -0.0;
  const z = x * Math.SQRT1_2;
  const t = Math.abs(z);
  return x * (t < 0.5 ? 0.5 + 0.5 * z * erfOverXF64(z) : normalCdfTailF64(x, t, gaussianF64(x)));
}

/** Φ(x) + x·φ(x) of one f64, as the JS kernel computes it. */
export function geluDerivativeF64(x: f64): f64 {
  if (!(Math.abs(x) < SATURATION)) return x > 0 ? 1 : x == x ? 0 : x;
  const z = x * Math.SQRT1_2;
  const t = Math.abs(z);
  const g = gaussianF64(x);
  return (t < 0.5 ? 0.5 + 0.5 * z * erfOverXF64(z) : normalCdfTailF64(x, t, g)) + x * g * INV_SQRT_2PI;
}

/** gelu in each f64 lane (two scalar evaluations). */
export function geluF64x2(x: v128): v128 {
  return f64x2.replace_lane(f64x2.splat(geluF64(f64x2.extract_lane(x, 0))), 1, geluF64(f64x2.extract_lane(x, 1)));
}

/** geluDerivative in each f64 lane (two scalar evaluations). */
export function geluDerivativeF64x2(x: v128): v128 {
  return f64x2.replace_lane(f64x2.splat(geluDerivativeF64(f64x2.extract_lane(x, 0))), 1, geluDerivativeF64(f64x2.extract_lane(x, 1)));
}
