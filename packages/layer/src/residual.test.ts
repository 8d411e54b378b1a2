import { describe, expect, it } from 'vitest';
import { add, manualSeed, ones, tensor64, ShapeError } from '@nanograd/autograd';
import { Dense } from './dense';
import { checkLayerGradients } from './internal/check-layer-gradients';
import { Residual } from './residual';
import { Sequential } from './sequential';

describe('Residual', () => {
  it('adds the input to the body output', () => {
    manualSeed(0);
    const body = new Dense(3, 3, { activation: 'tanh', dtype: 'f64' });
    const block = new Residual(body);
    const x = tensor64([1, -2, 0.5]);
    expect(block.forward(x).toList()).toEqual(add(body.forward(x), x).toList());
    expect(block.namedParameters().map(([name]) => name)).toEqual(['body.weight', 'body.bias']);
    expect([block.inputSize, block.outputSize, block.activation, block.name]).toEqual([3, 3, null, 'residual']);
  });

  it('adds a projection of the input and applies the activation after the sum', () => {
    manualSeed(1);
    const body = new Dense(3, 2, { dtype: 'f64' });
    const projection = new Dense(3, 2, { useBias: false, dtype: 'f64' });
    const block = new Residual(body, { projection, activation: 'relu' });
    const x = tensor64([1, -2, 0.5, 0.3, 0.2, -1], [2, 3]);
    expect(block.forward(x).toList()).toEqual(add(body.forward(x), projection.forward(x)).relu().toList());
    expect(block.namedParameters().map(([name]) => name)).toEqual(['body.weight', 'body.bias', 'projection.weight']);
    expect(block.activation).toBe('relu');
  });

  it('passes a float64 gradient check with and without a projection', () => {
    manualSeed(2);
    const x = tensor64([0.3, -0.4, 0.5, 0.1, -0.2, 0.6], [2, 3]);
    const identity = new Residual(new Sequential([new Dense(3, 3, { activation: 'tanh', dtype: 'f64' }), new Dense(3, 3, { dtype: 'f64' })]));
    expect(checkLayerGradients(identity, x)).toBe(6 + 12 + 12);
    const projected = new Residual(new Dense(3, 2, { activation: 'tanh', dtype: 'f64' }), { projection: new Dense(3, 2, { dtype: 'f64' }), activation: 'softplus' });
    expect(checkLayerGradients(projected, x)).toBe(6 + 8 + 8);
  });

  it('throws a ShapeError when the paths differ and there is no projection', () => {
    const block = new Residual(new Dense(4, 2), { name: 'res1' });
    expect(() => block.forward(ones([3, 4]))).toThrow(ShapeError);
    expect(() => block.forward(ones([3, 4]))).toThrow(
      "Residual 'res1': body output 3x2 and skip path 3x4 differ (input 3x4); give a projection to match them",
    );
    // Broadcastable shapes are still rejected: the sum must not broadcast silently.
    expect(() => new Residual(new Dense(4, 1)).forward(ones([1, 4]))).toThrow(ShapeError);
  });
});
