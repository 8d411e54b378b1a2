// Reading and writing tensor elements as typed arrays, directly when the storage is live, else via assign.
import { assign, tensor } from '@nanograd/autograd';
import type { Tensor } from '@nanograd/autograd';
import type { FloatStorage } from '../parameter-state';

/** Element storage of a float tensor. */
export type FloatArray = FloatStorage;

/** Whether `t.data` is the tensor's live storage (contiguous and spanning its whole buffer), so writes show. */
export function isLive(t: Tensor): boolean {
  return t.offset === 0 && t.size === t.buffer.size && t.isContiguous;
}

/**
 * The elements of `t`: its live storage when {@link isLive}, else a copy in a plain JS typed array. Backends that
 * keep storage in WebAssembly memory may grow (and so detach) it whenever they allocate, so a copy must not stay
 * a view of backend memory while other tensors are created.
 */
export function readElements(t: Tensor): FloatArray {
  return (isLive(t) ? t.data : t.data.slice()) as FloatArray;
}

/** Allocates a zero-filled array in the precision of `t`. */
export function allocateLike(t: Tensor, fill = 0): FloatArray {
  const values = t.dtype === 'f32' ? new Float32Array(t.size) : new Float64Array(t.size);
  if (fill !== 0) values.fill(fill);
  return values;
}

/**
 * Makes `values` (obtained from `t.data`) the contents of `t`. Live storage was already written in place; views get
 * an assign. A tensor that is itself recorded in a graph (a `createGraph` gradient) cannot be overwritten, so the
 * caller receives a replacement instead.
 */
export function writeBack(t: Tensor, values: FloatArray): Tensor {
  if (isLive(t)) return t;
  const replacement = tensor(values, { dtype: t.dtype, backend: t.backend }).reshape(t.shape);
  if (t.node !== null) return replacement;
  assign(t, replacement);
  return t;
}
