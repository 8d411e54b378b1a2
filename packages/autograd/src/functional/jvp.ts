import { ShapeError } from '@nanograd/kernels';
import { full } from '../create';
import { add } from '../ops/elementwise/add';
import { mul } from '../ops/elementwise/mul';
import { sum } from '../ops/reduce/sum';
import type { Tensor } from '../tensor';
import { linearize } from '../internal/functional-pullback';
import {
  checkShape,
  freshInput,
  gradientsOf,
  needsGraph,
  runTransform,
  toInput,
} from '../internal/functional-scope';
import type { TensorFunction, TransformInput } from './transform-types';

/**
 * Evaluates `f` at `primals` and its directional derivative along `tangents`, the Jacobian-vector product
 * `Σᵢ ∂f/∂primals[i] · tangents[i]` (JAX's `jvp`).
 *
 * @remarks
 * Computed in reverse mode by the double-VJP trick: `g(u) = vjpFn(u)` is linear in the cotangent `u`, with
 * `<g(u), t> = <u, J·t>`, so `J·t` is the gradient of `<g(u), t>` with respect to `u`. It costs two reverse
 * passes and needs the VJPs of `f` to be differentiable, which every built-in op guarantees. Tangents must have
 * their primal's shape; plain numbers take the primal's dtype. The result is differentiable when nested in
 * another transform.
 *
 * @param f - A function of tensors returning a tensor of any shape.
 * @param primals - The point at which to evaluate `f`.
 * @param tangents - One direction per primal.
 * @returns `[output, tangentOut]`, `tangentOut` shaped like the output.
 * @throws {@link ShapeError} If the numbers of primals and tangents differ or a tangent's shape differs from its primal's.
 * @throws {@link DTypeError} If a primal or the output is an integer tensor.
 *
 * @example
 * ```ts
 * import { jvp, mul } from '@nanograd/autograd';
 * const [out, tangentOut] = jvp((x) => mul(x, x), [[1, 2, 3]], [[1, 0, 1]]);
 * out.toList(); // [1, 4, 9]
 * tangentOut.toList(); // [2, 0, 6]
 * ```
 * @category Functional
 */
export function jvp(f: TensorFunction, primals: readonly TransformInput[], tangents: readonly TransformInput[]): [Tensor, Tensor] {
  if (primals.length !== tangents.length) {
    throw new ShapeError(`jvp: ${primals.length} primal${primals.length === 1 ? '' : 's'} but ${tangents.length} tangent${tangents.length === 1 ? '' : 's'}`);
  }
  return runTransform('jvp', (frame) => {
    const inputs = primals.map((primal, index) => toInput('jvp', primal, `primal ${index}`));
    const directions = tangents.map((tangent, index) => {
      const direction = toInput('jvp', tangent, `tangent ${index}`, inputs[index]!.dtype);
      checkShape('jvp', `tangent ${index}`, direction, inputs[index]!.shape);
      return direction;
    });
    const [output, pullback] = linearize('jvp', f, inputs);
    // The cotangent's value is irrelevant (the pullback is linear in it); only its graph matters.
    const cotangent = freshInput(frame, full(output.shape, 0, { dtype: output.dtype, backend: output.backend }), 'the cotangent');
    const pulled = pullback(cotangent);
    const pairing = pulled
      .map((gradient, index) => sum(mul(gradient, directions[index]!)))
      .reduce((total, term) => add(total, term), full([], 0, { dtype: output.dtype, backend: output.backend }));
    const [tangentOut] = gradientsOf(pairing, [cotangent], undefined, needsGraph(frame, [pairing]));
    return [output, tangentOut as Tensor];
  });
}
