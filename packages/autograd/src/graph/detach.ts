import { Tensor } from '../tensor';

/**
 * Returns a tensor that shares `t`'s storage but is cut from the graph: gradients do not flow through it.
 *
 * @param t - Any tensor.
 * @returns A leaf view of the same data that does not require gradients.
 *
 * @example
 * ```ts
 * import { detach, tensor } from '@nanograd/autograd';
 * detach(tensor([1], { requiresGrad: true })).requiresGrad; // false
 * ```
 * @category Graph
 */
export function detach(t: Tensor): Tensor {
  return new Tensor(t.backend, t.buffer, t.shape, t.strides, t.offset, false, null);
}
