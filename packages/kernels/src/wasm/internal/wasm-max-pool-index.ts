// The WASM path of maxPoolIndex: any strides for the images, dense i32 windows out.
import type { ConvGeometry, View } from '../../backend';
import { convOutputSize } from '../../conv/conv-output-size';
import { maxPoolTapRanges } from '../../conv/max-pool-index';
import { isContiguous } from '../../shape';
import type { WasmBuffer } from '../wasm-buffer';
import type { WasmContext } from './wasm-context';
import { fitsBuffer } from './wasm-layout';
import { extentProduct, sameShape, viewAddress } from './wasm-views';

/**
 * Runs maxPoolIndex in WASM and returns true, or returns false when a view does not qualify (wrong dtype or shape,
 * out not dense, a view overrunning its buffer): the JS kernel then handles or reports it.
 */
export function wasmMaxPoolIndex(context: WasmContext, x: View<WasmBuffer>, geometry: ConvGeometry, out: View<WasmBuffer>): boolean {
  const dtype = x.buffer.dtype;
  if (dtype === 'i32' || out.buffer.dtype !== 'i32') return false;
  const { outHeight, outWidth } = convOutputSize(geometry, 'maxPoolIndex');
  const { channels, height, width } = geometry;
  const batch = x.shape[0] ?? 0;
  if (!sameShape(x.shape, [batch, channels, height, width]) || !sameShape(out.shape, [batch, channels, outHeight * outWidth])) return false;
  if (!isContiguous(out.shape, out.strides) || !fitsBuffer(x) || !fitsBuffer(out)) return false;
  // Throws the JS kernel's error for a window wholly in the padding, which the loop below assumes away.
  maxPoolTapRanges(geometry, outHeight, outWidth);
  if (extentProduct(out.shape) === 0) return true;
  const g = geometry;
  const kernel = dtype === 'f32' ? 'maxPoolIndexF32' : 'maxPoolIndexF64';
  const args = [
    viewAddress(x, x.offset), viewAddress(out, out.offset), batch, channels, height, width, g.kernelHeight, g.kernelWidth,
    g.strideHeight, g.strideWidth, g.padTop, g.padLeft, g.dilationHeight, g.dilationWidth, outHeight, outWidth, ...x.strides,
  ];
  // Split by images: each band moves to its own images and windows.
  const steps = args.map(() => 0);
  steps[0] = (x.strides[0] ?? 0) * (dtype === 'f32' ? 4 : 8);
  steps[1] = channels * outHeight * outWidth * 4;
  context.range({ kernel, args, sizeAt: 2, steps, cost: extentProduct(out.shape) * g.kernelHeight * g.kernelWidth, align: 1 });
  return true;
}
