// Contiguous reductions of one run of elements: sums accumulate in f64 lanes (like the JS kernels), max/min
// propagate NaN (f32x4.max/min do, as Math.max/min).

/** Sum of n contiguous f32, accumulated in double precision. */
export function sumF32(x: usize, n: i32): f64 {
  let s0 = f64x2.splat(0);
  let s1 = f64x2.splat(0);
  const vn = n & ~3;
  for (let i = 0; i < vn; i += 4) {
    const v = v128.load(x + (<usize>i << 2));
    s0 = f64x2.add(s0, f64x2.promote_low_f32x4(v));
    s1 = f64x2.add(s1, f64x2.promote_low_f32x4(i32x4.shuffle(v, v, 2, 3, 0, 1)));
  }
  const s = f64x2.add(s0, s1);
  let total = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  for (let i = vn; i < n; i++) total += <f64>load<f32>(x + (<usize>i << 2));
  return total;
}

/** Sum of n contiguous f64. */
export function sumF64(x: usize, n: i32): f64 {
  let s0 = f64x2.splat(0);
  let s1 = f64x2.splat(0);
  const vn = n & ~3;
  for (let i = 0; i < vn; i += 4) {
    const at = x + (<usize>i << 3);
    s0 = f64x2.add(s0, v128.load(at));
    s1 = f64x2.add(s1, v128.load(at, 16));
  }
  const s = f64x2.add(s0, s1);
  let total = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  for (let i = vn; i < n; i++) total += load<f64>(x + (<usize>i << 3));
  return total;
}

/** Max (op 0) or min (op 1) of n > 0 contiguous f32; NaN if any element is NaN. */
export function extremumF32(op: i32, x: usize, n: i32): f32 {
  let m = v128.load32_splat(x);
  const vn = n & ~3;
  if (op == 0) {
    for (let i = 0; i < vn; i += 4) m = f32x4.max(m, v128.load(x + (<usize>i << 2)));
  } else {
    for (let i = 0; i < vn; i += 4) m = f32x4.min(m, v128.load(x + (<usize>i << 2)));
  }
  let a = f32x4.extract_lane(m, 0);
  const b = f32x4.extract_lane(m, 1);
  const c = f32x4.extract_lane(m, 2);
  const d = f32x4.extract_lane(m, 3);
  for (let i = vn; i < n; i++) {
    const v = load<f32>(x + (<usize>i << 2));
    a = op == 0 ? max<f32>(a, v) : min<f32>(a, v);
  }
  return op == 0 ? max<f32>(max<f32>(a, b), max<f32>(c, d)) : min<f32>(min<f32>(a, b), min<f32>(c, d));
}

/** Max (op 0) or min (op 1) of n > 0 contiguous f64; NaN if any element is NaN. */
export function extremumF64(op: i32, x: usize, n: i32): f64 {
  let m = v128.load64_splat(x);
  const vn = n & ~1;
  if (op == 0) {
    for (let i = 0; i < vn; i += 2) m = f64x2.max(m, v128.load(x + (<usize>i << 3)));
  } else {
    for (let i = 0; i < vn; i += 2) m = f64x2.min(m, v128.load(x + (<usize>i << 3)));
  }
  let a = f64x2.extract_lane(m, 0);
  const b = f64x2.extract_lane(m, 1);
  if (vn < n) {
    const v = load<f64>(x + (<usize>vn << 3));
    a = op == 0 ? max<f64>(a, v) : min<f64>(a, v);
  }
  return op == 0 ? max<f64>(a, b) : min<f64>(a, b);
}
