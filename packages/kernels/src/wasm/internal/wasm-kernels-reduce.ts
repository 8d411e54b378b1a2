// Axis reductions in WASM: sum (in double precision, like the JS kernel), max and min over dense views whose reduced
// axes form one run (leading, middle or trailing after merging adjacent axes) in one call, sums over a leading and a
// trailing run in one call, and over dense trailing rows of strided views otherwise.
import type { View } from '../../backend';
import type { ReduceOp } from '../../ops';
import { isContiguous } from '../../shape';
import type { WasmBuffer } from '../wasm-buffer';
import type { WasmContext } from './wasm-context';
import { fitsBuffer, forEachBlock, planBlocks, type BlockPlan } from './wasm-layout';
import { extentProduct, MIN_BLOCK, viewAddress } from './wasm-views';

/**
 * Reduces x into out in WASM when the op is sum, max or min over float views of one dtype, the axes are valid and
 * distinct, and the layout suits a fast path; returns false otherwise (and for anything the JS kernel must report).
 */
export function reduceFast(context: WasmContext, op: ReduceOp, x: View<WasmBuffer>, axes: readonly number[], out: View<WasmBuffer>): boolean {
  const rank = x.shape.length;
  const dtype = x.buffer.dtype;
  if (op === 'prod' || dtype === 'i32' || out.buffer.dtype !== dtype || rank === 0 || out.shape.length !== rank) return false;
  const reduced = new Array<boolean>(rank).fill(false);
  for (const axis of axes) {
    if (!Number.isInteger(axis) || axis < -rank || axis >= rank) return false;
    const normalized = axis < 0 ? axis + rank : axis;
    if (reduced[normalized]) return false;
    reduced[normalized] = true;
  }
  if (!out.shape.every((extent, axis) => extent === (reduced[axis] ? 1 : x.shape[axis]))) return false;
  // An empty x (an empty sum is 0, an empty max an error) or one that leaves its buffer goes to the JS kernel.
  if (x.shape.includes(0) || !fitsBuffer(x) || !fitsBuffer(out)) return false;
  return runFast(context, op, x, reduced, out) || rowsFast(context, op, x, reduced, out);
}

/**
 * One WASM call over dense x when out is dense and separate and, after dropping extent-1 axes and merging neighbours
 * alike, the axes are kept-reduced-kept (sumAxis/extremumAxis over (outer, n, inner), either kept run may be empty)
 * or, for sums, reduced-kept-reduced (sumSplit over (outer, kept, n), batch normalisation's per-channel sums).
 */
function runFast(context: WasmContext, op: ReduceOp, x: View<WasmBuffer>, reduced: readonly boolean[], out: View<WasmBuffer>): boolean {
  if (x.buffer === out.buffer || !isContiguous(x.shape, x.strides) || !isContiguous(out.shape, out.strides)) return false;
  // Runs of kept or reduced axes: [reduced, element count].
  const runs: [boolean, number][] = [];
  x.shape.forEach((extent, axis) => {
    if (extent === 1) return;
    const last = runs[runs.length - 1];
    if (last !== undefined && last[0] === reduced[axis]) last[1] *= extent;
    else runs.push([reduced[axis], extent]);
  });
  const reducedRuns = runs.filter(([isReduced]) => isReduced).length;
  // Runs alternate, so two reduced runs among three are reduced-kept-reduced.
  if (reducedRuns === 2 && runs.length === 3 && op === 'sum') return splitFast(context, x, runs[0][1], runs[1][1], runs[2][1], out);
  if (reducedRuns > 1) return false;
  const middle = runs.findIndex(([isReduced]) => isReduced);
  const count = (list: readonly [boolean, number][]) => list.reduce((product, [, extent]) => product * extent, 1);
  // No reduced axis of extent > 1: a copy, as a reduction over one element.
  const outer = middle < 0 ? count(runs) : count(runs.slice(0, middle));
  const n = middle < 0 ? 1 : runs[middle][1];
  const inner = middle < 0 ? 1 : count(runs.slice(middle + 1));
  const exports = context.exports;
  const single = x.buffer.dtype === 'f32';
  const at = viewAddress(x, x.offset);
  const to = viewAddress(out, out.offset);
  if (op === 'sum') (single ? exports.sumAxisF32 : exports.sumAxisF64)(at, to, outer, n, inner);
  else (single ? exports.extremumAxisF32 : exports.extremumAxisF64)(op === 'max' ? 0 : 1, at, to, outer, n, inner);
  return true;
}

/** sumSplit over dense x viewed as (outer, kept, n), reducing axes 0 and 2, into dense out. */
function splitFast(context: WasmContext, x: View<WasmBuffer>, outer: number, kept: number, n: number, out: View<WasmBuffer>): boolean {
  const exports = context.exports;
  const run = x.buffer.dtype === 'f32' ? exports.sumSplitF32 : exports.sumSplitF64;
  run(viewAddress(x, x.offset), viewAddress(out, out.offset), outer, kept, n);
  return true;
}

/**
 * Reduces dense trailing runs of a strided x, one WASM call per row, when `axes` end with the trailing axes (for max
 * and min: are exactly them); reduced axes before the run (sums only) are looped here, meeting in double precision.
 */
function rowsFast(context: WasmContext, op: ReduceOp, x: View<WasmBuffer>, reduced: readonly boolean[], out: View<WasmBuffer>): boolean {
  const rank = x.shape.length;
  let first = rank;
  while (first > 0 && reduced[first - 1]) first--;
  if (first === rank || (op !== 'sum' && reduced.slice(0, first).some((r) => r))) return false;
  const rowPlan = planBlocks([{ ...x, shape: x.shape.slice(first), strides: x.strides.slice(first) }]);
  if (rowPlan.blocks !== 1 || rowPlan.modes[0] !== 'dense') return false;
  const row = rowPlan.inner;
  const outerShape = x.shape.slice(0, first);
  const rows = extentProduct(outerShape);
  if (rows > 1 && row < MIN_BLOCK) return false;
  const { exports } = context;
  const single = x.buffer.dtype === 'f32';
  const kernel =
    op === 'sum'
      ? (at: number) => (single ? exports.sumF32(at, row) : exports.sumF64(at, row))
      : (at: number) => (single ? exports.extremumF32 : exports.extremumF64)(op === 'max' ? 0 : 1, at, row);
  const results = context.array(out.buffer);
  const outStrides = out.strides.slice(0, first).map((stride, axis) => (reduced[axis] ? 0 : stride));
  const plan: BlockPlan = { outerShape, outerStrides: [x.strides.slice(0, first), outStrides], modes: [], inner: row, blocks: rows };
  if (!reduced.slice(0, first).some((r) => r)) {
    forEachBlock(plan, [x.offset, out.offset], ([ox, oo]) => {
      results[oo] = kernel(viewAddress(x, ox));
    });
    return true;
  }
  // Partial sums meet in double precision (like the JS kernel's accumulator) and are rounded once at the end.
  const totals = new Float64Array(out.buffer.size);
  forEachBlock(plan, [x.offset, out.offset], ([ox, oo]) => {
    totals[oo] += kernel(viewAddress(x, ox));
  });
  forEachBlock(plan, [x.offset, out.offset], ([, oo]) => {
    results[oo] = totals[oo];
  });
  return true;
}
