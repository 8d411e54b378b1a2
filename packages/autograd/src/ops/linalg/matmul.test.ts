import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError } from '@nanograd/kernels';
import { tensor, tensor32, tensor64 } from '../../create';
import { gradients } from '../../graph/backward-api';
import { describeOp } from '../../testing/describe-op';
import { refAt, refBuild, type RefArray } from '../../testing/reference';
import { contiguous } from '../movement/contiguous';
import { sum } from '../reduce/sum';
import { dot } from './dot';
import { matmul } from './matmul';
import { transpose } from './transpose';

/** Matrix product from the definition, with NumPy's rules for 1-d operands and broadcast batch axes. */
function refMatmul(a: RefArray, b: RefArray): RefArray {
  const left = a.shape.length === 1 ? { shape: [1, ...a.shape], data: a.data } : a;
  const right = b.shape.length === 1 ? { shape: [...b.shape, 1], data: b.data } : b;
  const m = left.shape[left.shape.length - 2] as number;
  const k = left.shape[left.shape.length - 1] as number;
  const n = right.shape[right.shape.length - 1] as number;
  const batchA = left.shape.slice(0, -2);
  const batchB = right.shape.slice(0, -2);
  const rank = Math.max(batchA.length, batchB.length);
  const batch = Array.from({ length: rank }, (_, axis) => {
    const extentA = batchA[axis - (rank - batchA.length)] ?? 1;
    const extentB = batchB[axis - (rank - batchB.length)] ?? 1;
    return Math.max(extentA, extentB);
  });
  const full = refBuild([...batch, m, n], (index) => {
    const lead = index.slice(0, -2);
    const [i, j] = index.slice(-2) as [number, number];
    let total = 0;
    for (let inner = 0; inner < k; inner++) total += refAt(left, [...lead, i, inner]) * refAt(right, [...lead, inner, j]);
    return total;
  });
  const shape = [...batch, ...(a.shape.length > 1 ? [m] : []), ...(b.shape.length > 1 ? [n] : [])];
  return { shape, data: full.data };
}

describeOp('matmul', {
  fn: (a, b) => matmul(a!, b!),
  reference: (a, b) => refMatmul(a!, b!),
  samples: [
    { label: 'matrix @ matrix', inputs: [[2, 3], [3, 4]] },
    { label: 'matrix @ vector', inputs: [[2, 3], [3]] },
    { label: 'vector @ matrix', inputs: [[3], [3, 4]] },
    { label: 'vector @ vector (0-d result)', inputs: [[4], [4]] },
    { label: 'size-1 extents', inputs: [[1, 1], [1, 3]] },
    { label: 'batch @ matrix (10x2x4 @ 4x3)', inputs: [[10, 2, 4], [4, 3]] },
    { label: 'broadcast batches (2x1x3x4 @ 5x4x2)', inputs: [[2, 1, 3, 4], [5, 4, 2]] },
    { label: 'batch @ vector', inputs: [[2, 3, 4], [4]] },
    { label: 'vector @ batch', inputs: [[3], [2, 3, 2]] },
    { label: 'matrix @ batch', inputs: [[2, 3], [2, 3, 2]] },
  ],
  errors: [
    { label: 'inner dimensions that differ', inputs: [[2, 3], [4, 5]], message: 'matmul: inner dimensions differ (2x3 @ 4x5)', type: ShapeError },
    { label: 'vectors of different lengths', inputs: [[3], [4]], message: 'matmul: inner dimensions differ (3 @ 4)', type: ShapeError },
    { label: 'batch axes that do not broadcast', inputs: [[2, 3, 4], [5, 4, 2]], message: 'matmul: batch dimensions cannot be broadcast (2x3x4 @ 5x4x2)', type: ShapeError },
    { label: 'a 0-d operand', inputs: [[], [3]], message: 'matmul: both operands need at least one dimension (got scalar @ 3)', type: ShapeError },
    { label: 'an integer operand', inputs: [() => tensor([[1, 2]], { dtype: 'i32' }), [2, 1]], message: 'matmul: needs float tensors (got i32 @ f64)', type: DTypeError },
  ],
});

describeOp('dot', {
  fn: (a, b) => dot(a!, b!),
  reference: (a, b) => refMatmul(a!, b!),
  samples: [{ inputs: [[4], [4]] }, { label: 'length 1', inputs: [[1], [1]] }],
  errors: [
    { label: 'a matrix', inputs: [[2, 3], [3]], message: 'dot: expects two 1-d tensors (got 2x3 and 3)', type: ShapeError },
    { label: 'a 0-d operand', inputs: [[3], []], message: 'dot: expects two 1-d tensors (got 3 and scalar)', type: ShapeError },
    { label: 'lengths that differ', inputs: [[3], [4]], message: 'dot: lengths differ (3 and 4)', type: ShapeError },
    { label: 'an integer operand', inputs: [() => tensor([1, 2], { dtype: 'i32' }), [2]], message: 'dot: needs float tensors', type: DTypeError },
  ],
});

describe('matmul', () => {
  it('gives the documented shapes', () => {
    const shapeOf = (a: number[], b: number[]): readonly number[] => matmul(tensor64(new Array(a.reduce((p, e) => p * e, 1)).fill(1), a), tensor64(new Array(b.reduce((p, e) => p * e, 1)).fill(1), b)).shape;
    expect(shapeOf([10, 2, 4], [4, 3])).toEqual([10, 2, 3]);
    expect(shapeOf([2, 1, 3, 4], [5, 4, 2])).toEqual([2, 5, 3, 2]);
    expect(shapeOf([3], [3, 4])).toEqual([4]);
    expect(shapeOf([2, 3], [3])).toEqual([2]);
    expect(shapeOf([3], [3])).toEqual([]);
    expect(shapeOf([2, 0], [0, 3])).toEqual([2, 3]);
  });

  it('computes the Scheme notebook values', () => {
    expect(matmul(tensor([[1, 2], [3, 4]]), tensor([[5, 6], [7, 8]])).toList()).toEqual([[19, 22], [43, 50]]);
    expect(matmul(tensor([2, 0], { dtype: 'f64' }), tensor([0, 0], { dtype: 'f64' })).item()).toBe(0);
    expect(dot(tensor([1, 2, 3]), tensor([4, 5, 6])).item()).toBe(32);
  });

  it('promotes f32 @ f64 to f64 and returns each gradient in its operand dtype', () => {
    const a = tensor32([1, 2, 3, 4], [2, 2], { requiresGrad: true });
    const b = tensor64([1, 0.5], [2, 1], { requiresGrad: true });
    const product = matmul(a, b);
    expect(product.dtype).toBe('f64');
    expect(product.toList()).toEqual([[2], [5]]);
    const [gradA, gradB] = gradients(sum(product), [a, b]);
    expect(gradA?.dtype).toBe('f32');
    expect(gradA?.toList()).toEqual([[1, 0.5], [1, 0.5]]);
    expect(gradB?.dtype).toBe('f64');
    expect(gradB?.toList()).toEqual([[4], [6]]);
  });

  it('sums the gradient of a broadcast operand over the batch', () => {
    const a = tensor64([1, 1, 1, 1, 1, 1, 1, 1], [2, 2, 2]);
    const b = tensor64([1, 2, 3, 4], [2, 2], { requiresGrad: true });
    const [grad] = gradients(sum(matmul(a, b)), [b]);
    expect(grad?.toList()).toEqual([[4, 4], [4, 4]]);
  });

  it('multiplies transposed (column-major) views like their contiguous copies', () => {
    const a = tensor64([1, 2, 3, 4, 5, 6], [3, 2]);
    const b = tensor64([1, -1, 2, 0.5, 3, 1], [3, 2]);
    expect(matmul(transpose(a), b).toList()).toEqual(matmul(contiguous(transpose(a)), b).toList());
    expect(matmul(transpose(a), b).toList()).toEqual([[22, 5.5], [28, 6]]);
  });
});
