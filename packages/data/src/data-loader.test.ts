import { describe, expect, it } from 'vitest';
import { DataLoader } from './data-loader';
import type { Dataset, Sample } from './dataset';
import { normalize } from './normalize';
import { randomHorizontalFlip } from './random-horizontal-flip';
import type { TensorData } from './tensor-data';
import { TensorDataset } from './tensor-dataset';
import { toOneHot } from './to-one-hot';

// Sample i has input [i, 10 i] and target i, so batches show which samples they hold.
function numbered(n: number): TensorDataset {
  const inputs = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) inputs.set([i, 10 * i], 2 * i);
  return new TensorDataset({ data: inputs, shape: [n, 2], dtype: 'f32' }, { data: Int32Array.from({ length: n }, (_, i) => i), shape: [n], dtype: 'i32' });
}

function epoch(loader: Iterable<[unknown, { data: ArrayLike<number> }]>): number[][] {
  return [...loader].map(([, y]) => Array.from(y.data));
}

describe('DataLoader', () => {
  it('batches in order without shuffling, keeping or dropping the last partial batch', () => {
    const loader = new DataLoader(numbered(7), { batchSize: 3 });
    expect(loader.length).toBe(3);
    const batches = [...loader];
    expect(batches.map(([x]) => x.shape)).toEqual([[3, 2], [3, 2], [1, 2]]);
    expect(Array.from(batches[1]?.[0].data ?? [])).toEqual([3, 30, 4, 40, 5, 50]);
    expect(batches[2]?.[1].dtype).toBe('i32');
    expect(batches[2]?.[1].toList()).toEqual([6]);
    const plain = new DataLoader(numbered(7), { batchSize: 3, toTensor: (batch) => batch });
    expect([...plain][2]?.[1]).toEqual({ data: new Int32Array([6]), shape: [1], dtype: 'i32' });
    const dropping = new DataLoader(numbered(7), { batchSize: 3, dropLast: true });
    expect(dropping.length).toBe(2);
    expect(epoch(dropping)).toEqual([[0, 1, 2], [3, 4, 5]]);
    expect(new DataLoader(numbered(6), { batchSize: 3, dropLast: true }).length).toBe(2);
  });

  it('shuffles deterministically by seed and sees every sample once per epoch', () => {
    const a = new DataLoader(numbered(50), { batchSize: 8, shuffle: true, seed: 3 });
    const b = new DataLoader(numbered(50), { batchSize: 8, shuffle: true, seed: 3 });
    const c = new DataLoader(numbered(50), { batchSize: 8, shuffle: true, seed: 4 });
    const first = epoch(a);
    const second = epoch(a);
    expect(first).toEqual(epoch(b));
    expect(second).toEqual(epoch(b));
    expect(first).not.toEqual(second);
    expect(first).not.toEqual(epoch(c));
    // Any epoch can be replayed on its own, from any batch (exact resume).
    expect(epoch({ [Symbol.iterator]: () => a.epoch(1) })).toEqual(second);
    expect([...a.epoch(0, 2)].map(([x]) => Array.from(x.data))).toEqual([...a.epoch(0)].slice(2).map(([x]) => Array.from(x.data)));
    expect(a.nextEpoch).toBe(2);
    for (const order of [first, second]) {
      expect(order.flat().sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
      expect(order.flat()).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
    }
    // Inputs travel with their targets.
    for (const [x, y] of new DataLoader(numbered(20), { batchSize: 6, shuffle: true, seed: 1 })) {
      y.data.forEach((label, i) => expect([x.data[2 * i], x.data[2 * i + 1]]).toEqual([label, 10 * label]));
    }
  });

  it('drops a random subset of samples when shuffling with dropLast, each seen at most once', () => {
    const loader = new DataLoader(numbered(10), { batchSize: 4, shuffle: true, dropLast: true, seed: 9 });
    const seen = epoch(loader).flat();
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
  });

  it('stacks samples of datasets without getBatch and applies transforms and toTensor', () => {
    const plain: Dataset = {
      length: 3,
      get: (i): Sample => [
        { data: new Float32Array([i, i + 1]), shape: [1, 2], dtype: 'f32' },
        { data: new Int32Array([i % 2]), shape: [], dtype: 'i32' },
      ],
    };
    const loader = new DataLoader(plain, {
      batchSize: 3,
      transforms: [normalize({ mean: 1, std: 2 }), randomHorizontalFlip({ probability: 1 })],
      targetTransforms: [toOneHot(2)],
      toTensor: (batch: TensorData) => ({ shape: batch.shape, values: Array.from(batch.data) }),
    });
    const [[x, y]] = [...loader] as [[{ shape: readonly number[]; values: number[] }, { shape: readonly number[]; values: number[] }]];
    expect(x.shape).toEqual([3, 1, 2]);
    // (v - 1) / 2, then each row reversed.
    expect(x.values).toEqual([0, -0.5, 0.5, 0, 1, 0.5]);
    expect(y).toEqual({ shape: [3, 2], values: [1, 0, 0, 1, 1, 0] });
  });

  it('rejects a bad batch size and mismatched samples', () => {
    expect(() => new DataLoader(numbered(3), { batchSize: 0 })).toThrow('DataLoader: batchSize must be a positive integer (got 0)');
    const ragged: Dataset = {
      length: 2,
      get: (i): Sample => [
        { data: new Float32Array(i + 1), shape: [i + 1], dtype: 'f32' },
        { data: new Int32Array([0]), shape: [], dtype: 'i32' },
      ],
    };
    expect(() => [...new DataLoader(ragged, { batchSize: 2 })]).toThrow('DataLoader: sample 1 has shape [2] (f32), sample 0 has [1] (f32)');
  });
});
