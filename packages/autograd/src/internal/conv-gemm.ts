// conv2d's composition for validated operands: im2col, one matmul per group, output layout and bias.
import type { ConvGeometry, ConvOutputSize } from '@nanograd/kernels';
import { add } from '../ops/elementwise/add';
import { matmul } from '../ops/linalg/matmul';
import { reshape } from '../ops/movement/reshape';
import type { Tensor } from '../tensor';
import { channelsToBatch, channelsToBatchCopy } from './conv-layout';
import { im2colUnchecked, type UnfoldLayout } from './conv-unfold';

/**
 * The column layout conv2d unfolds into: taps-major (one GEMM per group over the whole batch, which saves the WASM
 * backend a kernel call per image) except for a single image, where both layouts coincide, and on the JS backend,
 * whose per-image products are as fast and skip the permutes of the output and its gradient.
 */
export function preferredLayout(x: Tensor): UnfoldLayout {
  return x.shape[0] === 1 || x.backend.name === 'js' ? 'batch' : 'taps';
}

/**
 * Convolves images `x` `(N, C, H, W)` with `weight` `(O, C/groups, kH, kW)` (shapes already checked) through columns
 * of the given layout; every step is a differentiable op, so derivatives of any order are exact.
 */
export function convolveUnfolded(
  x: Tensor, weight: Tensor, bias: Tensor | null, geometry: ConvGeometry, size: ConvOutputSize, groups: number, layout: UnfoldLayout,
): Tensor {
  const n = x.shape[0] as number;
  const [outChannels, groupChannels, kernelHeight, kernelWidth] = weight.shape as [number, number, number, number];
  const taps = groupChannels * kernelHeight * kernelWidth;
  const positions = size.outHeight * size.outWidth;
  const filters = reshape(weight, [groups, outChannels / groups, taps]);
  const biasPlanes = bias === null ? null : reshape(bias, [outChannels, 1, 1]);
  if (layout === 'batch') {
    // Rows are channel-major, so each group's taps form one contiguous block; the filters broadcast over images.
    const columns = reshape(im2colUnchecked(x, geometry, 0), [n, groups, taps, positions]);
    const out = reshape(matmul(filters, columns), [n, outChannels, size.outHeight, size.outWidth]);
    return biasPlanes === null ? out : add(out, biasPlanes);
  }
  // Taps-major columns (C·kH·kW, N, P): each group's rows span the whole batch, so forward, weight gradient and
  // column gradient are each one GEMM per group, with N·P as the long dimension.
  const columns = reshape(im2colUnchecked(x, geometry, 0, 'taps'), [groups, taps, n * positions]);
  const channelsMajor = reshape(matmul(filters, columns), [outChannels, n, size.outHeight, size.outWidth]);
  // The bias add reads the swapped view, writing (N, O, oH, oW) with no extra pass; without a bias a 1x1 fold copies.
  return biasPlanes === null ? channelsToBatchCopy(channelsMajor) : add(channelsToBatch(channelsMajor), biasPlanes);
}
