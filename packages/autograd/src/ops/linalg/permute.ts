import { formatShape, normalizeAxis, ShapeError } from '@nanograd/kernels';
import { apply } from '../../graph/apply';
import { defineView } from '../../graph/define-builtin-op';
import type { Tensor } from '../../tensor';

// The gradient of a permutation is the inverse permutation of the gradient.
const permuteDef = defineView<{ axes: readonly number[] }>({
  name: 'permute',
  layout: (x, { axes }) => ({
    shape: axes.map((axis) => x.shape[axis] as number),
    strides: axes.map((axis) => x.strides[axis] as number),
    offset: x.offset,
  }),
  vjp: (grad, { attrs: { axes } }) => [permute(grad, inversePermutation(axes))],
});

/** The permutation that undoes `axes`. */
function inversePermutation(axes: readonly number[]): number[] {
  const inverse = new Array<number>(axes.length);
  axes.forEach((axis, position) => {
    inverse[axis] = position;
  });
  return inverse;
}

/** Checks that `axes` reorders every axis exactly once and returns them non-negative. */
function normalizePermutation(name: string, axes: readonly number[], shape: readonly number[]): number[] {
  const rank = shape.length;
  if (axes.length !== rank) {
    throw new ShapeError(`${name}: axes [${axes.join(', ')}] do not reorder the ${rank} axes of shape ${formatShape(shape)}`);
  }
  const normalized = axes.map((axis) => normalizeAxis(name, axis, rank));
  if (new Set(normalized).size !== rank) {
    throw new ShapeError(`${name}: axes [${axes.join(', ')}] repeat an axis of shape ${formatShape(shape)}`);
  }
  return normalized;
}

/**
 * Reorders the axes of `x` without copying: axis `i` of the result is axis `axes[i]` of `x`.
 *
 * @remarks
 * The result is a strided view sharing `x`'s storage. Its gradient is the inverse permutation of the incoming
 * gradient, so it is differentiable to any order.
 *
 * @param x - Input.
 * @param axes - A permutation of `0 … rank-1`; negative values count from the end.
 * @returns A view of `x` with shape `axes.map((axis) => x.shape[axis])`.
 * @throws {@link ShapeError} If `axes` is not a permutation of the axes of `x`.
 *
 * @example
 * ```ts
 * import { permute, zeros } from '@nanograd/autograd';
 * permute(zeros([2, 3, 4]), [2, 0, 1]).shape; // [4, 2, 3]
 * ```
 * @category Movement
 */
export function permute(x: Tensor, axes: readonly number[]): Tensor {
  const normalized = normalizePermutation('permute', axes, x.shape);
  if (normalized.every((axis, position) => axis === position)) return x;
  return apply(permuteDef, [x], { axes: normalized });
}
