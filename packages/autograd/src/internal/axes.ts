// Axis bookkeeping shared by reductions and axis-wise ops.
import { normalizeAxis, ShapeError, type Shape } from '@nanograd/kernels';

/** Normalises `axis` (a number, an array, or undefined for all axes) to sorted unique non-negative axes. */
export function normalizeAxes(name: string, axis: number | readonly number[] | undefined, rank: number): number[] {
  if (axis === undefined) return Array.from({ length: rank }, (_, index) => index);
  const list = typeof axis === 'number' ? [axis] : [...axis];
  const axes = list.map((entry) => normalizeAxis(name, entry, rank));
  if (new Set(axes).size !== axes.length) throw new ShapeError(`${name}: repeated axis in [${list.join(', ')}]`);
  return axes.sort((a, b) => a - b);
}

/** The shape with extent 1 on `axes` (the keepDims shape). */
export function keptShape(shape: Shape, axes: readonly number[]): number[] {
  return shape.map((extent, axis) => (axes.includes(axis) ? 1 : extent));
}

/** The shape without `axes` (or with extent 1 there when `keepDims`). */
export function reducedShape(shape: Shape, axes: readonly number[], keepDims: boolean): number[] {
  return keepDims ? keptShape(shape, axes) : shape.filter((_, axis) => !axes.includes(axis));
}
