import { noGrad, tensor32, tensor64, transpose } from '@nanograd/autograd';
import { describe, expect, it } from 'vitest';
import { clipGradValue } from './clip-grad-value';

describe('clipGradValue', () => {
  it('clamps every gradient element into [-clip, clip] in place', () => {
    const a = tensor64([0, 0, 0, 0], [4], { requiresGrad: true });
    a.grad = tensor64([-3, -0.5, 0.5, 2], [4]);
    const before = a.grad;
    clipGradValue([a], 1);
    expect(a.grad.toList()).toEqual([-1, -0.5, 0.5, 1]);
    expect(a.grad).toBe(before);
    const b = tensor32([0, 0], [2], { requiresGrad: true });
    b.grad = tensor32([10, -10], [2]);
    clipGradValue(b, 0.25);
    expect(b.grad.toList()).toEqual([0.25, -0.25]);
  });

  it('skips parameters whose gradient is null (the Scheme egg crashes there)', () => {
    const a = tensor64([0], [1], { requiresGrad: true });
    const b = tensor64([0, 0], [2], { requiresGrad: true });
    b.grad = tensor64([5, -5], [2]);
    expect(() => clipGradValue([a, b], 2)).not.toThrow();
    expect(a.grad).toBeNull();
    expect(b.grad.toList()).toEqual([2, -2]);
  });

  it('clamps gradients stored as views and zero clips', () => {
    const v = tensor64([0, 0, 0, 0], [2, 2], { requiresGrad: true });
    v.grad = noGrad(() => transpose(tensor64([3, -1, 0.5, 7], [2, 2])));
    clipGradValue([v], 1);
    expect(v.grad!.toList()).toEqual([[1, 0.5], [-1, 1]]);
    clipGradValue([v], 0);
    expect(v.grad!.toList()).toEqual([[0, 0], [-0, 0]]);
    expect(() => clipGradValue([v], -1)).toThrow('clipGradValue: clip must be non-negative (got -1)');
  });
});
