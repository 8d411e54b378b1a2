import type { ConvGeometry } from '../backend';
import { col2im } from '../conv/col2im';
import { convOutputSize } from '../conv/conv-output-size';
import type { FloatArray } from '../dtype';
import { DTypeError } from '../errors';
import { assertStridedOperand, assertStridedShape } from '../internal/strided-validate';
import { describeArray } from '../internal/validate';
import { isContiguous, type Strides } from '../shape';
import { copyStrided } from './copy-strided';
import { fillStrided } from './fill-strided';

/**
 * Folds strided columns `(batch, channels * kernelHeight * kernelWidth, outHeight * outWidth)` back into strided
 * images `(batch, channels, height, width)`, summing overlapping taps (the adjoint of {@link im2colStrided}).
 *
 * @remarks
 * Overwrites `out` (it is zeroed first, then {@link col2im} accumulates into it). Contiguous images and column
 * matrices (apart from the batch stride) are used in place; others go through contiguous scratch.
 *
 * @param batch - Number of images.
 * @param geometry - Image and window geometry.
 * @param columns - Column storage.
 * @param columnsStrides - Strides of `columns` over `(batch, rows, positions)`.
 * @param columnsOffset - Index in `columns` of element `[0, 0, 0]`.
 * @param out - Image storage, the same array type as `columns`.
 * @param outStrides - Strides of `out` over `(batch, channels, height, width)`.
 * @param outOffset - Index in `out` of element `[0, 0, 0, 0]`.
 * @returns Nothing; `out` is overwritten.
 * @throws {@link ShapeError} If the geometry is invalid or a view does not fit in its buffer.
 * @throws {@link DTypeError} If `columns` and `out` are not both Float32Array or both Float64Array.
 *
 * @example
 * ```ts
 * import { col2imStrided } from '@nanograd/kernels';
 * const geometry = {
 *   channels: 1, height: 1, width: 3, kernelHeight: 1, kernelWidth: 2, strideHeight: 1, strideWidth: 1,
 *   padTop: 0, padBottom: 0, padLeft: 0, padRight: 0, dilationHeight: 1, dilationWidth: 1,
 * };
 * const columns = new Float64Array([1, 1, 1, 1]); // 2 taps x 2 positions
 * const out = new Float64Array(3);
 * col2imStrided(1, geometry, columns, [4, 2, 1], 0, out, [3, 3, 3, 1], 0); // out = [1, 2, 1]
 * ```
 * @category Strided
 */
export function col2imStrided(
  batch: number,
  geometry: ConvGeometry,
  columns: FloatArray,
  columnsStrides: Strides,
  columnsOffset: number,
  out: FloatArray,
  outStrides: Strides,
  outOffset: number,
): void {
  const kernel = 'col2imStrided';
  const { outHeight, outWidth } = convOutputSize(geometry, kernel);
  const { channels, height, width, kernelHeight, kernelWidth } = geometry;
  const imageShape = [channels, height, width];
  const columnsShape = [channels * kernelHeight * kernelWidth, outHeight * outWidth];
  assertStridedShape(kernel, [batch]);
  if (!(out instanceof Float32Array || out instanceof Float64Array) || columns.constructor !== out.constructor) {
    throw new DTypeError(
      `${kernel}: columns and out must both be Float32Array or both Float64Array (got ${describeArray(columns)}, ${describeArray(out)})`,
    );
  }
  assertStridedOperand(kernel, 'columns', [batch, ...columnsShape], columns, columnsStrides, columnsOffset);
  assertStridedOperand(kernel, 'out', [batch, ...imageShape], out, outStrides, outOffset);
  const imageStrides = outStrides.slice(1);
  const matrixStrides = columnsStrides.slice(1);
  const imageDense = isContiguous(imageShape, imageStrides);
  const columnsDense = isContiguous(columnsShape, matrixStrides);
  const make = (size: number): FloatArray => (out instanceof Float32Array ? new Float32Array(size) : new Float64Array(size));
  const image = imageDense ? null : make(channels * height * width);
  const matrix = columnsDense ? null : make(columnsShape[0] * columnsShape[1]);
  for (let i = 0; i < batch; i++) {
    const columnsAt = columnsOffset + i * columnsStrides[0];
    const outAt = outOffset + i * outStrides[0];
    if (matrix !== null) copyStrided(columnsShape, columns, matrixStrides, columnsAt, matrix, [columnsShape[1], 1], 0);
    if (image === null) fillStrided([channels * height * width], out, [1], outAt, 0);
    else image.fill(0);
    col2im(matrix ?? columns, matrix === null ? columnsAt : 0, geometry, image ?? out, image === null ? outAt : 0);
    if (image !== null) copyStrided(imageShape, image, [height * width, width, 1], 0, out, imageStrides, outAt);
  }
}
