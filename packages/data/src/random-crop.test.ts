import { describe, expect, it } from 'vitest';
import { Random } from '@nanograd/kernels';
import { randomCrop } from './random-crop';
import type { TensorData } from './tensor-data';

const f32 = (values: number[], shape: number[]): TensorData => ({ data: Float32Array.from(values), shape, dtype: 'f32' });

describe('randomCrop', () => {
  // A 1x3x3 image 1..9, two copies in the batch.
  const image = [1, 2, 3, 4, 5, 6, 7, 8, 9];
  const batch = f32([...image, ...image], [2, 3, 3]);

  it('returns every possible window of the padded image, each a plain slice', () => {
    const windows = new Set<string>();
    const random = new Random(11);
    for (let trial = 0; trial < 200; trial++) {
      const out = randomCrop(2, { padding: 1 })(batch, random);
      expect(out.shape).toEqual([2, 2, 2]);
      windows.add(Array.from(out.data.subarray(0, 4)).join(','));
    }
    // Reference: all 2x2 windows of the zero-padded 5x5 image (16 of them).
    const padded = (y: number, x: number): number => (y >= 1 && y <= 3 && x >= 1 && x <= 3 ? (image[(y - 1) * 3 + x - 1] ?? 0) : 0);
    const expected = new Set<string>();
    for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) expected.add([padded(y, x), padded(y, x + 1), padded(y + 1, x), padded(y + 1, x + 1)].join(','));
    expect(windows).toEqual(expected);
  });

  it('is deterministic by seed, crops channels together, and keeps a no-op crop exact', () => {
    const rgb = f32(Array.from({ length: 2 * 3 * 16 }, (_, i) => i), [2, 3, 4, 4]);
    const a = randomCrop(3, { padding: 2 })(rgb, new Random(5));
    expect(randomCrop(3, { padding: 2 })(rgb, new Random(5))).toEqual(a);
    expect(a.shape).toEqual([2, 3, 3, 3]);
    // Channel c of a sample is channel 0 shifted by 16 c wherever the window lies inside the image.
    for (let i = 0; i < 9; i++) {
      const c0 = a.data[i] ?? 0;
      const c1 = a.data[9 + i] ?? 0;
      if (c1 !== 0) expect(c1 - c0).toBe(16);
    }
    expect(randomCrop(3)(batch, new Random(0))).toEqual(batch);
    expect(() => randomCrop(6, { padding: 1 })(batch, new Random(0))).toThrow('randomCrop: crop 6x6 is larger than the padded 5x5 image');
  });
});
