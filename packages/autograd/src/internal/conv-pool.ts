// Shared front half of the pooling ops: options, window-fit check, and the per-channel unfold.
import { DTypeError, ShapeError, type ConvGeometry, type ConvOutputSize } from '@nanograd/kernels';
import type { Tensor } from '../tensor';
import { reshape } from '../ops/movement/reshape';
import { asBatch, convGeometry, toPair, type Pair } from './conv-geometry';
import { im2colUnchecked } from './conv-unfold';

/**
 * Options of the window pooling ops.
 *
 * @example
 * ```ts
 * import type { Pool2dOptions } from '@nanograd/autograd';
 * const overlapping: Pool2dOptions = { stride: 1, padding: 1 };
 * ```
 * @category Convolution
 */
export interface Pool2dOptions {
  /** Step between windows, one number or `[height, width]` (default: the kernel size). */
  readonly stride?: Pair;
  /** Padding on each side, at most half the window, one number or `[height, width]` (default 0). */
  readonly padding?: Pair;
}

/** A pooling op's checked input `(N, C, H, W)`, its per-channel window geometry, and the output shape (input rank kept). */
export interface PoolSetup {
  readonly x: Tensor;
  readonly geometry: ConvGeometry;
  readonly size: ConvOutputSize;
  readonly shape: number[];
}

/** Checks a pooling op's input and options; the geometry describes one channel (channels 1). */
export function poolSetup(name: string, input: Tensor, kernelSize: Pair, options: Pool2dOptions): PoolSetup {
  const x = asBatch(name, input);
  if (x.dtype === 'i32') throw new DTypeError(`${name}: needs a float tensor (got ${x.dtype})`);
  const kernel = toPair(name, 'kernelSize', kernelSize, 1);
  const padding = toPair(name, 'padding', options.padding ?? 0, 0);
  if (padding[0] * 2 > kernel[0] || padding[1] * 2 > kernel[1]) {
    throw new ShapeError(`${name}: padding ${padding.join('x')} must be at most half the window ${kernel.join('x')}`);
  }
  const [, channels, height, width] = x.shape as [number, number, number, number];
  const { geometry, size } = convGeometry(name, [1, height, width], kernel, toPair(name, 'stride', options.stride ?? kernelSize, 1), padding, [1, 1]);
  const spatial = [size.outHeight, size.outWidth];
  return { x, geometry, size, shape: input.rank === 3 ? [channels, ...spatial] : [x.shape[0] as number, channels, ...spatial] };
}

/** Unfolded windows `(N·C, kH·kW, outH·outW)` plus the output shape (rank of the input kept). */
export function poolWindows(name: string, input: Tensor, kernelSize: Pair, options: Pool2dOptions, padValue: number): { windows: Tensor; shape: number[] } {
  const { x, geometry, shape } = poolSetup(name, input, kernelSize, options);
  const [n, channels, height, width] = x.shape as [number, number, number, number];
  // Each channel is pooled on its own, so channels fold into the batch axis.
  const windows = im2colUnchecked(reshape(x, [n * channels, 1, height, width]), geometry, padValue);
  return { windows, shape };
}
