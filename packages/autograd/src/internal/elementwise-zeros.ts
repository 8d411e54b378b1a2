// Zero gradients for piecewise-constant ops (sign, floor, …), allocated on the tensor's own backend.
import { contiguousStrides } from '@nanograd/kernels';
import { Tensor } from '../tensor';

/** A fresh constant tensor of zeros with `like`'s shape, dtype and backend, outside the graph. */
export function zerosLike(like: Tensor): Tensor {
  const buffer = like.backend.alloc(like.dtype, like.size);
  const strides = contiguousStrides(like.shape);
  // alloc zero-fills, but a pooled backend may hand back used memory: fill explicitly.
  like.backend.kernels.fill({ buffer, shape: like.shape, strides, offset: 0 }, 0);
  return new Tensor(like.backend, buffer, like.shape, strides, 0, false, null);
}
