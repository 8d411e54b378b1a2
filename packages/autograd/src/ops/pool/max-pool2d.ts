import { apply } from '../../graph/apply';
import { defineOp } from '../../graph/define-builtin-op';
import { scatterIntoZeros } from '../../internal/movement-gather';
import type { Pair } from '../../internal/conv-geometry';
import { poolWindows, type Pool2dOptions } from '../../internal/conv-pool';
import type { Tensor } from '../../tensor';
import { reshape } from '../movement/reshape';
import { argmax } from '../reduce/argmax';

// The max over axis 1 of the unfolded windows in one reduction; the argmax is only needed by the VJP.
const windowMaxDef = defineOp<void>({
  name: 'maxPool2d',
  infer: ([windows]) => ({ shape: [windows!.shape[0] as number, 1, windows!.shape[2] as number], dtype: windows!.dtype }),
  forward: (kernels, [windows], out) => kernels.reduce('max', windows!, [1], out),
  // The first maximum takes the whole gradient: a scatter, whose VJP (a gather) keeps every order exact.
  vjp: (grad, { inputs: [windows] }) => [scatterIntoZeros(windows!.shape, argmax(windows!, { axis: 1, keepDims: true }), grad, 1)],
});

/**
 * 2-d max pooling; on ties the first maximum in row-major window order takes the whole gradient (like PyTorch).
 *
 * @param x - Images `(N, C, H, W)` or one image `(C, H, W)`.
 * @param kernelSize - Window size, one number or `[height, width]`.
 * @param options - `stride` (default `kernelSize`) and `padding` (default 0; padding never wins the max).
 * @returns `(N, C, outH, outW)` (or `(C, outH, outW)`).
 * @throws {@link ShapeError} for a bad rank, padding over half the window, or a window larger than the padded input.
 * @throws {@link DTypeError} for an integer tensor.
 *
 * @example
 * ```ts
 * import { maxPool2d, tensor } from '@nanograd/autograd';
 * maxPool2d(tensor([[[1, 2], [4, 3]]]), 2).toList(); // [[[4]]]
 * ```
 * @category Convolution
 */
export function maxPool2d(x: Tensor, kernelSize: Pair, options: Pool2dOptions = {}): Tensor {
  const { windows, shape } = poolWindows('maxPool2d', x, kernelSize, options, -Infinity);
  return reshape(apply(windowMaxDef, [windows], undefined), shape);
}
