// Exact GELU x·Φ(x) and its derivative Φ(x) + x·φ(x) in double precision, on the erf kernel's approximations:
// Φ(x) = (1 + erf(x/√2))/2 near 0, and erfc(|x|/√2)/2 = exp(−x²/2)·scaledErfc(|x|/√2)/2 further out, so the
// negative tail keeps its relative accuracy (no cancellation in 1 + erf).
import { erfOverX, scaledErfc } from './strided-erf';

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
/** 2²⁷ + 1: splits a double into two halves of 26 significant bits (Veltkamp). */
const SPLITTER = 134217729;
/** From here on gelu is x or -0 and its derivative 1 or 0 in double precision (Φ(−40) ≈ 4e-350). */
const SATURATION = 40;

/** exp(−x²/2) for |x| < 40 to about 1 ulp: x² = hi² + lo·(x + hi) with hi² exact, so the exponent is not rounded. */
export function gaussian(x: number): number {
  const c = SPLITTER * x;
  const hi = c - (c - x);
  const lo = x - hi;
  const tail = 0.5 * lo * (x + hi);
  // exp(−tail) by its Taylor series: |tail| < 2e-5 here.
  return Math.exp(-0.5 * hi * hi) * (1 - tail * (1 - tail * (0.5 - tail / 6)));
}

/** Φ(x) for 0.5 ≤ |x|/√2 and |x| < 40 from erfc, given t = |x|/√2 and g = exp(−x²/2). */
function normalCdfTail(x: number, t: number, g: number): number {
  const half = 0.5 * g * scaledErfc(t);
  return x > 0 ? 1 - half : half;
}

/** x·Φ(x): x itself for x ≥ 40 and +Infinity, -0 for x ≤ -40 and -Infinity, NaN for NaN. */
export function gelu(x: number): number {
  if (!(Math.abs(x) < SATURATION)) return x > 0 || x !== x ? x : -0;
  const z = x * Math.SQRT1_2;
  const t = Math.abs(z);
  return x * (t < 0.5 ? 0.5 + 0.5 * z * erfOverX(z) : normalCdfTail(x, t, gaussian(x)));
}

/** d/dx x·Φ(x) = Φ(x) + x·φ(x): 1 for x ≥ 40 and +Infinity, 0 for x ≤ -40 and -Infinity, NaN for NaN. */
export function geluDerivative(x: number): number {
  if (!(Math.abs(x) < SATURATION)) return x > 0 ? 1 : x === x ? 0 : x;
  const z = x * Math.SQRT1_2;
  const t = Math.abs(z);
  const g = gaussian(x);
  return (t < 0.5 ? 0.5 + 0.5 * z * erfOverX(z) : normalCdfTail(x, t, g)) + x * g * INV_SQRT_2PI;
}
