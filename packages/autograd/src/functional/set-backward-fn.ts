import { DTypeError } from '@nanograd/kernels';
import { defineOp } from '../graph/define-op';
import { GraphError } from '../graph/graph-error';
import { Tensor } from '../tensor';
import { userVjp } from '../internal/functional-backward';
import type { BackwardFn } from './transform-types';

/**
 * Makes an existing tensor a graph node over `inputs` whose gradient rule is `fn` (Scheme `set-backward-fn!`, the
 * low-level hook; prefer {@link customVjp}).
 *
 * @remarks
 * Unlike the Scheme egg, whose backward thunk adds into the inputs' gradients itself, `fn` receives `(grad,
 * ...inputs, t)` and returns one gradient per input (`null` where none flows, a lone tensor for one input); the
 * engine accumulates them. Write `fn` with tensor ops so higher derivatives work. `t` keeps its values, stops
 * being a leaf, and requires gradients when any input does. Making `t` depend on itself, directly or through its
 * inputs, makes {@link backward} throw a {@link GraphError} about a cycle.
 *
 * @param t - The tensor to attach the rule to (a float tensor).
 * @param fn - The gradient rule.
 * @param inputs - The tensors `t` was computed from.
 * @returns `t`, for chaining.
 * @throws {@link DTypeError} If `t` is an integer tensor.
 * @throws {@link GraphError} During backward: if `fn` returns the wrong number of gradients or a non-tensor.
 *
 * @example
 * ```ts
 * import { backward, mul, setBackwardFn, tensor } from '@nanograd/autograd';
 * const x = tensor([3], { requiresGrad: true });
 * const y = tensor([9]); // computed outside the graph as x²
 * setBackwardFn(y, (grad, input) => mul(mul(grad, input!), 2), [x]);
 * backward(y);
 * x.grad?.toList(); // [6]
 * ```
 * @category Functional
 */
export function setBackwardFn(t: Tensor, fn: BackwardFn, inputs: readonly Tensor[]): Tensor {
  if (!(t instanceof Tensor)) throw new DTypeError('setBackwardFn: t must be a Tensor');
  if (t.dtype === 'i32') throw new DTypeError('setBackwardFn: integer tensors cannot carry gradients');
  inputs.forEach((input, index) => {
    if (!(input instanceof Tensor)) throw new DTypeError(`setBackwardFn: input ${index} must be a Tensor`);
  });
  const def = defineOp<undefined>({
    name: 'setBackwardFn',
    infer: () => ({ shape: t.shape, dtype: t.dtype }),
    // The node records a value computed elsewhere; there is no forward computation to replay.
    forward: () => {
      throw new GraphError('setBackwardFn: a node attached with setBackwardFn has no forward computation');
    },
    vjp: userVjp('setBackwardFn', fn),
  });
  t.node = { def, inputs: [...inputs], attrs: undefined };
  t.requiresGrad = inputs.some((input) => input.requiresGrad);
  return t;
}
