// Plain-JS n-d arrays for test oracles: written from the definitions, sharing no code with the kernels.
import { broadcastShapes, type Shape } from '@nanograd/kernels';

/**
 * A plain row-major float64 array with a shape, the currency of reference implementations.
 *
 * @example
 * ```ts
 * import type { RefArray } from '@nanograd/autograd/testing';
 * const ref: RefArray = { shape: [2], data: new Float64Array([1, 2]) };
 * ```
 * @category Testing
 */
export interface RefArray {
  /** Extents. */
  readonly shape: readonly number[];
  /** Row-major values. */
  readonly data: Float64Array;
}

function size(shape: Shape): number {
  return shape.reduce((product, extent) => product * extent, 1);
}

function unravel(flat: number, shape: Shape): number[] {
  const index = new Array<number>(shape.length).fill(0);
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const extent = shape[axis] as number;
    index[axis] = flat % extent;
    flat = Math.floor(flat / extent);
  }
  return index;
}

/**
 * Reads element `index` of `array`, broadcasting: the index may have more leading axes, and extent-1 axes repeat.
 *
 * @param array - The array.
 * @param index - A multi-index into a shape `array` broadcasts to.
 * @returns The element.
 *
 * @example
 * ```ts
 * import { refAt } from '@nanograd/autograd/testing';
 * refAt({ shape: [1, 2], data: new Float64Array([5, 6]) }, [3, 1]); // 6
 * ```
 * @category Testing
 */
export function refAt(array: RefArray, index: readonly number[]): number {
  const lead = index.length - array.shape.length;
  let flat = 0;
  for (let axis = 0; axis < array.shape.length; axis++) {
    const extent = array.shape[axis] as number;
    flat = flat * extent + (extent === 1 ? 0 : (index[axis + lead] as number));
  }
  return array.data[flat] as number;
}

/**
 * Builds an array of `shape` whose element at each multi-index is `value(index)`.
 *
 * @param shape - Extents.
 * @param value - Element function.
 * @returns The array.
 *
 * @example
 * ```ts
 * import { refBuild } from '@nanograd/autograd/testing';
 * refBuild([2, 2], ([i, j]) => i! * 2 + j!).data; // [0, 1, 2, 3]
 * ```
 * @category Testing
 */
export function refBuild(shape: Shape, value: (index: number[]) => number): RefArray {
  const data = new Float64Array(size(shape));
  for (let flat = 0; flat < data.length; flat++) data[flat] = value(unravel(flat, shape));
  return { shape: [...shape], data };
}

/**
 * Applies `fn` element-wise over broadcast operands.
 *
 * @param arrays - Operands; their shapes must broadcast.
 * @param fn - Element function.
 * @returns The result with the broadcast shape.
 *
 * @example
 * ```ts
 * import { refMap } from '@nanograd/autograd/testing';
 * refMap([{ shape: [2], data: new Float64Array([1, 2]) }], (x) => x * 10).data; // [10, 20]
 * ```
 * @category Testing
 */
export function refMap(arrays: readonly RefArray[], fn: (...values: number[]) => number): RefArray {
  const shape = arrays.reduce<readonly number[]>((acc, array) => broadcastShapes('refMap', acc, array.shape), []);
  return refBuild(shape, (index) => fn(...arrays.map((array) => refAt(array, index))));
}

/**
 * Reduces `array` over `axes` with `fn`, starting from `initial`.
 *
 * @param array - Input.
 * @param axes - Non-negative axes to reduce.
 * @param keepDims - Keep reduced axes with extent 1.
 * @param fn - Combines the accumulator with one element.
 * @param initial - Starting accumulator.
 * @returns The reduction.
 *
 * @example
 * ```ts
 * import { refReduce } from '@nanograd/autograd/testing';
 * refReduce({ shape: [2, 2], data: new Float64Array([1, 2, 3, 4]) }, [0], false, (a, x) => a + x, 0).data; // [4, 6]
 * ```
 * @category Testing
 */
export function refReduce(
  array: RefArray,
  axes: readonly number[],
  keepDims: boolean,
  fn: (accumulator: number, value: number) => number,
  initial: number,
): RefArray {
  const kept = array.shape.map((extent, axis) => (axes.includes(axis) ? 1 : extent));
  const out = new Float64Array(size(kept)).fill(initial);
  for (let flat = 0; flat < array.data.length; flat++) {
    const index = unravel(flat, array.shape);
    let target = 0;
    for (let axis = 0; axis < kept.length; axis++) target = target * (kept[axis] as number) + (axes.includes(axis) ? 0 : (index[axis] as number));
    out[target] = fn(out[target] as number, array.data[flat] as number);
  }
  return { shape: keepDims ? kept : array.shape.filter((_, axis) => !axes.includes(axis)), data: out };
}
