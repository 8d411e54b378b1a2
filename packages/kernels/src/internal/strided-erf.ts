// Double-precision erf (absolute error below ~1e-16), shared by the strided unary kernel; the scaled erfc tables are
// also relatively accurate to ~2e-16, so gelu's negative tail (src/internal/strided-gelu.ts) can use them.
// Coefficients are our own fits, computed with mpmath at 50 digits: Taylor terms 2/√π·(-1)^n/(n!(2n+1)) near 0,
// and Chebyshev interpolants of erfc(x)·exp(x²) in t = (x - centre) / halfWidth on each interval further out.

const TAYLOR = [
  1.1283791670955126, -0.37612638903183754, 0.11283791670955126, -0.026866170645131252, 0.005223977625442188,
  -0.0008548327023450853, 0.00012055332981789664, -1.492565035840625e-5, 1.6462114365889248e-6,
  -1.6365844691234924e-7, 1.4807192815879218e-8, -1.2290555301717928e-9, 9.422759064650411e-11,
];

// erfc(x)·exp(x²) on [0.5, 1.5], centre 1, half-width 0.5.
const SCALED_ERFC_1 = [
  0.427583576155807, -0.13660600739194928, 0.03859289034297706, -0.009903371117665836, 0.002348268513457043,
  -0.0005206834090756343, 0.00010890847459472877, -2.1633318559382548e-5, 4.102614914773928e-6,
  -7.460049472944939e-7, 1.3053004128102987e-7, -2.204290098630261e-8, 3.6021995098915975e-9,
  -5.707871626603288e-10, 8.752691998398392e-11, -1.3119944895310412e-11, 2.1033681858846656e-12,
  -2.986615905543666e-13,
];

// erfc(x)·exp(x²) on [1.5, 2.5], centre 2, half-width 0.5.
const SCALED_ERFC_2 = [
  0.25539567631050575, -0.0533982309267448, 0.010450688150881729, -0.0019325797205363864, 0.0003400461585900975,
  -5.7239508616599194e-5, 9.257343692396391e-6, -1.4435809953220756e-6, 2.1768867130101744e-7,
  -3.182366316899901e-8, 4.519830409242737e-9, -6.247818225931442e-10, 8.404283801320744e-11,
  -1.1058526000684964e-11, 1.5160272935021e-12, -1.9033636990697056e-13,
];

// erfc(x)·exp(x²) on [2.5, 4], centre 3.25, half-width 0.75.
const SCALED_ERFC_3 = [
  0.16633534842682188, -0.03539955174087778, 0.007277226121697713, -0.0014493394550706613, 0.0002803373858604941,
  -5.277242617299875e-5, 9.685663579535812e-6, -1.7359099524373456e-6, 3.042263321720137e-7,
  -5.219939846136253e-8, 8.778203678928047e-9, -1.4483904328516424e-9, 2.3463366250483014e-10,
  -3.718585146658852e-11, 5.823211570968011e-12, -9.924766123756205e-13, 1.50140381414803e-13,
];

// erfc(x)·exp(x²) on [4, 6], centre 5, half-width 1.
const SCALED_ERFC_4 = [
  0.11070463773306863, -0.021332789764826308, 0.004040688908937075, -0.0007528968134274429, 0.00013810242090033954,
  -2.4953883568128706e-5, 4.4443343492985714e-6, -7.806319626987718e-7, 1.3529365302452254e-7,
  -2.3147442750962905e-8, 3.911235575229903e-9, -6.530435800013467e-10, 1.0775422677534866e-10,
  -1.7487307640493828e-11, 2.8223551375217665e-12, -5.033015540266547e-13, 7.935106373004748e-14,
];

function horner(coefficients: readonly number[], t: number): number {
  let acc = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) acc = acc * t + coefficients[i];
  return acc;
}

const SQRT_PI = Math.sqrt(Math.PI);

/** erf(x)/x for |x| < 0.5. */
export function erfOverX(x: number): number {
  return horner(TAYLOR, x * x);
}

/**
 * The scaled complementary error function erfc(t)·exp(t²) for t ≥ 0.5: the Chebyshev tables below 6, Laplace's
 * continued fraction 1/(√π·(t + (1/2)/(t + 1/(t + (3/2)/(t + …))))) beyond (16 levels: ~3e-16 relative for t ≥ 6).
 */
export function scaledErfc(t: number): number {
  if (t < 1.5) return horner(SCALED_ERFC_1, (t - 1) * 2);
  if (t < 2.5) return horner(SCALED_ERFC_2, (t - 2) * 2);
  if (t < 4) return horner(SCALED_ERFC_3, (t - 3.25) / 0.75);
  if (t < 6) return horner(SCALED_ERFC_4, t - 5);
  let fraction = t;
  for (let k = 16; k >= 1; k--) fraction = t + k / 2 / fraction;
  return 1 / (SQRT_PI * fraction);
}

/** Returns the error function of `x`; NaN stays NaN and |x| ≥ 6 gives ±1 (1 - erf(6) ≈ 2e-17). */
export function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax < 0.5) return x * horner(TAYLOR, x * x);
  if (!(ax < 6)) return ax === ax ? (x > 0 ? 1 : -1) : x;
  const value = 1 - Math.exp(-ax * ax) * scaledErfc(ax);
  return x < 0 ? -value : value;
}
