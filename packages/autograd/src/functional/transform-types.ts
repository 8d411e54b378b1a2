// The public types of the functional transforms.
import type { TypedArray } from '@nanograd/kernels';
import type { NestedArray } from '../create';
import type { Tensor } from '../tensor';

/**
 * What the functional transforms accept as an argument: a tensor, or plain numbers, nested arrays or a typed
 * array (converted with {@link tensor}; numbers and nested arrays become float64).
 *
 * @example
 * ```ts
 * import type { TransformInput } from '@nanograd/autograd';
 * const inputs: TransformInput[] = [2, [1, 2, 3], new Float32Array([0.5])];
 * ```
 * @category Functional
 */
export type TransformInput = Tensor | NestedArray | TypedArray;

/**
 * A function the transforms differentiate: tensors in, a tensor out.
 *
 * @example
 * ```ts
 * import { mul, type TensorFunction } from '@nanograd/autograd';
 * const square: TensorFunction = (x) => mul(x, x);
 * ```
 * @category Functional
 */
export type TensorFunction = (...args: Tensor[]) => Tensor;

/**
 * A user-written backward function: receives the output's gradient, then the inputs, then the output, and returns
 * one gradient per input (`null` where none flows; a lone tensor when there is one input). Written with tensor
 * ops, it is differentiable again.
 *
 * @example
 * ```ts
 * import { mul, type BackwardFn } from '@nanograd/autograd';
 * const squareBackward: BackwardFn = (grad, x) => mul(mul(grad, x!), 2);
 * ```
 * @category Functional
 */
export type BackwardFn = (grad: Tensor, ...inputsThenOutput: Tensor[]) => Tensor | null | readonly (Tensor | null)[];
