import { describe, expect, it } from 'vitest';
import { assign, manualSeed, randn, ShapeError, tensor, tensor64 } from '@nanograd/autograd';
import { checkGradients } from './internal/check-gradients';
import { RMSNorm } from './rms-norm';

describe('RMSNorm', () => {
  it('divides by the root mean square and scales by the gain', () => {
    const layer = new RMSNorm(2, { epsilon: 0, dtype: 'f64' });
    expect(layer.weight.toList()).toEqual([1, 1]);
    assign(layer.weight, tensor64([1, 2]));
    const rms = Math.sqrt((9 + 16) / 2);
    const out = layer.forward(tensor([[3, 4]], { dtype: 'f64' })).toList() as number[][];
    expect(out[0]?.[0]).toBeCloseTo(3 / rms, 12);
    expect(out[0]?.[1]).toBeCloseTo((2 * 4) / rms, 12);
    expect([layer.inputSize, layer.outputSize, layer.parameterCount()]).toEqual([2, 2, 2]);
  });

  it('passes a float64 finite-difference check of its parameter gradients', () => {
    manualSeed(2);
    const layer = new RMSNorm(5, { dtype: 'f64' });
    assign(layer.weight, randn([5], { dtype: 'f64' }));
    const x = randn([3, 5], { dtype: 'f64', requiresGrad: true });
    checkGradients(() => layer.forward(x), [layer.weight, x]);
  });

  it('rejects a wrong feature count naming the layer and the shape', () => {
    expect(() => new RMSNorm(3, { name: 'norm' }).forward(tensor([1, 2]))).toThrow(ShapeError);
    expect(() => new RMSNorm(3, { name: 'norm' }).forward(tensor([1, 2]))).toThrow("RMSNorm 'norm': input 2 must end in 3 features");
  });
});
