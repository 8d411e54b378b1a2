import { describe, expect, it } from 'vitest';
import { manualSeed, ones, randn, tensor64, ShapeError } from '@nanograd/autograd';
import { BatchNorm1d, BatchNorm2d } from './batch-norm';
import { checkLayerGradients } from './internal/check-layer-gradients';

function expectClose(actual: ArrayLike<number>, expected: readonly number[], digits = 12): void {
  expect(actual.length).toBe(expected.length);
  Array.from(actual).forEach((value, i) => expect(value).toBeCloseTo(expected[i] as number, digits));
}

describe('BatchNorm1d', () => {
  // Channel 0 holds 1, 3, 5: mean 3, biased variance 8/3, unbiased 4. Channel 1 holds 2, 6, 10: mean 6, 32/3, 16.
  const x = (): ReturnType<typeof tensor64> => tensor64([1, 2, 3, 6, 5, 10], [3, 2]);

  it('normalises with batch statistics and updates running stats as PyTorch (unbiased variance)', () => {
    const layer = new BatchNorm1d(2, { epsilon: 0, dtype: 'f64' });
    const y = layer.forward(x());
    const s0 = Math.sqrt(8 / 3);
    const s1 = Math.sqrt(32 / 3);
    expectClose(y.data, [-2 / s0, -4 / s1, 0, 0, 2 / s0, 4 / s1]);
    expectClose(layer.runningMean.data, [0.3, 0.6]);
    expectClose(layer.runningVar.data, [0.9 + 0.4, 0.9 + 1.6]);
    // A second batch compounds: running = 0.9·running + 0.1·batch.
    layer.forward(x());
    expectClose(layer.runningMean.data, [0.9 * 0.3 + 0.3, 0.9 * 0.6 + 0.6]);
    expectClose(layer.runningVar.data, [0.9 * 1.3 + 0.4, 0.9 * 2.5 + 1.6]);
  });

  it('uses and keeps the running statistics in eval mode, with affine parameters applied', () => {
    const layer = new BatchNorm1d(2, { epsilon: 1e-5, momentum: 0.5, dtype: 'f64' });
    layer.forward(x());
    // momentum 0.5: mean [1.5, 3], var [0.5 + 2, 0.5 + 8].
    expectClose(layer.runningMean.data, [1.5, 3]);
    expectClose(layer.runningVar.data, [2.5, 8.5]);
    layer.weight?.data.set([2, 3]);
    layer.bias?.data.set([0.5, -1]);
    layer.eval();
    expect(layer.training).toBe(false);
    const y = layer.forward(tensor64([4, 1], [1, 2]));
    expectClose(y.data, [2 * (4 - 1.5) / Math.sqrt(2.5 + 1e-5) + 0.5, 3 * (1 - 3) / Math.sqrt(8.5 + 1e-5) - 1]);
    expectClose(layer.runningMean.data, [1.5, 3]);
  });

  it('accepts (N, C, L), registers buffers and parameters, and names itself', () => {
    const layer = new BatchNorm1d(3);
    expect(layer.forward(randn([4, 3, 5])).shape).toEqual([4, 3, 5]);
    expect(layer.namedParameters().map(([name]) => name)).toEqual(['weight', 'bias']);
    expect(layer.namedBuffers().map(([name]) => name)).toEqual(['runningMean', 'runningVar']);
    expect(layer.runningMean.requiresGrad).toBe(false);
    expect(layer.name).toBe('batchNorm1d');
    expect([layer.inputSize, layer.outputSize]).toEqual([3, 3]);
    const plain = new BatchNorm1d(3, { affine: false });
    expect(plain.parameters()).toEqual([]);
    expect(plain.weight).toBeNull();
  });

  it('passes a float64 gradient check in training mode for (N, C) and (N, C, L)', () => {
    manualSeed(0);
    const layer = new BatchNorm1d(2, { dtype: 'f64' });
    layer.weight?.data.set([1.5, -0.5]);
    layer.bias?.data.set([0.2, 0.1]);
    expect(checkLayerGradients(layer, randn([4, 2], { dtype: 'f64' }), { atol: 1e-5, rtol: 1e-4 })).toBe(12);
    expect(checkLayerGradients(layer, randn([3, 2, 3], { dtype: 'f64' }), { atol: 1e-5, rtol: 1e-4 })).toBe(22);
  });

  it('throws ShapeErrors naming the layer', () => {
    const layer = new BatchNorm1d(2);
    expect(() => layer.forward(ones([4, 3]))).toThrow(ShapeError);
    expect(() => layer.forward(ones([4, 3]))).toThrow("BatchNorm1d 'batchNorm1d': expected 2 channels on axis 1, got 4x3");
    expect(() => layer.forward(ones([4]))).toThrow("BatchNorm1d 'batchNorm1d': expected input (N, 2) or (N, 2, L), got 4");
    expect(() => new BatchNorm1d(2, { momentum: 2 })).toThrow('BatchNorm1d: momentum must be in [0, 1] (got 2)');
    expect(() => new BatchNorm1d(0)).toThrow(RangeError);
  });
});

describe('BatchNorm2d', () => {
  it('normalises per channel over batch, height and width and tracks running stats', () => {
    const layer = new BatchNorm2d(2, { epsilon: 0, dtype: 'f64' });
    // Channel 0 values: 1, 2, 3, 4 (mean 2.5, biased var 1.25, unbiased 5/3); channel 1: 0, 0, 4, 4 (2, 4, 16/3).
    const x = tensor64([1, 2, 0, 0, 3, 4, 4, 4], [2, 2, 1, 2]);
    const y = layer.forward(x);
    const a = Math.sqrt(1.25);
    expectClose(y.data, [-1.5 / a, -0.5 / a, -1, -1, 0.5 / a, 1.5 / a, 1, 1]);
    expectClose(layer.runningMean.data, [0.25, 0.2]);
    expectClose(layer.runningVar.data, [0.9 + 0.1 * (5 / 3), 0.9 + 0.1 * (16 / 3)]);
    layer.eval();
    expectClose(layer.forward(x).data, [1, 2, 0, 0, 3, 4, 4, 4].map((v, i) => {
      const channel = Math.floor(i / 2) % 2;
      const mean = [0.25, 0.2][channel] as number;
      const variance = [0.9 + 0.1 * (5 / 3), 0.9 + 0.1 * (16 / 3)][channel] as number;
      return (v - mean) / Math.sqrt(variance);
    }));
  });

  it('passes a float64 gradient check in training mode', () => {
    manualSeed(1);
    const layer = new BatchNorm2d(2, { dtype: 'f64' });
    layer.weight?.data.set([0.7, 1.3]);
    layer.bias?.data.set([-0.3, 0.4]);
    expect(checkLayerGradients(layer, randn([2, 2, 2, 3], { dtype: 'f64' }), { atol: 1e-5, rtol: 1e-4 })).toBe(24 + 4);
  });

  it('throws ShapeErrors naming the layer', () => {
    const layer = new BatchNorm2d(3, { name: 'bn' });
    expect(() => layer.forward(ones([2, 3, 4]))).toThrow("BatchNorm2d 'bn': expected input (N, 3, H, W), got 2x3x4");
    expect(() => layer.forward(ones([2, 4, 4, 4]))).toThrow("BatchNorm2d 'bn': expected 3 channels on axis 1, got 2x4x4x4");
  });
});
