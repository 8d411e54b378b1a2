import { describe, expect, it } from 'vitest';
import { tensor64 } from '@nanograd/autograd';
import { Activation, GELU, Identity, LeakyReLU, ReLU, resolveActivation, Sigmoid, SiLU, Softplus, Tanh, type ActivationName } from './activations';

const xs = [-2, -0.5, 0, 0.5, 3];
const erf = (x: number): number => {
  // Abramowitz–Stegun 7.1.26 is too coarse; integrate the series instead (|x| small here).
  let term = x;
  let total = x;
  for (let n = 1; n < 60; n++) {
    term *= (-x * x) / n;
    total += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * total;
};
const references: [Activation, (x: number) => number][] = [
  [new ReLU(), (x) => Math.max(x, 0)],
  [new Tanh(), Math.tanh],
  [new Sigmoid(), (x) => 1 / (1 + Math.exp(-x))],
  [new GELU(), (x) => 0.5 * x * (1 + erf(x / Math.SQRT2))],
  [new GELU({ approximate: 'tanh' }), (x) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)))],
  [new SiLU(), (x) => x / (1 + Math.exp(-x))],
  [new Identity(), (x) => x],
  [new LeakyReLU({ negativeSlope: 0.2 }), (x) => (x >= 0 ? x : 0.2 * x)],
  [new Softplus({ beta: 2 }), (x) => Math.log1p(Math.exp(2 * x)) / 2],
];

describe('activation layers', () => {
  it.each(references.map(([layer, f]) => [layer.name, layer, f] as const))('%s matches its formula', (_name, layer, f) => {
    const out = layer.forward(tensor64(xs)).toList() as number[];
    out.forEach((value, i) => expect(value).toBeCloseTo(f(xs[i] as number), 12));
  });

  it('have names, kinds and no parameters', () => {
    expect(new ReLU().name).toBe('relu');
    expect(new ReLU({ name: 'act' }).name).toBe('act');
    expect(new ReLU({ name: 'act' }).activation).toBe('relu');
    expect(new LeakyReLU().negativeSlope).toBe(0.01);
    for (const [layer] of references) expect(layer.parameters()).toEqual([]);
  });

  it('Identity returns the same tensor', () => {
    const x = tensor64([1, 2]);
    expect(new Identity().forward(x)).toBe(x);
  });

  it('LeakyReLU rejects a non-finite slope', () => {
    expect(() => new LeakyReLU({ negativeSlope: Number.NaN })).toThrow('LeakyReLU: negativeSlope must be a finite number (got NaN)');
  });
});

describe('resolveActivation', () => {
  it('maps every name to a layer of that kind', () => {
    const names: ActivationName[] = ['relu', 'tanh', 'sigmoid', 'gelu', 'silu', 'identity', 'leakyRelu', 'softplus'];
    for (const name of names) {
      const layer = resolveActivation(name);
      expect(layer).toBeInstanceOf(Activation);
      expect(layer?.kind).toBe(name);
    }
  });

  it('passes layers through and maps nothing to null', () => {
    const gelu = new GELU();
    expect(resolveActivation(gelu)).toBe(gelu);
    expect(resolveActivation(null)).toBeNull();
    expect(resolveActivation(undefined)).toBeNull();
  });

  it('rejects unknown names', () => {
    expect(() => resolveActivation('swish' as ActivationName)).toThrow(/resolveActivation: unknown activation 'swish'/);
    expect(() => resolveActivation('toString' as ActivationName)).toThrow(RangeError);
  });
});
