// where over one contiguous block: out[i] = condition[i] != 0 ? a[i] : b[i], with a or b possibly one broadcast
// value. Any non-zero condition (NaN included) selects a, like the JS kernel.

// Element types of the condition (codes shared with src/wasm/internal/wasm-kernels-where.ts).
const CONDITION_I32 = 0;
const CONDITION_F32 = 1;
const CONDITION_F64 = 2;

// Mode bits: a is a scalar, b is a scalar.
const A_SCALAR = 1;
const B_SCALAR = 2;

// Condition element types as classes (mask4: masks for 4 f32 lanes from elements i..i+3, mask2: for 2 f64 lanes from
// elements i..i+1, holds: element i), so that each generic loop below is instantiated once per type with no dispatch
// inside (see assembly/elementwise.ts). The methods never read `this`.
class ConditionI32 {
  mask4(c: usize, i: i32): v128 { return i32x4.ne(v128.load(c + (<usize>i << 2)), i32x4.splat(0)); }
  mask2(c: usize, i: i32): v128 { return i64x2.extend_low_i32x4_s(i32x4.ne(v128.load64_zero(c + (<usize>i << 2)), i32x4.splat(0))); }
  holds(c: usize, i: i32): bool { return load<i32>(c + (<usize>i << 2)) != 0; }
}
class ConditionF32 {
  mask4(c: usize, i: i32): v128 { return f32x4.ne(v128.load(c + (<usize>i << 2)), f32x4.splat(0)); }
  mask2(c: usize, i: i32): v128 { return i64x2.extend_low_i32x4_s(f32x4.ne(v128.load64_zero(c + (<usize>i << 2)), f32x4.splat(0))); }
  holds(c: usize, i: i32): bool { return load<f32>(c + (<usize>i << 2)) != 0; }
}
class ConditionF64 {
  mask4(c: usize, i: i32): v128 {
    const at = c + (<usize>i << 3);
    return i32x4.shuffle(f64x2.ne(v128.load(at), f64x2.splat(0)), f64x2.ne(v128.load(at, 16), f64x2.splat(0)), 0, 2, 4, 6);
  }
  mask2(c: usize, i: i32): v128 { return f64x2.ne(v128.load(c + (<usize>i << 3)), f64x2.splat(0)); }
  holds(c: usize, i: i32): bool { return load<f64>(c + (<usize>i << 3)) != 0; }
}

function loop32<K>(mode: i32, c: usize, a: usize, b: usize, out: usize, n: i32): void {
  const kind = changetype<K>(0);
  const vn = n & ~3;
  if (mode == 0) {
    for (let i = 0; i < vn; i += 4) {
      const at = <usize>i << 2;
      v128.store(out + at, v128.bitselect(v128.load(a + at), v128.load(b + at), kind.mask4(c, i)));
    }
  } else if (mode == A_SCALAR) {
    const sa = v128.load32_splat(a);
    for (let i = 0; i < vn; i += 4) {
      const at = <usize>i << 2;
      v128.store(out + at, v128.bitselect(sa, v128.load(b + at), kind.mask4(c, i)));
    }
  } else if (mode == B_SCALAR) {
    const sb = v128.load32_splat(b);
    for (let i = 0; i < vn; i += 4) {
      const at = <usize>i << 2;
      v128.store(out + at, v128.bitselect(v128.load(a + at), sb, kind.mask4(c, i)));
    }
  } else {
    const sa = v128.load32_splat(a);
    const sb = v128.load32_splat(b);
    for (let i = 0; i < vn; i += 4) v128.store(out + (<usize>i << 2), v128.bitselect(sa, sb, kind.mask4(c, i)));
  }
  for (let i = vn; i < n; i++) {
    const at = <usize>i << 2;
    const from = kind.holds(c, i) ? (mode & A_SCALAR ? a : a + at) : mode & B_SCALAR ? b : b + at;
    store<f32>(out + at, load<f32>(from));
  }
}

function loop64<K>(mode: i32, c: usize, a: usize, b: usize, out: usize, n: i32): void {
  const kind = changetype<K>(0);
  const vn = n & ~1;
  if (mode == 0) {
    for (let i = 0; i < vn; i += 2) {
      const at = <usize>i << 3;
      v128.store(out + at, v128.bitselect(v128.load(a + at), v128.load(b + at), kind.mask2(c, i)));
    }
  } else if (mode == A_SCALAR) {
    const sa = v128.load64_splat(a);
    for (let i = 0; i < vn; i += 2) {
      const at = <usize>i << 3;
      v128.store(out + at, v128.bitselect(sa, v128.load(b + at), kind.mask2(c, i)));
    }
  } else if (mode == B_SCALAR) {
    const sb = v128.load64_splat(b);
    for (let i = 0; i < vn; i += 2) {
      const at = <usize>i << 3;
      v128.store(out + at, v128.bitselect(v128.load(a + at), sb, kind.mask2(c, i)));
    }
  } else {
    const sa = v128.load64_splat(a);
    const sb = v128.load64_splat(b);
    for (let i = 0; i < vn; i += 2) v128.store(out + (<usize>i << 3), v128.bitselect(sa, sb, kind.mask2(c, i)));
  }
  if (vn < n) {
    const at = <usize>vn << 3;
    const from = kind.holds(c, vn) ? (mode & A_SCALAR ? a : a + at) : mode & B_SCALAR ? b : b + at;
    store<f64>(out + at, load<f64>(from));
  }
}

/** where over n contiguous f32 (a and b may be scalars, see mode; the condition is i32, f32 or f64, see kind). */
export function whereF32(kind: i32, mode: i32, c: usize, a: usize, b: usize, out: usize, n: i32): void {
  switch (kind) {
    case CONDITION_I32: loop32<ConditionI32>(mode, c, a, b, out, n); break;
    case CONDITION_F32: loop32<ConditionF32>(mode, c, a, b, out, n); break;
    case CONDITION_F64:
    default: loop32<ConditionF64>(mode, c, a, b, out, n);
  }
}

/** The f64 twin of whereF32. */
export function whereF64(kind: i32, mode: i32, c: usize, a: usize, b: usize, out: usize, n: i32): void {
  switch (kind) {
    case CONDITION_I32: loop64<ConditionI32>(mode, c, a, b, out, n); break;
    case CONDITION_F32: loop64<ConditionF32>(mode, c, a, b, out, n); break;
    case CONDITION_F64:
    default: loop64<ConditionF64>(mode, c, a, b, out, n);
  }
}
