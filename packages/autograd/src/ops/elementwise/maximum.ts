import { apply } from '../../graph/apply';
import { defineBinary } from '../../internal/elementwise';
import { toTensor } from '../../internal/operand';
import type { Tensor } from '../../tensor';
import { equal } from './equal';
import { greater } from './greater';
import { less } from './less';
import { mul } from './mul';
import { where } from './where';

// PyTorch's rule: the larger input takes the gradient, ties split it in half, NaN lanes pass it to both.
const maximumDef = defineBinary('maximum', 'maximum', (grad, { inputs: [a, b] }) => {
  const half = where(equal(a!, b!), mul(grad, 0.5), grad);
  return [a!.requiresGrad ? where(less(a!, b!), 0, half) : null, b!.requiresGrad ? where(greater(a!, b!), 0, half) : null];
});

/**
 * Takes the larger of `a` and `b`, element-wise with broadcasting; NaN in either gives NaN.
 *
 * @remarks
 * The gradient goes to the larger input; on ties it is split 0.5/0.5 between both, like `torch.maximum`.
 *
 * @param a - First operand (a tensor or a number).
 * @param b - Second operand.
 * @returns `max(a, b)` with the broadcast shape and the wider dtype.
 * @throws {@link ShapeError} If the shapes cannot be broadcast.
 *
 * @example
 * ```ts
 * import { maximum, tensor } from '@nanograd/autograd';
 * maximum(tensor([1, 5, 3]), tensor([4, 2, 3])).toList(); // [4, 5, 3]
 * ```
 * @category Elementwise
 */
export function maximum(a: Tensor | number, b: Tensor | number): Tensor {
  return apply(maximumDef, [toTensor('maximum', a, b), toTensor('maximum', b, a)], undefined);
}
