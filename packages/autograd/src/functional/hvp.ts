import { ShapeError } from '@nanograd/kernels';
import { full } from '../create';
import { add } from '../ops/elementwise/add';
import { mul } from '../ops/elementwise/mul';
import { sum } from '../ops/reduce/sum';
import type { Tensor } from '../tensor';
import {
  checkedScalar,
  checkShape,
  freshInput,
  gradientsOf,
  needsGraph,
  releasedValue,
  runTransform,
  toInput,
} from '../internal/functional-scope';
import type { TensorFunction, TransformInput } from './transform-types';

/**
 * Evaluates a scalar function and its Hessian-vector products: `hv[i] = Σⱼ ∂²f/∂primals[i]∂primals[j] · vectors[j]`,
 * without forming the Hessian.
 *
 * @remarks
 * Computed reverse-over-reverse: the gradient is recorded once, then differentiated along `vectors` in a second
 * reverse pass, at about the cost of two gradients. Vectors must have their primal's shape; plain numbers take the
 * primal's dtype. The result is differentiable when nested in another transform.
 *
 * @param f - A function of tensors returning a one-element tensor.
 * @param primals - The point at which to evaluate `f`.
 * @param vectors - One vector per primal.
 * @returns `[output, hv]`, with `hv[i]` shaped like `primals[i]`.
 * @throws {@link ShapeError} If `f` returns more than one element, the numbers of primals and vectors differ or a
 *   vector's shape differs from its primal's.
 * @throws {@link DTypeError} If a primal or the output is an integer tensor.
 *
 * @example
 * ```ts
 * import { hvp, mul, sum } from '@nanograd/autograd';
 * const [value, [hv]] = hvp((x) => sum(mul(mul(x, x), x)), [[1, 2]], [[1, 1]]);
 * value.item(); // 9
 * hv!.toList(); // [6, 12]
 * ```
 * @category Functional
 */
export function hvp(f: TensorFunction, primals: readonly TransformInput[], vectors: readonly TransformInput[]): [Tensor, Tensor[]] {
  if (primals.length !== vectors.length) {
    throw new ShapeError(`hvp: ${primals.length} primal${primals.length === 1 ? '' : 's'} but ${vectors.length} vector${vectors.length === 1 ? '' : 's'}`);
  }
  return runTransform('hvp', (frame) => {
    const inputs = primals.map((primal, index) => toInput('hvp', primal, `primal ${index}`));
    const directions = vectors.map((vector, index) => {
      const direction = toInput('hvp', vector, `vector ${index}`, inputs[index]!.dtype);
      checkShape('hvp', `vector ${index}`, direction, inputs[index]!.shape);
      return direction;
    });
    const variables = inputs.map((input, index) => freshInput(frame, input, `primal ${index}`));
    const output = checkedScalar('hvp', f(...variables));
    const firstOrder = gradientsOf(output, variables, undefined, true);
    const pairing = firstOrder
      .map((gradient, index) => sum(mul(gradient, directions[index]!)))
      .reduce((total, term) => add(total, term), full([], 0, { dtype: output.dtype, backend: output.backend }));
    const products = gradientsOf(pairing, variables, undefined, needsGraph(frame, [pairing]));
    return [releasedValue(frame, output), products];
  });
}
