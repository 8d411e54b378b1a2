// The WASM path of the fused Adam step: one call over dense views of one float dtype and one shape.
import type { View } from '../../backend';
import type { AdamStepParameters } from '../../optim/adam-step';
import { isContiguous } from '../../shape';
import type { WasmBuffer } from '../wasm-buffer';
import type { WasmContext } from './wasm-context';
import { fitsBuffer } from './wasm-layout';
import { extentProduct, sameShape, viewAddress } from './wasm-views';

/** The views of one Adam step; `maxExpAvgSq` is null without AMSGrad. */
export interface AdamViews {
  readonly param: View<WasmBuffer>;
  readonly grad: View<WasmBuffer>;
  readonly expAvg: View<WasmBuffer>;
  readonly expAvgSq: View<WasmBuffer>;
  readonly maxExpAvgSq: View<WasmBuffer> | null;
}

/** Runs the step in WASM and returns true, or returns false when a view does not qualify (the JS kernel then checks it). */
export function wasmAdamStep(context: WasmContext, views: AdamViews, parameters: AdamStepParameters): boolean {
  const { param, grad, expAvg, expAvgSq, maxExpAvgSq } = views;
  const all = maxExpAvgSq === null ? [param, grad, expAvg, expAvgSq] : [param, grad, expAvg, expAvgSq, maxExpAvgSq];
  const dtype = param.buffer.dtype;
  if (dtype === 'i32') return false;
  for (const view of all) {
    if (view.buffer.dtype !== dtype || !sameShape(view.shape, param.shape)) return false;
    if (!isContiguous(view.shape, view.strides) || !fitsBuffer(view)) return false;
  }
  const n = extentProduct(param.shape);
  if (n === 0) return true;
  const address = (view: View<WasmBuffer>): number => viewAddress(view, view.offset);
  const kernel = dtype === 'f32' ? 'adamStepF32' : 'adamStepF64';
  const { beta1, beta2, epsilon, stepSize, biasCorrection2Sqrt, l2, shrink, maximize } = parameters;
  const args = [
    address(param), address(grad), address(expAvg), address(expAvgSq), maxExpAvgSq === null ? 0 : address(maxExpAvgSq), n,
    beta1, beta2, epsilon, stepSize, biasCorrection2Sqrt, l2, shrink, maximize ? -1 : 1,
  ];
  // Element-wise: threads may take bands of 64-byte lines of every array.
  const bytes = dtype === 'f32' ? 4 : 8;
  const steps = [bytes, bytes, bytes, bytes, maxExpAvgSq === null ? 0 : bytes, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  context.range({ kernel, args, sizeAt: 5, steps, cost: n * 10, align: 64 / bytes });
  return true;
}
