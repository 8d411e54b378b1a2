// Broadcast gradients are reduced here, once, instead of in every op's VJP (tinygrad's sum_to).
import { formatShape, type Shape } from '@nanograd/kernels';
import { add } from '../ops/elementwise/add';
import { reshape } from '../ops/movement/reshape';
import { sum } from '../ops/reduce/sum';
import type { Tensor } from '../tensor';
import { GraphError } from './graph-error';

/** Sums `grad` over the axes along which an input of `shape` was broadcast. */
export function sumToShape(name: string, grad: Tensor, shape: Shape): Tensor {
  if (grad.shape.length === shape.length && grad.shape.every((extent, axis) => extent === shape[axis])) return grad;
  const lead = grad.rank - shape.length;
  const axes: number[] = [];
  for (let axis = 0; axis < grad.rank; axis++) {
    const target = axis < lead ? 1 : (shape[axis - lead] as number);
    const extent = grad.shape[axis] as number;
    if (axis < lead || (target === 1 && extent !== 1)) axes.push(axis);
    else if (target !== extent) {
      throw new GraphError(`${name}: gradient of shape ${formatShape(grad.shape)} does not reduce to input shape ${formatShape(shape)}`);
    }
  }
  if (lead < 0) {
    throw new GraphError(`${name}: gradient of shape ${formatShape(grad.shape)} does not reduce to input shape ${formatShape(shape)}`);
  }
  return reshape(sum(grad, { axis: axes, keepDims: true }), shape);
}

/** Adds two gradient contributions. */
export function accumulate(previous: Tensor, next: Tensor): Tensor {
  return add(previous, next);
}
