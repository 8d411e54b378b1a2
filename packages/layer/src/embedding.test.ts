import { describe, expect, it } from 'vitest';
import { DTypeError, manualSeed, randn, ShapeError, tensor } from '@nanograd/autograd';
import { Embedding } from './embedding';
import { checkGradients } from './internal/check-gradients';

describe('Embedding', () => {
  it('looks up rows for an index tensor of any shape', () => {
    manualSeed(3);
    const layer = new Embedding(5, 3, { dtype: 'f64' });
    const table = layer.weight.toList() as number[][];
    const out = layer.forward(tensor([[4, 0], [2, 4]], { dtype: 'i32' }));
    expect(out.shape).toEqual([2, 2, 3]);
    expect(out.toList()).toEqual([[table[4], table[0]], [table[2], table[4]]]);
    expect(layer.forward(tensor(3, { dtype: 'i32' })).toList()).toEqual(table[3]);
    expect([layer.inputSize, layer.outputSize, layer.name]).toEqual([5, 3, 'embedding']);
  });

  it('starts standard normal, like PyTorch', () => {
    manualSeed(4);
    const values = Array.from(new Embedding(200, 50).weight.data);
    const mean = values.reduce((a, b) => a + b) / values.length;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it('accumulates gradients of repeated rows (finite-difference check)', () => {
    manualSeed(5);
    const layer = new Embedding(4, 3, { dtype: 'f64' });
    const indices = tensor([[1, 3, 1], [0, 1, 2]], { dtype: 'i32' });
    const scale = randn([2, 3, 3], { dtype: 'f64' });
    checkGradients(() => layer.forward(indices).mul(scale), [layer.weight]);
    layer.forward(indices).sum().backward();
    expect((layer.weight.grad?.toList() as number[][]).map((row) => row[0])).toEqual([1, 3, 1, 1]);
  });

  it('names the layer in errors for out-of-range and non-integer indices', () => {
    const layer = new Embedding(4, 2, { name: 'tokens' });
    expect(() => layer.forward(tensor([1, 4], { dtype: 'i32' }))).toThrow(ShapeError);
    expect(() => layer.forward(tensor([1, 4], { dtype: 'i32' }))).toThrow("Embedding 'tokens': index 4 at flat position 1 of indices 2 is outside [0, 4)");
    expect(() => layer.forward(tensor([-1], { dtype: 'i32' }))).toThrow(/tokens.*index -1/);
    expect(() => layer.forward(tensor([1, 2]))).toThrow(DTypeError);
    expect(() => layer.forward(tensor([1, 2]))).toThrow("Embedding 'tokens': indices must be i32 (got f32 2)");
  });
});
