import { describe, expect, it } from 'vitest';
import { Random } from '@nanograd/kernels';
import { normalize } from './normalize';
import type { TensorData } from './tensor-data';

const f32 = (values: number[], shape: number[]): TensorData => ({ data: Float32Array.from(values), shape, dtype: 'f32' });

describe('normalize', () => {
  it('normalises with scalar and per-channel statistics', () => {
    expect(Array.from(normalize({ mean: 2, std: 4 })(f32([2, 6, -2], [3]), new Random(0)).data)).toEqual([0, 1, -1]);
    // [B=1, C=2, 2 pixels]: channel 0 uses (x - 1) / 1, channel 1 uses (x - 10) / 5.
    const out = normalize({ mean: [1, 10], std: [1, 5] })(f32([1, 3, 10, 20], [1, 2, 2]), new Random(0));
    expect(Array.from(out.data)).toEqual([0, 2, 0, 2]);
    const ints = normalize({ mean: 0, std: 2 })({ data: new Int32Array([4]), shape: [1], dtype: 'i32' }, new Random(0));
    expect(ints).toEqual({ data: new Float32Array([2]), shape: [1], dtype: 'f32' });
    expect(() => normalize({ mean: [0, 0, 0], std: [1, 1, 1] })(f32([1, 2], [1, 2]), new Random(0))).toThrow(/normalize: 3 channel statistics/);
    expect(() => normalize({ mean: 0, std: 0 })).toThrow('normalize: std must be positive (got [0])');
  });
});
