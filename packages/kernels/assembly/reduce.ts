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

// Index of the max (op 0) or min (op 1) along the middle axis of a dense (outer, n, inner) array, into a dense
// (outer, inner) i32 array. Strict comparisons keep the first of equal values; the first NaN wins outright.
// `skip` leading columns of each row are left out (the SIMD loop did them; x and out then point past them).
function argLoop<T>(op: i32, x: usize, out: usize, outer: i32, n: i32, inner: i32, skip: i32 = 0): void {
  const shift = alignof<T>();
  const step = (<usize>inner) << shift;
  for (let o = 0; o < outer; o++) {
    const base = x + ((<usize>(o * n * inner)) << shift);
    const row = out + ((<usize>(o * inner)) << 2);
    for (let i = 0; i < inner - skip; i++) {
      let at = base + ((<usize>i) << shift);
      let best = load<T>(at);
      let index = 0;
      if (best == best) {
        for (let r = 1; r < n; r++) {
          at += step;
          const v = load<T>(at);
          if (op == 0 ? v > best : v < best) {
            best = v;
            index = r;
          } else if (v != v) {
            index = r;
            break;
          }
        }
      }
      store<i32>(row + ((<usize>i) << 2), index);
    }
  }
}

// Four inner positions at a time without branches: a lane moves to row r where v beats best, or where v is the
// first NaN (a NaN best is never beaten, since comparisons with NaN are false).
function argLoopF32x4(op: i32, x: usize, out: usize, outer: i32, n: i32, inner: i32): void {
  const step = (<usize>inner) << 2;
  const vn = inner & ~3;
  for (let o = 0; o < outer; o++) {
    const base = x + ((<usize>(o * n * inner)) << 2);
    const row = out + ((<usize>(o * inner)) << 2);
    for (let i = 0; i < vn; i += 4) {
      let at = base + ((<usize>i) << 2);
      let best = v128.load(at);
      let index = i32x4.splat(0);
      for (let r = 1; r < n; r++) {
        at += step;
        const v = v128.load(at);
        const beats = op == 0 ? f32x4.gt(v, best) : f32x4.lt(v, best);
        const firstNaN = v128.andnot(f32x4.ne(v, v), f32x4.ne(best, best));
        const move = v128.or(beats, firstNaN);
        best = v128.bitselect(v, best, move);
        index = v128.bitselect(i32x4.splat(r), index, move);
      }
      v128.store(row + ((<usize>i) << 2), index);
    }
  }
  if (vn < inner) argLoop<f32>(op, x + ((<usize>vn) << 2), out + ((<usize>vn) << 2), outer, n, inner, vn);
}

/** Argmax (op 0) or argmin (op 1) along the middle axis of dense f32 (outer, n, inner) into dense i32 (outer, inner). */
export function argReduceF32(op: i32, x: usize, out: usize, outer: i32, n: i32, inner: i32): void {
  if (op == 0) argLoopF32x4(0, x, out, outer, n, inner);
  else argLoopF32x4(1, x, out, outer, n, inner);
}

/** The f64 twin of argReduceF32. */
export function argReduceF64(op: i32, x: usize, out: usize, outer: i32, n: i32, inner: i32): void {
  if (op == 0) argLoop<f64>(0, x, out, outer, n, inner);
  else argLoop<f64>(1, x, out, outer, n, inner);
}

// Max (op 0) or min (op 1) along the middle axis of a dense (outer, n, inner) array into a dense (outer, inner) one,
// like the JS kernel: start from -Infinity (+Infinity) and take v when it beats the running value or is NaN.
function extremumAxisLoop<T>(op: i32, x: usize, out: usize, outer: i32, n: i32, inner: i32, skip: i32 = 0): void {
  const shift = alignof<T>();
  const step = (<usize>inner) << shift;
  const start: T = <T>(op == 0 ? -Infinity : Infinity);
  for (let o = 0; o < outer; o++) {
    const base = x + ((<usize>(o * n * inner)) << shift);
    const row = out + ((<usize>(o * inner)) << shift);
    for (let i = 0; i < inner - skip; i++) {
      let at = base + ((<usize>i) << shift);
      let s = start;
      for (let r = 0; r < n; r++, at += step) {
        const v = load<T>(at);
        if ((op == 0 ? v > s : v < s) || v != v) s = v;
      }
      store<T>(row + ((<usize>i) << shift), s);
    }
  }
}

function extremumAxisF32x4(op: i32, x: usize, out: usize, outer: i32, n: i32, inner: i32): void {
  const step = (<usize>inner) << 2;
  // A trailing reduced run: one row per output, SIMD along the row.
  if (inner == 1) {
    for (let o = 0; o < outer; o++) store<f32>(out + ((<usize>o) << 2), extremumF32(op, x + (<usize>o) * (<usize>n) * step, n));
    return;
  }
  const vn = inner & ~3;
  const start = f32x4.splat(op == 0 ? -Infinity : Infinity);
  for (let o = 0; o < outer; o++) {
    const base = x + ((<usize>(o * n * inner)) << 2);
    const row = out + ((<usize>(o * inner)) << 2);
    for (let i = 0; i < vn; i += 4) {
      let at = base + ((<usize>i) << 2);
      let s = start;
      for (let r = 0; r < n; r++, at += step) {
        const v = v128.load(at);
        const move = v128.or(op == 0 ? f32x4.gt(v, s) : f32x4.lt(v, s), f32x4.ne(v, v));
        s = v128.bitselect(v, s, move);
      }
      v128.store(row + ((<usize>i) << 2), s);
    }
  }
  if (vn < inner) extremumAxisLoop<f32>(op, x + ((<usize>vn) << 2), out + ((<usize>vn) << 2), outer, n, inner, vn);
}

/** Max (op 0) or min (op 1) along the middle axis of dense f32 (outer, n, inner) into dense f32 (outer, inner). */
export function extremumAxisF32(op: i32, x: usize, out: usize, outer: i32, n: i32, inner: i32): void {
  if (op == 0) extremumAxisF32x4(0, x, out, outer, n, inner);
  else extremumAxisF32x4(1, x, out, outer, n, inner);
}

/** The f64 twin of extremumAxisF32. */
export function extremumAxisF64(op: i32, x: usize, out: usize, outer: i32, n: i32, inner: i32): void {
  if (inner == 1) {
    for (let o = 0; o < outer; o++) store<f64>(out + ((<usize>o) << 3), extremumF64(op, x + (<usize>o) * (<usize>n) * 8, n));
    return;
  }
  if (op == 0) extremumAxisLoop<f64>(0, x, out, outer, n, inner);
  else extremumAxisLoop<f64>(1, x, out, outer, n, inner);
}

// Sums along the middle axis of a dense (outer, n, inner) array into a dense (outer, inner) one. For inner > 1 each
// lane adds its column row by row in double precision, the JS kernel's order exactly; inner == 1 sums rows (sumF32).

/** Sum along the middle axis of dense f32 (outer, n, inner) into dense f32 (outer, inner), in double precision. */
export function sumAxisF32(x: usize, out: usize, outer: i32, n: i32, inner: i32): void {
  const step = (<usize>inner) << 2;
  for (let o = 0; o < outer; o++) {
    const base = x + (<usize>o) * (<usize>n) * step;
    const row = out + (<usize>o) * step;
    if (inner == 1) {
      store<f32>(row, <f32>sumF32(base, n));
      continue;
    }
    let j = 0;
    // Eight columns (four f64x2 accumulators) per pass over the rows.
    for (; j + 8 <= inner; j += 8) {
      let at = base + ((<usize>j) << 2);
      let s0 = f64x2.splat(0);
      let s1 = f64x2.splat(0);
      let s2 = f64x2.splat(0);
      let s3 = f64x2.splat(0);
      for (let r = 0; r < n; r++, at += step) {
        const v = v128.load(at);
        const w = v128.load(at, 16);
        s0 = f64x2.add(s0, f64x2.promote_low_f32x4(v));
        s1 = f64x2.add(s1, f64x2.promote_low_f32x4(i32x4.shuffle(v, v, 2, 3, 0, 1)));
        s2 = f64x2.add(s2, f64x2.promote_low_f32x4(w));
        s3 = f64x2.add(s3, f64x2.promote_low_f32x4(i32x4.shuffle(w, w, 2, 3, 0, 1)));
      }
      const target = row + ((<usize>j) << 2);
      v128.store(target, i32x4.shuffle(f32x4.demote_f64x2_zero(s0), f32x4.demote_f64x2_zero(s1), 0, 1, 4, 5));
      v128.store(target, i32x4.shuffle(f32x4.demote_f64x2_zero(s2), f32x4.demote_f64x2_zero(s3), 0, 1, 4, 5), 16);
    }
    for (; j + 4 <= inner; j += 4) {
      let at = base + ((<usize>j) << 2);
      let s0 = f64x2.splat(0);
      let s1 = f64x2.splat(0);
      for (let r = 0; r < n; r++, at += step) {
        const v = v128.load(at);
        s0 = f64x2.add(s0, f64x2.promote_low_f32x4(v));
        s1 = f64x2.add(s1, f64x2.promote_low_f32x4(i32x4.shuffle(v, v, 2, 3, 0, 1)));
      }
      v128.store(row + ((<usize>j) << 2), i32x4.shuffle(f32x4.demote_f64x2_zero(s0), f32x4.demote_f64x2_zero(s1), 0, 1, 4, 5));
    }
    for (; j < inner; j++) {
      let at = base + ((<usize>j) << 2);
      let s: f64 = 0;
      for (let r = 0; r < n; r++, at += step) s += <f64>load<f32>(at);
      store<f32>(row + ((<usize>j) << 2), <f32>s);
    }
  }
}

/** The f64 twin of sumAxisF32. */
export function sumAxisF64(x: usize, out: usize, outer: i32, n: i32, inner: i32): void {
  const step = (<usize>inner) << 3;
  for (let o = 0; o < outer; o++) {
    const base = x + (<usize>o) * (<usize>n) * step;
    const row = out + (<usize>o) * step;
    if (inner == 1) {
      store<f64>(row, sumF64(base, n));
      continue;
    }
    let j = 0;
    for (; j + 8 <= inner; j += 8) {
      let at = base + ((<usize>j) << 3);
      let s0 = f64x2.splat(0);
      let s1 = f64x2.splat(0);
      let s2 = f64x2.splat(0);
      let s3 = f64x2.splat(0);
      for (let r = 0; r < n; r++, at += step) {
        s0 = f64x2.add(s0, v128.load(at));
        s1 = f64x2.add(s1, v128.load(at, 16));
        s2 = f64x2.add(s2, v128.load(at, 32));
        s3 = f64x2.add(s3, v128.load(at, 48));
      }
      const target = row + ((<usize>j) << 3);
      v128.store(target, s0);
      v128.store(target, s1, 16);
      v128.store(target, s2, 32);
      v128.store(target, s3, 48);
    }
    for (; j + 2 <= inner; j += 2) {
      let at = base + ((<usize>j) << 3);
      let s = f64x2.splat(0);
      for (let r = 0; r < n; r++, at += step) s = f64x2.add(s, v128.load(at));
      v128.store(row + ((<usize>j) << 3), s);
    }
    if (j < inner) {
      let at = base + ((<usize>j) << 3);
      let s: f64 = 0;
      for (let r = 0; r < n; r++, at += step) s += load<f64>(at);
      store<f64>(row + ((<usize>j) << 3), s);
    }
  }
}

// Sums over the leading and trailing axes of a dense (outer, kept, n) array into a dense (kept) one, e.g. the
// per-channel sums of batch normalisation: each row of n is summed like sumF32, the rows meet in double precision.

/** Sum over axes 0 and 2 of dense f32 (outer, kept, n) into dense f32 (kept), in double precision. */
export function sumSplitF32(x: usize, out: usize, outer: i32, kept: i32, n: i32): void {
  const row = (<usize>n) << 2;
  for (let k = 0; k < kept; k++) {
    let s: f64 = 0;
    for (let o = 0; o < outer; o++) s += sumF32(x + (<usize>(o * kept + k)) * row, n);
    store<f32>(out + ((<usize>k) << 2), <f32>s);
  }
}

/** The f64 twin of sumSplitF32. */
export function sumSplitF64(x: usize, out: usize, outer: i32, kept: i32, n: i32): void {
  const row = (<usize>n) << 3;
  for (let k = 0; k < kept; k++) {
    let s: f64 = 0;
    for (let o = 0; o < outer; o++) s += sumF64(x + (<usize>(o * kept + k)) * row, n);
    store<f64>(out + ((<usize>k) << 3), s);
  }
}
