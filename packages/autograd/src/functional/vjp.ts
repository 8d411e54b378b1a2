import type { Tensor } from '../tensor';
import { linearize } from '../internal/functional-pullback';
import type { TensorFunction, TransformInput } from './transform-types';

/**
 * Evaluates `f` at `primals` and returns its output with the vector-Jacobian product function (JAX's `vjp`).
 *
 * @remarks
 * `vjpFn(cotangent)` returns `cotangentᵀ·∂f/∂primals[i]` for every primal, each shaped like its primal; the
 * cotangent has the output's shape (plain numbers take the output's dtype). It may be called any number of
 * times. Its results are differentiable when called inside another transform or with a cotangent that requires
 * gradients; at top level they carry no graph. Primals given as numbers or nested arrays become float64 tensors.
 *
 * @param f - A function of tensors returning a tensor of any shape.
 * @param primals - The point at which to evaluate `f`.
 * @returns `[output, vjpFn]`.
 * @throws {@link ShapeError} From `vjpFn`: if the cotangent's shape differs from the output's.
 * @throws {@link DTypeError} If a primal or the output is an integer tensor.
 *
 * @example
 * ```ts
 * import { mul, tensor, vjp } from '@nanograd/autograd';
 * const [out, vjpFn] = vjp((x, y) => mul(x, y), tensor([1, 2]), tensor([3, 4]));
 * out.toList(); // [3, 8]
 * vjpFn([1, 10]).map((g) => g.toList()); // [[3, 40], [1, 20]]
 * ```
 * @category Functional
 */
export function vjp(f: TensorFunction, ...primals: TransformInput[]): [Tensor, (cotangent: TransformInput) => Tensor[]] {
  return linearize('vjp', f, primals);
}
