// Runs a 1-d inner loop over every row of a planned n-d iteration: an index counter walks the outer axes and
// keeps each operand's row start up to date, so no per-element division or index array is needed.
import type { TypedArray } from '../dtype';
import type { NdPlan } from './nd-plan';

/** Inner loop over one output operand: `n` elements from `oi` with step `os`. */
export type Loop1 = (n: number, out: TypedArray, oi: number, os: number, value: number) => void;

/** Inner loop over one input and one output. */
export type Loop2 = (n: number, x: TypedArray, xi: number, xs: number, out: TypedArray, oi: number, os: number) => void;

/** Unit-stride form of {@link Loop2}, used when every operand's inner stride is 1. */
export type ContiguousLoop2 = (n: number, x: TypedArray, xi: number, out: TypedArray, oi: number) => void;

/** Unit-stride form of {@link Loop3}, used when every operand's inner stride is 1. */
export type ContiguousLoop3 = (n: number, a: TypedArray, ai: number, b: TypedArray, bi: number, out: TypedArray, oi: number) => void;

/** Inner loop over two inputs and one output. */
export type Loop3 = (
  n: number,
  a: TypedArray,
  ai: number,
  as: number,
  b: TypedArray,
  bi: number,
  bs: number,
  out: TypedArray,
  oi: number,
  os: number,
) => void;

/** Inner loop over three inputs and one output. */
export type Loop4 = (
  n: number,
  c: TypedArray,
  ci: number,
  cs: number,
  a: TypedArray,
  ai: number,
  as: number,
  b: TypedArray,
  bi: number,
  bs: number,
  out: TypedArray,
  oi: number,
  os: number,
) => void;

/** Calls `loop` once per row of `plan` for a single operand. */
export function runNd1(plan: NdPlan, out: TypedArray, outOffset: number, value: number, loop: Loop1): void {
  const { shape } = plan;
  const [so] = plan.strides;
  const inner = shape.length - 1;
  const n = shape[inner];
  const rows = plan.size / n;
  const counter = new Array<number>(inner).fill(0);
  let oi = outOffset;
  for (let row = 0; row < rows; row++) {
    loop(n, out, oi, so[inner], value);
    for (let d = inner - 1; d >= 0; d--) {
      if (++counter[d] < shape[d]) {
        oi += so[d];
        break;
      }
      counter[d] = 0;
      oi -= so[d] * (shape[d] - 1);
    }
  }
}

/** Calls `loop` (or `contiguous`, when both inner strides are 1) once per row of `plan` for an input and an output. */
export function runNd2(
  plan: NdPlan,
  x: TypedArray,
  xOffset: number,
  out: TypedArray,
  outOffset: number,
  loop: Loop2,
  contiguous?: ContiguousLoop2,
): void {
  const { shape } = plan;
  const [sx, so] = plan.strides;
  const inner = shape.length - 1;
  const n = shape[inner];
  const rows = plan.size / n;
  const unit = contiguous !== undefined && sx[inner] === 1 && so[inner] === 1;
  const counter = new Array<number>(inner).fill(0);
  let xi = xOffset;
  let oi = outOffset;
  for (let row = 0; row < rows; row++) {
    if (unit) contiguous(n, x, xi, out, oi);
    else loop(n, x, xi, sx[inner], out, oi, so[inner]);
    for (let d = inner - 1; d >= 0; d--) {
      if (++counter[d] < shape[d]) {
        xi += sx[d];
        oi += so[d];
        break;
      }
      counter[d] = 0;
      xi -= sx[d] * (shape[d] - 1);
      oi -= so[d] * (shape[d] - 1);
    }
  }
}

/** Calls `loop` (or `contiguous`, when all inner strides are 1) once per row of `plan` for two inputs and an output. */
export function runNd3(
  plan: NdPlan,
  a: TypedArray,
  aOffset: number,
  b: TypedArray,
  bOffset: number,
  out: TypedArray,
  outOffset: number,
  loop: Loop3,
  contiguous?: ContiguousLoop3,
): void {
  const { shape } = plan;
  const [sa, sb, so] = plan.strides;
  const inner = shape.length - 1;
  const n = shape[inner];
  const rows = plan.size / n;
  const unit = contiguous !== undefined && sa[inner] === 1 && sb[inner] === 1 && so[inner] === 1;
  const counter = new Array<number>(inner).fill(0);
  let ai = aOffset;
  let bi = bOffset;
  let oi = outOffset;
  for (let row = 0; row < rows; row++) {
    if (unit) contiguous(n, a, ai, b, bi, out, oi);
    else loop(n, a, ai, sa[inner], b, bi, sb[inner], out, oi, so[inner]);
    for (let d = inner - 1; d >= 0; d--) {
      if (++counter[d] < shape[d]) {
        ai += sa[d];
        bi += sb[d];
        oi += so[d];
        break;
      }
      counter[d] = 0;
      ai -= sa[d] * (shape[d] - 1);
      bi -= sb[d] * (shape[d] - 1);
      oi -= so[d] * (shape[d] - 1);
    }
  }
}

/** Calls `loop` once per row of `plan` for three inputs and an output. */
export function runNd4(
  plan: NdPlan,
  c: TypedArray,
  cOffset: number,
  a: TypedArray,
  aOffset: number,
  b: TypedArray,
  bOffset: number,
  out: TypedArray,
  outOffset: number,
  loop: Loop4,
): void {
  const { shape } = plan;
  const [sc, sa, sb, so] = plan.strides;
  const inner = shape.length - 1;
  const n = shape[inner];
  const rows = plan.size / n;
  const counter = new Array<number>(inner).fill(0);
  let ci = cOffset;
  let ai = aOffset;
  let bi = bOffset;
  let oi = outOffset;
  for (let row = 0; row < rows; row++) {
    loop(n, c, ci, sc[inner], a, ai, sa[inner], b, bi, sb[inner], out, oi, so[inner]);
    for (let d = inner - 1; d >= 0; d--) {
      if (++counter[d] < shape[d]) {
        ci += sc[d];
        ai += sa[d];
        bi += sb[d];
        oi += so[d];
        break;
      }
      counter[d] = 0;
      ci -= sc[d] * (shape[d] - 1);
      ai -= sa[d] * (shape[d] - 1);
      bi -= sb[d] * (shape[d] - 1);
      oi -= so[d] * (shape[d] - 1);
    }
  }
}
