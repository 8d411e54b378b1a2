import { apply } from '../../graph/apply';
import { defineBinary } from '../../internal/elementwise';
import { toTensor } from '../../internal/operand';
import type { Tensor } from '../../tensor';
import { equal } from './equal';
import { greater } from './greater';
import { less } from './less';
import { mul } from './mul';
import { where } from './where';

// PyTorch's rule: the smaller input takes the gradient, ties split it in half, NaN lanes pass it to both.
const minimumDef = defineBinary('minimum', 'minimum', (grad, { inputs: [a, b] }) => {
  const half = where(equal(a!, b!), mul(grad, 0.5), grad);
  return [a!.requiresGrad ? where(greater(a!, b!), 0, half) : null, b!.requiresGrad ? where(less(a!, b!), 0, half) : null];
});

/**
 * Takes the smaller of `a` and `b`, element-wise with broadcasting; NaN in either gives NaN.
 *
 * @remarks
 * The gradient goes to the smaller input; on ties it is split 0.5/0.5 between both, like `torch.minimum`.
 *
 * @param a - First operand (a tensor or a number).
 * @param b - Second operand.
 * @returns `min(a, b)` with the broadcast shape and the wider dtype.
 * @throws {@link ShapeError} If the shapes cannot be broadcast.
 *
 * @example
 * ```ts
 * import { minimum, tensor } from '@nanograd/autograd';
 * minimum(tensor([1, 5, 3]), tensor([4, 2, 3])).toList(); // [1, 2, 3]
 * ```
 * @category Elementwise
 */
export function minimum(a: Tensor | number, b: Tensor | number): Tensor {
  return apply(minimumDef, [toTensor('minimum', a, b), toTensor('minimum', b, a)], undefined);
}
