import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError } from '@nanograd/kernels';
import { tensor, tensor64 } from '../../create';
import { gradients } from '../../graph/backward-api';
import { GraphError } from '../../graph/graph-error';
import { describeOp } from '../../testing/describe-op';
import { gradcheck } from '../../testing/gradcheck';
import { refReduce } from '../../testing/reference';
import { mul } from '../elementwise/mul';
import { reduce } from './reduce';
import { sum } from './sum';

const sumOfSquares = (values: number[]): number => values.reduce((total, value) => total + value * value, 0);
const doubled = (values: number[]): number[] => values.map((value) => 2 * value);

// Without computeGradient the result carries no gradient; the battery checks forward, views and errors.
describeOp('reduce', {
  fn: (x) => reduce(x!, sumOfSquares),
  reference: (x) => refReduce(x!, x!.shape.map((_, axis) => axis), false, (total, value) => total + value * value, 0),
  samples: [{ inputs: [[2, 3]] }, { inputs: [[]] }],
  differentiable: false,
});
describeOp('reduce', {
  fn: (x) => reduce(x!, (values) => Math.max(...values) - Math.min(...values), { axis: [0, 2], keepDims: true }),
  reference: (x) => {
    const high = refReduce(x!, [0, 2], true, Math.max, -Infinity);
    const low = refReduce(x!, [0, 2], true, Math.min, Infinity);
    return { shape: high.shape, data: high.data.map((value, i) => value - low.data[i]!) };
  },
  samples: [{ label: 'range over axes 0 and 2', inputs: [[2, 3, 2]] }],
  differentiable: false,
  errors: [{ label: 'axis out of range', inputs: [[2]], message: 'axis 2 is out of range for rank 1', type: ShapeError }],
});
describeOp('reduce', {
  fn: (x) => reduce(x!, () => Number.NaN, { computeGradient: (values) => values.slice(1) }),
  reference: (x) => x!,
  samples: [],
  errors: [{ label: 'short gradient', inputs: [[3]], message: 'computeGradient must return 3 numbers for a group of 3 (input 3)', type: ShapeError }],
});
describeOp('reduce', {
  fn: (x) => reduce(x!, (): number => JSON.parse('"one"')),
  reference: (x) => x!,
  samples: [],
  errors: [{ label: 'non-number result', inputs: [[3]], message: 'the reducer returned string, not a number', type: DTypeError }],
});

describe('reduce with computeGradient', () => {
  it('multiplies the upstream gradient by the supplied local gradient, per group', () => {
    const x = tensor64([1, 2, 3, 4, 5, 6], [2, 3], { requiresGrad: true });
    const rows = reduce(x, sumOfSquares, { axis: 1, computeGradient: doubled });
    expect(rows.toList()).toEqual([14, 77]);
    const [grad] = gradients(sum(mul(rows, tensor64([1, 10]))), [x]);
    expect(grad?.toList()).toEqual([[2, 4, 6], [80, 100, 120]]);
    gradcheck((t) => reduce(t, sumOfSquares, { axis: 0, computeGradient: doubled }), [tensor64([1, -2, 3, 0.5], [2, 2])]);
  });

  it('passes each group its values and result', () => {
    const seen: [number[], number][] = [];
    reduce(tensor([[1, 2], [3, 4]], { requiresGrad: true }), (values) => values[0]!, {
      axis: 0,
      computeGradient: (values, result) => {
        seen.push([values, result]);
        return values.map(() => 0);
      },
    });
    expect(seen).toEqual([[[1, 3], 1], [[2, 4], 2]]);
  });

  it('does not require gradients without computeGradient', () => {
    expect(reduce(tensor([1, 2], { requiresGrad: true }), sumOfSquares).requiresGrad).toBe(false);
  });

  it('is first-order only: differentiating the gradient again throws GraphError', () => {
    const x = tensor64([1, 2, 3], [3], { requiresGrad: true });
    const [first] = gradients(reduce(x, sumOfSquares, { computeGradient: doubled }), [x], { createGraph: true });
    expect(first?.toList()).toEqual([2, 4, 6]);
    expect(() => gradients(sum(first!), [x])).toThrow(GraphError);
    expect(() => gradients(sum(first!), [x])).toThrow('reduce: a custom gradient (computeGradient) is first-order only');
  });
});
