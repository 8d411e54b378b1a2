// conv2d's whole-batch GEMM yields channels-major (O, N, oH, oW); these swap the two leading axes. A 1x1 unfold is
// exactly that permute-copy, so it runs as the dense im2col/col2im kernels (row copies) rather than a generic strided
// copy, and stays differentiable to any order (the two unfolds are each other's VJP).
import type { ConvGeometry } from '@nanograd/kernels';
import { apply } from '../graph/apply';
import { defineView } from '../graph/define-builtin-op';
import { reshape } from '../ops/movement/reshape';
import type { Tensor } from '../tensor';
import { col2imUnchecked, im2colUnchecked } from './conv-unfold';

/** The 1x1 window, stride 1, no padding: im2col of it only reorders `(N, C, H, W)` into taps-major `(C, N, H·W)`. */
function pointGeometry(channels: number, height: number, width: number): ConvGeometry {
  return {
    channels, height, width, kernelHeight: 1, kernelWidth: 1, strideHeight: 1, strideWidth: 1,
    padTop: 0, padBottom: 0, padLeft: 0, padRight: 0, dilationHeight: 1, dilationWidth: 1,
  };
}

/** Swapped view `(N, C, H, W)` of `(C, N, H, W)`, whose VJP copies the gradient back to channels-major in one kernel. */
const channelsToBatchDef = defineView<void>({
  name: 'channelsToBatch',
  layout: (x) => {
    const [c, n, h, w] = x.shape as [number, number, number, number];
    const [sc, sn, sh, sw] = x.strides as [number, number, number, number];
    return { shape: [n, c, h, w], strides: [sn, sc, sh, sw], offset: x.offset };
  },
  vjp: (grad) => [batchToChannels(grad)],
});

/** `(N, C, H, W)` → contiguous `(C, N, H, W)` (a 1x1 im2col into taps-major columns). */
export function batchToChannels(x: Tensor): Tensor {
  const [n, c, h, w] = x.shape as [number, number, number, number];
  return reshape(im2colUnchecked(x, pointGeometry(c, h, w), 0, 'taps'), [c, n, h, w]);
}

/** `(C, N, H, W)` → `(N, C, H, W)` as a strided view (for ops that read it once, like a bias add). */
export function channelsToBatch(x: Tensor): Tensor {
  return apply(channelsToBatchDef, [x], undefined);
}

/** `(C, N, H, W)` → contiguous `(N, C, H, W)` (a 1x1 col2im from taps-major columns). */
export function channelsToBatchCopy(x: Tensor): Tensor {
  const [c, n, h, w] = x.shape as [number, number, number, number];
  return col2imUnchecked(reshape(x, [c, n, h * w]), pointGeometry(c, h, w), 'taps');
}
