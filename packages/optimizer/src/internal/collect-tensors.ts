// Accepts one tensor or an iterable of tensors, as PyTorch's clipping utilities do.
import { isTensor } from '@nanograd/autograd';
import type { Tensor } from '@nanograd/autograd';

/** Returns the tensors of `params`, checking each one. */
export function collectTensors(owner: string, params: Tensor | Iterable<Tensor>): Tensor[] {
  const list = isTensor(params) ? [params] : [...params];
  list.forEach((param, index) => {
    if (!isTensor(param)) throw new TypeError(`${owner}: parameter ${index} is not a Tensor (got ${typeof param})`);
  });
  return list;
}
