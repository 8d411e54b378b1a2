import { apply } from '../../graph/apply';
import { toTensor } from '../../internal/operand';
import { defineBinary } from '../../internal/elementwise';
import type { Tensor } from '../../tensor';

const addDef = defineBinary('add', 'add', (grad) => [grad, grad]);

/**
 * Adds two tensors element-wise, broadcasting NumPy-style.
 *
 * @param a - First operand (a tensor or a number).
 * @param b - Second operand.
 * @returns `a + b` with the broadcast shape and the wider dtype.
 * @throws {@link ShapeError} If the shapes cannot be broadcast.
 *
 * @example
 * ```ts
 * import { add, tensor } from '@nanograd/autograd';
 * add(tensor([[1, 2]]), tensor([[10], [20]])).toList(); // [[11, 12], [21, 22]]
 * ```
 * @category Elementwise
 */
export function add(a: Tensor | number, b: Tensor | number): Tensor {
  return apply(addDef, [toTensor('add', a, b), toTensor('add', b, a)], undefined);
}
