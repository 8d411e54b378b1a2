import { describe, expect, it } from 'vitest';
import { tensor } from './create';

describe('Tensor methods delegate to the free functions', () => {
  it('chains like the free functions', () => {
    const x = tensor([[1, 2], [3, 4]], { requiresGrad: true, dtype: 'f64' });
    const loss = x.matmul(x.transpose()).relu().mean();
    expect(loss.item()).toBeCloseTo((5 + 11 + 11 + 25) / 4, 12);
    loss.backward();
    // mean(X Xᵀ) = ¼ Σₖ (Σᵢ Xᵢₖ)², so every row of the gradient is half the column sums.
    expect(x.grad?.toList()).toEqual([[2, 3], [2, 3]]);
    expect(x.softmax().sum({ axis: -1 }).toList()).toEqual([1, 1]);
    expect(x.flatten().shape).toEqual([4]);
    expect(x.pow(2).neg().exp().log().max().item()).toBe(-1);
  });
});

describe('Tensor methods for reductions and movement', () => {
  it('delegate to the free functions, `var` included', async () => {
    const api = await import('./index');
    const x = tensor([[1, 2, 3], [4, 6, 8]], { dtype: 'f64' });
    expect(x.var({ axis: 1 }).toList()).toEqual([1, 4]);
    expect(api.var(x, { axis: 1 }).toList()).toEqual([1, 4]);
    expect(x.argmax({ axis: 1 }).toList()).toEqual([2, 2]);
    expect(x.min().item()).toBe(1);
    expect(x.prod({ axis: 0 }).toList()).toEqual([4, 12, 24]);
    expect(x.unsqueeze(0).shape).toEqual([1, 2, 3]);
    expect(x.unsqueeze(0).squeeze().shape).toEqual([2, 3]);
    expect(x.narrow(1, 1, 2).contiguous().toList()).toEqual([[2, 3], [6, 8]]);
    expect(x.broadcastTo([2, 2, 3]).shape).toEqual([2, 2, 3]);
    expect(x.cast('f32').dtype).toBe('f32');
    expect(x.neg().abs().square().sqrt().clamp({ max: 5 }).toList()).toEqual([[1, 2, 3], [4, 5, 5]]);
  });
});
