import { describe, expect, it } from 'vitest';
import { add, manualSeed, matmul, randn, tensor, tensor32, tensor64, type Tensor } from '@nanograd/autograd';
import { Module } from './module';
import { StateDictError } from './state-dict-error';
import { stateDictFromJson, stateDictToJson } from './state-json';

function throughText(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

function expectJsonError(json: unknown, message: string): void {
  expect(() => stateDictFromJson(json)).toThrow(StateDictError);
  expect(() => stateDictFromJson(json)).toThrow(message);
}

describe('stateDictToJson', () => {
  it('gives dtype, shape and row-major data per key, in state order', () => {
    const base = tensor64([1, 2, 3, 4, 5, 6], [2, 3]);
    const json = stateDictToJson({ z: tensor32([0.5, 2], [1, 2]), t: base.transpose(0, 1), i: tensor(new Int32Array([7, -8])) });
    expect(JSON.stringify(json)).toBe(
      '{"z":{"dtype":"f32","shape":[1,2],"data":[0.5,2]},"t":{"dtype":"f64","shape":[3,2],"data":[1,4,2,5,3,6]},"i":{"dtype":"i32","shape":[2],"data":[7,-8]}}',
    );
  });

  it('writes NaN, ±Infinity and -0 as strings JSON can hold', () => {
    const json = stateDictToJson({ s: tensor64([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0], [5]) });
    expect(json.s?.data).toEqual(['NaN', 'Infinity', '-Infinity', '-0', 0]);
  });
});

describe('stateDictFromJson', () => {
  it('round-trips f32, f64 and i32 values exactly through JSON text', () => {
    manualSeed(3);
    const f32 = randn([50]);
    const f64 = randn([5, 10], { dtype: 'f64' });
    const specials = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 1e-45, 3.4028234663852886e38, 0.1];
    const state = { f32, f64, special32: tensor32(specials, [7]), special64: tensor64([...specials, 5e-324], [8]), i32: tensor(new Int32Array([-(2 ** 31), 2 ** 31 - 1])) };
    const read = stateDictFromJson(throughText(stateDictToJson(state)));
    expect(Object.keys(read)).toEqual(Object.keys(state));
    for (const [key, value] of Object.entries(state)) {
      const copy = read[key] as Tensor;
      expect(copy.dtype).toBe(value.dtype);
      expect(copy.shape).toEqual(value.shape);
      const same = [...copy.data].every((item, index) => Object.is(item, value.data[index]));
      expect(same, key).toBe(true);
    }
  });

  it('rounds hand-written f32 values to the nearest f32', () => {
    const state = stateDictFromJson({ w: { dtype: 'f32', shape: [], data: [0.1] } });
    expect(state.w?.shape).toEqual([]);
    expect(state.w?.item()).toBe(Math.fround(0.1));
  });

  it('rejects malformed input with a clear message', () => {
    expectJsonError([1], 'stateDictFromJson: expected an object of tensors (got an array)');
    expectJsonError(null, 'stateDictFromJson: expected an object of tensors (got null)');
    expectJsonError({ w: 3 }, "stateDictFromJson: 'w' must be an object with dtype, shape and data");
    expectJsonError({ w: { dtype: 'f16', shape: [1], data: [1] } }, `stateDictFromJson: 'w' has unsupported dtype "f16" (supported: f32, f64, i32)`);
    expectJsonError({ w: { dtype: 'f32', shape: [-1], data: [] } }, "stateDictFromJson: 'w' has an invalid shape [-1]");
    expectJsonError({ w: { dtype: 'f32', shape: [2, 2], data: [1, 2, 3] } }, "stateDictFromJson: 'w' has 3 values but shape 2x2 needs 4");
    expectJsonError({ w: { dtype: 'f32', shape: [1] } }, "stateDictFromJson: 'w' has no data array");
    expectJsonError({ w: { dtype: 'f64', shape: [2], data: [1, null] } }, "stateDictFromJson: 'w' data[1] is null, not a number");
    expectJsonError({ w: { dtype: 'f64', shape: [1], data: ['inf'] } }, `stateDictFromJson: 'w' data[0] is "inf", not a number`);
    expectJsonError({ w: { dtype: 'i32', shape: [1], data: [1.5] } }, "stateDictFromJson: 'w' data[0] = 1.5 is not a 32-bit integer");
    expectJsonError({ w: { dtype: 'i32', shape: [1], data: [2 ** 31] } }, "stateDictFromJson: 'w' data[0] = 2147483648 is not a 32-bit integer");
    expectJsonError({ w: { dtype: 'f32', shape: [1], data: [1e39] } }, "stateDictFromJson: 'w' data[0] = 1e+39 overflows f32");
  });

  it('keeps a key named __proto__ an ordinary entry', () => {
    const state = stateDictFromJson(JSON.parse('{"__proto__":{"dtype":"f32","shape":[1],"data":[1]}}'));
    expect(Object.keys(state)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(state)).toBe(Object.prototype);
  });
});

class TinyNet extends Module {
  readonly weight: Tensor;
  readonly offset: Tensor;
  constructor() {
    super('tiny');
    this.weight = this.registerParameter('weight', randn([3, 2], { requiresGrad: true }));
    this.offset = this.registerBuffer('offset', randn([2]));
  }
  forward(x: Tensor): Tensor {
    return add(matmul(x, this.weight), this.offset);
  }
}

describe('JSON model round trip', () => {
  it('a model saved as JSON text and loaded into a fresh instance gives identical outputs', () => {
    manualSeed(5);
    const original = new TinyNet();
    const input = randn([4, 3]);
    const expected = original.forward(input).toList();
    const text = JSON.stringify(stateDictToJson(original.stateDict()));
    const copy = new TinyNet();
    expect(copy.forward(input).toList()).not.toEqual(expected);
    copy.loadStateDict(stateDictFromJson(JSON.parse(text)));
    expect(copy.forward(input).toList()).toEqual(expected);
  });
});
