// Shared pieces of the normalisation ops: a Euclidean norm with a finite gradient at 0, and affine checks.
import { broadcastShapes, DTypeError, formatShape, ShapeError } from '@nanograd/kernels';
import type { Tensor } from '../tensor';
import { greater } from '../ops/elementwise/greater';
import { mul } from '../ops/elementwise/mul';
import { sqrt } from '../ops/elementwise/sqrt';
import { where } from '../ops/elementwise/where';
import { sum } from '../ops/reduce/sum';

/** Throws unless `x` is a float tensor. */
export function assertFloatNorm(name: string, x: Tensor, label: string): void {
  if (x.dtype === 'i32') throw new DTypeError(`${name}: ${label} must be a float tensor (got i32)`);
}

/**
 * `sqrt(Σ x²)` over `axes` (kept), with the double-`where` trick so an all-zero slice has gradient 0, not NaN
 * (`sqrt'(0)` is infinite), matching PyTorch's norm subgradient.
 */
export function safeNorm(x: Tensor, axes: readonly number[]): Tensor {
  const squares = sum(mul(x, x), { axis: axes, keepDims: true });
  const positive = greater(squares, 0);
  return where(positive, sqrt(where(positive, squares, 1)), 0);
}

/** Throws unless `param` (weight or bias) broadcasts to `x`'s shape without enlarging it. */
export function assertAffine(name: string, x: Tensor, param: Tensor, label: string): void {
  assertFloatNorm(name, param, label);
  let fits = param.rank <= x.rank;
  if (fits) {
    try {
      const shape = broadcastShapes(name, x.shape, param.shape);
      fits = shape.every((extent, axis) => extent === x.shape[axis]);
    } catch {
      fits = false;
    }
  }
  if (!fits) throw new ShapeError(`${name}: ${label} ${formatShape(param.shape)} does not broadcast to x ${formatShape(x.shape)}`);
}
