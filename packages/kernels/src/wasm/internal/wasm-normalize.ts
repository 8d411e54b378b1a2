// The WASM paths of the normalisation kernels: one call over dense views of one float dtype shaped (outer, channels, inner).
import type { View } from '../../backend';
import { isContiguous } from '../../shape';
import type { WasmBuffer } from '../wasm-buffer';
import type { WasmContext } from './wasm-context';
import { fitsBuffer } from './wasm-layout';
import { sameShape, viewAddress } from './wasm-views';

/** The views of one normalizeForward call; weight, bias and normalized may be null. */
export interface NormalizeForwardViews {
  readonly x: View<WasmBuffer>;
  readonly weight: View<WasmBuffer> | null;
  readonly bias: View<WasmBuffer> | null;
  readonly out: View<WasmBuffer>;
  readonly normalized: View<WasmBuffer> | null;
  readonly mean: View<WasmBuffer>;
  readonly variance: View<WasmBuffer>;
  readonly inverseStd: View<WasmBuffer>;
}

/** The views of one normalizeBackward call. */
export interface NormalizeBackwardViews {
  readonly grad: View<WasmBuffer>;
  readonly normalized: View<WasmBuffer>;
  readonly scale: View<WasmBuffer>;
  readonly out: View<WasmBuffer>;
  readonly gradSum: View<WasmBuffer>;
  readonly gradNormalizedSum: View<WasmBuffer>;
}

/** The (outer, channels, inner) extents if every view qualifies (dense, in its buffer, one float dtype, right shape), else null. */
function layoutOf(first: View<WasmBuffer>, full: readonly (View<WasmBuffer> | null)[], perChannel: readonly (View<WasmBuffer> | null)[]): [number, number, number] | null {
  const dtype = first.buffer.dtype;
  if (dtype === 'i32' || first.shape.length !== 3) return null;
  const [outer, channels, inner] = first.shape as [number, number, number];
  const qualifies = (view: View<WasmBuffer> | null, shape: readonly number[]): boolean =>
    view === null || (view.buffer.dtype === dtype && sameShape(view.shape, shape) && isContiguous(view.shape, view.strides) && fitsBuffer(view));
  if (!full.every((view) => qualifies(view, first.shape)) || !perChannel.every((view) => qualifies(view, [channels]))) return null;
  return [outer, channels, inner];
}

/** Address of the view's first element, or 0 for none. */
const address = (view: View<WasmBuffer> | null): number => (view === null ? 0 : viewAddress(view, view.offset));

/** Runs normalizeForward in WASM and returns true, or returns false when a view does not qualify (the JS kernel then checks it). */
export function wasmNormalizeForward(context: WasmContext, views: NormalizeForwardViews, epsilon: number): boolean {
  const { x, weight, bias, out, normalized, mean, variance, inverseStd } = views;
  const layout = layoutOf(x, [x, out, normalized], [weight, bias, mean, variance, inverseStd]);
  if (layout === null) return false;
  const run = x.buffer.dtype === 'f32' ? context.exports.normalizeForwardF32 : context.exports.normalizeForwardF64;
  run(address(x), address(weight), address(bias), address(out), address(normalized), address(mean), address(variance), address(inverseStd), ...layout, epsilon);
  return true;
}

/** Runs normalizeBackward in WASM and returns true, or returns false when a view does not qualify. */
export function wasmNormalizeBackward(context: WasmContext, views: NormalizeBackwardViews): boolean {
  const { grad, normalized, scale, out, gradSum, gradNormalizedSum } = views;
  const layout = layoutOf(grad, [grad, normalized, out], [scale, gradSum, gradNormalizedSum]);
  if (layout === null) return false;
  const run = grad.buffer.dtype === 'f32' ? context.exports.normalizeBackwardF32 : context.exports.normalizeBackwardF64;
  run(address(grad), address(normalized), address(scale), address(out), address(gradSum), address(gradNormalizedSum), ...layout);
  return true;
}
