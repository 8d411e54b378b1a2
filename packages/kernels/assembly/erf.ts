import { expF32x4 } from './exp';

// The error function. f32: two minimax fits of our own (least squares reweighted towards minimax, in mpmath), about
// 1.5 ulp: x + x·R(x²) for |x| < 0.921875, and 1 - exp(Q(|x|)) with Q ≈ log erfc beyond (|x| clamped to 4, where
// erf rounds to 1). f64: the JS kernel's algorithm (src/internal/strided-erf.ts) with the same coefficients.

// Pre-splatted constants: V8 rebuilds a v128 constant at each use (three instructions), a load is one.
const ERF32: usize = memory.data<f32>([
  -0.0005990993231534958, -0.0005990993231534958, -0.0005990993231534958, -0.0005990993231534958,  // 0: R, degree 5
  0.004993212874978781, 0.004993212874978781, 0.004993212874978781, 0.004993212874978781,  // 1
  -0.026766644790768623, -0.026766644790768623, -0.026766644790768623, -0.026766644790768623,  // 2
  0.1128181740641594, 0.1128181740641594, 0.1128181740641594, 0.1128181740641594,  // 3
  -0.37612494826316833, -0.37612494826316833, -0.37612494826316833, -0.37612494826316833,  // 4
  0.12837915122509003, 0.12837915122509003, 0.12837915122509003, 0.12837915122509003,  // 5
  -2.1184263459872454e-5, -2.1184263459872454e-5, -2.1184263459872454e-5, -2.1184263459872454e-5,  // 6: Q, degree 7
  0.0004354780539870262, 0.0004354780539870262, 0.0004354780539870262, 0.0004354780539870262,  // 7
  -0.004175902344286442, -0.004175902344286442, -0.004175902344286442, -0.004175902344286442,  // 8
  0.0251319520175457, 0.0251319520175457, 0.0251319520175457, 0.0251319520175457,  // 9
  -0.10829910635948181, -0.10829910635948181, -0.10829910635948181, -0.10829910635948181,  // 10
  -0.6333299279212952, -0.6333299279212952, -0.6333299279212952, -0.6333299279212952,  // 11
  -1.1295231580734253, -1.1295231580734253, -1.1295231580734253, -1.1295231580734253,  // 12
  0.0001763621112331748, 0.0001763621112331748, 0.0001763621112331748, 0.0001763621112331748,  // 13
  0.921875, 0.921875, 0.921875, 0.921875,  // 14: below this |x| the odd polynomial is used, above it 1 - exp(Q(|x|))
  4, 4, 4, 4,  // 15: Q's upper end
  1, 1, 1, 1,  // 16
  -0.0, -0.0, -0.0, -0.0,  // 17: the sign bit
]);

function e32(index: i32): v128 {
  return v128.load(ERF32 + (<usize>index << 4));
}

/** erf in each f32 lane; NaN stays NaN, ±Infinity gives ±1, -0 gives -0. */
export function erfF32x4(x: v128): v128 {
  const t = f32x4.abs(x);
  const s = f32x4.mul(x, x);
  // R(s) = erf(x)/x - 1, so the last step x + x·R rounds once.
  let r = e32(0);
  r = f32x4.add(f32x4.mul(r, s), e32(1));
  r = f32x4.add(f32x4.mul(r, s), e32(2));
  r = f32x4.add(f32x4.mul(r, s), e32(3));
  r = f32x4.add(f32x4.mul(r, s), e32(4));
  r = f32x4.add(f32x4.mul(r, s), e32(5));
  const small = f32x4.add(x, f32x4.mul(x, r));
  // Q(t) ≈ log erfc(t) on [0.921875, 4]; pmin (one instruction, unlike min) keeps NaN and turns Infinity into 4.
  const u = f32x4.pmin(t, e32(15));
  let q = e32(6);
  q = f32x4.add(f32x4.mul(q, u), e32(7));
  q = f32x4.add(f32x4.mul(q, u), e32(8));
  q = f32x4.add(f32x4.mul(q, u), e32(9));
  q = f32x4.add(f32x4.mul(q, u), e32(10));
  q = f32x4.add(f32x4.mul(q, u), e32(11));
  q = f32x4.add(f32x4.mul(q, u), e32(12));
  q = f32x4.add(f32x4.mul(q, u), e32(13));
  const large = f32x4.sub(e32(16), inline.always(expF32x4(q)));
  // large is positive (or NaN): give it the sign of x.
  const signed = v128.or(large, v128.and(x, e32(17)));
  return v128.bitselect(small, signed, f32x4.lt(t, e32(14)));
}

/** erf of one f64, as the JS kernel computes it: NaN stays NaN and |x| ≥ 6 gives ±1. */
export function erfF64(x: f64): f64 {
  const ax = Math.abs(x);
  if (ax < 0.5) return x * taylor(x * x);
  if (!(ax < 6)) return ax == ax ? (x > 0 ? 1 : -1) : x;
  const value = 1 - Math.exp(-ax * ax) * scaledErfcF64(ax);
  return x < 0 ? -value : value;
}

/** erf(x)/x for |x| < 0.5, as the JS kernel computes it. */
export function erfOverXF64(x: f64): f64 {
  return taylor(x * x);
}

/** erfc(t)·exp(t²) for t ≥ 0.5, as the JS kernel computes it (tables below 6, Laplace's continued fraction beyond). */
export function scaledErfcF64(t: f64): f64 {
  if (t < 1.5) return scaledErfc1((t - 1) * 2);
  if (t < 2.5) return scaledErfc2((t - 2) * 2);
  if (t < 4) return scaledErfc3((t - 3.25) / 0.75);
  if (t < 6) return scaledErfc4(t - 5);
  let fraction = t;
  for (let k = 16; k >= 1; k--) fraction = t + <f64>k / 2 / fraction;
  return 1 / (1.7724538509055159 * fraction);
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
  let p: f64 = -1.9033636990697056e-13;
  p = p * t + 1.5160272935021e-12;
  p = p * t - 1.1058526000684964e-11;
  p = p * t + 8.404283801320744e-11;
  p = p * t - 6.247818225931442e-10;
  p = p * t + 4.519830409242737e-9;
  p = p * t - 3.182366316899901e-8;
  p = p * t + 2.1768867130101744e-7;
  p = p * t - 1.4435809953220756e-6;
  p = p * t + 9.257343692396391e-6;
  p = p * t - 5.7239508616599194e-5;
  p = p * t + 0.0003400461585900975;
  p = p * t - 0.0019325797205363864;
  p = p * t + 0.010450688150881729;
  p = p * t - 0.0533982309267448;
  p = p * t + 0.25539567631050575;
  return p;
}

// erfc(x)·exp(x²) on [2.5, 4], t = (x - 3.25) / 0.75.
function scaledErfc3(t: f64): f64 {
  let p: f64 = 1.50140381414803e-13;
  p = p * t - 9.924766123756205e-13;
  p = p * t + 5.823211570968011e-12;
  p = p * t - 3.718585146658852e-11;
  p = p * t + 2.3463366250483014e-10;
  p = p * t - 1.4483904328516424e-9;
  p = p * t + 8.778203678928047e-9;
  p = p * t - 5.219939846136253e-8;
  p = p * t + 3.042263321720137e-7;
  p = p * t - 1.7359099524373456e-6;
  p = p * t + 9.685663579535812e-6;
  p = p * t - 5.277242617299875e-5;
  p = p * t + 0.0002803373858604941;
  p = p * t - 0.0014493394550706613;
  p = p * t + 0.007277226121697713;
  p = p * t - 0.03539955174087778;
  p = p * t + 0.16633534842682188;
  return p;
}

// erfc(x)·exp(x²) on [4, 6], t = x - 5.
function scaledErfc4(t: f64): f64 {
  let p: f64 = 7.935106373004748e-14;
  p = p * t - 5.033015540266547e-13;
  p = p * t + 2.8223551375217665e-12;
  p = p * t - 1.7487307640493828e-11;
  p = p * t + 1.0775422677534866e-10;
  p = p * t - 6.530435800013467e-10;
  p = p * t + 3.911235575229903e-9;
  p = p * t - 2.3147442750962905e-8;
  p = p * t + 1.3529365302452254e-7;
  p = p * t - 7.806319626987718e-7;
  p = p * t + 4.4443343492985714e-6;
  p = p * t - 2.4953883568128706e-5;
  p = p * t + 0.00013810242090033954;
  p = p * t - 0.0007528968134274429;
  p = p * t + 0.004040688908937075;
  p = p * t - 0.021332789764826308;
  p = p * t + 0.11070463773306863;
  return p;
}
