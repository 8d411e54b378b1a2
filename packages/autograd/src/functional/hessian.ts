import type { Tensor } from '../tensor';
import { evaluateWithGradient } from '../internal/functional-gradient';
import { jacobianOf } from '../internal/functional-jacobian';
import type { JacobianOptions } from './jacobian';
import type { TensorFunction, TransformInput } from './transform-types';

/**
 * Transforms a scalar function into the function computing its Hessian, the matrix of second derivatives.
 *
 * @remarks
 * Computed as the {@link jacobian} of the {@link grad}, reverse over reverse. For a quadratic form `xᵀAx` it gives
 * `A + Aᵀ`. Arguments follow the rules of {@link grad}.
 *
 * @param f - A function of tensors returning a one-element tensor.
 * @param options - `argnums`: which argument to differentiate (default 0).
 * @returns A function returning the Hessian, of shape `[...x.shape, ...x.shape]`.
 * @throws {@link ShapeError} When called: if `f` returns more than one element or `argnums` is out of range.
 * @throws {@link DTypeError} When called: if the differentiated argument or the result is an integer tensor.
 *
 * @example
 * ```ts
 * import { hessian, mul, sum } from '@nanograd/autograd';
 * hessian((x) => sum(mul(mul(x, x), x)))([1, 2]).toList(); // [[6, 0], [0, 12]]
 * ```
 * @category Functional
 */
export function hessian(f: TensorFunction, options: JacobianOptions = {}): (...args: TransformInput[]) => Tensor {
  const argnum = options.argnums ?? 0;
  const gradient = (...args: Tensor[]): Tensor => evaluateWithGradient('hessian', f, argnum, args).gradient as Tensor;
  return (...args) => jacobianOf('hessian', gradient, argnum, args);
}
