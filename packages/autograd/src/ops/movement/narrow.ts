import { apply } from '../../graph/apply';
import { defineView } from '../../graph/define-builtin-op';
import { checkedWindow } from '../../internal/movement-range';
import type { Tensor } from '../../tensor';
import { pad } from './pad';

interface NarrowAttrs {
  readonly axis: number;
  readonly start: number;
  readonly length: number;
}

// The adjoint of a window is zero padding around it; pad's own VJP is narrow, so every order stays exact.
const narrowDef = defineView<NarrowAttrs>({
  name: 'narrow',
  layout: (x, { axis, start, length }) => ({
    shape: x.shape.map((extent, position) => (position === axis ? length : extent)),
    strides: x.strides,
    offset: x.offset + start * (x.strides[axis] as number),
  }),
  vjp: (grad, { inputs: [x], attrs: { axis, start, length } }) => {
    const padding = new Array<number>(2 * (x!.rank - axis)).fill(0);
    padding[padding.length - 2] = start;
    padding[padding.length - 1] = (x!.shape[axis] as number) - start - length;
    return [pad(grad, padding)];
  },
});

/**
 * Returns the elements `start … start + length - 1` along one axis, as a view sharing `t`'s storage
 * (PyTorch `narrow`).
 *
 * @param t - Input with at least one axis.
 * @param axis - The axis to cut; negative values count from the end.
 * @param start - First index kept; negative values count from the end.
 * @param length - Number of indices kept.
 * @returns A view with extent `length` on `axis`.
 * @throws {@link ShapeError} If the axis or the window is out of range.
 *
 * @example
 * ```ts
 * import { narrow, tensor } from '@nanograd/autograd';
 * narrow(tensor([[1, 2, 3], [4, 5, 6]]), 1, 1, 2).toList(); // [[2, 3], [5, 6]]
 * ```
 * @see {@link slice} for the first axis, {@link pad} for the adjoint.
 * @category Movement
 */
export function narrow(t: Tensor, axis: number, start: number, length: number): Tensor {
  const window = checkedWindow('narrow', t.shape, axis, start, length);
  if (window.start === 0 && length === t.shape[window.axis]) return t;
  return apply(narrowDef, [t], { ...window, length });
}
