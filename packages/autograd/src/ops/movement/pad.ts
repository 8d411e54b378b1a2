import { formatShape, ShapeError } from '@nanograd/kernels';
import { apply } from '../../graph/apply';
import { defineOp } from '../../graph/define-builtin-op';
import type { Tensor } from '../../tensor';
import { narrow } from './narrow';

/**
 * Options of {@link pad}.
 *
 * @example
 * ```ts
 * import type { PadOptions } from '@nanograd/autograd';
 * const options: PadOptions = { value: -1 };
 * ```
 * @category Movement
 */
export interface PadOptions {
  /** The fill value of the new elements (default 0). */
  readonly value?: number;
}

interface PadAttrs {
  readonly before: readonly number[];
  readonly after: readonly number[];
  readonly value: number;
}

// The adjoint of padding cuts the interior back out: narrow, whose own VJP is pad again.
const padDef = defineOp<PadAttrs>({
  name: 'pad',
  infer: ([x], { before, after }) => ({
    shape: x!.shape.map((extent, axis) => extent + (before[axis] as number) + (after[axis] as number)),
    dtype: x!.dtype,
  }),
  forward: (kernels, [x], out, { before, value }) => {
    if (value !== 0) kernels.fill(out, value); // alloc already zero-fills
    const offset = before.reduce((total, width, axis) => total + width * (out.strides[axis] as number), out.offset);
    kernels.copy(x!, { ...out, shape: x!.shape, offset });
  },
  vjp: (grad, { inputs: [x], attrs: { before } }) => [
    before.reduce((result, start, axis) => narrow(result, axis, start, x!.shape[axis] as number), grad),
  ],
});

/**
 * Surrounds `x` with a constant border (PyTorch `F.pad` in constant mode).
 *
 * @param x - Input.
 * @param padding - Widths as pairs `[before, after]` from the last axis backwards: `[left, right]` pads the last
 *   axis, `[left, right, top, bottom]` the last two. Non-negative integers.
 * @param options - `value`, the fill value.
 * @returns A new tensor, larger by the padding on each axis.
 * @throws {@link ShapeError} If `padding` has an odd length, covers more axes than `x` has, or holds a negative
 *   or non-integer width.
 *
 * @example
 * ```ts
 * import { pad, tensor } from '@nanograd/autograd';
 * pad(tensor([[1, 2]]), [1, 0, 0, 1]).toList(); // [[0, 1, 2], [0, 0, 0]]
 * ```
 * @category Movement
 */
export function pad(x: Tensor, padding: readonly number[], options: PadOptions = {}): Tensor {
  if (padding.length % 2 !== 0 || padding.length > 2 * x.rank) {
    throw new ShapeError(`pad: padding [${padding.join(', ')}] must hold pairs for at most ${x.rank} axes (x ${formatShape(x.shape)})`);
  }
  if (padding.some((width) => !Number.isInteger(width) || width < 0)) {
    throw new ShapeError(`pad: padding widths must be non-negative integers (got [${padding.join(', ')}])`);
  }
  const before = new Array<number>(x.rank).fill(0);
  const after = new Array<number>(x.rank).fill(0);
  for (let pair = 0; pair < padding.length / 2; pair++) {
    before[x.rank - 1 - pair] = padding[2 * pair] as number;
    after[x.rank - 1 - pair] = padding[2 * pair + 1] as number;
  }
  if (padding.every((width) => width === 0)) return x;
  return apply(padDef, [x], { before, after, value: options.value ?? 0 });
}
