import { DTypeError, formatShape, promoteDTypes, ShapeError, sizeOf, type Shape } from '@nanograd/kernels';
import { apply } from '../../graph/apply';
import { defineOp } from '../../graph/define-builtin-op';
import { expandView } from '../../internal/elementwise';
import type { Tensor } from '../../tensor';
import { reshape } from '../movement/reshape';
import { cast } from './cast';
import { transpose } from './transpose';

/** Broadcasts the batch axes of two stacks of matrices, or returns null when they do not broadcast. */
function batchShape(a: Shape, b: Shape): number[] | null {
  const rank = Math.max(a.length, b.length);
  const batch: number[] = [];
  for (let axis = 0; axis < rank; axis++) {
    const extentA = axis < rank - a.length ? 1 : (a[axis - (rank - a.length)] as number);
    const extentB = axis < rank - b.length ? 1 : (b[axis - (rank - b.length)] as number);
    if (extentA !== extentB && extentA !== 1 && extentB !== 1) return null;
    batch.push(extentA === 1 ? extentB : extentA);
  }
  return batch;
}

/** The output shape of `(..., m, k) @ (..., k, n)`; both operands have rank 2 or more and were checked. */
function productShape(a: Shape, b: Shape): number[] {
  const batch = batchShape(a.slice(0, -2), b.slice(0, -2)) as number[];
  return [...batch, a[a.length - 2] as number, b[b.length - 1] as number];
}

// Batch axes broadcast through stride-0 views; the engine sums the VJP back down to each operand's batch shape.
const matmulDef = defineOp<void>({
  name: 'matmul',
  infer: ([a, b]) => ({ shape: productShape(a!.shape, b!.shape), dtype: a!.dtype }),
  forward: (kernels, [a, b], out) => {
    const batch = out.shape.slice(0, -2);
    const left = expandView('matmul', a!, [...batch, ...a!.shape.slice(-2)]);
    const right = expandView('matmul', b!, [...batch, ...b!.shape.slice(-2)]);
    kernels.matmul(left, right, out);
  },
  vjp: (grad, { inputs: [a, b] }) => [
    a!.requiresGrad ? matmul(grad, transpose(b!)) : null,
    b!.requiresGrad ? matmul(transpose(a!), grad) : null,
  ],
});

/** Checks ranks, inner extents, batch axes and dtypes, with the caller's original shapes in the messages. */
function checkOperands(a: Tensor, b: Tensor): void {
  // Formatted only when an error is thrown: matmul runs hundreds of times per training step.
  const shapes = (): string => `${formatShape(a.shape)} @ ${formatShape(b.shape)}`;
  if (a.rank === 0 || b.rank === 0) throw new ShapeError(`matmul: both operands need at least one dimension (got ${shapes()})`);
  if (a.dtype === 'i32' || b.dtype === 'i32') throw new DTypeError(`matmul: needs float tensors (got ${a.dtype} @ ${b.dtype})`);
  const inner = a.shape[a.rank - 1] as number;
  const rows = b.shape[b.rank === 1 ? 0 : b.rank - 2] as number;
  if (inner !== rows) throw new ShapeError(`matmul: inner dimensions differ (${shapes()})`);
  if (batchShape(a.shape.slice(0, -2), b.shape.slice(0, -2)) === null) {
    throw new ShapeError(`matmul: batch dimensions cannot be broadcast (${shapes()})`);
  }
}

/** `(..., m, k) @ (k, n)` as one tall GEMM, so its weight gradient is one GEMM too (not a batch of them plus a sum). */
function stackTimesMatrix(left: Tensor, right: Tensor): Tensor {
  const rows = left.shape.slice(0, -1);
  const flat = reshape(left, [sizeOf(rows), left.shape[left.rank - 1] as number]);
  return reshape(apply(matmulDef, [flat, right], undefined), [...rows, right.shape[1] as number]);
}

/**
 * Multiplies matrices, NumPy-style (Scheme `matmul-op`): matrix·matrix, matrix·vector, vector·matrix,
 * vector·vector, and stacks of matrices whose leading (batch) axes broadcast.
 *
 * @remarks
 * A 1-d left operand is treated as a row `(1, k)` and a 1-d right operand as a column `(k, 1)`; the added axis is
 * removed from the result, so vector·vector gives a 0-d tensor. Batch axes broadcast: `(10, 2, 4) @ (4, 3)` gives
 * `(10, 2, 3)` and `(2, 1, 3, 4) @ (5, 4, 2)` gives `(2, 5, 3, 2)`. Operands of different float dtypes are promoted to
 * the wider one with a differentiable {@link cast} (f32 @ f64 gives f64; the f32 operand's gradient is f32). The
 * gradient is written with `matmul` and {@link transpose}, so it is differentiable to any order.
 *
 * @param a - Left operand, at least 1-d.
 * @param b - Right operand, at least 1-d.
 * @returns The product, of shape `[...batch, m, n]` minus the axes added for 1-d operands.
 * @throws {@link ShapeError} If an operand is 0-d, the inner dimensions differ or the batch axes do not broadcast.
 * @throws {@link DTypeError} If an operand is an integer tensor.
 *
 * @example
 * ```ts
 * import { matmul, tensor } from '@nanograd/autograd';
 * matmul(tensor([[1, 2], [3, 4]]), tensor([[5], [6]])).toList(); // [[17], [39]]
 * matmul(tensor([1, 2]), tensor([3, 4])).item(); // 11
 * ```
 * @category Linalg
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  checkOperands(a, b);
  const dtype = promoteDTypes(a.dtype, b.dtype);
  const left = a.rank === 1 ? reshape(cast(a, dtype), [1, a.shape[0] as number]) : cast(a, dtype);
  const right = b.rank === 1 ? reshape(cast(b, dtype), [b.shape[0] as number, 1]) : cast(b, dtype);
  const product = left.rank > 2 && right.rank === 2 ? stackTimesMatrix(left, right) : apply(matmulDef, [left, right], undefined);
  if (a.rank > 1 && b.rank > 1) return product;
  const shape = product.shape.slice(0, -2);
  if (a.rank > 1) shape.push(product.shape[product.rank - 2] as number);
  if (b.rank > 1) shape.push(product.shape[product.rank - 1] as number);
  return reshape(product, shape);
}
