import type { ConvGeometry } from '../backend';
import { convOutputSize } from '../conv/conv-output-size';
import { im2col } from '../conv/im2col';
import type { FloatArray } from '../dtype';
import { DTypeError } from '../errors';
import { assertStridedOperand, assertStridedShape } from '../internal/strided-validate';
import { describeArray } from '../internal/validate';
import { isContiguous, type Strides } from '../shape';
import { copyStrided } from './copy-strided';

/**
 * Unfolds a batch of strided `(batch, channels, height, width)` images into strided columns
 * `(batch, channels * kernelHeight * kernelWidth, outHeight * outWidth)`, one {@link im2col} per image.
 *
 * @remarks
 * Images and column matrices that are contiguous (apart from the batch stride) are used in place; others go through
 * contiguous scratch. Padded taps read `padValue`.
 *
 * @param batch - Number of images.
 * @param geometry - Image and window geometry.
 * @param x - Image storage.
 * @param xStrides - Strides of `x` over `(batch, channels, height, width)`.
 * @param xOffset - Index in `x` of element `[0, 0, 0, 0]`.
 * @param out - Column storage, the same array type as `x`.
 * @param outStrides - Strides of `out` over `(batch, rows, positions)`.
 * @param outOffset - Index in `out` of element `[0, 0, 0]`.
 * @param padValue - Value read at padded taps (0 for convolution, `-Infinity` for max pooling).
 * @returns Nothing; `out` is overwritten.
 * @throws {@link ShapeError} If the geometry is invalid or a view does not fit in its buffer.
 * @throws {@link DTypeError} If `x` and `out` are not both Float32Array or both Float64Array.
 *
 * @example
 * ```ts
 * import { im2colStrided } from '@nanograd/kernels';
 * const geometry = {
 *   channels: 1, height: 2, width: 2, kernelHeight: 2, kernelWidth: 2, strideHeight: 1, strideWidth: 1,
 *   padTop: 0, padBottom: 0, padLeft: 0, padRight: 0, dilationHeight: 1, dilationWidth: 1,
 * };
 * const out = new Float32Array(4); // 1 image, 4 taps, 1 position
 * im2colStrided(1, geometry, new Float32Array([1, 2, 3, 4]), [4, 4, 2, 1], 0, out, [4, 1, 1], 0, 0); // out = [1, 2, 3, 4]
 * ```
 * @category Strided
 */
export function im2colStrided(
  batch: number,
  geometry: ConvGeometry,
  x: FloatArray,
  xStrides: Strides,
  xOffset: number,
  out: FloatArray,
  outStrides: Strides,
  outOffset: number,
  padValue: number,
): void {
  const kernel = 'im2colStrided';
  const { outHeight, outWidth } = convOutputSize(geometry, kernel);
  const { channels, height, width, kernelHeight, kernelWidth } = geometry;
  const imageShape = [channels, height, width];
  const columnsShape = [channels * kernelHeight * kernelWidth, outHeight * outWidth];
  assertStridedShape(kernel, [batch]);
  if (!(x instanceof Float32Array || x instanceof Float64Array) || out.constructor !== x.constructor) {
    throw new DTypeError(`${kernel}: x and out must both be Float32Array or both Float64Array (got ${describeArray(x)}, ${describeArray(out)})`);
  }
  assertStridedOperand(kernel, 'x', [batch, ...imageShape], x, xStrides, xOffset);
  assertStridedOperand(kernel, 'out', [batch, ...columnsShape], out, outStrides, outOffset);
  const imageStrides = xStrides.slice(1);
  const columnStrides = outStrides.slice(1);
  const imageDense = isContiguous(imageShape, imageStrides);
  const columnsDense = isContiguous(columnsShape, columnStrides);
  const make = (size: number): FloatArray => (x instanceof Float32Array ? new Float32Array(size) : new Float64Array(size));
  const image = imageDense ? null : make(channels * height * width);
  const columns = columnsDense ? null : make(columnsShape[0] * columnsShape[1]);
  for (let i = 0; i < batch; i++) {
    const xAt = xOffset + i * xStrides[0];
    const outAt = outOffset + i * outStrides[0];
    if (image !== null) copyStrided(imageShape, x, imageStrides, xAt, image, [height * width, width, 1], 0);
    im2col(image ?? x, image === null ? xAt : 0, geometry, columns ?? out, columns === null ? outAt : 0, padValue);
    if (columns !== null) copyStrided(columnsShape, columns, [columnsShape[1], 1], 0, out, columnStrides, outAt);
  }
}
