import { formatShape, normalizeAxis, promoteDTypes, ShapeError } from '@nanograd/kernels';
import { apply } from '../../graph/apply';
import { defineOp } from '../../graph/define-builtin-op';
import type { Tensor } from '../../tensor';
import { narrow } from './narrow';

/**
 * Options of {@link concat} and {@link stack}.
 *
 * @example
 * ```ts
 * import type { ConcatOptions } from '@nanograd/autograd';
 * const options: ConcatOptions = { axis: -1 };
 * ```
 * @category Movement
 */
export interface ConcatOptions {
  /** The axis to join along; negative values count from the end (default 0). */
  readonly axis?: number;
}

interface ConcatAttrs {
  readonly axis: number;
}

// Each input's gradient is its window of the output gradient: narrow, a view whose VJP pads back.
const concatDef = defineOp<ConcatAttrs>({
  name: 'concat',
  infer: (inputs, { axis }) => {
    const first = inputs[0] as Tensor;
    const extent = inputs.reduce((total, input) => total + (input.shape[axis] as number), 0);
    return {
      shape: first.shape.map((size, position) => (position === axis ? extent : size)),
      dtype: inputs.map((input) => input.dtype).reduce(promoteDTypes),
    };
  },
  forward: (kernels, inputs, out, { axis }) => {
    let start = 0;
    for (const input of inputs) {
      kernels.copy(input, { ...out, shape: input.shape, offset: out.offset + start * (out.strides[axis] as number) });
      start += input.shape[axis] as number;
    }
  },
  vjp: (grad, { inputs, attrs: { axis } }) => {
    let start = 0;
    return inputs.map((input) => {
      const length = input.shape[axis] as number;
      const piece = narrow(grad, axis, start, length);
      start += length;
      return piece;
    });
  },
});

/**
 * Joins tensors end to end along an existing axis.
 *
 * @param tensors - One or more tensors of equal rank whose extents agree on every other axis.
 * @param options - `axis`.
 * @returns A new tensor whose extent on `axis` is the sum of the inputs' extents, with the widest dtype.
 * @throws {@link ShapeError} If the list is empty, the tensors are 0-d, the ranks differ, or an extent off
 *   `axis` differs.
 *
 * @example
 * ```ts
 * import { concat, tensor } from '@nanograd/autograd';
 * concat([tensor([[1, 2]]), tensor([[3, 4], [5, 6]])]).toList(); // [[1, 2], [3, 4], [5, 6]]
 * ```
 * @see {@link stack} to join along a new axis.
 * @category Movement
 */
export function concat(tensors: readonly Tensor[], options: ConcatOptions = {}): Tensor {
  const first = tensors[0];
  if (first === undefined) throw new ShapeError('concat: needs at least one tensor');
  if (first.rank === 0) throw new ShapeError('concat: cannot join 0-d tensors (use stack)');
  const axis = normalizeAxis('concat', options.axis ?? 0, first.rank);
  for (const t of tensors) {
    if (t.rank !== first.rank || t.shape.some((extent, position) => position !== axis && extent !== first.shape[position])) {
      const shapes = tensors.map((each) => formatShape(each.shape)).join(', ');
      throw new ShapeError(`concat: shapes must agree except on axis ${axis} (${shapes})`);
    }
  }
  return apply(concatDef, tensors, { axis });
}
