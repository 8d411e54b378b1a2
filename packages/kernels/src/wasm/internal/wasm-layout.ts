// Layout helpers of the WASM kernels: bounds of strided views and the split into a strided outer loop and a
// contiguous (or broadcast-scalar) inner block that one WASM call can process.
import type { View } from '../../backend';

/** True if every element of `view` lies inside its buffer (an empty view always does). */
export function fitsBuffer(view: View): boolean {
  const { shape, strides, offset } = view;
  if (!Number.isInteger(offset) || shape.length !== strides.length) return false;
  let low = offset;
  let high = offset;
  for (let axis = 0; axis < shape.length; axis++) {
    const extent = shape[axis];
    const stride = strides[axis];
    if (!Number.isInteger(extent) || extent < 0 || !Number.isInteger(stride)) return false;
    if (extent === 0) return true;
    const reach = (extent - 1) * stride;
    if (reach < 0) low += reach;
    else high += reach;
  }
  return low >= 0 && high < view.buffer.size;
}

/** How an operand walks the inner block: element by element, or one value broadcast to all. */
export type InnerMode = 'dense' | 'scalar';

/** A view split into `outer` strided steps of one `inner`-element block. */
export interface BlockPlan {
  /** Extents of the outer (looped in JS) axes. */
  readonly outerShape: readonly number[];
  /** Per operand: strides of the outer axes. */
  readonly outerStrides: readonly (readonly number[])[];
  /** Per operand: how the inner block is read. */
  readonly modes: readonly InnerMode[];
  /** Elements per inner block. */
  readonly inner: number;
  /** Number of inner blocks. */
  readonly blocks: number;
}

/**
 * Splits views of one shape so that, over the trailing axes, each operand is either dense row-major or constant
 * (all strides 0). The last view is the output and must be dense there.
 */
export function planBlocks(views: readonly View[]): BlockPlan {
  const shape = views[views.length - 1].shape;
  const rank = shape.length;
  const modes: (InnerMode | undefined)[] = views.map(() => undefined);
  let step = 1;
  let split = rank;
  for (let axis = rank - 1; axis >= 0; axis--) {
    const extent = shape[axis];
    if (extent === 1) {
      split = axis;
      continue;
    }
    const next: (InnerMode | undefined)[] = [];
    let ok = true;
    for (let i = 0; i < views.length && ok; i++) {
      const stride = views[i].strides[axis];
      const mode: InnerMode | undefined = stride === step ? 'dense' : stride === 0 && i < views.length - 1 ? 'scalar' : undefined;
      ok = mode !== undefined && (modes[i] === undefined || modes[i] === mode);
      next.push(mode);
    }
    if (!ok) break;
    for (let i = 0; i < views.length; i++) modes[i] = next[i];
    step *= extent;
    split = axis;
  }
  const outerShape = shape.slice(0, split);
  return {
    outerShape,
    outerStrides: views.map((view) => view.strides.slice(0, split)),
    modes: modes.map((mode) => mode ?? 'dense'),
    inner: step,
    blocks: outerShape.reduce((product, extent) => product * extent, 1),
  };
}

/**
 * Calls `body(offsets)` once per inner block with each operand's element offset, walking the outer axes
 * odometer-style from the views' offsets.
 */
export function forEachBlock(plan: BlockPlan, starts: readonly number[], body: (offsets: number[]) => void): void {
  const { outerShape, outerStrides } = plan;
  const offsets = starts.slice();
  const counter = new Array<number>(outerShape.length).fill(0);
  for (let block = 0; block < plan.blocks; block++) {
    body(offsets);
    for (let axis = outerShape.length - 1; axis >= 0; axis--) {
      if (++counter[axis] < outerShape[axis]) {
        for (let i = 0; i < offsets.length; i++) offsets[i] += outerStrides[i][axis];
        break;
      }
      counter[axis] = 0;
      for (let i = 0; i < offsets.length; i++) offsets[i] -= outerStrides[i][axis] * (outerShape[axis] - 1);
    }
  }
}
