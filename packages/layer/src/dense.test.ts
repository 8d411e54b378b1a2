import { describe, expect, it } from 'vitest';
import { manualSeed, ones, tensor64, ShapeError } from '@nanograd/autograd';
import { GELU, ReLU } from './activations';
import { Dense } from './dense';
import { checkLayerGradients } from './internal/check-layer-gradients';

/** Plain reference: y[j] = Σᵢ x[i] W[i][j] + b[j]. */
function reference(x: number[], w: Float64Array | Float32Array, b: number[], out: number): number[] {
  return Array.from({ length: out }, (_, j) => x.reduce((total, xi, i) => total + xi * (w[i * out + j] as number), b[j] as number));
}

describe('Dense', () => {
  it('computes x W + b with W stored [in, out]', () => {
    manualSeed(0);
    const layer = new Dense(3, 2, { dtype: 'f64' });
    expect(layer.weight.shape).toEqual([3, 2]);
    expect(layer.bias?.toList()).toEqual([0, 0]);
    layer.bias?.data.set([0.5, -1]);
    const x = [1, -2, 3];
    const y = layer.forward(tensor64(x)).toList() as number[];
    const expected = reference(x, layer.weight.data as Float64Array, [0.5, -1], 2);
    y.forEach((value, j) => expect(value).toBeCloseTo(expected[j] as number, 12));
  });

  it('keeps leading axes of N-d input and applies the activation', () => {
    manualSeed(1);
    const layer = new Dense(4, 3, { activation: 'relu', dtype: 'f64' });
    const x = tensor64(Array.from({ length: 24 }, (_, i) => Math.sin(i)), [2, 3, 4]);
    const y = layer.forward(x);
    expect(y.shape).toEqual([2, 3, 3]);
    const rows = y.toList() as number[][][];
    const data = x.toList() as number[][][];
    for (let a = 0; a < 2; a++) {
      for (let b = 0; b < 3; b++) {
        const expected = reference(data[a]![b]!, layer.weight.data as Float64Array, [0, 0, 0], 3).map((v) => Math.max(v, 0));
        rows[a]![b]!.forEach((value, j) => expect(value).toBeCloseTo(expected[j] as number, 12));
      }
    }
  });

  it('initialises Glorot-uniform within ±√(6 / (in + out))', () => {
    manualSeed(2);
    const layer = new Dense(784, 128);
    const bound = Math.sqrt(6 / (784 + 128));
    const values = Array.from(layer.weight.data);
    expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...values.map(Math.abs))).toBeGreaterThan(0.99 * bound);
    expect(layer.weight.dtype).toBe('f32');
    expect(layer.weight.requiresGrad).toBe(true);
    expect(layer.bias?.requiresGrad).toBe(true);
  });

  it('exposes sizes, activation, name and parameters', () => {
    const layer = new Dense(5, 7, { activation: new GELU(), name: 'proj' });
    expect(layer.inputSize).toBe(5);
    expect(layer.outputSize).toBe(7);
    expect(layer.activation).toBe('gelu');
    expect(layer.name).toBe('proj');
    expect(layer.namedParameters().map(([name]) => name)).toEqual(['weight', 'bias']);
    expect(layer.parameterCount()).toBe(42);
    const noBias = new Dense(5, 7, { useBias: false, activation: new ReLU() });
    expect(noBias.bias).toBeNull();
    expect(noBias.parameterCount()).toBe(35);
    expect(new Dense(2, 2).activation).toBeNull();
    expect(new Dense(2, 2).name).toBe('dense');
  });

  it('passes a float64 gradient check for vector, matrix and 3-d input', () => {
    manualSeed(3);
    const layer = new Dense(3, 2, { activation: 'tanh', dtype: 'f64' });
    layer.bias?.data.set([0.1, -0.2]);
    expect(checkLayerGradients(layer, tensor64([0.3, -0.7, 1.1]))).toBe(3 + 6 + 2);
    expect(checkLayerGradients(layer, tensor64([0.3, -0.7, 1.1, 0.2, 0.5, -0.4], [2, 3]))).toBeGreaterThan(0);
    expect(checkLayerGradients(layer, tensor64(Array.from({ length: 12 }, (_, i) => Math.cos(i)), [2, 2, 3]))).toBe(12 + 8);
  });

  it('throws a ShapeError naming the layer and shapes on a wrong input width', () => {
    const layer = new Dense(784, 128);
    expect(() => layer.forward(ones([2, 100]))).toThrow(ShapeError);
    expect(() => layer.forward(ones([2, 100]))).toThrow("Dense 'dense': expected input (…, 784), got 2x100");
    expect(() => layer.forward(ones([]))).toThrow(/^Dense 'dense': expected input/);
  });

  it('rejects bad feature counts', () => {
    expect(() => new Dense(0, 3)).toThrow('Dense: inFeatures must be a positive integer (got 0)');
    expect(() => new Dense(3, 1.5)).toThrow(RangeError);
  });
});
