import { formatShape, ShapeError } from '@nanograd/kernels';
import type { Tensor } from '../../tensor';
import { mean } from '../reduce/mean';

/**
 * Averages each channel over its whole image: `(N, C, H, W)` → `(N, C)`, `(C, H, W)` → `(C)`.
 *
 * @param x - Images `(N, C, H, W)` or one image `(C, H, W)`.
 * @returns The per-channel means.
 * @throws {@link ShapeError} if `x` is not 3-d or 4-d.
 *
 * @example
 * ```ts
 * import { globalAvgPool2d, tensor } from '@nanograd/autograd';
 * globalAvgPool2d(tensor([[[1, 2], [4, 3]]])).toList(); // [2.5]
 * ```
 * @category Convolution
 */
export function globalAvgPool2d(x: Tensor): Tensor {
  if (x.rank !== 3 && x.rank !== 4) {
    throw new ShapeError(`globalAvgPool2d: expects a (C, H, W) or (N, C, H, W) input (got ${formatShape(x.shape)})`);
  }
  return mean(x, { axis: [-2, -1] });
}
