// Argument checks shared by the reductions and the softmax family.
import { DTypeError, formatShape, normalizeAxis, ShapeError } from '@nanograd/kernels';
import type { Tensor } from '../tensor';

/** Throws unless `x` holds floats. */
export function assertFloat(name: string, x: Tensor): void {
  if (x.dtype === 'i32') throw new DTypeError(`${name}: needs a float tensor (got i32)`);
}

/** Throws if one of `axes` has extent 0 (extrema of nothing are undefined). */
export function assertNonEmptyAxes(name: string, x: Tensor, axes: readonly number[]): void {
  const empty = axes.find((axis) => x.shape[axis] === 0);
  if (empty !== undefined) throw new ShapeError(`${name}: cannot reduce the empty axis ${empty} (${formatShape(x.shape)})`);
}

/** The axes of an axis-wise op (softmax): one axis, or none for a 0-d tensor, where -1 and 0 are accepted (PyTorch). */
export function singleAxis(name: string, axis: number, rank: number): number[] {
  if (rank === 0) {
    normalizeAxis(name, axis, 1);
    return [];
  }
  return [normalizeAxis(name, axis, rank)];
}
