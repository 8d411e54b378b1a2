import { describe, expect, it } from 'vitest';
import { Random } from '@nanograd/kernels';
import { randomHorizontalFlip } from './random-horizontal-flip';
import type { TensorData } from './tensor-data';

const f32 = (values: number[], shape: number[]): TensorData => ({ data: Float32Array.from(values), shape, dtype: 'f32' });

describe('randomHorizontalFlip', () => {
  it('mirrors a seeded choice of samples and leaves the others', () => {
    const batch = f32([1, 2, 3, 4, 5, 6, 7, 8], [4, 1, 2]);
    const out = randomHorizontalFlip()(batch, new Random(3));
    const reference = new Random(3);
    for (let n = 0; n < 4; n++) {
      const flip = reference.uniform() < 0.5;
      const row = [batch.data[2 * n], batch.data[2 * n + 1]];
      expect([out.data[2 * n], out.data[2 * n + 1]]).toEqual(flip ? row.reverse() : row);
    }
    expect(randomHorizontalFlip({ probability: 0 })(batch, new Random(0))).toEqual(batch);
    expect(Array.from(randomHorizontalFlip({ probability: 1 })(f32([1, 2, 3, 4, 5, 6], [1, 2, 3]), new Random(0)).data)).toEqual([3, 2, 1, 6, 5, 4]);
    expect(() => randomHorizontalFlip({ probability: 2 })).toThrow('randomHorizontalFlip: probability must be in [0, 1] (got 2)');
  });
});
