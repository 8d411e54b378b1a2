import { describe, expect, it } from 'vitest';
import { assign, manualSeed, randn, ShapeError, tensor, tensor64 } from '@nanograd/autograd';
import { checkGradients } from './internal/check-gradients';
import { LayerNorm } from './layer-norm';

describe('LayerNorm', () => {
  it('normalises the last axis with ones/zeros parameters, matching a plain reference', () => {
    const layer = new LayerNorm(3, { dtype: 'f64' });
    expect(layer.weight?.toList()).toEqual([1, 1, 1]);
    expect(layer.bias?.toList()).toEqual([0, 0, 0]);
    assign(layer.weight!, tensor64([2, 1, 0.5]));
    assign(layer.bias!, tensor64([0, 1, -1]));
    const rows = [[1, 2, 6], [-3, 0, 3]];
    const out = layer.forward(tensor(rows, { dtype: 'f64' })).toList() as number[][];
    rows.forEach((row, r) => {
      const mu = row.reduce((a, b) => a + b) / 3;
      const variance = row.reduce((a, b) => a + (b - mu) ** 2, 0) / 3;
      row.forEach((v, c) => {
        const expected = ((v - mu) / Math.sqrt(variance + 1e-5)) * ([2, 1, 0.5][c] as number) + ([0, 1, -1][c] as number);
        expect(out[r]?.[c]).toBeCloseTo(expected, 12);
      });
    });
  });

  it('registers no parameters without elementwiseAffine and reports its sizes', () => {
    const layer = new LayerNorm(4, { elementwiseAffine: false, name: 'ln' });
    expect(layer.parameters()).toEqual([]);
    expect(layer.weight).toBeNull();
    expect([layer.name, layer.inputSize, layer.outputSize]).toEqual(['ln', 4, 4]);
    expect(new LayerNorm(4).parameters().map((p) => [p.dtype, p.requiresGrad])).toEqual([['f32', true], ['f32', true]]);
  });

  it('passes a float64 finite-difference check of its parameter gradients', () => {
    manualSeed(1);
    const layer = new LayerNorm(4, { dtype: 'f64' });
    assign(layer.weight!, randn([4], { dtype: 'f64' }));
    assign(layer.bias!, randn([4], { dtype: 'f64' }));
    const x = randn([2, 3, 4], { dtype: 'f64', requiresGrad: true });
    checkGradients(() => layer.forward(x), [...layer.parameters(), x]);
  });

  it('rejects a wrong feature count naming the layer and the shape', () => {
    expect(() => new LayerNorm(4, { name: 'ln1' }).forward(tensor([[1, 2, 3]]))).toThrow(ShapeError);
    expect(() => new LayerNorm(4, { name: 'ln1' }).forward(tensor([[1, 2, 3]]))).toThrow("LayerNorm 'ln1': input 1x3 must end in 4 features");
    expect(() => new LayerNorm(0)).toThrow(RangeError);
  });
});
