// Folds a column matrix back onto its image: the adjoint of im2col, used for convolution input gradients.
import type { ConvGeometry } from '../backend';
import { assertConvBuffers, convOutputSize, kernelRanges } from './conv-output-size';

/**
 * Folds a column matrix back into one image, adding each entry to the image position it was unfolded from (the
 * adjoint of {@link im2col}).
 *
 * @remarks
 * This **accumulates**: `x` is not cleared, overlapping window taps sum, and entries for padded taps are dropped.
 * Zero-fill `x` first for a pure fold. `columns` is the row-major
 * `(channels * kernelHeight * kernelWidth) x (outHeight * outWidth)` matrix laid out as by {@link im2col}, and `x`
 * one `(channels, height, width)` image. Both Float32Array and Float64Array are accepted, but `columns` and `x`
 * must have the same type.
 *
 * @param columns - The column matrix (Float32Array or Float64Array).
 * @param columnsOffset - Index of the column matrix's first element in `columns`.
 * @param geometry - Image and window geometry (see {@link convOutputSize}).
 * @param x - Image that the columns are added into, same type as `columns`.
 * @param xOffset - Index of the image's first element in `x`.
 * @param columnsRowStride - Distance between the starts of consecutive rows in `columns` (default
 *   `outHeight * outWidth`, a dense matrix), as in {@link im2col}.
 * @throws {@link ShapeError} If the geometry is invalid, an offset is not a non-negative integer, or `x` or
 *   `columns` is too short.
 * @throws {@link DTypeError} If `x` is not a Float32Array or Float64Array, or `columns` has another type.
 *
 * @example
 * ```ts
 * import { col2im } from '@nanograd/kernels';
 * const geometry = {
 *   channels: 1, height: 1, width: 3, kernelHeight: 1, kernelWidth: 2, strideHeight: 1, strideWidth: 1,
 *   padTop: 0, padBottom: 0, padLeft: 0, padRight: 0, dilationHeight: 1, dilationWidth: 1,
 * };
 * const x = new Float64Array(3);
 * // Two taps x two window positions; the middle pixel is covered twice.
 * col2im(new Float64Array([1, 1, 1, 1]), 0, geometry, x, 0); // x is now [1, 2, 1]
 * ```
 * @category Convolution
 */
export function col2im<A extends Float32Array | Float64Array>(
  columns: A,
  columnsOffset: number,
  geometry: ConvGeometry,
  x: A,
  xOffset: number,
  columnsRowStride?: number,
): void {
  const { outHeight, outWidth } = convOutputSize(geometry, 'col2im');
  const rowStride = columnsRowStride ?? outHeight * outWidth;
  assertConvBuffers('col2im', x, xOffset, geometry, columns, columnsOffset, outHeight, outWidth, rowStride);
  const { channels, height, width, kernelHeight, kernelWidth, strideHeight, strideWidth } = geometry;
  const { padTop, padLeft, dilationHeight, dilationWidth } = geometry;
  const [rowRanges, colRanges] = kernelRanges(geometry, outHeight, outWidth);
  const planeSize = height * width;
  let src = columnsOffset;
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
        // Only the valid rectangle [ohStart, ohEnd) x [owStart, owEnd) maps into the image; the rest was padding.
        for (let oh = ohStart; oh < ohEnd; oh++) {
          const rowBase = src + oh * outWidth;
          const dst = plane + (oh * strideHeight + rowShift) * width + colShift;
          if (strideWidth === 1) {
            for (let ow = owStart; ow < owEnd; ow++) x[dst + ow] += columns[rowBase + ow];
          } else {
            for (let ow = owStart, d = dst + owStart * strideWidth; ow < owEnd; ow++, d += strideWidth) {
              x[d] += columns[rowBase + ow];
            }
          }
        }
        src += rowStride;
      }
    }
  }
}
