import { allocTypedArray, contiguousStrides, DTypeError, formatShape, ShapeError, sizeOf, type Shape } from '@nanograd/kernels';
import { apply } from '../../graph/apply';
import { defineOp, type ComputeOpDef } from '../../graph/define-builtin-op';
import { GraphError } from '../../graph/graph-error';
import { keptShape, normalizeAxes, reducedShape } from '../../internal/axes';
import { expandView } from '../../internal/elementwise';
import { Tensor } from '../../tensor';
import { reshape } from '../movement/reshape';
import type { ReduceOptions } from './sum';

/**
 * Options of {@link reduce}.
 *
 * @example
 * ```ts
 * import type { CustomReduceOptions } from '@nanograd/autograd';
 * const options: CustomReduceOptions = { axis: 1, computeGradient: (values) => values.map(() => 1) };
 * ```
 * @category Reduction
 */
export interface CustomReduceOptions extends ReduceOptions {
  /**
   * Given one group's values and its result, returns `∂result/∂value` for each value, in the same order. Without
   * it the result does not require gradients.
   */
  readonly computeGradient?: (values: number[], result: number) => number[];
}

interface CustomReduceAttrs {
  readonly result: Tensor;
  readonly localGradient: Tensor | null;
  readonly axes: readonly number[];
}

// The local gradient is a constant of the forward values: the backward is linear in grad, and its dependence on
// x is unknown, so a second differentiation through x throws instead of returning a silent zero.
const reduceBackwardDef = defineOp<{ readonly localGradient: Tensor }>({
  name: 'reduce',
  infer: ([grad, x]) => ({ shape: x!.shape, dtype: grad!.dtype }),
  forward: (kernels, [grad], out, { localGradient }) => kernels.binary('mul', expandView('reduce', grad!, out.shape), localGradient.view(), out),
  vjp: () => {
    throw new GraphError('reduce: a custom gradient (computeGradient) is first-order only and cannot be differentiated again');
  },
});

// The reducer already ran in plain JS; the op only hands its results to the graph.
const reduceRule: Omit<ComputeOpDef<CustomReduceAttrs>, 'kind' | 'vjp'> = {
  name: 'reduce',
  infer: (_, { result }) => ({ shape: result.shape, dtype: result.dtype }),
  forward: (kernels, _, out, { result }) => kernels.copy(result.view(), out),
};

const reduceDef = defineOp<CustomReduceAttrs>(reduceRule);

const reduceWithGradientDef = defineOp<CustomReduceAttrs>({
  ...reduceRule,
  vjp: (grad, { inputs: [x], attrs: { localGradient, axes } }) => [
    apply(reduceBackwardDef, [reshape(grad, keptShape(x!.shape, axes)), x!], { localGradient: localGradient as Tensor }),
  ],
});

/** A constant tensor on `like`'s backend holding `values`. */
function constantLike(like: Tensor, values: readonly number[], shape: Shape): Tensor {
  const buffer = like.backend.alloc(like.dtype, sizeOf(shape));
  const source = allocTypedArray(like.dtype, values.length);
  source.set(values);
  like.backend.write(buffer, source);
  return new Tensor(like.backend, buffer, shape, contiguousStrides(shape), 0, false, null);
}

/** Splits the row-major elements of a tensor into the groups a reduction over `axes` combines. */
function groupsOf(values: ArrayLike<number>, shape: Shape, axes: readonly number[]): { values: number[][]; positions: number[][] } {
  const kept = keptShape(shape, axes);
  const count = sizeOf(kept);
  const groups = { values: Array.from({ length: count }, (): number[] => []), positions: Array.from({ length: count }, (): number[] => []) };
  const index = new Array<number>(shape.length).fill(0);
  for (let flat = 0; flat < values.length; flat++) {
    let group = 0;
    for (let axis = 0; axis < shape.length; axis++) group = group * (kept[axis] as number) + (axes.includes(axis) ? 0 : (index[axis] as number));
    groups.values[group]!.push(values[flat] as number);
    groups.positions[group]!.push(flat);
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      index[axis] = (index[axis] as number) + 1;
      if (index[axis]! < (shape[axis] as number)) break;
      index[axis] = 0;
    }
  }
  return groups;
}

/**
 * Reduces `t` with a plain JavaScript function (Scheme `reduce-tensor`): `reducer` receives the values of each
 * group (all elements, or the lanes along `axis`) in row-major order and returns one number.
 *
 * @remarks
 * Runs on the CPU through `t.data`, outside the kernel catalogue; prefer {@link sum}, {@link prod} or
 * {@link max} where they fit. With `computeGradient`, the backward pass multiplies the upstream gradient by the
 * local gradients it returns, taken as constants: the result is differentiable once, and differentiating that
 * gradient again with respect to `t` throws a {@link GraphError}. Without it the result does not require
 * gradients.
 *
 * @param t - Input.
 * @param reducer - Combines one group's values into a number.
 * @param options - `axis`, `keepDims` and `computeGradient`.
 * @returns The reduced tensor, with `t`'s dtype.
 * @throws {@link ShapeError} If an axis is out of range or repeated, or `computeGradient` returns the wrong count.
 * @throws {@link DTypeError} If `reducer` or `computeGradient` returns something other than numbers.
 *
 * @example
 * ```ts
 * import { gradients, reduce, tensor } from '@nanograd/autograd';
 * const x = tensor([1, 2, 3], { requiresGrad: true });
 * const sumOfSquares = reduce(x, (values) => values.reduce((s, v) => s + v * v, 0), {
 *   computeGradient: (values) => values.map((v) => 2 * v),
 * });
 * sumOfSquares.item(); // 14
 * gradients(sumOfSquares, [x])[0]?.toList(); // [2, 4, 6]
 * ```
 * @category Reduction
 */
export function reduce(t: Tensor, reducer: (values: number[]) => number, options: CustomReduceOptions = {}): Tensor {
  const axes = normalizeAxes('reduce', options.axis, t.rank);
  const groups = groupsOf(t.data, t.shape, axes);
  const results = groups.values.map((values) => {
    const result = reducer(values);
    if (typeof result !== 'number') throw new DTypeError(`reduce: the reducer returned ${typeof result}, not a number`);
    return result;
  });
  const result = constantLike(t, results, reducedShape(t.shape, axes, options.keepDims ?? false));
  const { computeGradient } = options;
  if (computeGradient === undefined || t.dtype === 'i32') return apply(reduceDef, [t], { result, localGradient: null, axes });
  const local = new Array<number>(t.size).fill(0);
  groups.values.forEach((values, group) => {
    const gradient = computeGradient(values, results[group] as number);
    if (!Array.isArray(gradient) || gradient.length !== values.length) {
      throw new ShapeError(`reduce: computeGradient must return ${values.length} numbers for a group of ${values.length} (input ${formatShape(t.shape)})`);
    }
    if (gradient.some((entry) => typeof entry !== 'number')) throw new DTypeError('reduce: computeGradient returned a non-number');
    groups.positions[group]!.forEach((flat, position) => (local[flat] = gradient[position] as number));
  });
  return apply(reduceWithGradientDef, [t], { result, localGradient: constantLike(t, local, t.shape), axes });
}
