import type { Tensor } from '../tensor';
import { evaluateWithGradient } from '../internal/functional-gradient';
import type { GradOptions } from './grad';
import type { TensorFunction, TransformInput } from './transform-types';

/**
 * Transforms a scalar function into one returning both its value and its gradient, from a single forward pass
 * (JAX's `value_and_grad`).
 *
 * @remarks
 * Follows the rules of {@link grad}. The value is cut from the graph unless something outside the call may
 * differentiate it.
 *
 * @param f - A function of tensors returning a one-element tensor.
 * @param options - `argnums`: which argument(s) to differentiate (default 0).
 * @returns A function returning `[value, gradient]`; the gradient is an array when `argnums` is an array.
 * @throws {@link ShapeError} When called: if `f` returns more than one element or an `argnums` entry is out of range.
 * @throws {@link DTypeError} When called: if a differentiated argument or the result is an integer tensor.
 *
 * @example
 * ```ts
 * import { mul, sum, tensor, valueAndGrad } from '@nanograd/autograd';
 * const [value, gradient] = valueAndGrad((x) => sum(mul(x, x)))(tensor([1, 2, 3]));
 * value.item(); // 14
 * gradient.toList(); // [2, 4, 6]
 * ```
 * @category Functional
 */
export function valueAndGrad(f: TensorFunction, options?: { readonly argnums?: number }): (...args: TransformInput[]) => [Tensor, Tensor];
export function valueAndGrad(
  f: TensorFunction,
  options: { readonly argnums: readonly number[] },
): (...args: TransformInput[]) => [Tensor, Tensor[]];
export function valueAndGrad(f: TensorFunction, options: GradOptions): (...args: TransformInput[]) => [Tensor, Tensor | Tensor[]];
export function valueAndGrad(f: TensorFunction, options: GradOptions = {}): (...args: TransformInput[]) => [Tensor, Tensor | Tensor[]] {
  const argnums = options.argnums ?? 0;
  return (...args) => {
    const { value, gradient } = evaluateWithGradient('valueAndGrad', f, argnums, args);
    return [value, gradient];
  };
}
