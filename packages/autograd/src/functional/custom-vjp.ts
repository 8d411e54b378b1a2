import { DTypeError } from '@nanograd/kernels';
import { apply } from '../graph/apply';
import { defineOp } from '../graph/define-op';
import { noGrad } from '../graph/grad-mode';
import { Tensor } from '../tensor';
import { userVjp } from '../internal/functional-backward';
import { toInput } from '../internal/functional-scope';
import type { BackwardFn, TransformInput } from './transform-types';

/**
 * What {@link customVjp} needs: the forward computation and its gradient rule.
 *
 * @example
 * ```ts
 * import { mul, type CustomVjpSpec } from '@nanograd/autograd';
 * const square: CustomVjpSpec = { forward: (x) => mul(x!, x!), backward: (grad, x) => mul(mul(grad, x!), 2) };
 * ```
 * @category Functional
 */
export interface CustomVjpSpec {
  /** Computes the output from the inputs; its own graph is not recorded. */
  readonly forward: (...inputs: Tensor[]) => Tensor;
  /** Receives `(grad, ...inputs, output)` and returns one gradient per input (a lone tensor for one input). */
  readonly backward: BackwardFn;
  /** Name shown in error messages and graph errors (default `'customVjp'`). */
  readonly name?: string;
}

/**
 * Defines a differentiable function whose gradient is given by a hand-written rule instead of being derived from
 * the forward computation (JAX's `custom_vjp`, PyTorch's `autograd.Function`).
 *
 * @remarks
 * Use it for numerically better gradients, gradient clipping or straight-through estimators. `forward` runs
 * without recording; the result is one graph node over the inputs whose VJP calls `backward(grad, ...inputs,
 * output)`. Gradients may have the output's broadcast shape (the engine sums them down). Write `backward` with
 * tensor ops: it then runs recorded under `createGraph`, so higher derivatives (and nested transforms) use the
 * custom rule too. Arguments that are numbers or nested arrays become float64 tensors.
 *
 * @param spec - `forward`, `backward` and an optional `name`.
 * @returns The function, taking tensors (or plain numbers/arrays) and returning a tensor.
 * @throws {@link GraphError} During backward: if `backward` returns the wrong number of gradients or a non-tensor.
 *
 * @example
 * ```ts
 * import { customVjp, grad, mul, sum, tensor } from '@nanograd/autograd';
 * // The identity, with its gradient scaled by 0.5 on the way back.
 * const damp = customVjp({ forward: (x) => x!, backward: (grad) => mul(grad, 0.5) });
 * grad((x) => sum(damp(x)))(tensor([1, 2], { dtype: 'f64' })).toList(); // [0.5, 0.5]
 * ```
 * @category Functional
 */
export function customVjp(spec: CustomVjpSpec): (...inputs: TransformInput[]) => Tensor {
  const name = spec.name ?? 'customVjp';
  const def = defineOp<{ value: Tensor }>({
    name,
    infer: (_inputs, { value }) => ({ shape: value.shape, dtype: value.dtype }),
    // The value was computed by `spec.forward`; the op only gives it a graph node of its own.
    forward: (kernels, _inputs, out, { value }) => kernels.copy(value.view(), out),
    vjp: userVjp(name, spec.backward),
  });
  return (...args) => {
    const inputs = args.map((arg, index) => toInput(name, arg, `argument ${index}`));
    const value: unknown = noGrad(() => spec.forward(...inputs));
    if (!(value instanceof Tensor)) throw new DTypeError(`${name}: forward must return a Tensor (got ${typeof value})`);
    if (value.dtype === 'i32') return value;
    return apply(def, inputs, { value });
  };
}
