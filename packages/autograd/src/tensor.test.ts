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
