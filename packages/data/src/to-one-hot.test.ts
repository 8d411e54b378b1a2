import { describe, expect, it } from 'vitest';
import { Random } from '@nanograd/kernels';
import { toOneHot } from './to-one-hot';

describe('toOneHot', () => {
  it('encodes labels and rejects out-of-range ones', () => {
    const out = toOneHot(3)({ data: new Int32Array([1, 2]), shape: [2], dtype: 'i32' }, new Random(0));
    expect(out).toEqual({ data: new Float32Array([0, 1, 0, 0, 0, 1]), shape: [2, 3], dtype: 'f32' });
    expect(() => toOneHot(3)({ data: new Int32Array([3]), shape: [1], dtype: 'i32' }, new Random(0))).toThrow('toOneHot: label 3 at position 0 is outside [0, 3)');
  });
});
