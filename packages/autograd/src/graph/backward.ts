// Reverse-mode sweep: topological order, VJP calls, broadcast reduction in one place, accumulation.
import { formatShape, ShapeError, type DeviceBuffer } from '@nanograd/kernels';
import { withAllocationListener } from './apply';
import { isBuiltinOp } from './define-builtin-op';
import type { Tensor } from '../tensor';
import { GraphError } from './graph-error';
import { withGradMode } from './grad-mode';
import type { OpContext } from './define-op';
import { accumulate, sumToShape } from './accumulate';
import { cast } from '../ops/linalg/cast';

/**
 * Options of {@link backward} and {@link gradients}.
 *
 * @example
 * ```ts
 * import type { BackwardOptions } from '@nanograd/autograd';
 * const options: BackwardOptions = { createGraph: true };
 * ```
 * @category Graph
 */
export interface BackwardOptions {
  /** Gradient of the final result with respect to `output`; required unless `output` has one element. */
  readonly seed?: Tensor;
  /**
   * Record the backward computation itself, so the gradients can be differentiated again (default false; the
   * first-order pass then records nothing).
   */
  readonly createGraph?: boolean;
}

/** Tensors reachable from `root` through graph nodes, inputs before the tensors computed from them. */
function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const state = new Map<Tensor, 1 | 2>(); // 1 = on the current path, 2 = finished
  const stack: { tensor: Tensor; next: number }[] = [{ tensor: root, next: 0 }];
  state.set(root, 1);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as { tensor: Tensor; next: number };
    const inputs = frame.tensor.node?.inputs ?? [];
    if (frame.next < inputs.length) {
      const input = inputs[frame.next++] as Tensor;
      if (!input.requiresGrad) continue;
      const seen = state.get(input);
      if (seen === 1) {
        throw new GraphError(`backward: the graph has a cycle through ${input.node?.def.name ?? 'a leaf'} (${formatShape(input.shape)})`);
      }
      if (seen === undefined) {
        state.set(input, 1);
        stack.push({ tensor: input, next: 0 });
      }
    } else {
      state.set(frame.tensor, 2);
      order.push(frame.tensor);
      stack.pop();
    }
  }
  return order;
}

/** The tensors of `order` (inputs first) from which some target can be reached; only they need gradients. */
function leadingTo(order: readonly Tensor[], targets: ReadonlySet<Tensor>): Set<Tensor> {
  const needed = new Set<Tensor>();
  for (const tensor of order) {
    if (targets.has(tensor) || (tensor.node?.inputs.some((input) => needed.has(input)) ?? false)) needed.add(tensor);
  }
  return needed;
}

/**
 * Runs the sweep from `output` and returns the gradient of every tensor reached; with `targets`, the sweep
 * skips the branches that cannot reach them. With `release` (a first-order sweep without targets) only the leaves'
 * gradients are returned and the sweep's other buffers are freed as soon as it is done with them.
 * @internal
 */
export function propagate(output: Tensor, seed: Tensor, createGraph: boolean, targets?: ReadonlySet<Tensor>, release = false): Map<Tensor, Tensor> {
  const grads = new Map<Tensor, Tensor>([[output, seed]]);
  const order = topologicalOrder(output);
  const needed = targets === undefined ? undefined : leadingTo(order, targets);
  const releaser = release && !createGraph && targets === undefined ? new SweepRelease(grads) : null;
  const sweep = (): void =>
    withGradMode(createGraph, () => {
      for (let position = order.length - 1; position >= 0; position--) {
        const tensor = order[position] as Tensor;
        const node = tensor.node;
        const grad = grads.get(tensor);
        if (node === null || grad === undefined || (needed !== undefined && !needed.has(tensor))) continue;
        const context: OpContext<never> = { inputs: node.inputs, output: tensor, attrs: node.attrs as never };
        const vjp = node.def.vjp;
        if (vjp === undefined) continue;
        releaser?.startNode();
        const inputGrads = vjp(grad, context);
        node.inputs.forEach((input, index) => {
          const inputGrad = inputGrads[index];
          if (!input.requiresGrad || inputGrad === null || inputGrad === undefined) return;
          if (needed !== undefined && !needed.has(input)) return;
          const summed = sumToShape(node.def.name, inputGrad, input.shape);
          // A promoting op (f32 · f64) must still hand an f32 input an f32 gradient.
          const reduced = summed.dtype === input.dtype ? summed : cast(summed, input.dtype);
          const previous = grads.get(input);
          const next = previous === undefined ? reduced : accumulate(previous, reduced);
          releaser?.replace(previous, next);
          grads.set(input, next);
        });
        releaser?.finishNode(tensor, grad, grads, isBuiltinOp(node.def));
      }
    });
  if (releaser === null) sweep();
  else withAllocationListener(releaser.listener, sweep);
  return grads;
}

/**
 * The bookkeeping of a releasing sweep: frees each buffer the sweep allocated itself as soon as no remaining
 * gradient uses it, so later ops reuse warm memory instead of waiting for the garbage collector. A processed
 * tensor's gradient leaves the map (only the leaves' are read afterwards). Around a user-defined VJP nothing is
 * freed: the rule may have kept a tensor.
 */
class SweepRelease {
  // How many entries of the gradient map use each buffer.
  private readonly uses = new Map<DeviceBuffer, number>();
  // Buffers the sweep's ops allocated; `fresh` holds those of the node being processed.
  private readonly owned = new Set<DeviceBuffer>();
  private fresh: DeviceBuffer[] = [];
  private replaced: DeviceBuffer[] = [];
  readonly listener = (buffer: DeviceBuffer): void => {
    this.owned.add(buffer);
    this.fresh.push(buffer);
  };

  constructor(grads: ReadonlyMap<Tensor, Tensor>) {
    for (const grad of grads.values()) this.use(grad, 1);
  }

  private use(grad: Tensor, delta: number): void {
    this.uses.set(grad.buffer, (this.uses.get(grad.buffer) ?? 0) + delta);
  }

  startNode(): void {
    this.fresh = [];
    this.replaced = [];
  }

  /** An input's gradient entry changes from `previous` to `next`. */
  replace(previous: Tensor | undefined, next: Tensor): void {
    this.use(next, 1);
    if (previous === undefined) return;
    this.use(previous, -1);
    this.replaced.push(previous.buffer);
  }

  /** `tensor`'s gradient has been passed on: drop it and free what nothing uses any more. */
  finishNode(tensor: Tensor, grad: Tensor, grads: Map<Tensor, Tensor>, builtin: boolean): void {
    grads.delete(tensor);
    this.use(grad, -1);
    for (const buffer of [grad.buffer, ...this.replaced, ...this.fresh]) {
      if (!builtin) this.owned.delete(buffer);
      else if ((this.uses.get(buffer) ?? 0) === 0 && this.owned.delete(buffer)) {
        this.uses.delete(buffer);
        tensor.backend.free(buffer);
      }
    }
  }
}

/** Returns the seed for `output`, checking shape and dtype. */
export function checkedSeed(name: string, output: Tensor, seed: Tensor | undefined, ones: (like: Tensor) => Tensor): Tensor {
  if (seed === undefined) {
    if (output.size !== 1) {
      throw new ShapeError(`${name}: a non-scalar output (${formatShape(output.shape)}) needs an explicit seed gradient`);
    }
    return ones(output);
  }
  if (seed.shape.length !== output.shape.length || seed.shape.some((extent, axis) => extent !== output.shape[axis])) {
    throw new ShapeError(`${name}: seed shape ${formatShape(seed.shape)} differs from output shape ${formatShape(output.shape)}`);
  }
  return seed;
}
