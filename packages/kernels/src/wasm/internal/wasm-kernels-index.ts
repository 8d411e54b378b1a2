// gather and scatterAdd in WASM: dense (outer, n, inner) data along the middle axis, with a dense index or one
// broadcast along the inner axes (whole rows move).
import type { View } from '../../backend';
import { isContiguous } from '../../shape';
import type { WasmBuffer } from '../wasm-buffer';
import type { WasmContext } from './wasm-context';
import { fitsBuffer } from './wasm-layout';
import { sameShape, viewAddress } from './wasm-views';

/**
 * Runs gather (or scatterAdd) in WASM when data, index and values are dense, of one float dtype, the index matches
 * the data on every axis but `axis`, and every index is in range; returns false otherwise (the JS kernel then
 * handles or reports it). `data` is x for gather and out for scatterAdd; `values` is out for gather, updates else.
 */
export function indexFast(
  context: WasmContext, kernel: 'gather' | 'scatterAdd', data: View<WasmBuffer>, index: View<WasmBuffer>, axis: number, values: View<WasmBuffer>,
): boolean {
  const rank = data.shape.length;
  const dtype = data.buffer.dtype;
  if (dtype === 'i32' || values.buffer.dtype !== dtype || index.buffer.dtype !== 'i32') return false;
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank || !sameShape(index.shape, values.shape)) return false;
  const along = axis < 0 ? axis + rank : axis;
  if (index.shape.length !== rank || !index.shape.every((extent, d) => d === along || extent === data.shape[d])) return false;
  if (![data, values].every((v) => isContiguous(v.shape, v.strides) && fitsBuffer(v))) return false;
  if (data.buffer === values.buffer || index.buffer === data.buffer || index.buffer === values.buffer) return false;
  // A dense index, or one broadcast along the inner axes (stride 0 there: embedding, indexSelect) whose leading
  // axes are dense: then whole rows move.
  const rows = !isContiguous(index.shape, index.strides) && broadcastInner(index, along);
  if (!rows && !(isContiguous(index.shape, index.strides) && fitsBuffer(index))) return false;
  const outer = data.shape.slice(0, along).reduce((product, extent) => product * extent, 1);
  const inner = data.shape.slice(along + 1).reduce((product, extent) => product * extent, 1);
  const n = data.shape[along];
  const m = index.shape[along];
  const count = outer * m * (rows ? 1 : inner);
  if (count === 0 || inner === 0) return false;
  const { exports } = context;
  const indexAt = viewAddress(index, index.offset);
  if (index.offset + count > index.buffer.size || exports.indicesInRange(indexAt, count, n) === 0) return false;
  const dataAt = viewAddress(data, data.offset);
  const valuesAt = viewAddress(values, values.offset);
  if (rows) {
    if (kernel === 'gather') exports.gatherRows(dataAt, indexAt, valuesAt, outer, n, m, inner * (dtype === 'f32' ? 4 : 8));
    else (dtype === 'f32' ? exports.scatterAddRowsF32 : exports.scatterAddRowsF64)(valuesAt, indexAt, dataAt, outer, n, m, inner);
    return true;
  }
  if (kernel === 'gather') (dtype === 'f32' ? exports.gatherF32 : exports.gatherF64)(dataAt, indexAt, valuesAt, outer, n, m, inner);
  else (dtype === 'f32' ? exports.scatterAddF32 : exports.scatterAddF64)(valuesAt, indexAt, dataAt, outer, n, m, inner);
  return true;
}

/** Whether `index` has stride 0 on every axis after `along` and is dense (row-major) over the axes up to it. */
function broadcastInner(index: View<WasmBuffer>, along: number): boolean {
  let expected = 1;
  for (let d = index.shape.length - 1; d >= 0; d--) {
    const extent = index.shape[d] as number;
    const stride = index.strides[d] as number;
    if (d > along) {
      if (stride !== 0 && extent !== 1) return false;
    } else {
      if (stride !== expected && extent !== 1) return false;
      expected *= extent;
    }
  }
  return index.offset >= 0;
}
