// gather and scatterAdd are each other's adjoint: their VJPs call one another, so every order is exact.
import { DTypeError, formatShape, promoteDTypes, ShapeError, type Shape } from '@nanograd/kernels';
import { fromData } from '../create';
import { apply } from '../graph/apply';
import { defineOp } from '../graph/define-builtin-op';
import { Tensor } from '../tensor';

interface IndexAttrs {
  readonly axis: number;
  /** x is known to be all zeros, so the zero-filled out needs no copy of it. */
  readonly zeroBase?: boolean;
}

/** A constant of zeros with `shape`, `like`'s dtype and backend: one stored element read with stride 0. */
function zerosOf(like: Tensor, shape: Shape): Tensor {
  const buffer = like.backend.alloc(like.dtype, 1);
  like.backend.kernels.fill({ buffer, shape: [], strides: [], offset: 0 }, 0);
  return new Tensor(like.backend, buffer, shape, shape.map(() => 0), 0, false, null);
}

const gatherDef = defineOp<IndexAttrs>({
  name: 'gather',
  infer: ([x, index]) => ({ shape: index!.shape, dtype: x!.dtype }),
  forward: (kernels, [x, index], out, { axis }) => kernels.gather(x!, index!, axis, out),
  vjp: (grad, { inputs: [x, index], attrs: { axis } }) => [scatterIntoZeros(x!.shape, index!, grad, axis), null],
});

const scatterAddDef = defineOp<IndexAttrs>({
  name: 'scatterAdd',
  infer: ([x, , updates]) => ({ shape: x!.shape, dtype: promoteDTypes(x!.dtype, updates!.dtype) }),
  forward: (kernels, [x, index, updates], out, { axis, zeroBase }) => {
    if (zeroBase !== true) kernels.copy(x!, out);
    kernels.scatterAdd(updates!, index!, axis, out);
  },
  vjp: (grad, { inputs: [, index], attrs: { axis } }) => [grad, null, gatherUnchecked(grad, index!, axis)],
});

/** Applies gather; indices and shapes must have been checked. */
export function gatherUnchecked(x: Tensor, index: Tensor, axis: number): Tensor {
  return apply(gatherDef, [x, index], { axis });
}

/** Applies scatterAdd; indices and shapes must have been checked. */
/** scatterAdd of `updates` into zeros of `shape` (the VJP of a gather), skipping the copy of the zeros. */
export function scatterIntoZeros(shape: Shape, index: Tensor, updates: Tensor, axis: number): Tensor {
  return apply(scatterAddDef, [zerosOf(updates, shape), index, updates], { axis, zeroBase: true });
}

export function scatterAddUnchecked(x: Tensor, index: Tensor, updates: Tensor, axis: number): Tensor {
  return apply(scatterAddDef, [x, index, updates], { axis });
}

/** Throws unless `index` is an i32 tensor whose entries all lie in `[0, extent)`; `context` is formatted only then. */
export function checkIndices(name: string, index: Tensor, axis: number, extent: number, context: () => string): void {
  if (index.dtype !== 'i32') throw new DTypeError(`${name}: indices must be an i32 tensor (got ${index.dtype})`);
  const values = index.data;
  for (let position = 0; position < values.length; position++) {
    const value = values[position] as number;
    if (value < 0 || value >= extent) {
      throw new ShapeError(`${name}: index ${value} is out of range for axis ${axis} of extent ${extent} (${context()})`);
    }
  }
}

/** Converts indices given as numbers to an i32 tensor on `like`'s backend, rejecting non-integers. */
export function indexTensor(name: string, indices: Tensor | readonly number[], like: Tensor): Tensor {
  if (indices instanceof Tensor) return indices;
  const bad = indices.find((value) => !Number.isInteger(value));
  if (bad !== undefined) throw new DTypeError(`${name}: indices must be integers (got ${bad})`);
  return fromData(name, indices, [indices.length], 'i32', like.backend);
}

/** Checks the gather/scatter shape rule: same rank, and index no larger than `x` off `axis`. */
export function checkIndexShape(name: string, x: Tensor, index: Tensor, axis: number): void {
  const larger = index.shape.findIndex((extent, position) => position !== axis && extent > (x.shape[position] as number));
  if (index.rank !== x.rank || larger >= 0) {
    throw new ShapeError(
      `${name}: index ${formatShape(index.shape)} must have the rank of x ${formatShape(x.shape)} and be no larger off axis ${axis}`,
    );
  }
}
