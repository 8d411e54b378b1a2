import { normalizeAxis } from '@nanograd/kernels';
import { apply } from '../../graph/apply';
import { defineView } from '../../graph/define-builtin-op';
import type { Tensor } from '../../tensor';
import { reshape } from './reshape';

interface UnsqueezeAttrs {
  readonly axis: number;
}

// An extent-1 axis can take any stride, so the input's layout survives untouched.
const unsqueezeDef = defineView<UnsqueezeAttrs>({
  name: 'unsqueeze',
  layout: (x, { axis }) => ({
    shape: [...x.shape.slice(0, axis), 1, ...x.shape.slice(axis)],
    strides: [...x.strides.slice(0, axis), axis < x.rank ? (x.strides[axis] as number) * (x.shape[axis] as number) : 1, ...x.strides.slice(axis)],
    offset: x.offset,
  }),
  vjp: (grad, { inputs: [x] }) => [reshape(grad, x!.shape)],
});

/**
 * Inserts an axis of extent 1, as a view sharing `x`'s storage.
 *
 * @param x - Input.
 * @param axis - Position of the new axis in the result, in `[-(rank + 1), rank]`; negative values count from
 *   the end.
 * @returns A view of rank `x.rank + 1`.
 * @throws {@link ShapeError} If `axis` is out of range.
 *
 * @example
 * ```ts
 * import { tensor, unsqueeze } from '@nanograd/autograd';
 * unsqueeze(tensor([1, 2]), 1).shape; // [2, 1]
 * ```
 * @see {@link squeeze} for the inverse.
 * @category Movement
 */
export function unsqueeze(x: Tensor, axis: number): Tensor {
  return apply(unsqueezeDef, [x], { axis: normalizeAxis('unsqueeze', axis, x.rank + 1) });
}
