// The winner of every max-pooling window as a flat index into its image plane: the only non-differentiable part of
// max pooling, so the op itself can be a gather (whose derivatives of every order are exact).
import type { ConvGeometry } from '../backend';
import { DTypeError, ShapeError } from '../errors';
import { assertStridedOperand, assertStridedShape } from '../internal/strided-validate';
import { describeArray } from '../internal/validate';
import type { Strides } from '../shape';
import { convOutputSize } from './conv-output-size';

/**
 * For each output position along one axis, the `[first, end)` range of window taps that land inside the input,
 * laid out as `[first0, end0, first1, …]`; throws if a window lies entirely in the padding.
 */
function validTaps(
  outSize: number, size: number, kernelSize: number, stride: number, pad: number, dilation: number, axis: string,
): Int32Array {
  const ranges = new Int32Array(2 * outSize);
  for (let o = 0; o < outSize; o++) {
    const start = o * stride - pad;
    const first = Math.min(kernelSize, Math.max(0, Math.ceil(-start / dilation)));
    const end = Math.min(kernelSize, Math.floor((size - 1 - start) / dilation) + 1);
    if (end <= first) {
      throw new ShapeError(
        `maxPoolIndex: window ${o} along the ${axis} lies entirely in the padding (input ${size}, window ${kernelSize}, stride ${stride}, padding ${pad}, dilation ${dilation})`,
      );
    }
    ranges[2 * o] = first;
    ranges[2 * o + 1] = end;
  }
  return ranges;
}

/**
 * The valid tap ranges of every window row (`[kiFirst, kiEnd)` per output row) and column, after checking that no
 * window lies entirely in the padding.
 *
 * @internal Shared with the WASM backend's glue, which runs the same check before its loop; not public API.
 */
export function maxPoolTapRanges(geometry: ConvGeometry, outHeight: number, outWidth: number): [Int32Array, Int32Array] {
  const g = geometry;
  return [
    validTaps(outHeight, g.height, g.kernelHeight, g.strideHeight, g.padTop, g.dilationHeight, 'height'),
    validTaps(outWidth, g.width, g.kernelWidth, g.strideWidth, g.padLeft, g.dilationWidth, 'width'),
  ];
}

/**
 * Writes, for every max-pooling window, the flat index `h * width + w` of its first maximum inside the window's
 * `(batch, channel)` image plane.
 *
 * @remarks
 * `x` is a strided `(batch, channels, height, width)` view (any strides, zero and negative included); `out` receives
 * a dense `(batch, channels, outHeight * outWidth)` Int32Array from `outOffset`. Taps are visited in row-major window
 * order and padded taps are skipped, so padding never wins. Ties go to the first tap; a NaN wins outright (the first
 * NaN), exactly as `argReduceStrided('argmax', …)` over the unfolded window with `-Infinity` padding, so gathering `x`
 * at these indices reproduces a max reduction of the window, NaN and infinities included. Every window must contain
 * at least one input element.
 *
 * @param batch - Number of images.
 * @param geometry - Image and window geometry (see {@link convOutputSize}); `channels` is the number of planes per image.
 * @param x - Image storage (Float32Array or Float64Array).
 * @param xStrides - Strides of `x` over `(batch, channels, height, width)`.
 * @param xOffset - Index in `x` of element `[0, 0, 0, 0]`.
 * @param out - Output Int32Array, written densely.
 * @param outOffset - Index in `out` of the first window's index.
 * @returns Nothing; `batch * channels * outHeight * outWidth` elements of `out` are overwritten.
 * @throws {@link ShapeError} If the geometry is invalid, a window lies entirely in the padding, or a view does not
 *   fit in its buffer.
 * @throws {@link DTypeError} If `x` is not a Float32Array or Float64Array, or `out` is not an Int32Array.
 *
 * @example
 * ```ts
 * import { maxPoolIndex } from '@nanograd/kernels';
 * const geometry = {
 *   channels: 1, height: 2, width: 4, kernelHeight: 2, kernelWidth: 2, strideHeight: 2, strideWidth: 2,
 *   padTop: 0, padBottom: 0, padLeft: 0, padRight: 0, dilationHeight: 1, dilationWidth: 1,
 * };
 * const out = new Int32Array(2);
 * maxPoolIndex(1, geometry, new Float32Array([1, 5, 2, 2, 3, 4, 2, 0]), [8, 8, 4, 1], 0, out, 0);
 * // out = [1, 2]: 5 at (0, 1), and the first of the tied 2s at (0, 2)
 * ```
 * @category Convolution
 */
export function maxPoolIndex(
  batch: number,
  geometry: ConvGeometry,
  x: Float32Array | Float64Array,
  xStrides: Strides,
  xOffset: number,
  out: Int32Array,
  outOffset: number,
): void {
  const kernel = 'maxPoolIndex';
  const { outHeight, outWidth } = convOutputSize(geometry, kernel);
  const { channels, height, width, strideHeight, strideWidth } = geometry;
  const { padTop, padLeft, dilationHeight, dilationWidth } = geometry;
  if (!(x instanceof Float32Array || x instanceof Float64Array)) {
    throw new DTypeError(`${kernel}: x must be a Float32Array or Float64Array (got ${describeArray(x)})`);
  }
  if (!(out instanceof Int32Array)) throw new DTypeError(`${kernel}: out must be an Int32Array (got ${describeArray(out)})`);
  assertStridedShape(kernel, [batch]);
  assertStridedOperand(kernel, 'x', [batch, channels, height, width], x, xStrides, xOffset);
  const positions = outHeight * outWidth;
  assertStridedOperand(kernel, 'out', [batch * channels * positions], out, [1], outOffset);
  const [rows, cols] = maxPoolTapRanges(geometry, outHeight, outWidth);
  const [batchStride, channelStride, rowStride, colStride] = xStrides as [number, number, number, number];
  let o = outOffset;
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < channels; c++) {
      const plane = xOffset + n * batchStride + c * channelStride;
      for (let oh = 0; oh < outHeight; oh++) {
        const kiFirst = rows[2 * oh];
        const kiEnd = rows[2 * oh + 1];
        const top = oh * strideHeight - padTop;
        for (let ow = 0; ow < outWidth; ow++, o++) {
          const kjFirst = cols[2 * ow];
          const kjEnd = cols[2 * ow + 1];
          const left = ow * strideWidth - padLeft;
          // Strict comparisons keep the first of equal values; the first NaN ends the search (argReduce's rule).
          const firstRow = top + kiFirst * dilationHeight;
          const firstColumn = left + kjFirst * dilationWidth;
          let best = x[plane + firstRow * rowStride + firstColumn * colStride] as number;
          let bestIndex = firstRow * width + firstColumn;
          for (let ki = kiFirst, h = firstRow; ki < kiEnd && best === best; ki++, h += dilationHeight) {
            const row = plane + h * rowStride;
            for (let kj = kjFirst, w = firstColumn; kj < kjEnd; kj++, w += dilationWidth) {
              const v = x[row + w * colStride] as number;
              if (v > best || v !== v) {
                best = v;
                bestIndex = h * width + w;
                if (v !== v) break;
              }
            }
          }
          out[o] = bestIndex;
        }
      }
    }
  }
}
