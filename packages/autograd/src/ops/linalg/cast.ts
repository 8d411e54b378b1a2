import { DTYPES, DTypeError, type DType } from '@nanograd/kernels';
import { apply } from '../../graph/apply';
import { defineOp } from '../../graph/define-builtin-op';
import type { Tensor } from '../../tensor';

// Float-to-float casts are differentiable: the gradient is cast back to the input's precision.
const castDef = defineOp<{ dtype: DType }>({
  name: 'cast',
  infer: ([x], { dtype }) => ({ shape: x!.shape, dtype }),
  forward: (kernels, [x], out) => kernels.copy(x!, out),
  vjp: (grad, { inputs: [x] }) => [cast(grad, x!.dtype)],
});

// Casts to or from integers carry no gradient.
const castIntegerDef = defineOp<{ dtype: DType }>({
  name: 'cast',
  infer: ([x], { dtype }) => ({ shape: x!.shape, dtype }),
  forward: (kernels, [x], out) => kernels.copy(x!, out),
});

/**
 * Converts `x` to another element type.
 *
 * @remarks
 * Between `'f32'` and `'f64'` the cast is differentiable to any order: the gradient is cast back to the dtype of
 * `x`. Casting to `'i32'` truncates toward zero and carries no gradient. When `x` already has the dtype, `x`
 * itself is returned.
 *
 * @param x - Input.
 * @param dtype - Target element type: `'f32'`, `'f64'` or `'i32'`.
 * @returns A new tensor with the values of `x` in `dtype`.
 * @throws {@link DTypeError} If `dtype` is not a known element type.
 *
 * @example
 * ```ts
 * import { cast, tensor } from '@nanograd/autograd';
 * cast(tensor([1.5, -2.7]), 'i32').toList(); // [1, -2]
 * ```
 * @category Elementwise
 */
export function cast(x: Tensor, dtype: DType): Tensor {
  if (!DTYPES.includes(dtype)) throw new DTypeError(`cast: unknown dtype '${String(dtype)}' (expected one of ${DTYPES.join(', ')})`);
  if (x.dtype === dtype) return x;
  return apply(dtype === 'i32' || x.dtype === 'i32' ? castIntegerDef : castDef, [x], { dtype });
}
