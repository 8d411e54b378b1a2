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

/** Below this many multiply-adds per product a batch runs as one sgemmBatch call (threads split the batch). */
const BATCH_PRODUCT_LIMIT = 1 << 20;

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
  // A column-major output is written as cᵀ = op(b)ᵀ op(a)ᵀ, row-major in the transposed view.
  const [first, second, rows, columns] = target.trans ? [right, left, n, m] : [left, right, m, n];
  const transA = target.trans ? !right.trans : left.trans;
  const transB = target.trans ? !left.trans : right.trans;
  const levels = m * n * k < BATCH_PRODUCT_LIMIT ? batchLevels(batchShape, [first.batchStrides, second.batchStrides, target.batchStrides], bytes) : null;
  if (levels !== null) {
    const [outer, inner] = levels;
    const args = [
      transA ? 1 : 0, transB ? 1 : 0, rows, columns, k, first.address + first.offset * bytes, first.ld,
      second.address + second.offset * bytes, second.ld, target.address + target.offset * bytes, target.ld,
      outer.count, ...outer.strides, inner.count, ...inner.strides, context.work,
    ];
    const steps = args.map(() => 0);
    [steps[5], steps[7], steps[9]] = outer.strides;
    context.range({ kernel: single ? 'sgemmBatch' : 'dgemmBatch', args, sizeAt: 11, steps, cost: (outer.count * inner.count * m * n * k) / 4, align: 1, workAt: 19 });
    return;
  }
  const plan: BlockPlan = {
    outerShape: batchShape,
    outerStrides: [first.batchStrides, second.batchStrides, target.batchStrides],
    modes: [],
    inner: m * n,
    blocks: batchShape.reduce((product, extent) => product * extent, 1),
  };
  forEachBlock(plan, [first.offset, second.offset, target.offset], ([oa, ob, oc]) => {
    const a = first.address + oa * bytes;
    const b = second.address + ob * bytes;
    const c = target.address + oc * bytes;
    context.gemm({ single, transA, transB, m: rows, n: columns, k, a, lda: first.ld, b, ldb: second.ld, c, ldc: target.ld });
  });
}

interface BatchLevel {
  readonly count: number;
  /** Byte strides of the two operands and the output. */
  readonly strides: readonly [number, number, number];
}

/**
 * The batch axes as at most two levels of (count, byte strides), merging axes the three operands step through
 * alike; null for a single product, more than two levels, or strides beyond the kernel's 32-bit byte offsets.
 */
function batchLevels(shape: readonly number[], strides: readonly (readonly number[])[], bytes: number): [BatchLevel, BatchLevel] | null {
  const levels: { count: number; strides: [number, number, number] }[] = [];
  for (let axis = 0; axis < shape.length; axis++) {
    const count = shape[axis] as number;
    if (count === 1) continue;
    const axisStrides = strides.map((operand) => (operand[axis] as number) * bytes) as [number, number, number];
    const last = levels[levels.length - 1];
    if (last !== undefined && last.strides.every((stride, operand) => stride === (axisStrides[operand] as number) * count)) {
      last.count *= count;
      last.strides = axisStrides;
    } else {
      levels.push({ count, strides: axisStrides });
    }
  }
  const total = levels.reduce((product, level) => product * level.count, 1);
  if (total < 2 || levels.length > 2) return null;
  for (const level of levels) if (level.strides.some((stride) => Math.abs(stride * level.count) >= 2 ** 31)) return null;
  return [levels[0] as BatchLevel, levels[1] ?? { count: 1, strides: [0, 0, 0] }];
}
