// The seam between autograd and the machines that run kernels: memory plus the primitive catalogue.
import type { DType, TypedArray } from './dtype';
import type { ArgReduceOp, BinaryOp, ReduceOp, UnaryOp } from './ops';
import type { AdamStepParameters } from './optim/adam-step';
import type { Shape, Strides } from './shape';

/**
 * A backend-owned allocation of `size` elements of `dtype`. Opaque outside its backend: a WASM backend keeps
 * it in linear memory, the JS backend in a typed array.
 *
 * @example
 * ```ts
 * import { createJsBackend } from '@nanograd/kernels';
 * const buffer = createJsBackend().alloc('f32', 4);
 * buffer.size; // 4
 * ```
 * @category Backend
 */
export interface DeviceBuffer {
  /** Element type. */
  readonly dtype: DType;
  /** Number of elements. */
  readonly size: number;
  /** Name of the backend that allocated it. */
  readonly backend: string;
}

/**
 * How a kernel walks a buffer: shape, strides and offset, all in elements. Strides may be 0 (broadcast) or
 * negative; kernels never allocate or keep views.
 *
 * @example
 * ```ts
 * import { createJsBackend, type View } from '@nanograd/kernels';
 * const buffer = createJsBackend().alloc('f64', 6);
 * const transposed: View = { buffer, shape: [3, 2], strides: [1, 3], offset: 0 };
 * ```
 * @category Backend
 */
export interface View<B extends DeviceBuffer = DeviceBuffer> {
  /** The storage. */
  readonly buffer: B;
  /** Extent of each dimension. */
  readonly shape: Shape;
  /** Step in elements along each dimension. */
  readonly strides: Strides;
  /** Index of element `[0, 0, …]` in the buffer. */
  readonly offset: number;
}

/**
 * Geometry of a 2-d convolution or pooling window over `(channels, height, width)` images. Padding may differ
 * per side; the output extent is `floor((height + padTop + padBottom - dilationHeight * (kernelHeight - 1) - 1) /
 * strideHeight) + 1`, and likewise for the width.
 *
 * @example
 * ```ts
 * import type { ConvGeometry } from '@nanograd/kernels';
 * const same3x3: ConvGeometry = {
 *   channels: 1, height: 28, width: 28, kernelHeight: 3, kernelWidth: 3, strideHeight: 1, strideWidth: 1,
 *   padTop: 1, padBottom: 1, padLeft: 1, padRight: 1, dilationHeight: 1, dilationWidth: 1,
 * };
 * ```
 * @category Backend
 */
export interface ConvGeometry {
  /** Input channels. */
  readonly channels: number;
  /** Input height. */
  readonly height: number;
  /** Input width. */
  readonly width: number;
  /** Window height. */
  readonly kernelHeight: number;
  /** Window width. */
  readonly kernelWidth: number;
  /** Vertical step between windows. */
  readonly strideHeight: number;
  /** Horizontal step between windows. */
  readonly strideWidth: number;
  /** Rows of padding above. */
  readonly padTop: number;
  /** Rows of padding below. */
  readonly padBottom: number;
  /** Columns of padding on the left. */
  readonly padLeft: number;
  /** Columns of padding on the right. */
  readonly padRight: number;
  /** Vertical spacing between window taps (1 = dense). */
  readonly dilationHeight: number;
  /** Horizontal spacing between window taps (1 = dense). */
  readonly dilationWidth: number;
}

/**
 * The primitive kernel catalogue every backend implements in full. Kernels write into caller-allocated `out`
 * views and return nothing, so queued (worker, GPU) backends and immediate (JS, WASM) backends share it. Shape
 * checks happen before a kernel is called; kernels still reject views that overrun their buffers.
 *
 * @remarks
 * Operands of `binary` and `where` already have the output's shape: broadcasting is done with stride-0 axes.
 * Each method is required, so a backend that misses one does not compile.
 *
 * @example
 * ```ts
 * import { createJsBackend } from '@nanograd/kernels';
 * const backend = createJsBackend();
 * const x = backend.alloc('f32', 3);
 * backend.write(x, new Float32Array([1, 2, 3]));
 * const view = { buffer: x, shape: [3], strides: [1], offset: 0 };
 * backend.kernels.unary('exp', view, view);
 * ```
 * @category Backend
 */
export interface Kernels<B extends DeviceBuffer = DeviceBuffer> {
  /** Sets every element of `out` to `value`. */
  fill(out: View<B>, value: number): void;
  /** Copies any strided view into any layout of the same shape, converting the dtype if needed. */
  copy(x: View<B>, out: View<B>): void;
  /** Applies `op` element-wise: `out[i] = op(x[i])`. */
  unary(op: UnaryOp, x: View<B>, out: View<B>): void;
  /** Applies `op` element-wise: `out[i] = op(a[i], b[i])`; all three views have the same shape. */
  binary(op: BinaryOp, a: View<B>, b: View<B>, out: View<B>): void;
  /** Selects element-wise: `out[i] = condition[i] !== 0 ? a[i] : b[i]`. */
  where(condition: View<B>, a: View<B>, b: View<B>, out: View<B>): void;
  /**
   * Reduces `x` over `axes` into `out`, which has `x`'s rank with extent 1 on the reduced axes. Floating
   * sums accumulate in double precision.
   */
  reduce(op: ReduceOp, x: View<B>, axes: readonly number[], out: View<B>): void;
  /** Writes the index of the first maximum (or minimum) along `axis`; `out` has extent 1 on `axis`. */
  argReduce(op: ArgReduceOp, x: View<B>, axis: number, out: View<B>): void;
  /** Batched matrix product `(..., m, k) @ (..., k, n) -> (..., m, n)`; batch axes already broadcast. */
  matmul(a: View<B>, b: View<B>, out: View<B>): void;
  /**
   * Gathers along `axis`: `out[..., i, ...] = x[..., index[..., i, ...], ...]`; `index` (i32) has `out`'s shape and
   * `x`'s rank. Out-of-range indices throw.
   */
  gather(x: View<B>, index: View<B>, axis: number, out: View<B>): void;
  /**
   * Adds `updates` into `out` at the positions `index` names along `axis` (the adjoint of {@link Kernels.gather});
   * repeated indices accumulate.
   */
  scatterAdd(updates: View<B>, index: View<B>, axis: number, out: View<B>): void;
  /**
   * Unfolds `(batch, channels, height, width)` images into columns
   * `(batch, channels * kernelHeight * kernelWidth, outHeight * outWidth)`; padding reads `padValue`.
   */
  im2col(x: View<B>, geometry: ConvGeometry, out: View<B>, padValue: number): void;
  /** Folds columns back into images, summing overlapping taps (the adjoint of {@link Kernels.im2col}). */
  col2im(columns: View<B>, geometry: ConvGeometry, out: View<B>): void;
  /**
   * Max-pooling winners ({@link maxPoolIndex}): for `(batch, channels, height, width)` images (any strides, float),
   * writes into a dense i32 `(batch, channels, outHeight * outWidth)` view the flat index `h * width + w` of each
   * window's first maximum within its plane; padding never wins and the first NaN wins outright (as argmax).
   */
  maxPoolIndex(x: View<B>, geometry: ConvGeometry, out: View<B>): void;
  /**
   * One fused Adam/AdamW step in place ({@link adamStep}): all views dense, of one float dtype and one shape;
   * `maxExpAvgSq` is null unless AMSGrad.
   */
  adamStep(param: View<B>, grad: View<B>, expAvg: View<B>, expAvgSq: View<B>, maxExpAvgSq: View<B> | null, parameters: AdamStepParameters): void;
  /**
   * Normalises `x` `[outer, channels, inner]` per channel over the outer and inner axes ({@link normalizeForward}):
   * batch norm of `(N, C, H, W)` is `[N, C, H·W]`, layer norm over trailing axes `[1, leading, trailing]`. Writes
   * `out = normalized · weight + bias` (either may be null), the normalised x into `normalized` unless it is null, and
   * the per-channel mean, biased variance and `1 / √(variance + epsilon)` into the `[channels]` views. All views are
   * dense and of one float dtype; statistics accumulate in double precision.
   */
  normalizeForward(
    x: View<B>, epsilon: number, weight: View<B> | null, bias: View<B> | null,
    out: View<B>, normalized: View<B> | null, mean: View<B>, variance: View<B>, inverseStd: View<B>,
  ): void;
  /**
   * The input gradient of {@link Kernels.normalizeForward} ({@link normalizeBackward}): per channel of
   * `[outer, channels, inner]`, `out = scale · (grad − Σgrad / M − normalized · Σ(grad·normalized) / M)` with
   * `M = outer·inner` and `scale` `[channels]` (`weight · inverseStd`, or `inverseStd`); the two sums go to
   * `gradSum` and `gradNormalizedSum` `[channels]` (the bias and weight gradients). All views dense, of one float dtype.
   */
  normalizeBackward(grad: View<B>, normalized: View<B>, scale: View<B>, out: View<B>, gradSum: View<B>, gradNormalizedSum: View<B>): void;
}

/**
 * A place where tensors live and kernels run. Storage is allocated by the backend; CPU backends expose it
 * synchronously as a typed array.
 *
 * @remarks
 * Backends are plain values passed around (no global registry). A WASM backend returns a fresh typed-array
 * view from {@link Backend.view} on each call, since growing its memory detaches earlier views.
 *
 * @example
 * ```ts
 * import { createJsBackend } from '@nanograd/kernels';
 * const backend = createJsBackend();
 * const buffer = backend.alloc('f64', 2);
 * backend.write(buffer, new Float64Array([1, 2]));
 * backend.view(buffer); // Float64Array [1, 2]
 * ```
 * @category Backend
 */
export interface Backend<B extends DeviceBuffer = DeviceBuffer> {
  /** Short identifier, e.g. `'js'`. */
  readonly name: string;
  /** Allocates a zero-filled buffer. */
  alloc(dtype: DType, size: number): B;
  /** Copies `source` into `target` starting at element `targetOffset` (default 0). */
  write(target: B, source: TypedArray, targetOffset?: number): void;
  /** Returns the buffer's contents as a live typed array, without copying (CPU backends). */
  view(buffer: B): TypedArray;
  /** Resolves to a copy of the buffer's contents; the one read every backend supports. */
  read(buffer: B): Promise<TypedArray>;
  /** Releases the buffer early; garbage collection reclaims it otherwise. */
  free(buffer: B): void;
  /** The primitive kernels. */
  readonly kernels: Kernels<B>;
}
