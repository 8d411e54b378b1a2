import { ShapeError, type DType, type TypedArray } from '@nanograd/kernels';
import type { TensorData } from '../tensor-data';

/** Allocates a typed array of `dtype`. */
export function allocate(dtype: DType, size: number): TypedArray {
  if (dtype === 'f64') return new Float64Array(size);
  if (dtype === 'i32') return new Int32Array(size);
  return new Float32Array(size);
}

/** Product of the extents. */
export function sizeOfShape(shape: readonly number[]): number {
  let size = 1;
  for (const extent of shape) size *= extent;
  return size;
}

/** Checks that `data` holds exactly the elements `shape` implies. */
export function checkTensorData(name: string, value: TensorData): void {
  const size = sizeOfShape(value.shape);
  if (value.data.length !== size) {
    throw new ShapeError(`${name}: shape [${value.shape.join(', ')}] needs ${size} elements, data has ${value.data.length}`);
  }
}

/** Gathers rows `indices` of a tensor along its first axis into a new tensor of shape [indices.length, ...rest]. */
export function gatherRows(name: string, value: TensorData, indices: readonly number[]): TensorData {
  const rows = value.shape[0] ?? 0;
  const rowSize = sizeOfShape(value.shape.slice(1));
  const out = allocate(value.dtype, indices.length * rowSize);
  indices.forEach((index, i) => {
    if (!Number.isInteger(index) || index < 0 || index >= rows) {
      throw new RangeError(`${name}: index ${index} out of range [0, ${rows})`);
    }
    out.set(value.data.subarray(index * rowSize, (index + 1) * rowSize), i * rowSize);
  });
  return { data: out, shape: [indices.length, ...value.shape.slice(1)], dtype: value.dtype };
}

/** Stacks same-shaped tensors along a new first axis. */
export function stack(name: string, items: readonly TensorData[]): TensorData {
  const first = items[0];
  if (first === undefined) throw new ShapeError(`${name}: cannot stack an empty list`);
  const rowSize = sizeOfShape(first.shape);
  const out = allocate(first.dtype, items.length * rowSize);
  items.forEach((item, i) => {
    if (item.dtype !== first.dtype || item.shape.length !== first.shape.length || item.shape.some((extent, axis) => extent !== first.shape[axis])) {
      throw new ShapeError(
        `${name}: sample ${i} has shape [${item.shape.join(', ')}] (${item.dtype}), sample 0 has [${first.shape.join(', ')}] (${first.dtype})`,
      );
    }
    out.set(item.data.subarray(0, rowSize), i * rowSize);
  });
  return { data: out, shape: [items.length, ...first.shape], dtype: first.dtype };
}
