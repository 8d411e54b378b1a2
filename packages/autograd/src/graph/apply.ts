// The one door every op goes through: shape check, allocation, kernel call, graph recording.
import { BackendError, contiguousStrides, sizeOf, type Backend, type DeviceBuffer } from '@nanograd/kernels';
import { getBackend } from '../backend';
import { Tensor } from '../tensor';
import type { OpDef } from './define-op';
import type { GradNode } from './grad-node';
import { isGradEnabled } from './grad-mode';

/**
 * Applies an op to its inputs: checks shapes with the op's rule, allocates the output on the inputs' backend,
 * runs the kernels, and records a graph node when gradients are tracked.
 *
 * @param def - The op definition from {@link defineOp} or {@link defineView}.
 * @param inputs - The input tensors; all on one backend.
 * @param attrs - The op's attributes.
 * @returns The result tensor.
 * @throws {@link BackendError} If the inputs live on different backends.
 *
 * @example
 * ```ts
 * import { apply, defineOp, mul, tensor } from '@nanograd/autograd';
 * const twiceDef = defineOp<void>({
 *   name: 'twice',
 *   infer: ([x]) => ({ shape: x!.shape, dtype: x!.dtype }),
 *   forward: (kernels, [x], out) => kernels.binary('add', x!, x!, out),
 *   vjp: (grad) => [mul(grad, 2)],
 * });
 * apply(twiceDef, [tensor([1, 2])], undefined).toList(); // [2, 4]
 * ```
 * @category Extending
 */
export function apply<A>(def: OpDef<A>, inputs: readonly Tensor[], attrs: A): Tensor {
  const backend = commonBackend(def.name, inputs);
  const tracked = isGradEnabled() && def.vjp !== undefined && inputs.some((input) => input.requiresGrad);
  const node: GradNode | null = tracked ? { def: def as OpDef<never>, inputs, attrs } : null;
  if (def.kind === 'view') {
    const input = inputs[0] as Tensor;
    const { shape, strides, offset } = def.layout(input, attrs);
    return new Tensor(backend, input.buffer, shape, strides, offset, tracked, node);
  }
  const { shape, dtype } = def.infer(inputs, attrs);
  const buffer = backend.alloc(dtype, sizeOf(shape));
  recorded?.add(buffer);
  allocationListener?.(buffer);
  const out = { buffer, shape, strides: contiguousStrides(shape), offset: 0 };
  def.forward(
    backend.kernels,
    inputs.map((input) => input.view()),
    out,
    attrs,
  );
  return new Tensor(backend, buffer, shape, out.strides, 0, tracked, node);
}

// Called with every buffer an op allocates while a backward sweep that frees its temporaries runs.
let allocationListener: ((buffer: DeviceBuffer) => void) | null = null;

/** Runs `fn` with `listener` told of every op output buffer allocated meanwhile (the previous listener is restored). */
export function withAllocationListener<T>(listener: (buffer: DeviceBuffer) => void, fn: () => T): T {
  const outer = allocationListener;
  allocationListener = listener;
  try {
    return fn();
  } finally {
    allocationListener = outer;
  }
}

// Buffers allocated while a backward sweep records them: the sweep may hand them to leaves without a copy.
let recorded: Set<DeviceBuffer> | null = null;

/** Runs `fn`, returning its result and the set of buffers every op allocated meanwhile. */
export function recordAllocations<T>(fn: () => T): [T, Set<DeviceBuffer>] {
  const outer = recorded;
  const buffers = new Set<DeviceBuffer>();
  recorded = buffers;
  try {
    return [fn(), buffers];
  } finally {
    // A nested sweep's buffers stay out of the outer set: at worst the outer sweep copies them.
    recorded = outer;
  }
}

function commonBackend(name: string, inputs: readonly Tensor[]): Backend {
  const first = inputs[0];
  if (first === undefined) return getBackend();
  for (const input of inputs) {
    if (input.backend !== first.backend) {
      throw new BackendError(`${name}: inputs live on different backends ('${first.backend.name}' and '${input.backend.name}')`);
    }
  }
  return first.backend;
}
