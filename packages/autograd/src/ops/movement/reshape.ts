import { contiguousStrides, formatShape, ShapeError, sizeOf, type Shape } from '@nanograd/kernels';
import { apply } from '../../graph/apply';
import { defineView } from '../../graph/define-builtin-op';
import type { Tensor } from '../../tensor';
import { contiguous } from './contiguous';

/** Resolves one `-1` extent and checks the element count. */
function resolveShape(input: Shape, requested: Shape): number[] {
  const size = sizeOf(input);
  const unknown = requested.filter((extent) => extent === -1).length;
  if (unknown > 1 || requested.some((extent) => !Number.isInteger(extent) || extent < -1)) {
    throw new ShapeError(`reshape: invalid target shape [${requested.join(', ')}]`);
  }
  const known = requested.reduce((product, extent) => (extent === -1 ? product : product * extent), 1);
  const shape = requested.map((extent) => (extent === -1 ? (known === 0 ? 0 : size / known) : extent));
  if (shape.some((extent) => !Number.isInteger(extent)) || sizeOf(shape) !== size) {
    throw new ShapeError(`reshape: cannot reshape ${formatShape(input)} (${size} elements) to [${requested.join(', ')}]`);
  }
  return shape;
}

const reshapeDef = defineView<{ shape: Shape }>({
  name: 'reshape',
  layout: (x, { shape }) => ({ shape, strides: contiguousStrides(shape), offset: x.offset }),
  vjp: (grad, { inputs: [x] }) => [reshape(grad, x!.shape)],
});

/**
 * Gives `x` a new shape with the same elements in row-major order; a view when `x` is contiguous, a copy
 * otherwise.
 *
 * @param x - Input.
 * @param shape - Target extents; one may be `-1`, inferred from the element count.
 * @returns The reshaped tensor.
 * @throws {@link ShapeError} If the element counts differ.
 *
 * @example
 * ```ts
 * import { reshape, arange } from '@nanograd/autograd';
 * reshape(arange(6), [2, -1]).shape; // [2, 3]
 * ```
 * @category Movement
 */
export function reshape(x: Tensor, shape: Shape): Tensor {
  const target = resolveShape(x.shape, shape);
  if (target.length === x.shape.length && target.every((extent, axis) => extent === x.shape[axis])) return x;
  const source = x.isContiguous ? x : contiguous(x);
  return apply(reshapeDef, [source], { shape: target });
}
