import { describe, expect, it } from 'vitest';
import { manualSeed, tensor64 } from '@nanograd/autograd';
import { ReLU, Tanh } from './activations';
import { Dense } from './dense';
import { Dropout } from './dropout';
import { Flatten } from './flatten';
import { checkLayerGradients } from './internal/check-layer-gradients';
import { Sequential } from './sequential';

describe('Sequential', () => {
  it('chains layers and registers children as 0, 1, …', () => {
    manualSeed(0);
    const first = new Dense(3, 4, { dtype: 'f64' });
    const second = new Dense(4, 2, { dtype: 'f64' });
    const model = new Sequential([first, new ReLU(), second], { name: 'mlp' });
    const x = tensor64([0.5, -1, 2], [1, 3]);
    expect(model.forward(x).toList()).toEqual(second.forward(first.forward(x).relu()).toList());
    expect(model.namedParameters().map(([name]) => name)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    expect(model.layers).toHaveLength(3);
    expect(model.layers[0]).toBe(first);
    expect(model.name).toBe('mlp');
    expect(new Sequential([]).name).toBe('sequential');
  });

  it('reports sizes and activation from its ends', () => {
    const model = new Sequential([new Flatten(), new Dense(784, 128, { activation: 'relu' }), new Dense(128, 10, { activation: 'tanh' }), new Dropout(0.1)]);
    expect(model.inputSize).toBe(784);
    expect(model.outputSize).toBe(10);
    expect(model.activation).toBeNull();
    expect(new Sequential([new Dense(2, 3), new Tanh()]).activation).toBe('tanh');
    expect(new Sequential([]).inputSize).toBeNull();
  });

  it('counts a shared layer once in parameters() but runs it twice', () => {
    manualSeed(1);
    const shared = new Dense(3, 3, { dtype: 'f64' });
    const model = new Sequential([shared, new Tanh(), shared]);
    expect(model.parameters()).toHaveLength(2);
    expect(model.parameterCount()).toBe(12);
    const x = tensor64([1, 2, 3]);
    expect(model.forward(x).toList()).toEqual(shared.forward(shared.forward(x).tanh()).toList());
    expect(checkLayerGradients(model, x)).toBe(3 + 9 + 3);
  });

  it('forwards mode changes to its children', () => {
    const dropout = new Dropout(0.5);
    const model = new Sequential([new Sequential([dropout])]);
    model.eval();
    expect(dropout.training).toBe(false);
    model.train();
    expect(dropout.training).toBe(true);
  });

  it('passes a float64 gradient check', () => {
    manualSeed(2);
    const model = new Sequential([new Dense(3, 4, { activation: 'tanh', dtype: 'f64' }), new Dense(4, 2, { dtype: 'f64' })]);
    expect(checkLayerGradients(model, tensor64([0.1, 0.2, -0.3, 0.4, 0.5, -0.6], [2, 3]))).toBe(6 + 12 + 4 + 8 + 2);
  });
});
