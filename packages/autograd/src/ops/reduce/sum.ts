import { contiguousStrides } from '@nanograd/kernels';
import { apply } from '../../graph/apply';
import { defineOp } from '../../graph/define-builtin-op';
import { keptShape, normalizeAxes, reducedShape } from '../../internal/axes';
import type { Tensor } from '../../tensor';
import { broadcastTo } from '../movement/broadcast-to';
import { reshape } from '../movement/reshape';

/**
 * Options of the reductions: which axes and whether to keep them with extent 1.
 *
 * @example
 * ```ts
 * import type { ReduceOptions } from '@nanograd/autograd';
 * const options: ReduceOptions = { axis: [0, 2], keepDims: true };
 * ```
 * @category Reduction
 */
export interface ReduceOptions {
  /** Axis or axes to reduce; negative values count from the end; omitted = all axes. */
  readonly axis?: number | readonly number[];
  /** Keep reduced axes with extent 1 (default false). */
  readonly keepDims?: boolean;
}

interface SumAttrs {
  readonly axes: readonly number[];
  readonly keepDims: boolean;
}

const sumDef = defineOp<SumAttrs>({
  name: 'sum',
  infer: ([x], { axes, keepDims }) => ({ shape: reducedShape(x!.shape, axes, keepDims), dtype: x!.dtype }),
  forward: (kernels, [x], out, { axes }) => {
    const shape = keptShape(x!.shape, axes);
    kernels.reduce('sum', x!, axes, { ...out, shape, strides: contiguousStrides(shape) });
  },
  vjp: (grad, { inputs: [x], attrs: { axes } }) => [broadcastTo(reshape(grad, keptShape(x!.shape, axes)), x!.shape)],
});

/**
 * Sums elements over the given axes (all by default).
 *
 * @param x - Input.
 * @param options - `axis` and `keepDims`.
 * @returns The sums; a 0-d tensor when all axes are reduced without `keepDims`.
 * @throws {@link ShapeError} If an axis is out of range or repeated.
 *
 * @example
 * ```ts
 * import { sum, tensor } from '@nanograd/autograd';
 * sum(tensor([[1, 2], [3, 4]]), { axis: 0 }).toList(); // [4, 6]
 * ```
 * @category Reduction
 */
export function sum(x: Tensor, options: ReduceOptions = {}): Tensor {
  const axes = normalizeAxes('sum', options.axis, x.rank);
  return apply(sumDef, [x], { axes, keepDims: options.keepDims ?? false });
}
