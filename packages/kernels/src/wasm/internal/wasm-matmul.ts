// Batched matmul on WASM buffers: maps each matrix view onto sgemm/dgemm without copying when it is row- or
// column-major, packs the others into scratch blocks of the same memory, and loops over the batch axes in JS.
import type { View } from '../../backend';
import { fillStrided } from '../../strided/fill-strided';
import { copyStrided } from '../../strided/copy-strided';
import { contiguousStrides } from '../../shape';
import type { WasmBuffer } from '../wasm-buffer';
import { elementBytes, type WasmContext } from './wasm-context';
import { forEachBlock, type BlockPlan } from './wasm-layout';

/** A matrix operand as gemm sees it: base address, transpose flag, leading dimension and batch strides. */
interface GemmOperand {
  readonly address: number;
  readonly trans: boolean;
  readonly ld: number;
  readonly offset: number;
  readonly batchStrides: readonly number[];
}

/** Scratch blocks to release once the product is done. */
interface Scratch {
  readonly address: number;
  readonly bytes: number;
}

/** Maps a rows x cols matrix view onto gemm when one inner stride is 1, or returns null. */
function mapOperand(view: View<WasmBuffer>, rows: number, cols: number): GemmOperand | null {
  const rank = view.strides.length;
  const rowStride = view.strides[rank - 2];
  const colStride = view.strides[rank - 1];
  const batchStrides = view.strides.slice(0, rank - 2);
  const { byteOffset: address } = view.buffer;
  if ((colStride === 1 || cols === 1) && (rows === 1 || rowStride >= Math.max(1, cols))) {
    return { address, trans: false, ld: rows === 1 ? Math.max(1, cols) : rowStride, offset: view.offset, batchStrides };
  }
  if ((rowStride === 1 || rows === 1) && (cols === 1 || colStride >= Math.max(1, rows))) {
    return { address, trans: true, ld: cols === 1 ? Math.max(1, rows) : colStride, offset: view.offset, batchStrides };
  }
  return null;
}

/** Shape of a packed copy: broadcast (stride-0) batch axes stay of extent 1. */
function packedShape(view: View): number[] {
  const rank = view.shape.length;
  return view.shape.map((extent, axis) => (axis < rank - 2 && view.strides[axis] === 0 ? 1 : extent));
}

/** Strides of a packed copy: row-major, with 0 on the kept broadcast axes. */
function packedStrides(shape: readonly number[]): number[] {
  return contiguousStrides(shape).map((stride, axis) => (shape[axis] === 1 ? 0 : stride));
}

/**
 * Computes `out = a @ b` for views whose shapes, dtypes (both f32 or both f64) and bounds are already checked.
 *
 * @param context - Module, heap and scratch.
 * @param a - `(..., m, k)`.
 * @param b - `(..., k, n)`.
 * @param out - `(..., m, n)`.
 */
export function wasmMatmul(context: WasmContext, a: View<WasmBuffer>, b: View<WasmBuffer>, out: View<WasmBuffer>): void {
  const rank = out.shape.length;
  const batchShape = out.shape.slice(0, -2);
  const m = out.shape[rank - 2];
  const n = out.shape[rank - 1];
  const k = a.shape[rank - 1];
  if (out.shape.includes(0)) return;
  if (k === 0) {
    fillStrided(out.shape, context.array(out.buffer), out.strides, out.offset, 0);
    return;
  }
  const { heap } = context;
  const bytes = elementBytes(out.buffer);
  const scratch: Scratch[] = [];
  const reserve = (shape: readonly number[]): number => {
    const size = shape.reduce((product, extent) => product * extent, 1) * bytes;
    const address = heap.allocate(size);
    scratch.push({ address, bytes: size });
    return address;
  };
  // Allocate every scratch block before taking typed-array views: allocation may grow (and detach) the memory.
  const aMapped = mapOperand(a, m, k);
  const bMapped = mapOperand(b, k, n);
  const aliased = out.buffer === a.buffer || out.buffer === b.buffer;
  const outMapped = aliased ? null : mapOperand(out, m, n);
  const aShape = packedShape(a);
  const bShape = packedShape(b);
  const aScratch = aMapped === null ? reserve(aShape) : 0;
  const bScratch = bMapped === null ? reserve(bShape) : 0;
  const outScratch = outMapped === null ? reserve(out.shape) : 0;
  const Elements = bytes === 4 ? Float32Array : Float64Array;
  try {
    const pack = (view: View<WasmBuffer>, shape: number[], address: number): GemmOperand => {
      const strides = packedStrides(shape);
      const packed = new Elements(heap.memory.buffer, address, shape.reduce((product, extent) => product * extent, 1));
      copyStrided(shape, context.array(view.buffer), view.strides, view.offset, packed, strides, 0);
      return { address, trans: false, ld: Math.max(1, shape[rank - 1]), offset: 0, batchStrides: strides.slice(0, -2) };
    };
    const left = aMapped ?? pack(a, aShape, aScratch);
    const right = bMapped ?? pack(b, bShape, bScratch);
    const outStrides = contiguousStrides(out.shape);
    const target: GemmOperand = outMapped ?? {
      address: outScratch, trans: false, ld: Math.max(1, n), offset: 0, batchStrides: outStrides.slice(0, -2),
    };
    runBatches(context, bytes === 4, batchShape, m, k, n, left, right, target);
    if (outMapped === null) {
      const result = new Elements(heap.memory.buffer, outScratch, out.shape.reduce((product, extent) => product * extent, 1));
      copyStrided(out.shape, result, outStrides, 0, context.array(out.buffer), out.strides, out.offset);
    }
  } finally {
    for (const block of scratch) heap.release(block.address, block.bytes);
  }
}

function runBatches(
  context: WasmContext,
  single: boolean,
  batchShape: readonly number[],
  m: number,
  k: number,
  n: number,
  left: GemmOperand,
  right: GemmOperand,
  target: GemmOperand,
): void {
  const bytes = single ? 4 : 8;
  const plan: BlockPlan = {
    outerShape: batchShape,
    outerStrides: [left.batchStrides, right.batchStrides, target.batchStrides],
    modes: [],
    inner: m * n,
    blocks: batchShape.reduce((product, extent) => product * extent, 1),
  };
  forEachBlock(plan, [left.offset, right.offset, target.offset], ([oa, ob, oc]) => {
    const a = left.address + oa * bytes;
    const b = right.address + ob * bytes;
    const c = target.address + oc * bytes;
    if (target.trans) {
      // A column-major output is written as cᵀ = op(b)ᵀ op(a)ᵀ, row-major in the transposed view.
      context.gemm({ single, transA: !right.trans, transB: !left.trans, m: n, n: m, k, a: b, lda: right.ld, b: a, ldb: left.ld, c, ldc: target.ld });
    } else {
      context.gemm({ single, transA: left.trans, transB: right.trans, m, n, k, a, lda: left.ld, b, ldb: right.ld, c, ldc: target.ld });
    }
  });
}
