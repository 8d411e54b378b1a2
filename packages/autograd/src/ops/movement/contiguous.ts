import { apply } from '../../graph/apply';
import { defineOp } from '../../graph/define-builtin-op';
import type { Tensor } from '../../tensor';

const contiguousDef = defineOp<void>({
  name: 'contiguous',
  infer: ([x]) => ({ shape: x!.shape, dtype: x!.dtype }),
  forward: (kernels, [x], out) => kernels.copy(x!, out),
  vjp: (grad) => [grad],
});

/**
 * Returns a row-major copy of `x` in its own storage (or `x` itself when it already is one).
 *
 * @param x - Any tensor or view.
 * @returns A contiguous tensor with the same values.
 *
 * @example
 * ```ts
 * import { contiguous, tensor, transpose } from '@nanograd/autograd';
 * contiguous(transpose(tensor([[1, 2], [3, 4]]))).isContiguous; // true
 * ```
 * @category Movement
 */
export function contiguous(x: Tensor): Tensor {
  if (x.isContiguous && x.offset === 0 && x.size === x.buffer.size) return x;
  return apply(contiguousDef, [x], undefined);
}
