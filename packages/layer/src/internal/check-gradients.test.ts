import { describe, expect, it } from 'vitest';
import { mul, randn, tensor } from '@nanograd/autograd';
import { checkGradients } from './check-gradients';

describe('checkGradients', () => {
  it('accepts correct gradients and leaves the values unchanged', () => {
    const x = randn([3], { dtype: 'f64', requiresGrad: true });
    const before = Array.from(x.data);
    checkGradients(() => mul(x, x), [x]);
    expect(Array.from(x.data)).toEqual(before);
  });

  it('fails on a wrong gradient and on tensors that are not live float64 storage', () => {
    const x = randn([3], { dtype: 'f64', requiresGrad: true });
    // Detaching one factor halves the analytic gradient of x².
    expect(() => checkGradients(() => mul(x, x.detach()), [x])).toThrow(/analytic/);
    const single = tensor([1, 2], { requiresGrad: true });
    expect(() => checkGradients(() => mul(single, single), [single])).toThrow(/not float64/);
  });
});
