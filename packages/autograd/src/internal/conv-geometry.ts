// Geometry helpers shared by conv2d and the pooling ops: option normalization and the window-fit check.
import { convOutputSize, formatShape, ShapeError, type ConvGeometry, type ConvOutputSize } from '@nanograd/kernels';
import type { Tensor } from '../tensor';
import { reshape } from '../ops/movement/reshape';

/**
 * A per-axis option given as one number for both axes or as `[height, width]`.
 *
 * @example
 * ```ts
 * import type { Pair } from '@nanograd/autograd';
 * const stride: Pair = [2, 1];
 * ```
 * @category Convolution
 */
export type Pair = number | readonly [number, number];

/** Expands a {@link Pair} to `[height, width]`, checking each entry is an integer of at least `min`. */
export function toPair(name: string, option: string, value: Pair, min: number): [number, number] {
  const pair: [number, number] = typeof value === 'number' ? [value, value] : [value[0], value[1]];
  for (const entry of pair) {
    if (!Number.isInteger(entry) || entry < min) {
      throw new ShapeError(`${name}: ${option} must be an integer >= ${min} or a pair of them (got ${String(value)})`);
    }
  }
  return pair;
}

/** Builds a symmetric-padding geometry and its output size; errors start with `name`. */
export function convGeometry(
  name: string,
  image: readonly [number, number, number],
  kernel: readonly [number, number],
  stride: readonly [number, number],
  padding: readonly [number, number],
  dilation: readonly [number, number],
): { geometry: ConvGeometry; size: ConvOutputSize } {
  const geometry: ConvGeometry = {
    channels: image[0], height: image[1], width: image[2],
    kernelHeight: kernel[0], kernelWidth: kernel[1],
    strideHeight: stride[0], strideWidth: stride[1],
    padTop: padding[0], padBottom: padding[0], padLeft: padding[1], padRight: padding[1],
    dilationHeight: dilation[0], dilationWidth: dilation[1],
  };
  return { geometry, size: convOutputSize(geometry, name) };
}

/** Lifts a `(C, H, W)` image to `(1, C, H, W)`; checks the rank is 3 or 4. */
export function asBatch(name: string, x: Tensor): Tensor {
  if (x.rank === 4) return x;
  if (x.rank === 3) return reshape(x, [1, ...x.shape]);
  throw new ShapeError(`${name}: expects a (C, H, W) or (N, C, H, W) input (got ${formatShape(x.shape)})`);
}
