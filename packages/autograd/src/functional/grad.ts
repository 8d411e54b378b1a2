import type { Tensor } from '../tensor';
import { evaluateWithGradient } from '../internal/functional-gradient';
import type { TensorFunction, TransformInput } from './transform-types';

/**
 * Options of {@link grad} and {@link valueAndGrad}.
 *
 * @example
 * ```ts
 * import type { GradOptions } from '@nanograd/autograd';
 * const both: GradOptions = { argnums: [0, 1] };
 * ```
 * @category Functional
 */
export interface GradOptions {
  /**
   * Index of the argument to differentiate with respect to, or an array of indices (the gradient is then an array
   * in the same order).
   * @defaultValue 0
   */
  readonly argnums?: number | readonly number[];
}

/**
 * Transforms a scalar function into the function computing its gradient (JAX's `grad`).
 *
 * @remarks
 * Every argument is converted to a tensor (numbers and nested arrays become float64) and the differentiated ones
 * are replaced by fresh inputs, so the result never touches any `.grad`. Transforms compose to any order:
 * `grad(grad(f))` is the second derivative, and a function may close over the arguments of an outer transform.
 * The backward pass is recorded only when something outside the call may differentiate the result (a nested
 * transform, a closed-over tensor or an argument that requires gradients): a top-level first-order `grad`
 * returns tensors with `requiresGrad` false.
 *
 * @param f - A function of tensors returning a one-element tensor.
 * @param options - `argnums`: which argument(s) to differentiate (default 0).
 * @returns A function taking the same arguments as `f` (tensors or plain numbers/arrays) and returning the gradient,
 *   shaped like the differentiated argument, or an array of gradients when `argnums` is an array.
 * @throws {@link ShapeError} When called: if `f` returns more than one element or an `argnums` entry is out of range.
 * @throws {@link DTypeError} When called: if a differentiated argument or the result is an integer tensor.
 *
 * @example
 * ```ts
 * import { grad, mul, type Tensor } from '@nanograd/autograd';
 * const cube = (x: Tensor): Tensor => mul(mul(x, x), x);
 * grad(cube)(2).item(); // 12
 * grad(grad(cube))(2).item(); // 12
 * ```
 * @category Functional
 */
export function grad(f: TensorFunction, options?: { readonly argnums?: number }): (...args: TransformInput[]) => Tensor;
export function grad(f: TensorFunction, options: { readonly argnums: readonly number[] }): (...args: TransformInput[]) => Tensor[];
export function grad(f: TensorFunction, options: GradOptions): (...args: TransformInput[]) => Tensor | Tensor[];
export function grad(f: TensorFunction, options: GradOptions = {}): (...args: TransformInput[]) => Tensor | Tensor[] {
  const argnums = options.argnums ?? 0;
  return (...args) => evaluateWithGradient('grad', f, argnums, args).gradient;
}
