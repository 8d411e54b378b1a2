import { describe, expect, it } from 'vitest';
import { add, mul, ones, ShapeError, sum, tensor, zeros, type Tensor } from '@nanograd/autograd';
import { Module } from './module';
import { forward, parameters, setEvalMode, setTrainingMode } from './module-functions';
import { StateDictError } from './state-dict-error';

class Affine extends Module {
  readonly weight: Tensor;
  readonly bias: Tensor;
  readonly count: Tensor;
  constructor(width: number, name = 'affine') {
    super(name);
    this.weight = this.registerParameter('weight', tensor(Array.from({ length: width }, (_, i) => i + 1), { requiresGrad: true }));
    this.bias = this.registerParameter('bias', zeros([width], { requiresGrad: true }));
    this.count = this.registerBuffer('count', zeros([1]));
  }
  forward(x: Tensor): Tensor {
    return add(mul(x, this.weight), this.bias);
  }
}

class Chain extends Module {
  readonly parts: Module[];
  constructor(parts: Module[]) {
    super('chain');
    this.parts = parts.map((part, index) => this.registerModule(String(index), part));
  }
  forward(x: Tensor): Tensor {
    return this.parts.reduce((value, part) => part.forward(value), x);
  }
}

describe('Module', () => {
  it('names parameters and buffers by dotted path in registration order', () => {
    const model = new Chain([new Affine(2), new Chain([new Affine(2, 'inner')])]);
    expect(model.namedParameters().map(([name]) => name)).toEqual(['0.weight', '0.bias', '1.0.weight', '1.0.bias']);
    expect(model.namedBuffers().map(([name]) => name)).toEqual(['0.count', '1.0.count']);
    expect(Object.keys(model.stateDict())).toEqual(['0.weight', '0.bias', '1.0.weight', '1.0.bias', '0.count', '1.0.count']);
    expect(model.namedModules().map(([name]) => name)).toEqual(['', '0', '1', '1.0']);
    expect(model.parameterCount()).toBe(8);
  });

  it('deduplicates a layer used twice and tied tensors', () => {
    const shared = new Affine(3);
    const model = new Chain([shared, shared]);
    expect(model.parameters()).toEqual([shared.weight, shared.bias]);
    expect(parameters(model)).toHaveLength(2);
    expect(forward(model, ones([3])).toList()).toEqual([1, 4, 9]);
  });

  it('train and eval reach every descendant', () => {
    const inner = new Affine(1);
    const model = new Chain([new Chain([inner])]);
    setEvalMode(model);
    expect(inner.training).toBe(false);
    setTrainingMode(model, true);
    expect(inner.training).toBe(true);
    expect(model.eval()).toBe(model);
    expect(inner.training).toBe(false);
  });

  it('zeroGrad clears every parameter gradient', () => {
    const model = new Chain([new Affine(2), new Affine(2)]);
    sum(model.forward(ones([2]))).backward();
    expect(model.parameters().every((p) => p.grad !== null)).toBe(true);
    model.zeroGrad();
    expect(model.parameters().every((p) => p.grad === null)).toBe(true);
  });

  it('loads state in place and rejects missing, unexpected and misshapen entries', () => {
    const source = new Chain([new Affine(2)]);
    const target = new Chain([new Affine(2)]);
    const weight = (target.parts[0] as Affine).weight;
    const state = { ...source.stateDict(), '0.weight': tensor([5, 6], { dtype: 'f64' }) };
    target.loadStateDict(state);
    expect((target.parts[0] as Affine).weight).toBe(weight);
    expect(weight.toList()).toEqual([5, 6]);
    expect(weight.dtype).toBe('f32');

    const missing = source.stateDict();
    delete missing['0.bias'];
    expect(() => target.loadStateDict(missing)).toThrow(new StateDictError('loadStateDict: missing keys 0.bias (chain)'));
    expect(() => target.loadStateDict({ ...source.stateDict(), extra: zeros([1]) })).toThrow(
      new StateDictError('loadStateDict: unexpected keys extra (chain)'),
    );
    target.loadStateDict({ '0.weight': tensor([7, 8]) }, { strict: false });
    expect(weight.toList()).toEqual([7, 8]);
    const misshapen = { ...source.stateDict(), '0.bias': zeros([3]), '0.weight': tensor([1, 1]) };
    expect(() => target.loadStateDict(misshapen)).toThrow(new ShapeError('loadStateDict: 0.bias has shape 3, the model expects 2'));
    expect(weight.toList()).toEqual([7, 8]);
  });

  it('rejects dotted or repeated member names', () => {
    class Bad extends Module {
      constructor(name: string) {
        super('bad');
        this.registerParameter('weight', zeros([1]));
        this.registerBuffer(name, zeros([1]));
      }
      forward(x: Tensor): Tensor {
        return x;
      }
    }
    expect(() => new Bad('weight')).toThrow(new StateDictError("bad: the name 'weight' is already registered"));
    expect(() => new Bad('a.b')).toThrow(StateDictError);
  });
});
