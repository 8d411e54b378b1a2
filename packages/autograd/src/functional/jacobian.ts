import type { Tensor } from '../tensor';
import { jacobianOf } from '../internal/functional-jacobian';
import type { TensorFunction, TransformInput } from './transform-types';

/**
 * Options of {@link jacobian} and {@link hessian}.
 *
 * @example
 * ```ts
 * import type { JacobianOptions } from '@nanograd/autograd';
 * const second: JacobianOptions = { argnums: 1 };
 * ```
 * @category Functional
 */
export interface JacobianOptions {
  /**
   * Index of the argument to differentiate with respect to.
   * @defaultValue 0
   */
  readonly argnums?: number;
}

/**
 * Transforms a function into the function computing its Jacobian (JAX's `jacrev`).
 *
 * @remarks
 * Built row by row in reverse mode, one pullback of a one-hot cotangent per output element, which suits outputs
 * no larger than the input. Arguments follow the rules of {@link grad}. The rows are stacked with a
 * differentiable op, so the Jacobian can itself be differentiated when nested in another transform.
 *
 * @param f - A function of tensors returning a tensor of any shape.
 * @param options - `argnums`: which argument to differentiate (default 0).
 * @returns A function returning the Jacobian, of shape `[...f(x).shape, ...x.shape]`.
 * @throws {@link ShapeError} When called: if `argnums` is out of range.
 * @throws {@link DTypeError} When called: if the differentiated argument or the result is an integer tensor.
 *
 * @example
 * ```ts
 * import { jacobian, mul } from '@nanograd/autograd';
 * jacobian((x) => mul(x, x))([1, 2]).toList(); // [[2, 0], [0, 4]]
 * ```
 * @category Functional
 */
export function jacobian(f: TensorFunction, options: JacobianOptions = {}): (...args: TransformInput[]) => Tensor {
  const argnum = options.argnums ?? 0;
  return (...args) => jacobianOf('jacobian', f, argnum, args);
}
