// Small view predicates shared by the kernel dispatchers.
import type { View } from '../../backend';
import type { WasmBuffer } from '../wasm-buffer';
import { elementBytes } from './wasm-context';
import type { BlockPlan } from './wasm-layout';

/** Below this many elements per WASM call, a strided outer loop costs more in calls than SIMD saves. */
export const MIN_BLOCK = 16;

/** A block plan whose innermost outer axis became `rows` blocks, `rowStrides` elements apart per operand. */
export interface RowSplit {
  readonly plan: BlockPlan;
  readonly rows: number;
  readonly rowStrides: readonly number[];
}

/**
 * Moves the innermost outer axis of a plan (after merging outer axes that line up for every operand) into a rows
 * count and per-operand row strides, leaving a plan over the remaining outer axes.
 */
export function splitRows(plan: BlockPlan): RowSplit {
  const shape = [...plan.outerShape];
  const strides = plan.outerStrides.map((s) => [...s]);
  for (let axis = shape.length - 1; axis > 0; axis--) {
    if (strides.every((s) => s[axis - 1] === s[axis] * shape[axis])) {
      shape[axis - 1] *= shape[axis];
      shape.splice(axis, 1);
      for (const s of strides) {
        s[axis - 1] = s[axis];
        s.splice(axis, 1);
      }
    }
  }
  if (shape.length === 0) return { plan, rows: 1, rowStrides: strides.map(() => 0) };
  const rows = shape[shape.length - 1];
  const outerShape = shape.slice(0, -1);
  return {
    plan: { ...plan, outerShape, outerStrides: strides.map((s) => s.slice(0, -1)), blocks: plan.blocks / rows },
    rows,
    rowStrides: strides.map((s) => s[s.length - 1]),
  };
}

/** True if both shapes have the same extents. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((extent, axis) => extent === b[axis]);
}

/** An in-place call is fine; any other overlap of out with an input could differ from the element-by-element order. */
export function safeAlias(input: View, out: View): boolean {
  return (
    input.buffer !== out.buffer ||
    (input.offset === out.offset && input.strides.length === out.strides.length && input.strides.every((s, axis) => s === out.strides[axis]))
  );
}

/** Byte address in linear memory of element `offset` of the view's buffer. */
export function viewAddress(view: View<WasmBuffer>, offset: number): number {
  return view.buffer.byteOffset + offset * elementBytes(view.buffer);
}

/** Product of the extents. */
export function extentProduct(shape: readonly number[]): number {
  return shape.reduce((product, extent) => product * extent, 1);
}
