import type { ConvGeometry } from '@nanograd/kernels';
import { apply } from '../../graph/apply';
import { defineOp } from '../../graph/define-builtin-op';
import { gatherUnchecked } from '../../internal/movement-gather';
import type { Pair } from '../../internal/conv-geometry';
import { poolSetup, type Pool2dOptions } from '../../internal/conv-pool';
import type { Tensor } from '../../tensor';
import { reshape } from '../movement/reshape';

interface WindowIndexAttrs {
  /** The window geometry of one channel plane (channels 1). */
  readonly geometry: ConvGeometry;
  /** Windows per channel (outHeight * outWidth). */
  readonly positions: number;
}

// The winner of each window as a flat index into its (image, channel) plane. No VJP: the index is piecewise constant,
// so it is a constant of the graph and all the differentiation happens in the gather below.
const windowIndexDef = defineOp<WindowIndexAttrs>({
  name: 'maxPoolIndex',
  infer: ([x], { geometry, positions }) => ({ shape: [x!.shape[0] as number, geometry.channels, positions], dtype: 'i32' }),
  forward: (kernels, [x], out, { geometry }) => kernels.maxPoolIndex(x!, geometry, out),
});

/**
 * 2-d max pooling; on ties the first maximum in row-major window order takes the whole gradient (like PyTorch).
 *
 * @param x - Images `(N, C, H, W)` or one image `(C, H, W)`.
 * @param kernelSize - Window size, one number or `[height, width]`.
 * @param options - `stride` (default `kernelSize`) and `padding` (default 0; padding never wins the max).
 * @returns `(N, C, outH, outW)` (or `(C, outH, outW)`).
 * @throws {@link ShapeError} for a bad rank, padding over half the window, or a window larger than the padded input.
 * @throws {@link DTypeError} for an integer tensor.
 *
 * @example
 * ```ts
 * import { maxPool2d, tensor } from '@nanograd/autograd';
 * maxPool2d(tensor([[[1, 2], [4, 3]]]), 2).toList(); // [[[4]]]
 * ```
 * @category Convolution
 */
export function maxPool2d(x: Tensor, kernelSize: Pair, options: Pool2dOptions = {}): Tensor {
  const { x: images, geometry, size, shape } = poolSetup('maxPool2d', x, kernelSize, options);
  const [n, channels, height, width] = images.shape as [number, number, number, number];
  const positions = size.outHeight * size.outWidth;
  // Each channel is pooled on its own, so channels fold into the batch axis (a view unless x is strided).
  const planes = reshape(images, [n * channels, 1, height, width]);
  const index = apply(windowIndexDef, [planes], { geometry, positions });
  // The first maximum takes the whole gradient: a gather, whose VJP (a scatter, whose VJP is a gather) keeps every
  // order exact.
  const values = gatherUnchecked(reshape(planes, [n * channels, height * width]), reshape(index, [n * channels, positions]), 1);
  return reshape(values, shape);
}
