import { expF32x4, expF64x2 } from './exp';

// Contiguous element-wise kernels: f32x4 / f64x2 loops for the ops whose SIMD result equals the JS result exactly.

// Binary op codes shared with src/wasm/wasm-ops.ts.
const ADD = 0;
const SUB = 1;
const MUL = 2;
const DIV = 3;
const MAXIMUM = 4;
const MINIMUM = 5;

// Operand modes: both arrays, `b` a scalar (stride 0), or `a` a scalar.
const BOTH = 0;
const B_SCALAR = 1;
const A_SCALAR = 2;

function vop32(op: i32, x: v128, y: v128): v128 {
  switch (op) {
    case ADD: return f32x4.add(x, y);
    case SUB: return f32x4.sub(x, y);
    case MUL: return f32x4.mul(x, y);
    case DIV: return f32x4.div(x, y);
    case MAXIMUM: return f32x4.max(x, y);
    default: return f32x4.min(x, y);
  }
}

function sop32(op: i32, x: f32, y: f32): f32 {
  switch (op) {
    case ADD: return x + y;
    case SUB: return x - y;
    case MUL: return x * y;
    case DIV: return x / y;
    case MAXIMUM: return max<f32>(x, y);
    default: return min<f32>(x, y);
  }
}

function vop64(op: i32, x: v128, y: v128): v128 {
  switch (op) {
    case ADD: return f64x2.add(x, y);
    case SUB: return f64x2.sub(x, y);
    case MUL: return f64x2.mul(x, y);
    case DIV: return f64x2.div(x, y);
    case MAXIMUM: return f64x2.max(x, y);
    default: return f64x2.min(x, y);
  }
}

function sop64(op: i32, x: f64, y: f64): f64 {
  switch (op) {
    case ADD: return x + y;
    case SUB: return x - y;
    case MUL: return x * y;
    case DIV: return x / y;
    case MAXIMUM: return max<f64>(x, y);
    default: return min<f64>(x, y);
  }
}

// One loop per (op, mode): `inline.always` (not the @inline decorator, which eslint cannot parse) inlines at compile
// time, so the switch folds away on the constant op.
function loop32(op: i32, mode: i32, a: usize, b: usize, out: usize, n: i32): void {
  const vn = n & ~3;
  if (mode == BOTH) {
    for (let i = 0; i < vn; i += 4) {
      const at = <usize>i << 2;
      v128.store(out + at, inline.always(vop32(op, v128.load(a + at), v128.load(b + at))));
    }
    for (let i = vn; i < n; i++) {
      const at = <usize>i << 2;
      store<f32>(out + at, inline.always(sop32(op, load<f32>(a + at), load<f32>(b + at))));
    }
  } else if (mode == B_SCALAR) {
    const s = load<f32>(b);
    const vs = f32x4.splat(s);
    for (let i = 0; i < vn; i += 4) {
      const at = <usize>i << 2;
      v128.store(out + at, inline.always(vop32(op, v128.load(a + at), vs)));
    }
    for (let i = vn; i < n; i++) {
      const at = <usize>i << 2;
      store<f32>(out + at, inline.always(sop32(op, load<f32>(a + at), s)));
    }
  } else {
    const s = load<f32>(a);
    const vs = f32x4.splat(s);
    for (let i = 0; i < vn; i += 4) {
      const at = <usize>i << 2;
      v128.store(out + at, inline.always(vop32(op, vs, v128.load(b + at))));
    }
    for (let i = vn; i < n; i++) {
      const at = <usize>i << 2;
      store<f32>(out + at, inline.always(sop32(op, s, load<f32>(b + at))));
    }
  }
}

function loop64(op: i32, mode: i32, a: usize, b: usize, out: usize, n: i32): void {
  const vn = n & ~1;
  if (mode == BOTH) {
    for (let i = 0; i < vn; i += 2) {
      const at = <usize>i << 3;
      v128.store(out + at, inline.always(vop64(op, v128.load(a + at), v128.load(b + at))));
    }
  } else if (mode == B_SCALAR) {
    const vs = v128.load64_splat(b);
    for (let i = 0; i < vn; i += 2) {
      const at = <usize>i << 3;
      v128.store(out + at, inline.always(vop64(op, v128.load(a + at), vs)));
    }
  } else {
    const vs = v128.load64_splat(a);
    for (let i = 0; i < vn; i += 2) {
      const at = <usize>i << 3;
      v128.store(out + at, inline.always(vop64(op, vs, v128.load(b + at))));
    }
  }
  if (vn < n) {
    const at = <usize>vn << 3;
    const x = load<f64>(mode == A_SCALAR ? a : a + at);
    const y = load<f64>(mode == B_SCALAR ? b : b + at);
    store<f64>(out + at, inline.always(sop64(op, x, y)));
  }
}

/** out[i] = a[i] op b[i] over n contiguous f32 (a or b may be a single scalar, see mode). */
export function binaryF32(op: i32, mode: i32, a: usize, b: usize, out: usize, n: i32): void {
  switch (op) {
    case ADD: inline.always(loop32(ADD, mode, a, b, out, n)); break;
    case SUB: inline.always(loop32(SUB, mode, a, b, out, n)); break;
    case MUL: inline.always(loop32(MUL, mode, a, b, out, n)); break;
    case DIV: inline.always(loop32(DIV, mode, a, b, out, n)); break;
    case MAXIMUM: inline.always(loop32(MAXIMUM, mode, a, b, out, n)); break;
    default: inline.always(loop32(MINIMUM, mode, a, b, out, n));
  }
}

/** The f64 twin of binaryF32. */
export function binaryF64(op: i32, mode: i32, a: usize, b: usize, out: usize, n: i32): void {
  switch (op) {
    case ADD: inline.always(loop64(ADD, mode, a, b, out, n)); break;
    case SUB: inline.always(loop64(SUB, mode, a, b, out, n)); break;
    case MUL: inline.always(loop64(MUL, mode, a, b, out, n)); break;
    case DIV: inline.always(loop64(DIV, mode, a, b, out, n)); break;
    case MAXIMUM: inline.always(loop64(MAXIMUM, mode, a, b, out, n)); break;
    default: inline.always(loop64(MINIMUM, mode, a, b, out, n));
  }
}

// Unary op codes shared with src/wasm/wasm-ops.ts.
const NEG = 0;
const ABS = 1;
const SQRT = 2;
const SQUARE = 3;
const FLOOR = 4;
const CEIL = 5;
const RECIPROCAL = 6;
const ROUND = 7;
const EXP = 8;
const SIGMOID = 9;
const SIGN = 10;

function uop32(op: i32, x: v128): v128 {
  switch (op) {
    case NEG: return f32x4.neg(x);
    case ABS: return f32x4.abs(x);
    case SQRT: return f32x4.sqrt(x);
    case SQUARE: return f32x4.mul(x, x);
    case FLOOR: return f32x4.floor(x);
    case CEIL: return f32x4.ceil(x);
    case ROUND: return f32x4.nearest(x);
    case EXP: return inline.always(expF32x4(x));
    case SIGMOID: return f32x4.div(f32x4.splat(1), f32x4.add(f32x4.splat(1), inline.always(expF32x4(f32x4.neg(x)))));
    // ±1 where x is nonzero; x itself (±0, NaN) elsewhere, like Math.sign.
    case SIGN: return v128.bitselect(f32x4.splat(1), v128.bitselect(f32x4.splat(-1), x, f32x4.lt(x, f32x4.splat(0))), f32x4.gt(x, f32x4.splat(0)));
    default: return f32x4.div(f32x4.splat(1), x);
  }
}

function uop64(op: i32, x: v128): v128 {
  switch (op) {
    case NEG: return f64x2.neg(x);
    case ABS: return f64x2.abs(x);
    case SQRT: return f64x2.sqrt(x);
    case SQUARE: return f64x2.mul(x, x);
    case FLOOR: return f64x2.floor(x);
    case CEIL: return f64x2.ceil(x);
    case ROUND: return f64x2.nearest(x);
    case EXP: return inline.always(expF64x2(x));
    case SIGMOID: return f64x2.div(f64x2.splat(1), f64x2.add(f64x2.splat(1), inline.always(expF64x2(f64x2.neg(x)))));
    case SIGN: return v128.bitselect(f64x2.splat(1), v128.bitselect(f64x2.splat(-1), x, f64x2.lt(x, f64x2.splat(0))), f64x2.gt(x, f64x2.splat(0)));
    default: return f64x2.div(f64x2.splat(1), x);
  }
}

// Scalar tails reuse lane 0 of the vector op so both paths round identically.
function uloop32(op: i32, x: usize, out: usize, n: i32): void {
  const vn = n & ~3;
  for (let i = 0; i < vn; i += 4) {
    const at = <usize>i << 2;
    v128.store(out + at, inline.always(uop32(op, v128.load(x + at))));
  }
  for (let i = vn; i < n; i++) {
    const at = <usize>i << 2;
    v128.store32_lane(out + at, inline.always(uop32(op, v128.load32_splat(x + at))), 0);
  }
}

function uloop64(op: i32, x: usize, out: usize, n: i32): void {
  const vn = n & ~1;
  for (let i = 0; i < vn; i += 2) {
    const at = <usize>i << 3;
    v128.store(out + at, inline.always(uop64(op, v128.load(x + at))));
  }
  if (vn < n) {
    const at = <usize>vn << 3;
    v128.store64_lane(out + at, inline.always(uop64(op, v128.load64_splat(x + at))), 0);
  }
}

/** out[i] = op(x[i]) over n contiguous f32. */
export function unaryF32(op: i32, x: usize, out: usize, n: i32): void {
  switch (op) {
    case NEG: inline.always(uloop32(NEG, x, out, n)); break;
    case ABS: inline.always(uloop32(ABS, x, out, n)); break;
    case SQRT: inline.always(uloop32(SQRT, x, out, n)); break;
    case SQUARE: inline.always(uloop32(SQUARE, x, out, n)); break;
    case FLOOR: inline.always(uloop32(FLOOR, x, out, n)); break;
    case CEIL: inline.always(uloop32(CEIL, x, out, n)); break;
    case ROUND: inline.always(uloop32(ROUND, x, out, n)); break;
    case EXP: inline.always(uloop32(EXP, x, out, n)); break;
    case SIGMOID: inline.always(uloop32(SIGMOID, x, out, n)); break;
    case SIGN: inline.always(uloop32(SIGN, x, out, n)); break;
    default: inline.always(uloop32(RECIPROCAL, x, out, n));
  }
}

/** The f64 twin of unaryF32. */
export function unaryF64(op: i32, x: usize, out: usize, n: i32): void {
  switch (op) {
    case NEG: inline.always(uloop64(NEG, x, out, n)); break;
    case ABS: inline.always(uloop64(ABS, x, out, n)); break;
    case SQRT: inline.always(uloop64(SQRT, x, out, n)); break;
    case SQUARE: inline.always(uloop64(SQUARE, x, out, n)); break;
    case FLOOR: inline.always(uloop64(FLOOR, x, out, n)); break;
    case CEIL: inline.always(uloop64(CEIL, x, out, n)); break;
    case ROUND: inline.always(uloop64(ROUND, x, out, n)); break;
    case EXP: inline.always(uloop64(EXP, x, out, n)); break;
    case SIGMOID: inline.always(uloop64(SIGMOID, x, out, n)); break;
    case SIGN: inline.always(uloop64(SIGN, x, out, n)); break;
    default: inline.always(uloop64(RECIPROCAL, x, out, n));
  }
}
