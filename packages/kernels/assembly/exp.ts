// SIMD exponentials: range reduction x = k·ln2 + r, a polynomial for e^r, and 2^k built in the exponent bits.
// Results below the normal range flush to 0 (within the conformance tolerances), above it they are +Infinity.

const EXP32: usize = memory.data<f32>([
  1.4426950408889634, 1.4426950408889634, 1.4426950408889634, 1.4426950408889634,
  0.693359375, 0.693359375, 0.693359375, 0.693359375,
  -2.12194440e-4, -2.12194440e-4, -2.12194440e-4, -2.12194440e-4,
  1.9875691500e-4, 1.9875691500e-4, 1.9875691500e-4, 1.9875691500e-4,
  1.3981999507e-3, 1.3981999507e-3, 1.3981999507e-3, 1.3981999507e-3,
  8.3334519073e-3, 8.3334519073e-3, 8.3334519073e-3, 8.3334519073e-3,
  4.1665795894e-2, 4.1665795894e-2, 4.1665795894e-2, 4.1665795894e-2,
  1.6666665459e-1, 1.6666665459e-1, 1.6666665459e-1, 1.6666665459e-1,
  5.0000001201e-1, 5.0000001201e-1, 5.0000001201e-1, 5.0000001201e-1,
  1, 1, 1, 1,
  88.72283935546875, 88.72283935546875, 88.72283935546875, 88.72283935546875,
  0, 0, 0, 0,
  -87.33654475, -87.33654475, -87.33654475, -87.33654475,
  12582912, 12582912, 12582912, 12582912,
  Infinity, Infinity, Infinity, Infinity,
]);

// 127, the f32 exponent bias, in each i32 lane.
const BIAS32: usize = memory.data<i32>([127, 127, 127, 127]);

// V8 rebuilds a v128 constant inside the loop each time it is used (several instructions); a load from this
// table of pre-splatted constants is one instruction.
function k32(index: i32): v128 {
  return v128.load(EXP32 + (<usize>index << 4));
}

/** e^x in each f32 lane: Cephes expf polynomial, about 1 ulp. */
export function expF32x4(x: v128): v128 {
  // Adding 1.5·2²³ rounds x·log₂e to the nearest integer k (ties to even) in the low mantissa bits, which also give
  // k as an integer: cheaper than nearest + trunc_sat. Out of range (|x| > 88.7) the result is replaced below.
  const t = f32x4.add(f32x4.mul(x, k32(0)), k32(13));
  const k = f32x4.sub(t, k32(13));
  // ln 2 split in two so that k · hi is exact.
  let r = f32x4.sub(x, f32x4.mul(k, k32(1)));
  r = f32x4.sub(r, f32x4.mul(k, k32(2)));
  let p = k32(3);
  p = f32x4.add(f32x4.mul(p, r), k32(4));
  p = f32x4.add(f32x4.mul(p, r), k32(5));
  p = f32x4.add(f32x4.mul(p, r), k32(6));
  p = f32x4.add(f32x4.mul(p, r), k32(7));
  p = f32x4.add(f32x4.mul(p, r), k32(8));
  const y = f32x4.add(f32x4.add(f32x4.mul(f32x4.mul(p, r), r), r), k32(9));
  // 2^k as two factors, so that k = 128 (x just below the overflow bound) stays representable.
  const ki = i32x4.sub(t, k32(13));
  const half = i32x4.shr_s(ki, 1);
  const bias = v128.load(BIAS32);
  const scale1 = i32x4.shl(i32x4.add(half, bias), 23);
  const scale2 = i32x4.shl(i32x4.add(i32x4.sub(ki, half), bias), 23);
  let result = f32x4.mul(f32x4.mul(y, scale1), scale2);
  result = v128.bitselect(k32(14), result, f32x4.gt(x, k32(10)));
  return v128.bitselect(k32(11), result, f32x4.lt(x, k32(12)));
}

/** e^x in each f64 lane: degree-13 Taylor polynomial on |r| <= ln2/2 (truncation error ~4e-18). */
export function expF64x2(x: v128): v128 {
  const k = f64x2.nearest(f64x2.mul(x, f64x2.splat(1.4426950408889634)));
  // fdlibm's ln 2 split: hi has trailing zero bits, so k · hi is exact.
  let r = f64x2.sub(x, f64x2.mul(k, f64x2.splat(6.93147180369123816490e-01)));
  r = f64x2.sub(r, f64x2.mul(k, f64x2.splat(1.90821492927058770002e-10)));
  let p = f64x2.splat(1.0 / 6227020800.0);
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 479001600.0));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 39916800.0));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 3628800.0));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 362880.0));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 40320.0));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 5040.0));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 720.0));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 120.0));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 24.0));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0 / 6.0));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(0.5));
  const y = f64x2.add(f64x2.add(f64x2.mul(f64x2.mul(p, r), r), r), f64x2.splat(1));
  const ki = i64x2.extend_low_i32x4_s(i32x4.trunc_sat_f64x2_s_zero(k));
  const half = i64x2.shr_s(ki, 1);
  const scale1 = i64x2.shl(i64x2.add(half, i64x2.splat(1023)), 52);
  const scale2 = i64x2.shl(i64x2.add(i64x2.sub(ki, half), i64x2.splat(1023)), 52);
  let result = f64x2.mul(f64x2.mul(y, scale1), scale2);
  result = v128.bitselect(f64x2.splat(Infinity), result, f64x2.gt(x, f64x2.splat(709.782712893384)));
  return v128.bitselect(f64x2.splat(0), result, f64x2.lt(x, f64x2.splat(-708.3964185322641)));
}
