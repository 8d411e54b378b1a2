import type { ConvGeometry } from '@nanograd/kernels';
import { checkFloatBatch, col2imUnchecked, unfoldedShape } from '../../internal/conv-unfold';
import type { Tensor } from '../../tensor';

/**
 * Folds window columns back into images, summing overlapping taps: the adjoint of {@link im2col}.
 *
 * @param columns - Columns of shape `(N, C·kH·kW, outH·outW)` matching `geometry`.
 * @param geometry - Channels, image size, window, stride, padding and dilation.
 * @returns Images of shape `(N, C, H, W)`; taps that fall on padding are dropped.
 * @throws {@link ShapeError} if `columns` does not match the geometry or the window does not fit.
 * @throws {@link DTypeError} if `columns` is not a float tensor.
 *
 * @example
 * ```ts
 * import { col2im, tensor } from '@nanograd/autograd';
 * const geometry = {
 *   channels: 1, height: 2, width: 2, kernelHeight: 2, kernelWidth: 2, strideHeight: 1, strideWidth: 1,
 *   padTop: 0, padBottom: 0, padLeft: 0, padRight: 0, dilationHeight: 1, dilationWidth: 1,
 * };
 * col2im(tensor([[[1], [2], [3], [4]]]), geometry).toList(); // [[[[1, 2], [3, 4]]]]
 * ```
 * @category Convolution
 */
export function col2im(columns: Tensor, geometry: ConvGeometry): Tensor {
  const shape = unfoldedShape('col2im', columns.shape[0] ?? 1, geometry);
  checkFloatBatch('col2im', 'columns', columns, shape.slice(1));
  return col2imUnchecked(columns, geometry);
}
