import { erfF32x4, erfF64x2 } from './erf';
import { expF32x4, expF64x2 } from './exp';
import { geluDerivativeF32x4, geluDerivativeF64x2, geluF32x4, geluF64x2 } from './gelu';

// Contiguous element-wise kernels: f32x4 / f64x2 loops for the ops whose SIMD result equals the JS result exactly
// (and exp, sigmoid, erf, gelu, geluDerivative within the conformance tolerances). Each op is a class whose methods
// apply it to one vector (v32: f32x4 lanes, v64: f64x2 lanes); the generic loops are instantiated once per class, so every op gets its own
// loop with no dispatch inside it (inlining one loop per constant op code instead lets Binaryen fold them back into a
// single loop that switches on the op for every vector). The methods never read `this`, so the loops call them on a
// null reference.

// Binary op codes shared with src/wasm/internal/wasm-kernels.ts.
const ADD = 0;
const SUB = 1;
const MUL = 2;
const DIV = 3;
const MAXIMUM = 4;
const MINIMUM = 5;
// Comparisons write 1 or 0 (NaN compares unequal to everything, like ===).
const EQUAL = 6;
const NOT_EQUAL = 7;
const LESS = 8;
const LESS_EQUAL = 9;
const GREATER = 10;
const GREATER_EQUAL = 11;

// Operand modes: both arrays, `b` a scalar (stride 0), or `a` a scalar.
const BOTH = 0;
const B_SCALAR = 1;
const A_SCALAR = 2;

class Add {
  v32(x: v128, y: v128): v128 { return f32x4.add(x, y); }
  v64(x: v128, y: v128): v128 { return f64x2.add(x, y); }
}
class Sub {
  v32(x: v128, y: v128): v128 { return f32x4.sub(x, y); }
  v64(x: v128, y: v128): v128 { return f64x2.sub(x, y); }
}
class Mul {
  v32(x: v128, y: v128): v128 { return f32x4.mul(x, y); }
  v64(x: v128, y: v128): v128 { return f64x2.mul(x, y); }
}
class Div {
  v32(x: v128, y: v128): v128 { return f32x4.div(x, y); }
  v64(x: v128, y: v128): v128 { return f64x2.div(x, y); }
}
class Maximum {
  v32(x: v128, y: v128): v128 { return f32x4.max(x, y); }
  v64(x: v128, y: v128): v128 { return f64x2.max(x, y); }
}
class Minimum {
  v32(x: v128, y: v128): v128 { return f32x4.min(x, y); }
  v64(x: v128, y: v128): v128 { return f64x2.min(x, y); }
}
class Equal {
  v32(x: v128, y: v128): v128 { return v128.and(f32x4.eq(x, y), f32x4.splat(1)); }
  v64(x: v128, y: v128): v128 { return v128.and(f64x2.eq(x, y), f64x2.splat(1)); }
}
class NotEqual {
  v32(x: v128, y: v128): v128 { return v128.and(f32x4.ne(x, y), f32x4.splat(1)); }
  v64(x: v128, y: v128): v128 { return v128.and(f64x2.ne(x, y), f64x2.splat(1)); }
}
class Less {
  v32(x: v128, y: v128): v128 { return v128.and(f32x4.lt(x, y), f32x4.splat(1)); }
  v64(x: v128, y: v128): v128 { return v128.and(f64x2.lt(x, y), f64x2.splat(1)); }
}
class LessEqual {
  v32(x: v128, y: v128): v128 { return v128.and(f32x4.le(x, y), f32x4.splat(1)); }
  v64(x: v128, y: v128): v128 { return v128.and(f64x2.le(x, y), f64x2.splat(1)); }
}
class Greater {
  v32(x: v128, y: v128): v128 { return v128.and(f32x4.gt(x, y), f32x4.splat(1)); }
  v64(x: v128, y: v128): v128 { return v128.and(f64x2.gt(x, y), f64x2.splat(1)); }
}
class GreaterEqual {
  v32(x: v128, y: v128): v128 { return v128.and(f32x4.ge(x, y), f32x4.splat(1)); }
  v64(x: v128, y: v128): v128 { return v128.and(f64x2.ge(x, y), f64x2.splat(1)); }
}

// Scalar tails go through lane 0 of the vector op, so both paths round identically.
function binaryLoop32<Op>(mode: i32, a: usize, b: usize, out: usize, n: i32): void {
  const op = changetype<Op>(0);
  const vn = n & ~3;
  if (mode == BOTH) {
    for (let i = 0; i < vn; i += 4) {
      const at = <usize>i << 2;
      v128.store(out + at, op.v32(v128.load(a + at), v128.load(b + at)));
    }
  } else if (mode == B_SCALAR) {
    const vs = v128.load32_splat(b);
    for (let i = 0; i < vn; i += 4) {
      const at = <usize>i << 2;
      v128.store(out + at, op.v32(v128.load(a + at), vs));
    }
  } else {
    const vs = v128.load32_splat(a);
    for (let i = 0; i < vn; i += 4) {
      const at = <usize>i << 2;
      v128.store(out + at, op.v32(vs, v128.load(b + at)));
    }
  }
  for (let i = vn; i < n; i++) {
    const at = <usize>i << 2;
    const x = v128.load32_splat(mode == A_SCALAR ? a : a + at);
    const y = v128.load32_splat(mode == B_SCALAR ? b : b + at);
    v128.store32_lane(out + at, op.v32(x, y), 0);
  }
}

function binaryLoop64<Op>(mode: i32, a: usize, b: usize, out: usize, n: i32): void {
  const op = changetype<Op>(0);
  const vn = n & ~1;
  if (mode == BOTH) {
    for (let i = 0; i < vn; i += 2) {
      const at = <usize>i << 3;
      v128.store(out + at, op.v64(v128.load(a + at), v128.load(b + at)));
    }
  } else if (mode == B_SCALAR) {
    const vs = v128.load64_splat(b);
    for (let i = 0; i < vn; i += 2) {
      const at = <usize>i << 3;
      v128.store(out + at, op.v64(v128.load(a + at), vs));
    }
  } else {
    const vs = v128.load64_splat(a);
    for (let i = 0; i < vn; i += 2) {
      const at = <usize>i << 3;
      v128.store(out + at, op.v64(vs, v128.load(b + at)));
    }
  }
  if (vn < n) {
    const at = <usize>vn << 3;
    const x = v128.load64_splat(mode == A_SCALAR ? a : a + at);
    const y = v128.load64_splat(mode == B_SCALAR ? b : b + at);
    v128.store64_lane(out + at, op.v64(x, y), 0);
  }
}

/** out[i] = a[i] op b[i] over n contiguous f32 (a or b may be a single scalar, see mode). */
export function binaryF32(op: i32, mode: i32, a: usize, b: usize, out: usize, n: i32): void {
  switch (op) {
    case ADD: binaryLoop32<Add>(mode, a, b, out, n); break;
    case SUB: binaryLoop32<Sub>(mode, a, b, out, n); break;
    case MUL: binaryLoop32<Mul>(mode, a, b, out, n); break;
    case DIV: binaryLoop32<Div>(mode, a, b, out, n); break;
    case MAXIMUM: binaryLoop32<Maximum>(mode, a, b, out, n); break;
    case MINIMUM: binaryLoop32<Minimum>(mode, a, b, out, n); break;
    case EQUAL: binaryLoop32<Equal>(mode, a, b, out, n); break;
    case NOT_EQUAL: binaryLoop32<NotEqual>(mode, a, b, out, n); break;
    case LESS: binaryLoop32<Less>(mode, a, b, out, n); break;
    case LESS_EQUAL: binaryLoop32<LessEqual>(mode, a, b, out, n); break;
    case GREATER: binaryLoop32<Greater>(mode, a, b, out, n); break;
    case GREATER_EQUAL:
    default: binaryLoop32<GreaterEqual>(mode, a, b, out, n);
  }
}

/** The f64 twin of binaryF32. */
export function binaryF64(op: i32, mode: i32, a: usize, b: usize, out: usize, n: i32): void {
  switch (op) {
    case ADD: binaryLoop64<Add>(mode, a, b, out, n); break;
    case SUB: binaryLoop64<Sub>(mode, a, b, out, n); break;
    case MUL: binaryLoop64<Mul>(mode, a, b, out, n); break;
    case DIV: binaryLoop64<Div>(mode, a, b, out, n); break;
    case MAXIMUM: binaryLoop64<Maximum>(mode, a, b, out, n); break;
    case MINIMUM: binaryLoop64<Minimum>(mode, a, b, out, n); break;
    case EQUAL: binaryLoop64<Equal>(mode, a, b, out, n); break;
    case NOT_EQUAL: binaryLoop64<NotEqual>(mode, a, b, out, n); break;
    case LESS: binaryLoop64<Less>(mode, a, b, out, n); break;
    case LESS_EQUAL: binaryLoop64<LessEqual>(mode, a, b, out, n); break;
    case GREATER: binaryLoop64<Greater>(mode, a, b, out, n); break;
    case GREATER_EQUAL:
    default: binaryLoop64<GreaterEqual>(mode, a, b, out, n);
  }
}

// Unary op codes shared with src/wasm/internal/wasm-kernels.ts.
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
const ERF = 11;
const GELU = 12;
const GELU_DERIVATIVE = 13;

class Neg {
  v32(x: v128): v128 { return f32x4.neg(x); }
  v64(x: v128): v128 { return f64x2.neg(x); }
}
class Abs {
  v32(x: v128): v128 { return f32x4.abs(x); }
  v64(x: v128): v128 { return f64x2.abs(x); }
}
class Sqrt {
  v32(x: v128): v128 { return f32x4.sqrt(x); }
  v64(x: v128): v128 { return f64x2.sqrt(x); }
}
class Square {
  v32(x: v128): v128 { return f32x4.mul(x, x); }
  v64(x: v128): v128 { return f64x2.mul(x, x); }
}
class Floor {
  v32(x: v128): v128 { return f32x4.floor(x); }
  v64(x: v128): v128 { return f64x2.floor(x); }
}
class Ceil {
  v32(x: v128): v128 { return f32x4.ceil(x); }
  v64(x: v128): v128 { return f64x2.ceil(x); }
}
class Reciprocal {
  v32(x: v128): v128 { return f32x4.div(f32x4.splat(1), x); }
  v64(x: v128): v128 { return f64x2.div(f64x2.splat(1), x); }
}
class Round {
  v32(x: v128): v128 { return f32x4.nearest(x); }
  v64(x: v128): v128 { return f64x2.nearest(x); }
}
class Exp {
  v32(x: v128): v128 { return inline.always(expF32x4(x)); }
  v64(x: v128): v128 { return expF64x2(x); }
}
class Sigmoid {
  v32(x: v128): v128 { return f32x4.div(f32x4.splat(1), f32x4.add(f32x4.splat(1), inline.always(expF32x4(f32x4.neg(x))))); }
  v64(x: v128): v128 { return f64x2.div(f64x2.splat(1), f64x2.add(f64x2.splat(1), expF64x2(f64x2.neg(x)))); }
}
// ±1 where x is nonzero; x itself (±0, NaN) elsewhere, like Math.sign.
class Sign {
  v32(x: v128): v128 {
    return v128.bitselect(f32x4.splat(1), v128.bitselect(f32x4.splat(-1), x, f32x4.lt(x, f32x4.splat(0))), f32x4.gt(x, f32x4.splat(0)));
  }
  v64(x: v128): v128 {
    return v128.bitselect(f64x2.splat(1), v128.bitselect(f64x2.splat(-1), x, f64x2.lt(x, f64x2.splat(0))), f64x2.gt(x, f64x2.splat(0)));
  }
}
class Erf {
  v32(x: v128): v128 { return inline.always(erfF32x4(x)); }
  v64(x: v128): v128 { return erfF64x2(x); }
}
class Gelu {
  v32(x: v128): v128 { return inline.always(geluF32x4(x)); }
  v64(x: v128): v128 { return geluF64x2(x); }
}
class GeluDerivative {
  v32(x: v128): v128 { return inline.always(geluDerivativeF32x4(x)); }
  v64(x: v128): v128 { return geluDerivativeF64x2(x); }
}

function unaryLoop32<Op>(x: usize, out: usize, n: i32): void {
  const op = changetype<Op>(0);
  const vn = n & ~3;
  for (let i = 0; i < vn; i += 4) {
    const at = <usize>i << 2;
    // Inlined even when large (erf, gelu): a call per vector spills and reloads the loop's state around it.
    v128.store(out + at, inline.always(op.v32(v128.load(x + at))));
  }
  for (let i = vn; i < n; i++) {
    const at = <usize>i << 2;
    v128.store32_lane(out + at, op.v32(v128.load32_splat(x + at)), 0);
  }
}

function unaryLoop64<Op>(x: usize, out: usize, n: i32): void {
  const op = changetype<Op>(0);
  const vn = n & ~1;
  for (let i = 0; i < vn; i += 2) {
    const at = <usize>i << 3;
    v128.store(out + at, op.v64(v128.load(x + at)));
  }
  if (vn < n) {
    const at = <usize>vn << 3;
    v128.store64_lane(out + at, op.v64(v128.load64_splat(x + at)), 0);
  }
}

/** out[i] = op(x[i]) over n contiguous f32. */
export function unaryF32(op: i32, x: usize, out: usize, n: i32): void {
  switch (op) {
    case NEG: unaryLoop32<Neg>(x, out, n); break;
    case ABS: unaryLoop32<Abs>(x, out, n); break;
    case SQRT: unaryLoop32<Sqrt>(x, out, n); break;
    case SQUARE: unaryLoop32<Square>(x, out, n); break;
    case FLOOR: unaryLoop32<Floor>(x, out, n); break;
    case CEIL: unaryLoop32<Ceil>(x, out, n); break;
    case ROUND: unaryLoop32<Round>(x, out, n); break;
    case EXP: unaryLoop32<Exp>(x, out, n); break;
    case SIGMOID: unaryLoop32<Sigmoid>(x, out, n); break;
    case SIGN: unaryLoop32<Sign>(x, out, n); break;
    case ERF: unaryLoop32<Erf>(x, out, n); break;
    case GELU: unaryLoop32<Gelu>(x, out, n); break;
    case GELU_DERIVATIVE: unaryLoop32<GeluDerivative>(x, out, n); break;
    case RECIPROCAL:
    default: unaryLoop32<Reciprocal>(x, out, n);
  }
}

/** The f64 twin of unaryF32. */
export function unaryF64(op: i32, x: usize, out: usize, n: i32): void {
  switch (op) {
    case NEG: unaryLoop64<Neg>(x, out, n); break;
    case ABS: unaryLoop64<Abs>(x, out, n); break;
    case SQRT: unaryLoop64<Sqrt>(x, out, n); break;
    case SQUARE: unaryLoop64<Square>(x, out, n); break;
    case FLOOR: unaryLoop64<Floor>(x, out, n); break;
    case CEIL: unaryLoop64<Ceil>(x, out, n); break;
    case ROUND: unaryLoop64<Round>(x, out, n); break;
    case EXP: unaryLoop64<Exp>(x, out, n); break;
    case SIGMOID: unaryLoop64<Sigmoid>(x, out, n); break;
    case SIGN: unaryLoop64<Sign>(x, out, n); break;
    case ERF: unaryLoop64<Erf>(x, out, n); break;
    case GELU: unaryLoop64<Gelu>(x, out, n); break;
    case GELU_DERIVATIVE: unaryLoop64<GeluDerivative>(x, out, n); break;
    case RECIPROCAL:
    default: unaryLoop64<Reciprocal>(x, out, n);
  }
}

/**
 * binaryF32 over `rows` blocks of n elements, the operands' blocks `aRow`, `bRow`, `outRow` bytes apart (any sign:
 * addresses wrap), so a strided outer axis costs no call from JS per row.
 */
export function binaryRowsF32(op: i32, mode: i32, a: usize, b: usize, out: usize, n: i32, rows: i32, aRow: i32, bRow: i32, outRow: i32): void {
  for (let r = 0; r < rows; r++) {
    binaryF32(op, mode, a + <usize>(r * aRow), b + <usize>(r * bRow), out + <usize>(r * outRow), n);
  }
}

/** The f64 twin of binaryRowsF32. */
export function binaryRowsF64(op: i32, mode: i32, a: usize, b: usize, out: usize, n: i32, rows: i32, aRow: i32, bRow: i32, outRow: i32): void {
  for (let r = 0; r < rows; r++) {
    binaryF64(op, mode, a + <usize>(r * aRow), b + <usize>(r * bRow), out + <usize>(r * outRow), n);
  }
}
