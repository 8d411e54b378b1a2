import { backward, mul, noGrad, sum, tensor, tensor32, tensor64, transpose } from '@nanograd/autograd';
import { describe, expect, it } from 'vitest';
import { clipGradNorm } from './clip-grad-norm';

const grads = (...rows: number[][]) =>
  rows.map((row) => {
    const param = tensor64(row.map(() => 0), [row.length], { requiresGrad: true });
    param.grad = tensor64(row, [row.length]);
    return param;
  });

describe('clipGradNorm', () => {
  it('returns the L2 norm over all gradients and scales them to maxNorm', () => {
    const params = grads([3, 0], [0, 4]);
    const gradsBefore = params.map((param) => param.grad);
    expect(clipGradNorm(params, 1)).toBe(5);
    const scale = 1 / (5 + 1e-6);
    expect(params[0]!.grad!.toList()).toEqual([3 * scale, 0]);
    expect(params[1]!.grad!.toList()).toEqual([0, 4 * scale]);
    // In place: the same gradient tensors, now holding the scaled values.
    expect(params.map((param) => param.grad)).toEqual(gradsBefore);
    expect(params[0]!.grad).toBe(gradsBefore[0]);
  });

  it('leaves gradients alone when the norm is already below maxNorm', () => {
    const params = grads([0.3, 0.4]);
    expect(clipGradNorm(params, 1)).toBeCloseTo(0.5, 15);
    expect(params[0]!.grad!.toList()).toEqual([0.3, 0.4]);
  });

  it('supports the infinity norm and other p-norms', () => {
    const params = grads([1, -6], [2]);
    expect(clipGradNorm(params, 3, { normType: Infinity })).toBe(6);
    const scale = 3 / (6 + 1e-6);
    expect(params[0]!.grad!.toList()).toEqual([scale, -6 * scale]);
    expect(params[1]!.grad!.toList()).toEqual([2 * scale]);
    expect(clipGradNorm(grads([1, -2], [3]), 100, { normType: 1 })).toBe(6);
    expect(clipGradNorm(grads([1, 2]), 100, { normType: 3 })).toBeCloseTo(Math.cbrt(9), 14);
  });

  it('skips parameters whose gradient is null and handles zero gradients', () => {
    const [a] = grads([0, 0]);
    const b = tensor64([1], [1], { requiresGrad: true });
    expect(clipGradNorm([a!, b], 1)).toBe(0);
    expect(a!.grad!.toList()).toEqual([0, 0]);
    expect(b.grad).toBeNull();
    expect(clipGradNorm([b], 1)).toBe(0);
    expect(clipGradNorm(b, 1)).toBe(0);
  });

  it('clips f32 gradients from backward and gradients stored as views', () => {
    const w = tensor32([3, 4], [1, 2], { requiresGrad: true });
    backward(sum(mul(w, 0.5)));
    expect(clipGradNorm([w], 0.5)).toBeCloseTo(Math.SQRT1_2, 6);
    expect(w.grad!.dtype).toBe('f32');
    const norm = Math.hypot(...Array.from(w.grad!.data));
    expect(norm).toBeCloseTo(0.5, 5);
    const v = tensor64([0, 0, 0, 0], [2, 2], { requiresGrad: true });
    v.grad = noGrad(() => transpose(tensor64([3, 0, 4, 0], [2, 2])));
    clipGradNorm([v], 1);
    expect(v.grad!.toList()).toEqual([[3 / (5 + 1e-6), 4 / (5 + 1e-6)], [0, 0]]);
  });

  it('validates maxNorm and normType and can refuse non-finite norms', () => {
    expect(() => clipGradNorm(grads([1]), -1)).toThrow('clipGradNorm: maxNorm must be a positive finite number (got -1)');
    expect(() => clipGradNorm(grads([1]), 1, { normType: 0 })).toThrow('clipGradNorm: normType must be positive or Infinity (got 0)');
    expect(() => clipGradNorm(grads([Infinity]), 1, { errorIfNonfinite: true })).toThrow('clipGradNorm: the total norm of order 2 is Infinity');
    expect(clipGradNorm(grads([Number.NaN, 1]), 1)).toBeNaN();
    expect(() => clipGradNorm([tensor([1]), 3 as never], 1)).toThrow('clipGradNorm: parameter 1 is not a Tensor');
  });
});
