import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError } from '@nanograd/kernels';
import { tensor, tensor64 } from '../../create';
import { gradients } from '../../graph/backward-api';
import type { Tensor } from '../../tensor';
import { describeOp } from '../../testing/describe-op';
import { gradgradcheck } from '../../testing/gradcheck';
import { refAt, refBuild, type RefArray } from '../../testing/reference';
import { mul } from '../elementwise/mul';
import { sum } from '../reduce/sum';
import { embedding } from './embedding';
import { gather } from './gather';
import { indexSelect } from './index-select';
import { scatterAdd } from './scatter-add';

/** An i32 index tensor; gradcheck holds it fixed. */
const castInt = (values: readonly number[], shape: readonly number[]): Tensor => tensor([...values], { dtype: 'i32' }).reshape(shape);
const ints = (values: readonly number[], shape: readonly number[]) => (): Tensor => castInt(values, shape);

const refGather = (x: RefArray, index: RefArray, axis: number): RefArray =>
  refBuild(index.shape, (position) => refAt(x, position.map((i, d) => (d === axis ? refAt(index, position) : i))));

function refScatterAdd(x: RefArray, index: RefArray, updates: RefArray, axis: number): RefArray {
  const data = Float64Array.from(x.data);
  const strides = x.shape.map((_, d) => x.shape.slice(d + 1).reduce((p, e) => p * e, 1));
  refBuild(index.shape, (position) => {
    const target = position.map((i, d) => (d === axis ? refAt(index, position) : i));
    const flat = target.reduce((offset, i, d) => offset + i * strides[d]!, 0);
    data[flat] = data[flat]! + refAt(updates, position);
    return 0;
  });
  return { shape: x.shape, data };
}

describeOp('gather', {
  fn: (x, index) => gather(x!, index!, { axis: 1 }),
  reference: (x, index) => refGather(x!, index!, 1),
  samples: [
    { label: 'rows pick columns, with repeats', inputs: [[2, 3], ints([2, 0, 2, 1, 1, 1, 0, 2], [2, 4])] },
    { label: 'index smaller off axis', inputs: [[3, 3], ints([0, 2], [2, 1])] },
  ],
  errors: [
    { label: 'index out of range', inputs: [[2, 3], ints([0, 3], [2, 1])], message: 'gather: index 3 is out of range for axis 1 of extent 3 (x 2x3, index 2x1)', type: ShapeError },
    { label: 'negative index', inputs: [[2, 3], ints([-1], [1, 1])], message: 'index -1 is out of range', type: ShapeError },
    { label: 'float index', inputs: [[2, 3], [2, 1]], message: 'gather: indices must be an i32 tensor (got f64)', type: DTypeError },
    { label: 'rank mismatch', inputs: [[2, 3], ints([0], [1])], message: 'gather: index 1 must have the rank of x 2x3', type: ShapeError },
    { label: 'index larger off axis', inputs: [[2, 3], ints([0, 0, 0], [3, 1])], message: 'index 3x1 must have the rank of x 2x3 and be no larger off axis 1', type: ShapeError },
  ],
});
describeOp('gather', {
  fn: (x, index) => gather(x!, index!, { axis: -3 }),
  reference: (x, index) => refGather(x!, index!, 0),
  samples: [{ label: 'axis -3', inputs: [[3, 2, 2], ints([2, 0, 1, 1, 0, 0, 0, 2], [2, 2, 2])] }],
});
describeOp('scatterAdd', {
  fn: (x, index, updates) => scatterAdd(x!, index!, updates!, { axis: 0 }),
  reference: (x, index, updates) => refScatterAdd(x!, index!, updates!, 0),
  samples: [
    { label: 'repeated rows accumulate', inputs: [[3, 2], ints([0, 2, 0, 0, 2, 1], [3, 2]), [3, 2]] },
    { label: 'vector', inputs: [[4], ints([3, 3, 1], [3]), [3]] },
  ],
  errors: [
    { label: 'index out of range', inputs: [[3], ints([3], [1]), [1]], message: 'scatterAdd: index 3 is out of range for axis 0 of extent 3 (x 3, index 1)', type: ShapeError },
    { label: 'updates shape', inputs: [[3], ints([0], [1]), [2]], message: 'scatterAdd: updates 2 must have the shape of index 1', type: ShapeError },
  ],
});
describeOp('indexSelect', {
  fn: (x) => indexSelect(x!, 1, [2, 0, 2]),
  reference: (x) => refBuild([x!.shape[0]!, 3, ...x!.shape.slice(2)], (index) => refAt(x!, index.map((i, d) => (d === 1 ? [2, 0, 2][i]! : i)))),
  samples: [{ inputs: [[2, 3]] }, { inputs: [[2, 4, 2]] }],
  errors: [
    { label: 'index out of range', inputs: [[2, 2]], message: 'indexSelect: index 2 is out of range for axis 1 of extent 2 (x 2x2)', type: ShapeError },
    { label: 'axis out of range', inputs: [[3]], message: 'indexSelect: axis 1 is out of range for rank 1', type: ShapeError },
  ],
});
describeOp('indexSelect', {
  fn: (x, indices) => indexSelect(x!, -1, indices!),
  reference: (x, indices) => refBuild([...x!.shape.slice(0, -1), indices!.data.length], (index) => refAt(x!, [...index.slice(0, -1), indices!.data[index[index.length - 1]!]!])),
  samples: [{ label: 'i32 tensor indices', inputs: [[3, 2], ints([1, 1, 0, 1], [4])] }],
  errors: [
    { label: '2-d indices', inputs: [[3, 2], ints([0, 1], [1, 2])], message: 'indexSelect: indices must be 1-d (got 1x2)', type: ShapeError },
    { label: 'float indices', inputs: [[3, 2], [2]], message: 'indexSelect: indices must be an i32 tensor (got f64)', type: DTypeError },
  ],
});
describeOp('embedding', {
  fn: (weight, indices) => embedding(weight!, indices!),
  reference: (weight, indices) => refBuild([...indices!.shape, weight!.shape[1]!], (index) => refAt(weight!, [refAt(indices!, index.slice(0, -1)), index[index.length - 1]!])),
  samples: [
    { label: '2-d indices with repeats', inputs: [[4, 3], ints([3, 0, 3, 3, 1, 0], [2, 3])] },
    { label: '0-d index', inputs: [[2, 2], ints([1], [])] },
  ],
  errors: [
    { label: 'index out of range', inputs: [[4, 3], ints([0, 4], [2])], message: 'embedding: index 4 is out of range for axis 0 of extent 4 (weight 4x3)', type: ShapeError },
    { label: '3-d weight', inputs: [[2, 2, 2], ints([0], [1])], message: 'embedding: weight must be 2-d (V, D) (got 2x2x2)', type: ShapeError },
  ],
});
describeOp('embedding', {
  fn: (weight) => embedding(weight!, [1.5]),
  reference: (weight) => weight!,
  samples: [],
  errors: [{ label: 'non-integer index', inputs: [[2, 2]], message: 'embedding: indices must be integers (got 1.5)', type: DTypeError }],
});

describe('indexing gradients', () => {
  it('embedding accumulates the gradient of repeated indices', () => {
    const weight = tensor64([1, 2, 3, 4, 5, 6], [3, 2], { requiresGrad: true });
    const rows = embedding(weight, [2, 0, 2, 2]);
    expect(rows.toList()).toEqual([[5, 6], [1, 2], [5, 6], [5, 6]]);
    const [grad] = gradients(sum(mul(rows, tensor64([1, 1, 10, 10, 100, 100, 1000, 1000], [4, 2]))), [weight]);
    expect(grad?.toList()).toEqual([[10, 10], [0, 0], [1101, 1101]]);
  });

  it('gather and scatterAdd are differentiable to any order in the float input', () => {
    const index = castInt([1, 1, 0], [3]);
    gradgradcheck((x) => mul(gather(x, index, { axis: 0 }), gather(x, index, { axis: 0 })), [tensor64([0.5, -1.5])]);
    gradgradcheck((x, u) => mul(scatterAdd(x, index, u, { axis: 0 }), scatterAdd(x, index, u, { axis: 0 })), [tensor64([1, 2]), tensor64([0.5, -1, 2])]);
    const weight = tensor64([1, 2, 3, 4], [2, 2], { requiresGrad: true });
    const [first] = gradients(sum(mul(embedding(weight, [1, 1]), embedding(weight, [1, 1]))), [weight], { createGraph: true });
    expect(first?.toList()).toEqual([[0, 0], [12, 16]]);
    const [second] = gradients(sum(first!), [weight]);
    expect(second?.toList()).toEqual([[0, 0], [4, 4]]);
  });
});
