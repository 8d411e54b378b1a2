// An op is defined once, as data: shape rule, kernel call and VJP rule (JAX primitives, PyTorch derivatives.yaml).
import type { DType, Kernels, Shape, Strides, View } from '@nanograd/kernels';
import type { Tensor } from '../tensor';

/**
 * What a VJP rule sees: the op's inputs, its output and its attributes.
 *
 * @example
 * ```ts
 * import type { OpContext } from '@nanograd/autograd';
 * type ScaleContext = OpContext<{ factor: number }>;
 * ```
 * @category Extending
 */
export interface OpContext<A> {
  /** The inputs of the forward call. */
  readonly inputs: readonly Tensor[];
  /** The forward result. */
  readonly output: Tensor;
  /** The attributes of the forward call. */
  readonly attrs: A;
}

/**
 * A vector-Jacobian product rule: given the gradient of the output, returns one gradient per input (`null` where
 * no gradient flows). Gradients may have the output's broadcast shape; the engine sums them down to each input's
 * shape. Written with tensor ops, so the backward pass is itself differentiable.
 *
 * @example
 * ```ts
 * import { mul, type VjpRule } from '@nanograd/autograd';
 * const doubleVjp: VjpRule<void> = (grad) => [mul(grad, 2)];
 * ```
 * @category Extending
 */
export type VjpRule<A> = (grad: Tensor, context: OpContext<A>) => readonly (Tensor | null)[];

/**
 * The result of an op's shape rule: the output's shape and dtype.
 *
 * @example
 * ```ts
 * import type { OpSignature } from '@nanograd/autograd';
 * const signature: OpSignature = { shape: [2, 3], dtype: 'f32' };
 * ```
 * @category Extending
 */
export interface OpSignature {
  /** Output extents. */
  readonly shape: Shape;
  /** Output element type. */
  readonly dtype: DType;
}

/**
 * The layout a view op gives its result over the input's buffer.
 *
 * @example
 * ```ts
 * import type { ViewLayout } from '@nanograd/autograd';
 * const transposed: ViewLayout = { shape: [3, 2], strides: [1, 3], offset: 0 };
 * ```
 * @category Extending
 */
export interface ViewLayout {
  /** Extents of the view. */
  readonly shape: Shape;
  /** Strides of the view, in elements. */
  readonly strides: Strides;
  /** Offset of the view's first element. */
  readonly offset: number;
}

/**
 * An op that computes a new tensor with kernels.
 *
 * @example
 * ```ts
 * import type { ComputeOpDef } from '@nanograd/autograd';
 * type Def = ComputeOpDef<void>;
 * ```
 * @category Extending
 */
export interface ComputeOpDef<A> {
  /** Discriminates compute ops from views. */
  readonly kind: 'compute';
  /** The exported function's name; error messages start with it. */
  readonly name: string;
  /** Checks the inputs and returns the output's shape and dtype; throws `ShapeError` before any allocation. */
  infer(inputs: readonly Tensor[], attrs: A): OpSignature;
  /** Runs the kernels, writing the result into the freshly allocated, contiguous `out`. */
  forward(kernels: Kernels, inputs: readonly View[], out: View, attrs: A): void;
  /** The VJP rule; absent for ops whose output carries no gradient (argmax, comparisons). */
  readonly vjp?: VjpRule<A>;
}

/**
 * An op whose result shares its input's storage (reshape, permute, expand, slice): it only computes new
 * shape, strides and offset.
 *
 * @example
 * ```ts
 * import type { ViewOpDef } from '@nanograd/autograd';
 * type Def = ViewOpDef<{ axes: number[] }>;
 * ```
 * @category Extending
 */
export interface ViewOpDef<A> {
  /** Discriminates views from compute ops. */
  readonly kind: 'view';
  /** The exported function's name; error messages start with it. */
  readonly name: string;
  /** Checks the input and returns the view's layout over the same buffer. */
  layout(input: Tensor, attrs: A): ViewLayout;
  /** The VJP rule. */
  readonly vjp: VjpRule<A>;
}

/**
 * Any op definition.
 *
 * @example
 * ```ts
 * import type { OpDef } from '@nanograd/autograd';
 * const isView = (def: OpDef<unknown>): boolean => def.kind === 'view';
 * ```
 * @category Extending
 */
export type OpDef<A> = ComputeOpDef<A> | ViewOpDef<A>;

/**
 * Declares a compute op. The returned definition is passed to {@link apply} by the op's exported function.
 *
 * @param def - The op's name, shape rule, kernel call and VJP rule.
 * @returns The same definition, typed.
 *
 * @example
 * ```ts
 * import { apply, defineOp, mul, type Tensor } from '@nanograd/autograd';
 * const twiceDef = defineOp<void>({
 *   name: 'twice',
 *   infer: ([x]) => ({ shape: x!.shape, dtype: x!.dtype }),
 *   forward: (kernels, [x], out) => kernels.binary('add', x!, x!, out),
 *   vjp: (grad) => [mul(grad, 2)],
 * });
 * const twice = (x: Tensor): Tensor => apply(twiceDef, [x], undefined);
 * ```
 * @category Extending
 */
export function defineOp<A>(def: Omit<ComputeOpDef<A>, 'kind'>): ComputeOpDef<A> {
  return { kind: 'compute', ...def };
}

/**
 * Declares a view op, whose result shares storage with its input.
 *
 * @param def - The op's name, layout rule and VJP rule.
 * @returns The same definition, typed.
 *
 * @example
 * ```ts
 * import { defineView } from '@nanograd/autograd';
 * const identityView = defineView<void>({
 *   name: 'identityView',
 *   layout: (x) => ({ shape: x.shape, strides: x.strides, offset: x.offset }),
 *   vjp: (grad) => [grad],
 * });
 * ```
 * @category Extending
 */
export function defineView<A>(def: Omit<ViewOpDef<A>, 'kind'>): ViewOpDef<A> {
  return { kind: 'view', ...def };
}
