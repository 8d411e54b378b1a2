import { DTypeError, formatShape, ShapeError } from '@nanograd/kernels';
import { asBatch, convGeometry, toPair, type Pair } from '../../internal/conv-geometry';
import { convolveUnfolded, preferredLayout } from '../../internal/conv-gemm';
import type { Tensor } from '../../tensor';
import { reshape } from '../movement/reshape';

/**
 * Options of {@link conv2d}.
 *
 * @example
 * ```ts
 * import type { Conv2dOptions } from '@nanograd/autograd';
 * const same: Conv2dOptions = { stride: 1, padding: 1 };
 * ```
 * @category Convolution
 */
export interface Conv2dOptions {
  /** Step between windows, one number or `[height, width]` (default 1). */
  readonly stride?: Pair;
  /** Zero padding on each side, one number or `[height, width]` (default 0). */
  readonly padding?: Pair;
  /** Spacing between window taps, one number or `[height, width]` (default 1). */
  readonly dilation?: Pair;
  /** Channel groups: input and output channels split into this many independent convolutions (default 1). */
  readonly groups?: number;
}

/**
 * 2-d cross-correlation (PyTorch's `conv2d`), composed as im2col → matmul (one per group over the whole batch on the
 * WASM backend), so every derivative order is exact.
 *
 * @param input - Images `(N, C, H, W)` or one image `(C, H, W)`.
 * @param weight - Filters `(O, C / groups, kH, kW)`.
 * @param bias - Per-output-channel offsets `(O)`, or null/undefined for none.
 * @param options - `stride`, `padding`, `dilation`, `groups`.
 * @returns `(N, O, outH, outW)` (or `(O, outH, outW)` for a 3-d input).
 * @throws {@link ShapeError} on channel mismatch, groups not dividing the channels, a bad bias or a window larger
 * than the padded input.
 * @throws {@link DTypeError} for integer tensors.
 *
 * @example
 * ```ts
 * import { conv2d, ones } from '@nanograd/autograd';
 * conv2d(ones([1, 3, 3]), ones([1, 1, 2, 2])).toList(); // [[[4, 4], [4, 4]]]
 * ```
 * @category Convolution
 */
export function conv2d(input: Tensor, weight: Tensor, bias?: Tensor | null, options: Conv2dOptions = {}): Tensor {
  const x = asBatch('conv2d', input);
  if (x.dtype === 'i32' || weight.dtype === 'i32' || bias?.dtype === 'i32') throw new DTypeError('conv2d: needs float tensors');
  const shapes = `input ${formatShape(input.shape)}, weight ${formatShape(weight.shape)}`;
  if (weight.rank !== 4) throw new ShapeError(`conv2d: weight must be (O, C/groups, kH, kW) (got ${shapes})`);
  const groups = options.groups ?? 1;
  const [, channels, height, width] = x.shape as [number, number, number, number];
  const [outChannels, groupChannels, kernelHeight, kernelWidth] = weight.shape as [number, number, number, number];
  if (!Number.isInteger(groups) || groups < 1 || channels % groups !== 0 || outChannels % groups !== 0) {
    throw new ShapeError(`conv2d: groups ${groups} must divide input channels ${channels} and output channels ${outChannels} (${shapes})`);
  }
  if (groupChannels * groups !== channels) {
    throw new ShapeError(`conv2d: weight expects ${groupChannels * groups} input channels, input has ${channels} (${shapes}, groups ${groups})`);
  }
  if (bias != null && (bias.rank !== 1 || bias.shape[0] !== outChannels)) {
    throw new ShapeError(`conv2d: bias must have shape ${outChannels} (got ${formatShape(bias.shape)})`);
  }
  const { geometry, size } = convGeometry(
    'conv2d',
    [channels, height, width],
    [kernelHeight, kernelWidth],
    toPair('conv2d', 'stride', options.stride ?? 1, 1),
    toPair('conv2d', 'padding', options.padding ?? 0, 0),
    toPair('conv2d', 'dilation', options.dilation ?? 1, 1),
  );
  const out = convolveUnfolded(x, weight, bias ?? null, geometry, size, groups, preferredLayout(x));
  return input.rank === 3 ? reshape(out, out.shape.slice(1)) : out;
}
