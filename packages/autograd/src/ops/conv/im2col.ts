import type { ConvGeometry } from '@nanograd/kernels';
import { checkFloatBatch, im2colUnchecked, unfoldedShape } from '../../internal/conv-unfold';
import type { Tensor } from '../../tensor';

/**
 * Unfolds a batch of images into the columns of every sliding window (differentiable to any order).
 *
 * @param x - Images of shape `(N, C, H, W)` matching `geometry`.
 * @param geometry - Channels, image size, window, stride, padding and dilation.
 * @param padValue - The value padding taps read (default 0); pad taps are constants and carry no gradient.
 * @returns Columns of shape `(N, C·kH·kW, outH·outW)`; row `c·kH·kW + i·kW + j` holds tap `(c, i, j)`.
 * @throws {@link ShapeError} if `x` does not match the geometry or the window does not fit.
 * @throws {@link DTypeError} if `x` is not a float tensor.
 *
 * @example
 * ```ts
 * import { im2col, tensor } from '@nanograd/autograd';
 * const geometry = {
 *   channels: 1, height: 2, width: 2, kernelHeight: 2, kernelWidth: 2, strideHeight: 1, strideWidth: 1,
 *   padTop: 0, padBottom: 0, padLeft: 0, padRight: 0, dilationHeight: 1, dilationWidth: 1,
 * };
 * im2col(tensor([[[[1, 2], [3, 4]]]]), geometry).toList(); // [[[1], [2], [3], [4]]]
 * ```
 * @category Convolution
 */
export function im2col(x: Tensor, geometry: ConvGeometry, padValue = 0): Tensor {
  checkFloatBatch('im2col', 'x', x, [geometry.channels, geometry.height, geometry.width]);
  unfoldedShape('im2col', x.shape[0] as number, geometry);
  return im2colUnchecked(x, geometry, padValue);
}
