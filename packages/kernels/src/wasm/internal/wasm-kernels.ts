// The Kernels of the WASM backend: WASM fast paths where they beat the JS loops (bench/wasm-gemm.bench.ts; im2col,
// col2im, gather, scatterAdd, argReduce, maxPoolIndex and axis reductions for a CNN training step, 3-4x faster end to end; erf,
// comparisons, where, strided copies and leading/middle-axis reductions for a GPT step), and
// the JS backend's kernels over typed-array views of linear memory for everything else (they also produce every
// shape/dtype/bounds error message).
import type { ConvGeometry, Kernels, View } from '../../backend';
import { convOutputSize } from '../../conv/conv-output-size';
import { BackendError } from '../../errors';
import { JsBuffer } from '../../js/js-buffer';
import { createJsBackend } from '../../js/js-backend';
import type { ArgReduceOp, BinaryOp, UnaryOp } from '../../ops';
import { isContiguous } from '../../shape';
import type { WasmBuffer } from '../wasm-buffer';
import { elementBytes, type WasmContext } from './wasm-context';
import { stridedCopyFast } from './wasm-kernels-copy';
import { indexFast } from './wasm-kernels-index';
import { reduceFast } from './wasm-kernels-reduce';
import { whereFast } from './wasm-kernels-where';
import { fitsBuffer, forEachBlock, planBlocks } from './wasm-layout';
import { wasmAdamStep } from './wasm-adam-step';
import { wasmMaxPoolIndex } from './wasm-max-pool-index';
import { wasmMatmul } from './wasm-matmul';
import { wasmNormalizeBackward, wasmNormalizeForward } from './wasm-normalize';
import { MIN_BLOCK, safeAlias, sameShape, splitRows, viewAddress } from './wasm-views';

/** Binary ops with a SIMD loop whose results equal the JS ones bit for bit (codes of assembly/elementwise.ts). */
const BINARY_CODES: Partial<Record<BinaryOp, number>> = {
  add: 0, sub: 1, mul: 2, div: 3, maximum: 4, minimum: 5,
  equal: 6, notEqual: 7, less: 8, lessEqual: 9, greater: 10, greaterEqual: 11,
};
/**
 * Unary ops with a SIMD loop: exact ones, plus exp and sigmoid (polynomial exp, ~1 ulp in f32, ~1e-15 relative in
 * f64), erf (~1.5 ulp in f32), gelu and geluDerivative (~5e-7 relative in f32); in f64 erf, gelu and geluDerivative
 * run the JS kernel's algorithm lane by lane.
 */
const UNARY_CODES: Partial<Record<UnaryOp, number>> = {
  neg: 0, abs: 1, sqrt: 2, square: 3, floor: 4, ceil: 5, reciprocal: 6, round: 7, exp: 8, sigmoid: 9, sign: 10, erf: 11,
  gelu: 12, geluDerivative: 13,
};
/** Relative cost per element of the polynomial unary ops (a plain one is 1), which decides when a call is split across threads. */
const UNARY_WEIGHTS: Partial<Record<UnaryOp, number>> = { exp: 6, sigmoid: 7, erf: 10, gelu: 14, geluDerivative: 14 };
/** Inner-block modes of binaryF32/binaryF64: both dense, b broadcast, a broadcast. */
const MODE_BOTH = 0;
const MODE_B_SCALAR = 1;
const MODE_A_SCALAR = 2;
/** The backend's deferred zero fill of reused blocks, as kernels see it. */
export interface PendingZero {
  /** Cancels the pending fill of out's buffer if out covers it whole and no input shares it; true if cancelled. */
  skip(out: View, inputs: readonly View[]): boolean;
  /** Zero-fills a buffer whose fill `skip` cancelled, when the kernel failed before overwriting it. */
  restore(buffer: WasmBuffer): void;
}

/**
 * Creates the kernel table over `context`; `own` rejects buffers of other backends (and freed ones) and settles a
 * pending zero fill, which kernels that overwrite all of out cancel through `zeroing` instead.
 */
export function createWasmKernels(
  context: WasmContext,
  own: (kernel: string, name: string, buffer: { readonly backend: string }) => WasmBuffer,
  zeroing: PendingZero,
): Kernels<WasmBuffer> {
  const js = createJsBackend().kernels;
  /** The same view over a JsBuffer wrapping this buffer's elements (valid until the next allocation). */
  const host = (kernel: string, name: string, view: View): View<JsBuffer> => ({
    buffer: new JsBuffer(context.array(own(kernel, name, view.buffer))),
    shape: view.shape,
    strides: view.strides,
    offset: view.offset,
  });

  /** Runs `unaryF32/F64` over the views' blocks, or returns false if the layout does not suit it. */
  function unaryFast(op: UnaryOp, x: View<WasmBuffer>, out: View<WasmBuffer>): boolean {
    const code = UNARY_CODES[op];
    const dtype = out.buffer.dtype;
    if (code === undefined || dtype === 'i32' || x.buffer.dtype !== dtype || !sameShape(x.shape, out.shape)) return false;
    if (!fitsBuffer(x) || !fitsBuffer(out) || !safeAlias(x, out)) return false;
    if (out.shape.includes(0)) return true;
    const plan = planBlocks([x, out]);
    if (plan.modes[0] !== 'dense' || (plan.blocks > 1 && plan.inner < MIN_BLOCK)) return false;
    const kernel = dtype === 'f32' ? 'unaryF32' : 'unaryF64';
    const bytes = elementBytes(out.buffer);
    const cost = plan.inner * (UNARY_WEIGHTS[op] ?? 1);
    const steps = [0, bytes, bytes, 0];
    // One dense run (the usual case) may be split across threads in bands of 64-byte lines.
    forEachBlock(plan, [x.offset, out.offset], ([ox, oo]) =>
      context.range({ kernel, args: [code, viewAddress(x, ox), viewAddress(out, oo), plan.inner], sizeAt: 3, steps, cost, align: 64 / bytes }),
    );
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
    const kernel = dtype === 'f32' ? 'binaryRowsF32' : 'binaryRowsF64';
    // The innermost outer axis is looped in WASM: one call per block of rows, split across threads by rows (or,
    // for one row, by elements in bands of 64-byte lines) when large enough.
    const { plan: outer, rows, rowStrides } = splitRows(plan);
    const bytes = elementBytes(out.buffer);
    const [aRow = 0, bRow = 0, outRow = 0] = rowStrides.map((stride) => stride * bytes);
    const cost = plan.inner * rows;
    const byRows = rows > 1;
    const steps = byRows
      ? [0, 0, aRow, bRow, outRow, 0, 0, 0, 0, 0]
      : [0, 0, mode === MODE_A_SCALAR ? 0 : bytes, mode === MODE_B_SCALAR ? 0 : bytes, bytes, 0, 0, 0, 0, 0];
    forEachBlock(outer, [a.offset, b.offset, out.offset], ([oa, ob, oo]) =>
      context.range({
        kernel, args: [code, mode, viewAddress(a, oa), viewAddress(b, ob), viewAddress(out, oo), plan.inner, rows, aRow, bRow, outRow],
        sizeAt: byRows ? 6 : 5, steps, cost, align: byRows ? 1 : 64 / bytes,
      }),
    );
    return true;
  }

  /**
   * Runs im2col (or col2im) in WASM when the images are dense, the column rows are dense in batch-major or taps-major
   * order (conv2d's whole-batch GEMM layout), both fit their buffers, of one float dtype and the geometry's shapes;
   * returns false otherwise (the JS kernel then handles or reports it).
   */
  function convFast(
    kernel: 'im2col' | 'col2im', images: View<WasmBuffer>, geometry: ConvGeometry, columns: View<WasmBuffer>, padValue: number,
  ): boolean {
    const dtype = images.buffer.dtype;
    if (dtype === 'i32' || columns.buffer.dtype !== dtype) return false;
    const { outHeight, outWidth } = convOutputSize(geometry, kernel);
    const { channels, height, width, kernelHeight, kernelWidth } = geometry;
    const batch = images.shape[0];
    if (!sameShape(images.shape, [batch, channels, height, width])) return false;
    const taps = channels * kernelHeight * kernelWidth;
    const positions = outHeight * outWidth;
    if (!sameShape(columns.shape, [batch, taps, positions])) return false;
    const [batchStride = 0, rowStride = 0, positionStride = 0] = columns.strides;
    const rowsDense =
      isContiguous(columns.shape, columns.strides) || isContiguous([taps, batch, positions], [rowStride, batchStride, positionStride]);
    if (!isContiguous(images.shape, images.strides) || !rowsDense) return false;
    if (!fitsBuffer(images) || !fitsBuffer(columns) || images.buffer === columns.buffer) return false;
    if (batch === 0) return true;
    const g = geometry;
    const shape = [
      batch, channels, height, width, kernelHeight, kernelWidth, g.strideHeight, g.strideWidth,
      g.padTop, g.padLeft, g.dilationHeight, g.dilationWidth, outHeight, outWidth, batchStride, rowStride,
    ];
    const x = viewAddress(images, images.offset);
    const c = viewAddress(columns, columns.offset);
    const bytes = elementBytes(images.buffer);
    const fixed = shape.slice(1).map(() => 0);
    // Split by images: each band moves to its own images and their columns. col2im takes the columns first.
    const imageStep = channels * height * width * bytes;
    const cost = batch * taps * positions;
    if (kernel === 'im2col') {
      const name = dtype === 'f32' ? 'im2colF32' : 'im2colF64';
      context.range({ kernel: name, args: [x, c, ...shape, padValue], sizeAt: 2, steps: [imageStep, batchStride * bytes, 0, ...fixed, 0], cost, align: 1 });
    } else {
      const name = dtype === 'f32' ? 'col2imF32' : 'col2imF64';
      context.range({ kernel: name, args: [c, x, ...shape], sizeAt: 2, steps: [batchStride * bytes, imageStep, 0, ...fixed], cost, align: 1 });
    }
    return true;
  }

  /** Taps-major columns seen in storage order `(taps, batch, positions)`, so a whole-buffer overwrite is recognised. */
  function columnsInStorageOrder(columns: View<WasmBuffer>): View<WasmBuffer> {
    const [batch = 0, taps = 0, positions = 0] = columns.shape;
    const [batchStride = 0, rowStride = 0, positionStride = 0] = columns.strides;
    if (columns.shape.length !== 3 || rowStride <= batchStride) return columns;
    return { ...columns, shape: [taps, batch, positions], strides: [rowStride, batchStride, positionStride] };
  }

  /** Runs argmax/argmin in WASM when x is dense float and out dense i32 of x's shape with 1 at `axis`. */
  function argReduceFast(op: ArgReduceOp, x: View<WasmBuffer>, axis: number, out: View<WasmBuffer>): boolean {
    const rank = x.shape.length;
    const dtype = x.buffer.dtype;
    if ((op !== 'argmax' && op !== 'argmin') || dtype === 'i32' || out.buffer.dtype !== 'i32') return false;
    if (!Number.isInteger(axis) || axis < -rank || axis >= rank) return false;
    const along = axis < 0 ? axis + rank : axis;
    const n = x.shape[along];
    if (n === 0 || !sameShape(out.shape, x.shape.map((extent, i) => (i === along ? 1 : extent)))) return false;
    if (!isContiguous(x.shape, x.strides) || !isContiguous(out.shape, out.strides) || !fitsBuffer(x) || !fitsBuffer(out)) return false;
    const outer = x.shape.slice(0, along).reduce((product, extent) => product * extent, 1);
    const inner = x.shape.slice(along + 1).reduce((product, extent) => product * extent, 1);
    if (outer * inner === 0) return true;
    const run = dtype === 'f32' ? context.exports.argReduceF32 : context.exports.argReduceF64;
    run(op === 'argmax' ? 0 : 1, viewAddress(x, x.offset), viewAddress(out, out.offset), outer, n, inner);
    return true;
  }

  /**
   * Copies in place of the JS loops when out is dense and x is dense too (a memcpy), one broadcast value (a fill), or
   * strided in another buffer (assembly/copy.ts).
   */
  function copyFast(x: View<WasmBuffer>, out: View<WasmBuffer>): boolean {
    if (x.buffer.dtype !== out.buffer.dtype || !sameShape(x.shape, out.shape)) return false;
    if (!isContiguous(out.shape, out.strides) || !fitsBuffer(x) || !fitsBuffer(out)) return false;
    const size = out.shape.reduce((product, extent) => product * extent, 1);
    if (size === 0) return true;
    const target = context.array(out.buffer);
    if (x.strides.every((stride, axis) => stride === 0 || x.shape[axis] === 1)) {
      target.fill(context.array(x.buffer)[x.offset], out.offset, out.offset + size);
      return true;
    }
    // Overlapping views are left to the JS loop, whose element order they would observe.
    if (x.buffer === out.buffer) return false;
    if (!isContiguous(x.shape, x.strides)) return stridedCopyFast(context, x, out);
    target.set(context.array(x.buffer).subarray(x.offset, x.offset + size), out.offset);
    return true;
  }

  /** Runs a kernel that writes every element of out, without zero-filling out's buffer first when it covers it. */
  function overwrite(out: View<WasmBuffer>, inputs: readonly View<WasmBuffer>[], body: () => void): void {
    const skipped = zeroing.skip(out, inputs);
    try {
      body();
    } catch (error) {
      if (skipped) zeroing.restore(out.buffer);
      throw error;
    }
  }

  /** {@link overwrite} for a kernel with several outputs, each written whole; inputs include the other outputs. */
  function overwriteAll(outs: readonly View<WasmBuffer>[], inputs: readonly View<WasmBuffer>[], body: () => void): void {
    const skipped = outs.filter((out) => zeroing.skip(out, [...inputs, ...outs.filter((other) => other !== out)]));
    try {
      body();
    } catch (error) {
      for (const out of skipped) zeroing.restore(out.buffer);
      throw error;
    }
  }

  const table: Kernels<WasmBuffer> = {
    fill(out, value) {
      js.fill(host('fill', 'out', out), value);
    },
    copy(x, out) {
      own('copy', 'x', x.buffer);
      own('copy', 'out', out.buffer);
      if (!copyFast(x, out)) js.copy(host('copy', 'x', x), host('copy', 'out', out));
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
      for (const [name, v] of [['condition', condition], ['a', a], ['b', b], ['out', out]] as const) own('where', name, v.buffer);
      if (whereFast(context, condition, a, b, out)) return;
      js.where(host('where', 'condition', condition), host('where', 'a', a), host('where', 'b', b), host('where', 'out', out));
    },
    reduce(op, x, axes, out) {
      own('reduce', 'x', x.buffer);
      own('reduce', 'out', out.buffer);
      if (!reduceFast(context, op, x, axes, out)) js.reduce(op, host('reduce', 'x', x), axes, host('reduce', 'out', out));
    },
    argReduce(op, x, axis, out) {
      own('argReduce', 'x', x.buffer);
      own('argReduce', 'out', out.buffer);
      if (!argReduceFast(op, x, axis, out)) js.argReduce(op, host('argReduce', 'x', x), axis, host('argReduce', 'out', out));
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
      own('gather', 'x', x.buffer);
      own('gather', 'index', index.buffer);
      own('gather', 'out', out.buffer);
      if (!indexFast(context, 'gather', x, index, axis, out)) js.gather(host('gather', 'x', x), host('gather', 'index', index), axis, host('gather', 'out', out));
    },
    scatterAdd(updates, index, axis, out) {
      own('scatterAdd', 'updates', updates.buffer);
      own('scatterAdd', 'index', index.buffer);
      own('scatterAdd', 'out', out.buffer);
      if (!indexFast(context, 'scatterAdd', out, index, axis, updates)) js.scatterAdd(host('scatterAdd', 'updates', updates), host('scatterAdd', 'index', index), axis, host('scatterAdd', 'out', out));
    },
    im2col(x, geometry, out, padValue) {
      own('im2col', 'x', x.buffer);
      own('im2col', 'out', out.buffer);
      if (!convFast('im2col', x, geometry, out, padValue)) js.im2col(host('im2col', 'x', x), geometry, host('im2col', 'out', out), padValue);
    },
    col2im(columns, geometry, out) {
      own('col2im', 'columns', columns.buffer);
      own('col2im', 'out', out.buffer);
      if (!convFast('col2im', out, geometry, columns, 0)) js.col2im(host('col2im', 'columns', columns), geometry, host('col2im', 'out', out));
    },
    maxPoolIndex(x, geometry, out) {
      own('maxPoolIndex', 'x', x.buffer);
      own('maxPoolIndex', 'out', out.buffer);
      if (!wasmMaxPoolIndex(context, x, geometry, out)) js.maxPoolIndex(host('maxPoolIndex', 'x', x), geometry, host('maxPoolIndex', 'out', out));
    },
    adamStep(param, grad, expAvg, expAvgSq, maxExpAvgSq, parameters) {
      for (const [name, view] of [['param', param], ['grad', grad], ['expAvg', expAvg], ['expAvgSq', expAvgSq], ['maxExpAvgSq', maxExpAvgSq]] as const) {
        if (view !== null) own('adamStep', name, view.buffer);
      }
      if (wasmAdamStep(context, { param, grad, expAvg, expAvgSq, maxExpAvgSq }, parameters)) return;
      const optional = maxExpAvgSq === null ? null : host('adamStep', 'maxExpAvgSq', maxExpAvgSq);
      js.adamStep(host('adamStep', 'param', param), host('adamStep', 'grad', grad), host('adamStep', 'expAvg', expAvg), host('adamStep', 'expAvgSq', expAvgSq), optional, parameters);
    },
    normalizeForward(x, epsilon, weight, bias, out, normalized, mean, variance, inverseStd) {
      const views = { x, weight, bias, out, normalized, mean, variance, inverseStd };
      for (const [name, view] of Object.entries(views)) if (view !== null) own('normalizeForward', name, view.buffer);
      if (wasmNormalizeForward(context, views, epsilon)) return;
      const optional = (name: string, view: View | null): View<JsBuffer> | null => (view === null ? null : host('normalizeForward', name, view));
      js.normalizeForward(
        host('normalizeForward', 'x', x), epsilon, optional('weight', weight), optional('bias', bias), host('normalizeForward', 'out', out),
        optional('normalized', normalized), host('normalizeForward', 'mean', mean), host('normalizeForward', 'variance', variance),
        host('normalizeForward', 'inverseStd', inverseStd),
      );
    },
    normalizeBackward(grad, normalized, scale, out, gradSum, gradNormalizedSum) {
      const views = { grad, normalized, scale, out, gradSum, gradNormalizedSum };
      for (const [name, view] of Object.entries(views)) own('normalizeBackward', name, view.buffer);
      if (wasmNormalizeBackward(context, views)) return;
      const [g, n, s, o, sum, weighted] = Object.entries(views).map(([name, view]) => host('normalizeBackward', name, view));
      js.normalizeBackward(g!, n!, s!, o!, sum!, weighted!);
    },
  };
  // scatterAdd accumulates into out, so it keeps the zero fill; every other kernel overwrites all of out.
  return {
    ...table,
    fill: (out, value) => overwrite(out, [], () => table.fill(out, value)),
    copy: (x, out) => overwrite(out, [x], () => table.copy(x, out)),
    unary: (op, x, out) => overwrite(out, [x], () => table.unary(op, x, out)),
    binary: (op, a, b, out) => overwrite(out, [a, b], () => table.binary(op, a, b, out)),
    where: (condition, a, b, out) => overwrite(out, [condition, a, b], () => table.where(condition, a, b, out)),
    reduce: (op, x, axes, out) => overwrite(out, [x], () => table.reduce(op, x, axes, out)),
    argReduce: (op, x, axis, out) => overwrite(out, [x], () => table.argReduce(op, x, axis, out)),
    matmul: (a, b, out) => overwrite(out, [a, b], () => table.matmul(a, b, out)),
    gather: (x, index, axis, out) => overwrite(out, [x, index], () => table.gather(x, index, axis, out)),
    im2col: (x, geometry, out, padValue) => overwrite(columnsInStorageOrder(out), [x], () => table.im2col(x, geometry, out, padValue)),
    col2im: (columns, geometry, out) => overwrite(out, [columns], () => table.col2im(columns, geometry, out)),
    maxPoolIndex: (x, geometry, out) => overwrite(out, [x], () => table.maxPoolIndex(x, geometry, out)),
    normalizeForward: (x, epsilon, weight, bias, out, normalized, mean, variance, inverseStd) =>
      overwriteAll(
        [out, normalized, mean, variance, inverseStd].filter((view) => view !== null),
        [x, weight, bias].filter((view) => view !== null),
        () => table.normalizeForward(x, epsilon, weight, bias, out, normalized, mean, variance, inverseStd),
      ),
    normalizeBackward: (grad, normalized, scale, out, gradSum, gradNormalizedSum) =>
      overwriteAll([out, gradSum, gradNormalizedSum], [grad, normalized, scale], () =>
        table.normalizeBackward(grad, normalized, scale, out, gradSum, gradNormalizedSum),
      ),
  };
}

/** Raised when a kernel meets a buffer it does not own; exported for the backend's own checks. */
export function foreignBuffer(kernel: string, name: string, buffer: { readonly backend: string }): BackendError {
  return new BackendError(`wasm: buffer from backend '${buffer.backend}' passed to ${kernel} as ${name}`);
}
