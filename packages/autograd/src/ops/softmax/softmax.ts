import { contiguousStrides, sizeOf, type Backend, type DeviceBuffer, type Kernels, type View } from '@nanograd/kernels';
import { apply } from '../../graph/apply';
import { defineOp } from '../../graph/define-builtin-op';
import { assertFloat, singleAxis } from '../../internal/reduce-checks';
import { broadcastReduced, scalarView } from '../../internal/scratch-views';
import type { Tensor } from '../../tensor';
import { mul } from '../elementwise/mul';
import { sub } from '../elementwise/sub';
import { sum } from '../reduce/sum';

/**
 * Options of {@link softmax} and {@link logSoftmax}.
 *
 * @example
 * ```ts
 * import type { SoftmaxOptions } from '@nanograd/autograd';
 * const options: SoftmaxOptions = { axis: 1 };
 * ```
 * @category Activation
 */
export interface SoftmaxOptions {
  /** The axis to normalise; negative values count from the end (default -1). */
  readonly axis?: number;
}

/**
 * Normalises `x` along `axis` into probabilities that sum to 1.
 *
 * @remarks
 * Subtracts the maximum before `exp`, so large logits do not overflow (logits of ±1000 stay finite).
 * Differentiable to any order.
 *
 * @param x - Logits of any shape (float); a 0-d tensor gives 1.
 * @param options - `axis`.
 * @returns A tensor with the shape and dtype of `x`.
 * @throws {@link ShapeError} If `axis` is outside `[-rank, rank)`.
 * @throws {@link DTypeError} For integer tensors.
 *
 * @example
 * ```ts
 * import { softmax, tensor } from '@nanograd/autograd';
 * softmax(tensor([1, 2, 3])).toList(); // ≈ [0.090, 0.245, 0.665]
 * ```
 * @see {@link logSoftmax} for losses, instead of `log(softmax(x))`.
 * @category Activation
 */
export function softmax(x: Tensor, options: SoftmaxOptions = {}): Tensor {
  assertFloat('softmax', x);
  const axes = singleAxis('softmax', options.axis ?? -1, x.rank);
  return apply(softmaxDef, [x], { axes, backend: x.backend });
}

interface SoftmaxAttrs {
  readonly axes: readonly number[];
  readonly backend: Backend;
}

// One op instead of eight (shift, exp, sum, divide) with a four-op gradient: y · (g − Σ g·y), itself differentiable.
const softmaxDef = defineOp<SoftmaxAttrs>({
  name: 'softmax',
  infer: ([x]) => ({ shape: x!.shape, dtype: x!.dtype }),
  forward: (kernels, [x], out, attrs) => softmaxInto(kernels, attrs, x!, out),
  vjp: (grad, { output, attrs }) => [mul(output, sub(grad, sum(mul(grad, output), { axis: [...attrs.axes], keepDims: true })))],
});

/** exp(x − shift) / Σ exp(x − shift) into `out`; the shift is the maximum along the axis, or 0 where that is ±∞. */
function softmaxInto(kernels: Kernels, attrs: SoftmaxAttrs, x: View, out: View): void {
  if (sizeOf(x.shape) === 0) return;
  const { backend, axes } = attrs;
  const dtype = out.buffer.dtype as 'f32' | 'f64';
  const reducedShape = x.shape.map((extent, axis) => (axes.includes(axis) ? 1 : extent));
  const scratch: DeviceBuffer[] = [];
  const reduced = (): View => {
    const buffer = backend.alloc(dtype, sizeOf(reducedShape));
    scratch.push(buffer);
    return { buffer, shape: reducedShape, strides: contiguousStrides(reducedShape), offset: 0 };
  };
  const infinity = scalarView(backend, dtype, Infinity, reducedShape);
  const zero = scalarView(backend, dtype, 0, reducedShape);
  scratch.push(infinity.buffer, zero.buffer);
  // The shift: the maximum along the axis, or 0 where that maximum is ±∞ (as in logsumexp).
  const shift = reduced();
  const infinite = reduced();
  kernels.reduce('max', x, axes, shift);
  kernels.unary('abs', shift, infinite);
  kernels.binary('equal', infinite, infinity, infinite);
  kernels.where(infinite, zero, shift, shift);
  kernels.binary('sub', x, broadcastReduced(shift, x.shape), out);
  kernels.unary('exp', out, out);
  const total = reduced();
  kernels.reduce('sum', out, axes, total);
  kernels.binary('div', out, broadcastReduced(total, x.shape), out);
  for (const buffer of scratch) backend.free(buffer);
}
