import { formatShape, ShapeError } from '@nanograd/kernels';
import { apply } from '../../graph/apply';
import { defineView } from '../../graph/define-builtin-op';
import { normalizeAxes } from '../../internal/axes';
import type { Tensor } from '../../tensor';
import { reshape } from './reshape';

/**
 * Options of {@link squeeze}.
 *
 * @example
 * ```ts
 * import type { SqueezeOptions } from '@nanograd/autograd';
 * const options: SqueezeOptions = { axis: [0, -1] };
 * ```
 * @category Movement
 */
export interface SqueezeOptions {
  /** Axis or axes to drop, each of extent 1; omitted = every extent-1 axis. */
  readonly axis?: number | readonly number[];
}

interface SqueezeAttrs {
  readonly axes: readonly number[];
}

const squeezeDef = defineView<SqueezeAttrs>({
  name: 'squeeze',
  layout: (x, { axes }) => ({
    shape: x.shape.filter((_, axis) => !axes.includes(axis)),
    strides: x.strides.filter((_, axis) => !axes.includes(axis)),
    offset: x.offset,
  }),
  vjp: (grad, { inputs: [x] }) => [reshape(grad, x!.shape)],
});

/**
 * Drops axes of extent 1, as a view sharing `x`'s storage.
 *
 * @param x - Input.
 * @param options - `axis`: which axes to drop (default: all of extent 1).
 * @returns A view without those axes.
 * @throws {@link ShapeError} If a named axis is out of range, repeated, or has an extent other than 1.
 *
 * @example
 * ```ts
 * import { squeeze, tensor } from '@nanograd/autograd';
 * squeeze(tensor([[[1], [2]]])).shape; // [2]
 * ```
 * @see {@link unsqueeze} for the inverse.
 * @category Movement
 */
export function squeeze(x: Tensor, options: SqueezeOptions = {}): Tensor {
  const axes =
    options.axis === undefined
      ? x.shape.flatMap((extent, axis) => (extent === 1 ? [axis] : []))
      : normalizeAxes('squeeze', options.axis, x.rank);
  const wide = axes.find((axis) => x.shape[axis] !== 1);
  if (wide !== undefined) {
    throw new ShapeError(`squeeze: axis ${wide} has extent ${x.shape[wide]}, not 1 (${formatShape(x.shape)})`);
  }
  if (axes.length === 0) return x;
  return apply(squeezeDef, [x], { axes });
}
