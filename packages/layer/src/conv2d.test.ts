import { describe, expect, it } from 'vitest';
import { manualSeed, ones, tensor64, ShapeError } from '@nanograd/autograd';
import { Conv2d } from './conv2d';
import { checkLayerGradients } from './internal/check-layer-gradients';

/** Direct cross-correlation of one (C, H, W) image, written out loop by loop. */
function reference(x: number[][][], w: number[][][][], b: number[], stride: number, padding: number): number[][][] {
  const height = x[0]!.length;
  const width = x[0]![0]!.length;
  const k = w[0]![0]!.length;
  const outHeight = Math.floor((height + 2 * padding - k) / stride) + 1;
  const outWidth = Math.floor((width + 2 * padding - k) / stride) + 1;
  return w.map((filter, o) =>
    Array.from({ length: outHeight }, (_, i) =>
      Array.from({ length: outWidth }, (_, j) => {
        let total = b[o] as number;
        filter.forEach((plane, c) => {
          for (let u = 0; u < k; u++) {
            for (let v = 0; v < k; v++) {
              const row = i * stride + u - padding;
              const column = j * stride + v - padding;
              if (row >= 0 && row < height && column >= 0 && column < width) total += (x[c]![row]![column] as number) * (plane[u]![v] as number);
            }
          }
        });
        return total;
      }),
    ),
  );
}

describe('Conv2d', () => {
  it('matches a direct convolution with stride and padding, for 3-d and 4-d input', () => {
    manualSeed(0);
    const layer = new Conv2d(2, 3, 3, { stride: 2, padding: 1, dtype: 'f64' });
    layer.bias?.data.set([0.1, -0.2, 0.3]);
    const values = Array.from({ length: 2 * 5 * 5 }, (_, i) => Math.sin(i * 0.7));
    const image = tensor64(values, [2, 5, 5]);
    const expected = reference(image.toList() as number[][][], layer.weight.toList() as number[][][][], [0.1, -0.2, 0.3], 2, 1);
    const single = layer.forward(image);
    expect(single.shape).toEqual([3, 3, 3]);
    const batched = layer.forward(tensor64([...values, ...values], [2, 2, 5, 5]));
    expect(batched.shape).toEqual([2, 3, 3, 3]);
    const flat = expected.flat(2);
    Array.from(single.data).forEach((value, i) => expect(value).toBeCloseTo(flat[i] as number, 12));
    Array.from(batched.data).forEach((value, i) => expect(value).toBeCloseTo(flat[i % flat.length] as number, 12));
  });

  it('initialises He-uniform filters and zero bias, and exposes its sizes', () => {
    manualSeed(1);
    const layer = new Conv2d(16, 32, 3, { activation: 'relu', name: 'c1' });
    const bound = Math.sqrt(6 / (16 * 9));
    const magnitudes = Array.from(layer.weight.data).map(Math.abs);
    expect(Math.max(...magnitudes)).toBeLessThanOrEqual(bound);
    expect(Math.max(...magnitudes)).toBeGreaterThan(0.99 * bound);
    expect(layer.weight.shape).toEqual([32, 16, 3, 3]);
    expect(Array.from(layer.bias?.data ?? [])).toEqual(new Array(32).fill(0));
    expect([layer.inputSize, layer.outputSize, layer.activation, layer.name]).toEqual([16, 32, 'relu', 'c1']);
    expect(layer.parameterCount()).toBe(32 * 16 * 9 + 32);
    expect(new Conv2d(4, 6, [1, 3], { groups: 2, useBias: false }).weight.shape).toEqual([6, 2, 1, 3]);
    expect(new Conv2d(4, 6, 1, { useBias: false }).bias).toBeNull();
  });

  it('applies the activation', () => {
    const layer = new Conv2d(1, 1, 1, { activation: 'relu', dtype: 'f64' });
    layer.weight.data.set([-1]);
    expect(layer.forward(tensor64([1, -2], [1, 1, 2])).toList()).toEqual([[[0, 2]]]);
  });

  it('passes a float64 gradient check with stride, padding, dilation and groups', () => {
    manualSeed(2);
    const strided = new Conv2d(2, 2, 3, { stride: 2, padding: 1, activation: 'tanh', dtype: 'f64' });
    strided.bias?.data.set([0.05, -0.1]);
    const x = tensor64(Array.from({ length: 2 * 2 * 4 * 4 }, (_, i) => Math.cos(i * 1.3)), [2, 2, 4, 4]);
    expect(checkLayerGradients(strided, x)).toBe(64 + 36 + 2);
    const grouped = new Conv2d(2, 4, 2, { groups: 2, dilation: 2, dtype: 'f64' });
    expect(checkLayerGradients(grouped, x)).toBe(64 + 16 + 4);
  });

  it('throws a ShapeError naming the layer on wrong channels or rank', () => {
    const layer = new Conv2d(3, 8, 3);
    expect(() => layer.forward(ones([2, 1, 8, 8]))).toThrow(ShapeError);
    expect(() => layer.forward(ones([2, 1, 8, 8]))).toThrow("Conv2d 'conv2d': expected 3 input channels, got 1 (input 2x1x8x8)");
    expect(() => layer.forward(ones([8, 8]))).toThrow("Conv2d 'conv2d': expected input (C, H, W) or (N, C, H, W), got 8x8");
  });

  it('rejects bad sizes and groups', () => {
    expect(() => new Conv2d(3, 8, 0)).toThrow('Conv2d: kernelSize must be a positive integer (got 0)');
    expect(() => new Conv2d(3, 8, 3, { groups: 2 })).toThrow('Conv2d: groups 2 must divide inChannels 3 and outChannels 8');
  });
});
