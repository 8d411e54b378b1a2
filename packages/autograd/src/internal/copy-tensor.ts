// A detached, contiguous copy in fresh storage: gradients handed to users never alias each other.
import { contiguousStrides } from '@nanograd/kernels';
import { Tensor } from '../tensor';

/** Copies `x` into new contiguous storage, outside the graph. */
export function copyTensor(x: Tensor): Tensor {
  const buffer = x.backend.alloc(x.dtype, x.size);
  const strides = contiguousStrides(x.shape);
  x.backend.kernels.copy(x.view(), { buffer, shape: x.shape, strides, offset: 0 });
  return new Tensor(x.backend, buffer, x.shape, strides, 0, false, null);
}
