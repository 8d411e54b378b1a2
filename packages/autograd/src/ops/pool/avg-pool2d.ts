import type { Pair } from '../../internal/conv-geometry';
import { poolWindows, type Pool2dOptions } from '../../internal/conv-pool';
import type { Tensor } from '../../tensor';
import { reshape } from '../movement/reshape';
import { mean } from '../reduce/mean';

/**
 * 2-d average pooling; padding counts as zeros in every window's average (PyTorch's default `count_include_pad`).
 *
 * @param x - Images `(N, C, H, W)` or one image `(C, H, W)`.
 * @param kernelSize - Window size, one number or `[height, width]`.
 * @param options - `stride` (default `kernelSize`) and `padding` (default 0).
 * @returns `(N, C, outH, outW)` (or `(C, outH, outW)`).
 * @throws {@link ShapeError} for a bad rank, padding over half the window, or a window larger than the padded input.
 * @throws {@link DTypeError} for an integer tensor.
 *
 * @example
 * ```ts
 * import { avgPool2d, tensor } from '@nanograd/autograd';
 * avgPool2d(tensor([[[1, 2], [4, 3]]]), 2).toList(); // [[[2.5]]]
 * ```
 * @category Convolution
 */
export function avgPool2d(x: Tensor, kernelSize: Pair, options: Pool2dOptions = {}): Tensor {
  const { windows, shape } = poolWindows('avgPool2d', x, kernelSize, options, 0);
  return reshape(mean(windows, { axis: 1 }), shape);
}
