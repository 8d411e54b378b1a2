// Shared checks of gather/scatter-add: shapes along the non-indexed axes, and every index in range before any write.
import { BackendError, ShapeError } from '../errors';
import { formatShape, type Shape, type Strides } from '../shape';
import { planNd } from './nd-plan';
import { runNd2 } from './nd-run';

/**
 * Normalises `axis` and checks that `indexShape` has `dataShape`'s rank and is no larger on every other axis; returns
 * the axis.
 */
export function assertIndexShapes(
  kernel: string,
  axis: number,
  indexShape: Shape,
  dataName: string,
  dataShape: Shape,
): number {
  const rank = dataShape.length;
  const shapes = `(index ${formatShape(indexShape)}, ${dataName} ${formatShape(dataShape)})`;
  if (indexShape.length !== rank) {
    throw new ShapeError(`${kernel}: index and ${dataName} differ in rank ${shapes}`);
  }
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new ShapeError(`${kernel}: axis ${axis} is out of range for rank ${rank} ${shapes}`);
  }
  const along = axis < 0 ? axis + rank : axis;
  for (let d = 0; d < rank; d++) {
    if (d !== along && indexShape[d] > dataShape[d]) {
      throw new ShapeError(`${kernel}: index is larger than ${dataName} on axis ${d} ${shapes}`);
    }
  }
  return along;
}

/** Throws a {@link BackendError} naming the first index outside `[0, extent)`; reads only. */
export function assertIndicesInRange(
  kernel: string,
  shape: Shape,
  index: Int32Array,
  indexStrides: Strides,
  indexOffset: number,
  axis: number,
  extent: number,
): void {
  const plan = planNd(shape, [indexStrides, indexStrides], 0);
  runNd2(plan, index, indexOffset, index, indexOffset, (n, values, ii, is) => {
    for (let i = 0; i < n; i++, ii += is) {
      const k = values[ii];
      // Unsigned compare: negative indices wrap to huge values and fail too.
      if (k >>> 0 >= extent) {
        throw new BackendError(`${kernel}: index ${k} is out of range for axis ${axis} of extent ${extent}`);
      }
    }
  });
}
