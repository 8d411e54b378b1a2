import { apply } from '../../graph/apply';
import { toTensor } from '../../internal/operand';
import { defineBinary } from '../../internal/elementwise';
import type { Tensor } from '../../tensor';

const mulDef = defineBinary('mul', 'mul', (grad, { inputs: [a, b] }) => [mul(grad, b!), mul(grad, a!)]);

/**
 * Multiplies two tensors element-wise, broadcasting.
 *
 * @param a - First factor.
 * @param b - Second factor.
 * @returns `a * b`.
 * @throws {@link ShapeError} If the shapes cannot be broadcast.
 *
 * @example
 * ```ts
 * import { mul, tensor } from '@nanograd/autograd';
 * mul(tensor([1, 2, 3]), 2).toList(); // [2, 4, 6]
 * ```
 * @category Elementwise
 */
export function mul(a: Tensor | number, b: Tensor | number): Tensor {
  return apply(mulDef, [toTensor('mul', a, b), toTensor('mul', b, a)], undefined);
}
