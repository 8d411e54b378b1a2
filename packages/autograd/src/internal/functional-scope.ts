// Shared machinery of the functional transforms: argument conversion, fresh inputs, and when to record backward.
import { DTypeError, formatShape, ShapeError, type DType } from '@nanograd/kernels';
import { full, tensor } from '../create';
import type { TransformInput } from '../functional/transform-types';
import { apply } from '../graph/apply';
import { gradients } from '../graph/backward-api';
import { defineView } from '../graph/define-builtin-op';
import { detach } from '../graph/detach';
import { isGradEnabled, noGrad, withGradMode } from '../graph/grad-mode';
import { Tensor } from '../tensor';

/** One invocation of a transform: its leaves belong to it, and it is active while it runs. */
export interface Frame {
  readonly name: string;
  readonly scope: { active: boolean };
  /** Whether graph recording was on when the transform was entered (false inside `noGrad`). */
  readonly recording: boolean;
}

// Leaves a transform created, mapped to the scope of the invocation that created them.
const owners = new WeakMap<Tensor, Frame['scope']>();

/** Runs a transform body with recording on, marking its scope active until it returns. */
export function runTransform<T>(name: string, body: (frame: Frame) => T): T {
  const frame: Frame = { name, scope: { active: true }, recording: isGradEnabled() };
  try {
    return withGradMode(true, () => body(frame));
  } finally {
    frame.scope.active = false;
  }
}

/** Converts one argument to a tensor; numbers and nested arrays become `dtype` (float64 by default). */
export function toInput(name: string, value: TransformInput, position: string, dtype: DType = 'f64'): Tensor {
  if (value instanceof Tensor) return value;
  if (typeof value === 'number' || Array.isArray(value)) return tensor(value, { dtype });
  if (ArrayBuffer.isView(value)) return tensor(value);
  throw new DTypeError(`${name}: ${position} must be a Tensor, a number, nested arrays or a typed array`);
}

// An identity view: a fresh graph node standing for an input that already carries a graph.
const transformInputDef = defineView<void>({
  name: 'transformInput',
  layout: (x) => ({ shape: x.shape, strides: x.strides, offset: x.offset }),
  vjp: (grad) => [grad],
});

/**
 * Returns the tensor a transform differentiates with respect to. An input already in a graph (an outer transform
 * differentiates through it) gets an identity node, so gradients keep flowing to the outer graph; any other
 * input becomes a fresh leaf owned by the frame.
 */
export function freshInput(frame: Frame, value: Tensor, position: string): Tensor {
  if (value.dtype === 'i32') throw new DTypeError(`${frame.name}: cannot differentiate with respect to an integer tensor (${position})`);
  if (frame.recording && value.requiresGrad) return apply(transformInputDef, [value], undefined);
  const leaf = detach(value);
  leaf.requiresGrad = true;
  owners.set(leaf, frame.scope);
  return leaf;
}

/** A leaf tensor some other computation may still differentiate with respect to. */
function isForeignLeaf(leaf: Tensor, scope: Frame['scope']): boolean {
  const owner = owners.get(leaf);
  return owner === undefined || (owner !== scope && owner.active);
}

/**
 * Tells whether the backward pass from `roots` must be recorded: only when recording was on and the graph reaches
 * a leaf that is not this frame's own (a user tensor, a closure-captured outer variable, a cotangent being
 * differentiated). A top-level first-order transform then records nothing.
 */
export function needsGraph(frame: Frame, roots: readonly Tensor[]): boolean {
  if (!frame.recording) return false;
  const seen = new Set<Tensor>();
  const pending = roots.filter((root) => root.requiresGrad);
  while (pending.length > 0) {
    const current = pending.pop() as Tensor;
    if (seen.has(current)) continue;
    seen.add(current);
    if (current.node === null) {
      if (isForeignLeaf(current, frame.scope)) return true;
      continue;
    }
    for (const input of current.node.inputs) if (input.requiresGrad && !seen.has(input)) pending.push(input);
  }
  return false;
}

/** Gradients of `output` with respect to `inputs`; zeros when `output` does not depend on them. */
export function gradientsOf(output: Tensor, inputs: readonly Tensor[], seed: Tensor | undefined, createGraph: boolean): Tensor[] {
  if (!output.requiresGrad) return noGrad(() => inputs.map((input) => full(input.shape, 0, { dtype: input.dtype, backend: input.backend })));
  return gradients(output, inputs, seed === undefined ? { createGraph } : { seed, createGraph });
}

/** The value handed back to the caller: cut from the graph unless something outside the frame depends on it. */
export function releasedValue(frame: Frame, value: Tensor): Tensor {
  return needsGraph(frame, [value]) ? value : detach(value);
}

/** Checks what a differentiated function returned; numbers become float64 constants. */
export function checkedOutput(name: string, value: unknown): Tensor {
  if (typeof value === 'number') return tensor(value, { dtype: 'f64' });
  if (!(value instanceof Tensor)) throw new DTypeError(`${name}: the function must return a Tensor (got ${typeof value})`);
  if (value.dtype === 'i32') throw new DTypeError(`${name}: cannot differentiate a function returning an integer tensor`);
  return value;
}

/** Checks that a differentiated function returned one element. */
export function checkedScalar(name: string, value: unknown): Tensor {
  const output = checkedOutput(name, value);
  if (output.size !== 1) {
    throw new ShapeError(`${name}: the function must return a scalar (a one-element tensor), got shape ${formatShape(output.shape)}`);
  }
  return output;
}

/** Checks that `value` has `shape`, for tangents, cotangents and vectors. */
export function checkShape(name: string, what: string, value: Tensor, shape: readonly number[]): void {
  if (value.shape.length !== shape.length || value.shape.some((extent, axis) => extent !== shape[axis])) {
    throw new ShapeError(`${name}: ${what} has shape ${formatShape(value.shape)}, expected ${formatShape(shape)}`);
  }
}

/** Normalises `argnums` against the number of arguments. */
export function checkedArgnums(name: string, argnums: number | readonly number[], count: number): number[] {
  const list = typeof argnums === 'number' ? [argnums] : [...argnums];
  if (list.length === 0) throw new ShapeError(`${name}: argnums must name at least one argument`);
  for (const index of list) {
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new ShapeError(`${name}: argnums ${index} is out of range for ${count} argument${count === 1 ? '' : 's'}`);
    }
  }
  return list;
}
