// Views the fused ops (normalisation, softmax) hand to kernels for their scratch values.
import type { Backend, Shape, View } from '@nanograd/kernels';

/** A stride-0 view of one fresh scalar `value` over `shape`; the caller frees its buffer. */
export function scalarView(backend: Backend, dtype: 'f32' | 'f64', value: number, shape: Shape): View {
  const buffer = backend.alloc(dtype, 1);
  backend.write(buffer, dtype === 'f32' ? Float32Array.of(value) : Float64Array.of(value));
  return { buffer, shape, strides: shape.map(() => 0), offset: 0 };
}

/** `view` (extent 1 on the reduced axes) broadcast over `shape` with stride 0 on those axes. */
export function broadcastReduced(view: View, shape: Shape): View {
  return { ...view, shape, strides: view.shape.map((extent, axis) => (extent === 1 ? 0 : (view.strides[axis] as number))) };
}
