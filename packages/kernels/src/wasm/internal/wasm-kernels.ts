// The Kernels of the WASM backend: SIMD fast paths where WASM beats the JS loops (see bench/wasm-gemm.bench.ts), and
// the JS backend's kernels over typed-array views of linear memory for everything else (they also produce every
// shape/dtype/bounds error message).
import type { Kernels, View } from '../../backend';
import { BackendError } from '../../errors';
import { JsBuffer } from '../../js/js-buffer';
import { createJsBackend } from '../../js/js-backend';
import type { BinaryOp, ReduceOp, UnaryOp } from '../../ops';
import type { WasmBuffer } from '../wasm-buffer';
import { elementBytes, type WasmContext } from './wasm-context';
import { fitsBuffer, forEachBlock, planBlocks, type BlockPlan } from './wasm-layout';
import { wasmMatmul } from './wasm-matmul';

/** Binary ops with a SIMD loop whose results equal the JS ones bit for bit (codes of assembly/elementwise.ts). */
const BINARY_CODES: Partial<Record<BinaryOp, number>> = { add: 0, sub: 1, mul: 2, div: 3, maximum: 4, minimum: 5 };
/** Unary ops with a SIMD loop: exact ones, plus exp and sigmoid (polynomial exp, ~1 ulp in f32, ~1e-15 relative in f64). */
const UNARY_CODES: Partial<Record<UnaryOp, number>> = {
  neg: 0, abs: 1, sqrt: 2, square: 3, floor: 4, ceil: 5, reciprocal: 6, round: 7, exp: 8, sigmoid: 9,
};
/** Inner-block modes of binaryF32/binaryF64: both dense, b broadcast, a broadcast. */
const MODE_BOTH = 0;
const MODE_B_SCALAR = 1;
const MODE_A_SCALAR = 2;
/** Below this many elements per WASM call, a strided outer loop costs more in calls than SIMD saves. */
const MIN_BLOCK = 16;

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((extent, axis) => extent === b[axis]);
}

/** An in-place call is fine; any other overlap of out with an input could differ from the element-by-element order. */
function safeAlias(input: View, out: View): boolean {
  return (
    input.buffer !== out.buffer ||
    (input.offset === out.offset && input.strides.length === out.strides.length && input.strides.every((s, axis) => s === out.strides[axis]))
  );
}

/** Creates the kernel table over `context`; `own` rejects buffers of other backends (and freed ones). */
export function createWasmKernels(
  context: WasmContext,
  own: (kernel: string, name: string, buffer: { readonly backend: string }) => WasmBuffer,
): Kernels<WasmBuffer> {
  const js = createJsBackend().kernels;
  /** The same view over a JsBuffer wrapping this buffer's elements (valid until the next allocation). */
  const host = (kernel: string, name: string, view: View): View<JsBuffer> => ({
    buffer: new JsBuffer(context.array(own(kernel, name, view.buffer))),
    shape: view.shape,
    strides: view.strides,
    offset: view.offset,
  });
  const address = (view: View<WasmBuffer>, offset: number): number => view.buffer.byteOffset + offset * elementBytes(view.buffer);

  /** Runs `unaryF32/F64` over the views' blocks, or returns false if the layout does not suit it. */
  function unaryFast(op: UnaryOp, x: View<WasmBuffer>, out: View<WasmBuffer>): boolean {
    const code = UNARY_CODES[op];
    const dtype = out.buffer.dtype;
    if (code === undefined || dtype === 'i32' || x.buffer.dtype !== dtype || !sameShape(x.shape, out.shape)) return false;
    if (!fitsBuffer(x) || !fitsBuffer(out) || !safeAlias(x, out)) return false;
    if (out.shape.includes(0)) return true;
    const plan = planBlocks([x, out]);
    if (plan.modes[0] !== 'dense' || (plan.blocks > 1 && plan.inner < MIN_BLOCK)) return false;
    const run = dtype === 'f32' ? context.exports.unaryF32 : context.exports.unaryF64;
    forEachBlock(plan, [x.offset, out.offset], ([ox, oo]) => run(code, address(x, ox), address(out, oo), plan.inner));
    return true;
  }

  /** Runs `binaryF32/F64` over the views' blocks, or returns false if the layout does not suit it. */
  function binaryFast(op: BinaryOp, a: View<WasmBuffer>, b: View<WasmBuffer>, out: View<WasmBuffer>): boolean {
    const code = BINARY_CODES[op];
    const dtype = out.buffer.dtype;
    if (code === undefined || dtype === 'i32' || a.buffer.dtype !== dtype || b.buffer.dtype !== dtype) return false;
    if (!sameShape(a.shape, out.shape) || !sameShape(b.shape, out.shape)) return false;
    if (!fitsBuffer(a) || !fitsBuffer(b) || !fitsBuffer(out) || !safeAlias(a, out) || !safeAlias(b, out)) return false;
    if (out.shape.includes(0)) return true;
    const plan = planBlocks([a, b, out]);
    const [modeA, modeB] = plan.modes;
    if (modeA === 'scalar' && modeB === 'scalar' && plan.inner > 1) return false;
    if (plan.blocks > 1 && plan.inner < MIN_BLOCK) return false;
    const mode = modeB === 'scalar' ? MODE_B_SCALAR : modeA === 'scalar' ? MODE_A_SCALAR : MODE_BOTH;
    const run = dtype === 'f32' ? context.exports.binaryF32 : context.exports.binaryF64;
    forEachBlock(plan, [a.offset, b.offset, out.offset], ([oa, ob, oo]) =>
      run(code, mode, address(a, oa), address(b, ob), address(out, oo), plan.inner),
    );
    return true;
  }

  /**
   * Reduces dense trailing runs of x in WASM (sum in double precision, max, min) when `axes` are the trailing axes;
   * returns false otherwise (and for anything the JS kernel must report).
   */
  function reduceFast(op: ReduceOp, x: View<WasmBuffer>, axes: readonly number[], out: View<WasmBuffer>): boolean {
    const rank = x.shape.length;
    const dtype = x.buffer.dtype;
    if (op === 'prod' || dtype === 'i32' || out.buffer.dtype !== dtype || rank === 0 || out.shape.length !== rank) return false;
    if (!axes.every((a) => Number.isInteger(a) && a >= -rank && a < rank)) return false;
    const reduced = x.shape.map((_, axis) => axes.some((a) => a === axis || a + rank === axis));
    // The reduced axes must be a trailing run, and out must have x's shape with 1 on them.
    const first = reduced.indexOf(true);
    if (first < 0 || reduced.slice(first).some((r) => !r)) return false;
    if (!out.shape.every((extent, axis) => extent === (reduced[axis] ? 1 : x.shape[axis]))) return false;
    if (!fitsBuffer(x) || !fitsBuffer(out) || x.shape.includes(0)) return false;
    const rowPlan = planBlocks([{ ...x, shape: x.shape.slice(first), strides: x.strides.slice(first) }]);
    if (rowPlan.blocks !== 1 || rowPlan.modes[0] !== 'dense') return false;
    const row = rowPlan.inner;
    const outerShape = x.shape.slice(0, first);
    const rows = outerShape.reduce((product, extent) => product * extent, 1);
    if (rows > 1 && row < MIN_BLOCK) return false;
    const { exports } = context;
    const single = dtype === 'f32';
    const kernel =
      op === 'sum'
        ? (at: number) => (single ? exports.sumF32(at, row) : exports.sumF64(at, row))
        : (at: number) => (single ? exports.extremumF32 : exports.extremumF64)(op === 'max' ? 0 : 1, at, row);
    const results = context.array(out.buffer);
    const plan: BlockPlan = { outerShape, outerStrides: [x.strides.slice(0, first), out.strides.slice(0, first)], modes: [], inner: row, blocks: rows };
    forEachBlock(plan, [x.offset, out.offset], ([ox, oo]) => {
      results[oo] = kernel(address(x, ox));
    });
    return true;
  }

  return {
    fill(out, value) {
      js.fill(host('fill', 'out', out), value);
    },
    copy(x, out) {
      js.copy(host('copy', 'x', x), host('copy', 'out', out));
    },
    unary(op, x, out) {
      own('unary', 'x', x.buffer);
      own('unary', 'out', out.buffer);
      if (!unaryFast(op, x, out)) js.unary(op, host('unary', 'x', x), host('unary', 'out', out));
    },
    binary(op, a, b, out) {
      own('binary', 'a', a.buffer);
      own('binary', 'b', b.buffer);
      own('binary', 'out', out.buffer);
      if (!binaryFast(op, a, b, out)) js.binary(op, host('binary', 'a', a), host('binary', 'b', b), host('binary', 'out', out));
    },
    where(condition, a, b, out) {
      js.where(host('where', 'condition', condition), host('where', 'a', a), host('where', 'b', b), host('where', 'out', out));
    },
    reduce(op, x, axes, out) {
      own('reduce', 'x', x.buffer);
      own('reduce', 'out', out.buffer);
      if (!reduceFast(op, x, axes, out)) js.reduce(op, host('reduce', 'x', x), axes, host('reduce', 'out', out));
    },
    argReduce(op, x, axis, out) {
      js.argReduce(op, host('argReduce', 'x', x), axis, host('argReduce', 'out', out));
    },
    matmul(a, b, out) {
      own('matmul', 'a', a.buffer);
      own('matmul', 'b', b.buffer);
      own('matmul', 'out', out.buffer);
      const rank = out.shape.length;
      const dtype = out.buffer.dtype;
      const k = a.shape[rank - 1];
      const batch = out.shape.slice(0, -2);
      const ok =
        rank >= 2 &&
        dtype !== 'i32' &&
        a.buffer.dtype === dtype &&
        b.buffer.dtype === dtype &&
        sameShape(a.shape, [...batch, out.shape[rank - 2], k]) &&
        sameShape(b.shape, [...batch, k, out.shape[rank - 1]]) &&
        fitsBuffer(a) && fitsBuffer(b) && fitsBuffer(out);
      // Anything unusual goes to the JS kernel, which reports the error (or handles the case).
      if (ok) wasmMatmul(context, a, b, out);
      else js.matmul(host('matmul', 'a', a), host('matmul', 'b', b), host('matmul', 'out', out));
    },
    gather(x, index, axis, out) {
      js.gather(host('gather', 'x', x), host('gather', 'index', index), axis, host('gather', 'out', out));
    },
    scatterAdd(updates, index, axis, out) {
      js.scatterAdd(host('scatterAdd', 'updates', updates), host('scatterAdd', 'index', index), axis, host('scatterAdd', 'out', out));
    },
    im2col(x, geometry, out, padValue) {
      js.im2col(host('im2col', 'x', x), geometry, host('im2col', 'out', out), padValue);
    },
    col2im(columns, geometry, out) {
      js.col2im(host('col2im', 'columns', columns), geometry, host('col2im', 'out', out));
    },
  };
}

/** Raised when a kernel meets a buffer it does not own; exported for the backend's own checks. */
export function foreignBuffer(kernel: string, name: string, buffer: { readonly backend: string }): BackendError {
  return new BackendError(`wasm: buffer from backend '${buffer.backend}' passed to ${kernel} as ${name}`);
}
