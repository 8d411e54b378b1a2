// Unfolds one (channels, height, width) image into the column matrix a convolution multiplies with gemm.
import type { ConvGeometry } from '../backend';
import { assertConvBuffers, convOutputSize, kernelRanges } from './conv-output-size';

/**
 * Unfolds one image into a column matrix so that a convolution becomes a matrix product: column `p` holds the
 * window taps of output position `p`.
 *
 * @remarks
 * `x` holds one `(channels, height, width)` image contiguously from `xOffset`. `columns` receives a row-major
 * `(channels * kernelHeight * kernelWidth) x (outHeight * outWidth)` matrix from `columnsOffset`, its rows
 * `columnsRowStride` apart (dense by default): entry
 * `[(c * kernelHeight + ki) * kernelWidth + kj][oh * outWidth + ow]` is the input at row
 * `oh * strideHeight - padTop + ki * dilationHeight` and column `ow * strideWidth - padLeft + kj * dilationWidth`,
 * or `padValue` where that falls in the padding. Both Float32Array and Float64Array are accepted, but `x` and
 * `columns` must have the same type. Every element of the column matrix is written; nothing else is (not even the
 * gaps between strided rows).
 *
 * @param x - The image (Float32Array or Float64Array).
 * @param xOffset - Index of the image's first element in `x`.
 * @param geometry - Image and window geometry (see {@link convOutputSize}).
 * @param columns - Output buffer for the column matrix, same type as `x`.
 * @param columnsOffset - Index of the column matrix's first element in `columns`.
 * @param padValue - Value read at padded taps (default 0; max pooling passes `-Infinity`).
 * @param columnsRowStride - Distance between the starts of consecutive rows in `columns` (default
 *   `outHeight * outWidth`, a dense matrix; larger values interleave other images' rows, as in a taps-major batch).
 * @throws {@link ShapeError} If the geometry is invalid, an offset is not a non-negative integer, or `x` or
 *   `columns` is too short.
 * @throws {@link DTypeError} If `x` is not a Float32Array or Float64Array, or `columns` has another type.
 *
 * @example
 * ```ts
 * import { im2col } from '@nanograd/kernels';
 * const geometry = {
 *   channels: 1, height: 2, width: 2, kernelHeight: 2, kernelWidth: 2, strideHeight: 1, strideWidth: 1,
 *   padTop: 0, padBottom: 0, padLeft: 0, padRight: 1, dilationHeight: 1, dilationWidth: 1,
 * };
 * const columns = new Float32Array(4 * 2); // 4 taps x 2 output positions
 * im2col(new Float32Array([1, 2, 3, 4]), 0, geometry, columns, 0);
 * // columns is now [1, 2, 2, 0, 3, 4, 4, 0]
 * ```
 * @category Convolution
 */
export function im2col<A extends Float32Array | Float64Array>(
  x: A,
  xOffset: number,
  geometry: ConvGeometry,
  columns: A,
  columnsOffset: number,
  padValue = 0,
  columnsRowStride?: number,
): void {
  const { outHeight, outWidth } = convOutputSize(geometry, 'im2col');
  const outSize = outHeight * outWidth;
  const rowStride = columnsRowStride ?? outSize;
  assertConvBuffers('im2col', x, xOffset, geometry, columns, columnsOffset, outHeight, outWidth, rowStride);
  const { channels, height, width, kernelHeight, kernelWidth, strideHeight, strideWidth } = geometry;
  const { padTop, padLeft, dilationHeight, dilationWidth } = geometry;
  const [rowRanges, colRanges] = kernelRanges(geometry, outHeight, outWidth);
  const planeSize = height * width;
  let dst = columnsOffset;
  for (let c = 0; c < channels; c++) {
    const plane = xOffset + c * planeSize;
    for (let ki = 0; ki < kernelHeight; ki++) {
      const ohStart = rowRanges[2 * ki];
      const ohEnd = rowRanges[2 * ki + 1];
      const rowShift = ki * dilationHeight - padTop;
      for (let kj = 0; kj < kernelWidth; kj++) {
        const owStart = colRanges[2 * kj];
        const owEnd = colRanges[2 * kj + 1];
        const colShift = kj * dilationWidth - padLeft;
        // Output rows whose tap lies in the top or bottom padding are padValue throughout.
        columns.fill(padValue, dst, dst + ohStart * outWidth);
        for (let oh = ohStart; oh < ohEnd; oh++) {
          const rowBase = dst + oh * outWidth;
          // Input index of output column ow is src + ow * strideWidth; only read inside [owStart, owEnd).
          const src = plane + (oh * strideHeight + rowShift) * width + colShift;
          for (let ow = 0; ow < owStart; ow++) columns[rowBase + ow] = padValue;
          if (strideWidth === 1) {
            for (let ow = owStart; ow < owEnd; ow++) columns[rowBase + ow] = x[src + ow];
          } else {
            for (let ow = owStart, s = src + owStart * strideWidth; ow < owEnd; ow++, s += strideWidth) {
              columns[rowBase + ow] = x[s];
            }
          }
          for (let ow = owEnd; ow < outWidth; ow++) columns[rowBase + ow] = padValue;
        }
        columns.fill(padValue, dst + ohEnd * outWidth, dst + outSize);
        dst += rowStride;
      }
    }
  }
}
