import { expF32x4 } from './exp';

// The error function. f32: two minimax fits of our own (least squares reweighted towards minimax, in mpmath), about
// 1.5 ulp: x + x·R(x²) for |x| < 0.921875, and 1 - exp(Q(|x|)) with Q ≈ log erfc beyond (|x| clamped to 4, where
// erf rounds to 1). f64: the JS kernel's algorithm (src/internal/strided-erf.ts) with the same coefficients.

/** Below this |x| the odd polynomial is used, above it 1 - exp(Q(|x|)). */
const SMALL_LIMIT: f32 = 0.921875;

/** erf in each f32 lane; NaN stays NaN, ±Infinity gives ±1, -0 gives -0. */
export function erfF32x4(x: v128): v128 {
  const t = f32x4.abs(x);
  const s = f32x4.mul(x, x);
  // R(s) = erf(x)/x - 1, so the last step x + x·R rounds once.
  let r = f32x4.splat(-0.0005990993231534958);
  r = f32x4.add(f32x4.mul(r, s), f32x4.splat(0.004993212874978781));
  r = f32x4.add(f32x4.mul(r, s), f32x4.splat(-0.026766644790768623));
  r = f32x4.add(f32x4.mul(r, s), f32x4.splat(0.1128181740641594));
  r = f32x4.add(f32x4.mul(r, s), f32x4.splat(-0.37612494826316833));
  r = f32x4.add(f32x4.mul(r, s), f32x4.splat(0.12837915122509003));
  const small = f32x4.add(x, f32x4.mul(x, r));
  // Q(t) ≈ log erfc(t) on [0.921875, 4]; min keeps NaN (and turns Infinity into 4).
  const u = f32x4.min(t, f32x4.splat(4));
  let q = f32x4.splat(-2.1184263459872454e-5);
  q = f32x4.add(f32x4.mul(q, u), f32x4.splat(0.0004354780539870262));
  q = f32x4.add(f32x4.mul(q, u), f32x4.splat(-0.004175902344286442));
  q = f32x4.add(f32x4.mul(q, u), f32x4.splat(0.0251319520175457));
  q = f32x4.add(f32x4.mul(q, u), f32x4.splat(-0.10829910635948181));
  q = f32x4.add(f32x4.mul(q, u), f32x4.splat(-0.6333299279212952));
  q = f32x4.add(f32x4.mul(q, u), f32x4.splat(-1.1295231580734253));
  q = f32x4.add(f32x4.mul(q, u), f32x4.splat(0.0001763621112331748));
  const large = f32x4.sub(f32x4.splat(1), inline.always(expF32x4(q)));
  // large is positive (or NaN): give it the sign of x.
  const signed = v128.or(large, v128.and(x, i32x4.splat(0x80000000)));
  return v128.bitselect(small, signed, f32x4.lt(t, f32x4.splat(SMALL_LIMIT)));
}

/** erf of one f64, as the JS kernel computes it: NaN stays NaN and |x| ≥ 6 gives ±1. */
export function erfF64(x: f64): f64 {
  const ax = Math.abs(x);
  if (ax < 0.5) return x * taylor(x * x);
  if (!(ax < 6)) return ax == ax ? (x > 0 ? 1 : -1) : x;
  let scaled: f64;
  if (ax < 1.5) scaled = scaledErfc1((ax - 1) * 2);
  else if (ax < 2.5) scaled = scaledErfc2((ax - 2) * 2);
  else if (ax < 4) scaled = scaledErfc3((ax - 3.25) / 0.75);
  else scaled = scaledErfc4(ax - 5);
  const value = 1 - Math.exp(-ax * ax) * scaled;
  return x < 0 ? -value : value;
}

/** erf in each f64 lane (two scalar evaluations). */
export function erfF64x2(x: v128): v128 {
  return f64x2.replace_lane(f64x2.splat(erfF64(f64x2.extract_lane(x, 0))), 1, erfF64(f64x2.extract_lane(x, 1)));
}

// Horner forms of the JS kernel's tables, highest coefficient first.

// 2/√π·Σ (-1)^n t^n / (n!(2n+1)), t = x²: erf(x)/x for |x| < 0.5.
function taylor(t: f64): f64 {
  let p: f64 = 9.422759064650411e-11;
  p = p * t - 1.2290555301717928e-9;
  p = p * t + 1.4807192815879218e-8;
  p = p * t - 1.6365844691234924e-7;
  p = p * t + 1.6462114365889248e-6;
  p = p * t - 1.492565035840625e-5;
  p = p * t + 0.00012055332981789664;
  p = p * t - 0.0008548327023450853;
  p = p * t + 0.005223977625442188;
  p = p * t - 0.026866170645131252;
  p = p * t + 0.11283791670955126;
  p = p * t - 0.37612638903183754;
  p = p * t + 1.1283791670955126;
  return p;
}

// erfc(x)·exp(x²) on [0.5, 1.5], t = (x - 1) · 2.
function scaledErfc1(t: f64): f64 {
  let p: f64 = -2.986615905543666e-13;
  p = p * t + 2.1033681858846656e-12;
  p = p * t - 1.3119944895310412e-11;
  p = p * t + 8.752691998398392e-11;
  p = p * t - 5.707871626603288e-10;
  p = p * t + 3.6021995098915975e-9;
  p = p * t - 2.204290098630261e-8;
  p = p * t + 1.3053004128102987e-7;
  p = p * t - 7.460049472944939e-7;
  p = p * t + 4.102614914773928e-6;
  p = p * t - 2.1633318559382548e-5;
  p = p * t + 0.00010890847459472877;
  p = p * t - 0.0005206834090756343;
  p = p * t + 0.002348268513457043;
  p = p * t - 0.009903371117665836;
  p = p * t + 0.03859289034297706;
  p = p * t - 0.13660600739194928;
  p = p * t + 0.427583576155807;
  return p;
}

// erfc(x)·exp(x²) on [1.5, 2.5], t = (x - 2) · 2.
function scaledErfc2(t: f64): f64 {
  let p: f64 = -1.1724525510131175e-11;
  p = p * t + 8.934745957025724e-11;
  p = p * t - 6.238663620146676e-10;
  p = p * t + 4.512538948479039e-9;
  p = p * t - 3.182428711057246e-8;
  p = p * t + 2.1769364079423453e-7;
  p = p * t - 1.4435807770434383e-6;
  p = p * t + 9.257341953910349e-6;
  p = p * t - 5.723950865295796e-5;
  p = p * t + 0.000340046158879671;
  p = p * t - 0.0019325797205341157;
  p = p * t + 0.010450688150863644;
  p = p * t - 0.053398230926744825;
  p = p * t + 0.2553956763105059;
  return p;
}

// erfc(x)·exp(x²) on [2.5, 4], t = (x - 3.25) / 0.75.
function scaledErfc3(t: f64): f64 {
  let p: f64 = 2.545350123178656e-10;
  p = p * t - 1.575695546197502e-9;
  p = p * t + 8.752930514640295e-9;
  p = p * t - 5.203764622560356e-8;
  p = p * t + 3.042416089315752e-7;
  p = p * t - 1.7360077498306116e-6;
  p = p * t + 9.685659106010946e-6;
  p = p * t - 5.2772397531070706e-5;
  p = p * t + 0.0002803373864208793;
  p = p * t - 0.0014493394586587998;
  p = p * t + 0.007277226121677682;
  p = p * t - 0.03539955174074951;
  p = p * t + 0.16633534842682188;
  return p;
}

// erfc(x)·exp(x²) on [4, 6], t = x - 5.
function scaledErfc4(t: f64): f64 {
  let p: f64 = 1.444700332488069e-7;
  p = p * t - 8.349948024549331e-7;
  p = p * t + 4.437361871085046e-6;
  p = p * t - 2.4912564214536956e-5;
  p = p * t + 0.00013810436854186646;
  p = p * t - 0.0007529083568184031;
  p = p * t + 0.004040688762562392;
  p = p * t - 0.02133278889724187;
  p = p * t + 0.11070463773306863;
  return p;
}
