// Simplifies an n-d iteration shared by several operands: drops extent-1 axes, optionally orders axes by one
// operand's memory layout, and merges neighbours that are contiguous in every operand, so most real views run as
// one long 1-d loop.
import type { Shape, Strides } from '../shape';

/** Inner extents below this are swapped outwards when the next axis is longer. */
const SHORT_ROW = 8;

function swapAxes(values: number[], last: number): void {
  const inner = values[last];
  values[last] = values[last - 1];
  values[last - 1] = inner;
}

/** An iteration over `shape` (rank ≥ 1) with one stride list per operand, in the caller's operand order. */
export interface NdPlan {
  /** Number of elements (0 when any extent is 0). */
  readonly size: number;
  /** Extents, outermost first; never empty (a scalar is `[1]`). */
  readonly shape: number[];
  /** Strides of each operand over `shape`. */
  readonly strides: number[][];
}

/**
 * Plans an iteration over `shape` for operands with `strides`. With `orderBy >= 0`, axes are sorted so that
 * operand `orderBy`'s largest |stride| is outermost (any visiting order gives the same result for element-wise
 * kernels, and memory order is fastest).
 */
export function planNd(shape: Shape, strides: readonly Strides[], orderBy = -1): NdPlan {
  const operands = strides.length;
  let size = 1;
  let axes: number[] = [];
  for (let axis = 0; axis < shape.length; axis++) {
    size *= shape[axis];
    if (shape[axis] !== 1) axes.push(axis);
  }
  if (size === 0) return { size, shape: [0], strides: strides.map(() => [0]) };
  if (orderBy >= 0 && axes.length > 1) {
    const key = strides[orderBy];
    // Stable insertion sort: ranks are small, and equal keys keep the caller's order.
    axes = axes.slice();
    for (let i = 1; i < axes.length; i++) {
      const axis = axes[i];
      const magnitude = Math.abs(key[axis]);
      let j = i - 1;
      while (j >= 0 && Math.abs(key[axes[j]]) < magnitude) {
        axes[j + 1] = axes[j];
        j--;
      }
      axes[j + 1] = axis;
    }
  }
  const outShape: number[] = [];
  const outStrides: number[][] = [];
  for (let k = 0; k < operands; k++) outStrides.push([]);
  // Walk from the innermost axis outwards, merging an axis into the current innermost run when contiguous.
  for (let i = axes.length - 1; i >= 0; i--) {
    const axis = axes[i];
    const extent = shape[axis];
    const last = outShape.length - 1;
    let mergeable = last >= 0;
    for (let k = 0; k < operands && mergeable; k++) {
      const inner = outStrides[k][last];
      if (strides[k][axis] !== inner * outShape[last]) mergeable = false;
    }
    if (mergeable) {
      outShape[last] *= extent;
    } else {
      outShape.push(extent);
      for (let k = 0; k < operands; k++) outStrides[k].push(strides[k][axis]);
    }
  }
  if (outShape.length === 0) {
    return { size, shape: [1], strides: strides.map(() => [0]) };
  }
  outShape.reverse();
  for (const list of outStrides) list.reverse();
  // A short innermost run costs a loop call per few elements: make the longer neighbour the inner loop instead.
  const last = outShape.length - 1;
  if (last >= 1 && outShape[last] < SHORT_ROW && outShape[last - 1] > outShape[last]) {
    swapAxes(outShape, last);
    for (const list of outStrides) swapAxes(list, last);
  }
  return { size, shape: outShape, strides: outStrides };
}
