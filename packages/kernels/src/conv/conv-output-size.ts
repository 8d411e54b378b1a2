// Output extent of a 2-d window sweep, plus the geometry and buffer checks shared by im2col and col2im.
import type { ConvGeometry } from '../backend';
import { DTypeError, ShapeError } from '../errors';
import { assertPositive, assertSize, describeArray } from '../internal/validate';

/**
 * The number of window positions of a 2-d sweep.
 *
 * @example
 * ```ts
 * import type { ConvOutputSize } from '@nanograd/kernels';
 * const size: ConvOutputSize = { outHeight: 12, outWidth: 12 };
 * ```
 * @category Convolution
 */
export interface ConvOutputSize {
  /** Window positions vertically. */
  readonly outHeight: number;
  /** Window positions horizontally. */
  readonly outWidth: number;
}

/**
 * Returns the output height and width of a convolution or pooling window swept over an image, after checking the
 * geometry.
 *
 * @remarks
 * `outHeight = floor((height + padTop + padBottom - dilationHeight * (kernelHeight - 1) - 1) / strideHeight) + 1`,
 * and likewise for the width. Channels, height, width, kernel sizes, strides and dilations must be integers
 * `>= 1`, paddings integers `>= 0`, and the dilated window must fit inside the padded input.
 *
 * @param geometry - The image and window geometry.
 * @param kernel - Name that starts error messages (default `'convOutputSize'`), so callers such as `im2col` or a
 *   `conv2d` op report under their own name.
 * @returns The number of window positions vertically (`outHeight`) and horizontally (`outWidth`), both `>= 1`.
 * @throws {@link ShapeError} If a field is not an integer in range, or the dilated window is larger than the
 *   padded input, e.g. `im2col: window 5x5 (dilation 1x1) does not fit input 3x3 with padding 0,0,0,0`.
 *
 * @example
 * ```ts
 * import { convOutputSize } from '@nanograd/kernels';
 * convOutputSize({
 *   channels: 1, height: 28, width: 28, kernelHeight: 5, kernelWidth: 5, strideHeight: 2, strideWidth: 2,
 *   padTop: 0, padBottom: 0, padLeft: 0, padRight: 0, dilationHeight: 1, dilationWidth: 1,
 * }); // { outHeight: 12, outWidth: 12 }
 * ```
 * @category Convolution
 */
export function convOutputSize(
  geometry: ConvGeometry,
  kernel = 'convOutputSize',
): ConvOutputSize {
  const g = geometry;
  assertPositive(kernel, 'channels', g.channels);
  assertPositive(kernel, 'height', g.height);
  assertPositive(kernel, 'width', g.width);
  assertPositive(kernel, 'kernelHeight', g.kernelHeight);
  assertPositive(kernel, 'kernelWidth', g.kernelWidth);
  assertPositive(kernel, 'strideHeight', g.strideHeight);
  assertPositive(kernel, 'strideWidth', g.strideWidth);
  assertSize(kernel, 'padTop', g.padTop);
  assertSize(kernel, 'padBottom', g.padBottom);
  assertSize(kernel, 'padLeft', g.padLeft);
  assertSize(kernel, 'padRight', g.padRight);
  assertPositive(kernel, 'dilationHeight', g.dilationHeight);
  assertPositive(kernel, 'dilationWidth', g.dilationWidth);
  const spanHeight = g.dilationHeight * (g.kernelHeight - 1) + 1;
  const spanWidth = g.dilationWidth * (g.kernelWidth - 1) + 1;
  const paddedHeight = g.height + g.padTop + g.padBottom;
  const paddedWidth = g.width + g.padLeft + g.padRight;
  if (spanHeight > paddedHeight || spanWidth > paddedWidth) {
    throw new ShapeError(
      `${kernel}: window ${g.kernelHeight}x${g.kernelWidth} (dilation ${g.dilationHeight}x${g.dilationWidth}) ` +
        `does not fit input ${g.height}x${g.width} with padding ${g.padTop},${g.padBottom},${g.padLeft},${g.padRight}`,
    );
  }
  return {
    outHeight: Math.floor((paddedHeight - spanHeight) / g.strideHeight) + 1,
    outWidth: Math.floor((paddedWidth - spanWidth) / g.strideWidth) + 1,
  };
}

/**
 * Checks the image and column buffers of `im2col` / `col2im` (dtype, offsets, lengths) for a validated geometry.
 *
 * @internal Shared by the convolution helpers; not part of the public API.
 */
export function assertConvBuffers(
  kernel: string,
  x: Float32Array | Float64Array,
  xOffset: number,
  geometry: ConvGeometry,
  columns: Float32Array | Float64Array,
  columnsOffset: number,
  outHeight: number,
  outWidth: number,
  rowStride: number = outHeight * outWidth,
): void {
  if (!(x instanceof Float32Array) && !(x instanceof Float64Array)) {
    throw new DTypeError(`${kernel}: x must be a Float32Array or Float64Array (got ${describeArray(x)})`);
  }
  if (columns.constructor !== x.constructor) {
    throw new DTypeError(
      `${kernel}: columns must have the dtype of x (${describeArray(x)}, got ${describeArray(columns)})`,
    );
  }
  assertSize(kernel, 'xOffset', xOffset);
  assertSize(kernel, 'columnsOffset', columnsOffset);
  const { channels, height, width, kernelHeight, kernelWidth } = geometry;
  const imageNeeded = xOffset + channels * height * width;
  if (imageNeeded > x.length) {
    throw new ShapeError(
      `${kernel}: x is too short (image ${channels}x${height}x${width} from offset ${xOffset} needs ${imageNeeded}, ` +
        `buffer has ${x.length})`,
    );
  }
  const rows = channels * kernelHeight * kernelWidth;
  const positions = outHeight * outWidth;
  if (!Number.isInteger(rowStride) || rowStride < positions) {
    throw new ShapeError(`${kernel}: columnsRowStride must be an integer >= ${positions}, the row length (got ${rowStride})`);
  }
  const columnsNeeded = rows === 0 ? columnsOffset : columnsOffset + (rows - 1) * rowStride + positions;
  if (columnsNeeded > columns.length) {
    const layout = rowStride === positions ? '' : ` with row stride ${rowStride}`;
    throw new ShapeError(
      `${kernel}: columns is too short (${rows}x${positions}${layout} from offset ${columnsOffset} needs ` +
        `${columnsNeeded}, buffer has ${columns.length})`,
    );
  }
}

/**
 * Returns the `[start, end)` range of output positions whose tap `position * stride + shift` lands inside
 * `0..size-1`, clipped to `0..outSize` (empty ranges have `start === end`).
 */
function validOutputRange(outSize: number, stride: number, shift: number, size: number): [number, number] {
  const start = Math.min(outSize, Math.max(0, Math.ceil(-shift / stride)));
  const end = Math.max(start, Math.min(outSize, Math.floor((size - 1 - shift) / stride) + 1));
  return [start, end];
}

/**
 * Valid output ranges for every kernel row (`ki`) and column (`kj`), laid out as `[start0, end0, start1, …]`.
 *
 * @internal Lets im2col / col2im run each kernel row's interior without per-element bounds checks.
 */
export function kernelRanges(geometry: ConvGeometry, outHeight: number, outWidth: number): [Int32Array, Int32Array] {
  const g = geometry;
  const rows = new Int32Array(2 * g.kernelHeight);
  for (let ki = 0; ki < g.kernelHeight; ki++) {
    const [start, end] = validOutputRange(outHeight, g.strideHeight, ki * g.dilationHeight - g.padTop, g.height);
    rows[2 * ki] = start;
    rows[2 * ki + 1] = end;
  }
  const cols = new Int32Array(2 * g.kernelWidth);
  for (let kj = 0; kj < g.kernelWidth; kj++) {
    const [start, end] = validOutputRange(outWidth, g.strideWidth, kj * g.dilationWidth - g.padLeft, g.width);
    cols[2 * kj] = start;
    cols[2 * kj + 1] = end;
  }
  return [rows, cols];
}
