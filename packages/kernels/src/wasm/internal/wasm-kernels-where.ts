// where in WASM: dense blocks of condition, a, b and out, a or b possibly broadcast (stride 0) over the block.
import type { View } from '../../backend';
import type { WasmBuffer } from '../wasm-buffer';
import type { WasmContext } from './wasm-context';
import { fitsBuffer, forEachBlock, planBlocks } from './wasm-layout';
import { MIN_BLOCK, safeAlias, sameShape, viewAddress } from './wasm-views';

/** Condition element types of assembly/where.ts. */
const CONDITION_KINDS = { i32: 0, f32: 1, f64: 2 } as const;
/** Mode bits of assembly/where.ts: a, b broadcast over the block. */
const A_SCALAR = 1;
const B_SCALAR = 2;

/**
 * Runs `whereF32/F64` over the views' blocks when a, b and out share a float dtype and shape, the condition is dense
 * over each block, and no input overlaps out other than in place; returns false otherwise (the JS kernel then handles
 * or reports it).
 */
export function whereFast(
  context: WasmContext, condition: View<WasmBuffer>, a: View<WasmBuffer>, b: View<WasmBuffer>, out: View<WasmBuffer>,
): boolean {
  const dtype = out.buffer.dtype;
  if (dtype === 'i32' || a.buffer.dtype !== dtype || b.buffer.dtype !== dtype) return false;
  const views = [condition, a, b, out];
  if (!views.every((v) => sameShape(v.shape, out.shape) && fitsBuffer(v))) return false;
  if (!safeAlias(condition, out) || !safeAlias(a, out) || !safeAlias(b, out)) return false;
  if (out.shape.includes(0)) return true;
  const plan = planBlocks(views);
  const [conditionMode, aMode, bMode] = plan.modes;
  if ((conditionMode === 'scalar' && plan.inner > 1) || (plan.blocks > 1 && plan.inner < MIN_BLOCK)) return false;
  const kind = CONDITION_KINDS[condition.buffer.dtype];
  const mode = (aMode === 'scalar' ? A_SCALAR : 0) | (bMode === 'scalar' ? B_SCALAR : 0);
  const exports = context.exports;
  const run = dtype === 'f32' ? exports.whereF32 : exports.whereF64;
  forEachBlock(plan, [condition.offset, a.offset, b.offset, out.offset], ([oc, oa, ob, oo]) =>
    run(kind, mode, viewAddress(condition, oc), viewAddress(a, oa), viewAddress(b, ob), viewAddress(out, oo), plan.inner),
  );
  return true;
}
