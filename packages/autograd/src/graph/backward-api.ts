// The user-facing entry points of reverse mode: backward (accumulates into .grad) and gradients (returns them).
import { DTypeError, ShapeError, formatShape, type DeviceBuffer } from '@nanograd/kernels';
import { recordAllocations } from './apply';
import { full } from '../create';
import { add } from '../ops/elementwise/add';
import { contiguous } from '../ops/movement/contiguous';
import { copyTensor } from '../internal/copy-tensor';
import type { Tensor } from '../tensor';
import { checkedSeed, propagate, type BackwardOptions } from './backward';
import { GraphError } from './graph-error';
import { noGrad, withGradMode } from './grad-mode';

/**
 * A gradient buffer the sweep allocated and no other leaf took is handed over as is (one buffer to one leaf keeps
 * gradients from aliasing); anything else is copied.
 */
function adoptOrCopy(grad: Tensor, fresh: Set<DeviceBuffer>): Tensor {
  if (grad.offset === 0 && grad.size === grad.buffer.size && grad.isContiguous && fresh.delete(grad.buffer)) return grad;
  return copyTensor(grad);
}

const onesLike = (like: Tensor): Tensor => full(like.shape, 1, { dtype: like.dtype, backend: like.backend });

/**
 * Computes the gradient of `output` with respect to every leaf tensor that requires one and adds it to that
 * leaf's `.grad` (so calling it twice gives exactly twice the gradient).
 *
 * @param output - The result to differentiate; a one-element tensor unless `options.seed` is given.
 * @param options - `seed` (the upstream gradient) and `createGraph` (record the pass for higher derivatives).
 * @throws {@link ShapeError} If `output` has several elements and no seed is given, or the seed's shape differs.
 * @throws {@link GraphError} If `output` does not require gradients or the graph has a cycle.
 *
 * @example
 * ```ts
 * import { backward, mul, sum, tensor } from '@nanograd/autograd';
 * const x = tensor([1, 2, 3], { requiresGrad: true });
 * backward(sum(mul(x, x)));
 * x.grad?.toList(); // [2, 4, 6]
 * ```
 * @category Graph
 */
export function backward(output: Tensor, options: BackwardOptions = {}): void {
  if (!output.requiresGrad) throw new GraphError(`backward: the output (${formatShape(output.shape)}) does not require gradients`);
  if (output.dtype === 'i32') throw new DTypeError('backward: cannot differentiate an integer tensor');
  const createGraph = options.createGraph ?? false;
  const seed = checkedSeed('backward', output, options.seed, onesLike);
  const [grads, fresh] = recordAllocations(() => propagate(output, seed, createGraph, undefined, true));
  withGradMode(createGraph, () => {
    for (const [tensor, grad] of grads) {
      if (tensor.node !== null) continue;
      const owned = createGraph ? contiguous(grad) : adoptOrCopy(grad, fresh);
      tensor.grad = tensor.grad === null ? owned : add(tensor.grad, owned);
    }
  });
}

/**
 * Returns the gradients of `output` with respect to `inputs` without touching any `.grad` (PyTorch's
 * `torch.autograd.grad`). An input that `output` does not depend on gets zeros.
 *
 * @param output - The result to differentiate.
 * @param inputs - Tensors that require gradients.
 * @param options - `seed` and `createGraph`.
 * @returns One gradient per input, each with that input's shape.
 * @throws {@link GraphError} If an input does not require gradients.
 *
 * @example
 * ```ts
 * import { gradients, mul, sum, tensor } from '@nanograd/autograd';
 * const x = tensor([3], { requiresGrad: true });
 * gradients(sum(mul(x, x)), [x])[0]?.toList(); // [6]
 * ```
 * @category Graph
 */
export function gradients(output: Tensor, inputs: readonly Tensor[], options: BackwardOptions = {}): Tensor[] {
  inputs.forEach((input, index) => {
    if (!input.requiresGrad) throw new GraphError(`gradients: input ${index} (${formatShape(input.shape)}) does not require gradients`);
  });
  const createGraph = options.createGraph ?? false;
  if (!output.requiresGrad) return noGrad(() => inputs.map((input) => full(input.shape, 0, { dtype: input.dtype, backend: input.backend })));
  const seed = checkedSeed('gradients', output, options.seed, onesLike);
  const grads = propagate(output, seed, createGraph, new Set(inputs));
  return withGradMode(createGraph, () =>
    inputs.map((input) => grads.get(input) ?? full(input.shape, 0, { dtype: input.dtype, backend: input.backend })),
  );
}

/**
 * Clears a tensor's accumulated gradient (Scheme `zero-grad!`).
 *
 * @param t - The tensor.
 *
 * @example
 * ```ts
 * import { tensor, zeroGrad } from '@nanograd/autograd';
 * const w = tensor([1], { requiresGrad: true });
 * zeroGrad(w);
 * w.grad; // null
 * ```
 * @category Graph
 */
export function zeroGrad(t: Tensor): void {
  t.grad = null;
}

/**
 * Adds `delta` to a tensor's gradient (Scheme `add-to-grad!`), creating it if absent.
 *
 * @param t - The tensor.
 * @param delta - A gradient contribution with `t`'s shape.
 * @throws {@link ShapeError} If the shapes differ.
 *
 * @example
 * ```ts
 * import { addToGrad, tensor } from '@nanograd/autograd';
 * const w = tensor([1, 2], { requiresGrad: true });
 * addToGrad(w, tensor([0.5, 0.5]));
 * w.grad?.toList(); // [0.5, 0.5]
 * ```
 * @category Graph
 */
export function addToGrad(t: Tensor, delta: Tensor): void {
  if (delta.shape.length !== t.shape.length || delta.shape.some((extent, axis) => extent !== t.shape[axis])) {
    throw new ShapeError(`addToGrad: delta shape ${formatShape(delta.shape)} differs from tensor shape ${formatShape(t.shape)}`);
  }
  noGrad(() => {
    t.grad = t.grad === null ? copyTensor(delta) : add(t.grad, delta);
  });
}
