// Strided copies in WASM: any x of out's dtype into a dense, separate out, three merged axes per call.
import type { View } from '../../backend';
import type { WasmBuffer } from '../wasm-buffer';
import type { WasmContext } from './wasm-context';
import { extentProduct, MIN_BLOCK, viewAddress } from './wasm-views';

/**
 * Copies x into out when out is dense (the caller checked it, and that both views fit their buffers and share shape
 * and dtype) and in another buffer; x's axes are merged where they line up and the innermost three go to one WASM
 * call, the others are looped here. Returns false when the blocks would be too small to pay for the calls.
 */
export function stridedCopyFast(context: WasmContext, x: View<WasmBuffer>, out: View<WasmBuffer>): boolean {
  if (x.buffer === out.buffer) return false;
  // (extent, stride) of x's axes, extent-1 axes dropped and adjacent axes merged when they walk memory as one.
  const axes: [number, number][] = [];
  x.shape.forEach((extent, axis) => {
    if (extent === 1) return;
    const stride = x.strides[axis];
    const last = axes[axes.length - 1];
    if (last !== undefined && last[1] === stride * extent) {
      last[0] *= extent;
      last[1] = stride;
    } else {
      axes.push([extent, stride]);
    }
  });
  while (axes.length < 3) axes.unshift([1, 0]);
  const outer = axes.slice(0, -3);
  const [[n0, s0], [n1, s1], [n2, s2]] = axes.slice(-3);
  const block = n0 * n1 * n2;
  const blocks = extentProduct(outer.map(([extent]) => extent));
  if (blocks > 1 && block < MIN_BLOCK) return false;
  const exports = context.exports;
  const run = x.buffer.dtype === 'f64' ? exports.copy3x8 : exports.copy3x4;
  // Odometer over the outer axes: x's offset moves by their strides, out's by one dense block.
  const counter = new Array<number>(outer.length).fill(0);
  let from = x.offset;
  for (let index = 0; index < blocks; index++) {
    run(viewAddress(x, from), viewAddress(out, out.offset + index * block), n0, s0, n1, s1, n2, s2);
    for (let axis = outer.length - 1; axis >= 0; axis--) {
      const [extent, stride] = outer[axis];
      if (++counter[axis] < extent) {
        from += stride;
        break;
      }
      counter[axis] = 0;
      from -= stride * (extent - 1);
    }
  }
  return true;
}
