import { describe, expect, it } from 'vitest';
import { ShapeError } from '@nanograd/kernels';
import { tensor, zeros } from '../create';
import { mul } from '../ops/elementwise/mul';
import { transpose } from '../ops/linalg/transpose';
import { assign } from './assign';
import { GraphError } from './graph-error';

describe('assign', () => {
  it('overwrites a leaf in place, broadcasting and casting the value', () => {
    const w = tensor([[1, 2, 3], [4, 5, 6]], { requiresGrad: true });
    const storage = w.data;
    assign(w, tensor([7, 8, 9], { dtype: 'f64' }));
    expect(w.toList()).toEqual([[7, 8, 9], [7, 8, 9]]);
    expect(w.data).toBe(storage);
    assign(w, 0.5);
    expect(w.toList()).toEqual([[0.5, 0.5, 0.5], [0.5, 0.5, 0.5]]);
    expect(w.requiresGrad).toBe(true);
    expect(w.node).toBeNull();
  });

  it('writes through a view into its base storage', () => {
    const base = zeros([2, 3]);
    assign(transpose(base), tensor([[1, 2], [3, 4], [5, 6]]));
    expect(base.toList()).toEqual([[1, 3, 5], [2, 4, 6]]);
  });

  it('rejects shapes that do not broadcast and graph results', () => {
    expect(() => assign(zeros([2, 3]), tensor([1, 2]))).toThrow(new ShapeError('assign: value shape 2 does not broadcast to target shape 2x3'));
    const x = tensor([1, 2], { requiresGrad: true });
    expect(() => assign(mul(x, 2), tensor([0, 0]))).toThrow(GraphError);
  });
});
