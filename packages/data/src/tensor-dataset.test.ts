import { describe, expect, it } from 'vitest';
import { ShapeError } from '@nanograd/kernels';
import { randomSplit } from './random-split';
import { Subset } from './subset';
import { TensorDataset } from './tensor-dataset';
import { trainValidationSplit } from './train-validation-split';

const dataset = new TensorDataset(
  { data: Float32Array.from({ length: 12 }, (_, i) => i), shape: [4, 3], dtype: 'f32' },
  { data: new Int32Array([5, 6, 7, 8]), shape: [4], dtype: 'i32' },
);

describe('TensorDataset and Subset', () => {
  it('returns rows and gathered batches', () => {
    expect(dataset.length).toBe(4);
    const [x, y] = dataset.get(2);
    expect(x).toEqual({ data: new Float32Array([6, 7, 8]), shape: [3], dtype: 'f32' });
    expect(y).toEqual({ data: new Int32Array([7]), shape: [], dtype: 'i32' });
    const [xs, ys] = dataset.getBatch([3, 0]);
    expect(xs.shape).toEqual([2, 3]);
    expect(Array.from(xs.data)).toEqual([9, 10, 11, 0, 1, 2]);
    expect(Array.from(ys.data)).toEqual([8, 5]);
    expect(() => dataset.get(4)).toThrow('TensorDataset: index 4 out of range [0, 4)');
    const subset = new Subset(dataset, [3, 1]);
    expect(Array.from(subset.get(1)[1].data)).toEqual([6]);
    expect(Array.from(subset.getBatch([1, 0])[1].data)).toEqual([6, 8]);
    expect(() => subset.get(2)).toThrow('Subset: index 2 out of range [0, 2)');
    expect(() => new Subset(dataset, [4])).toThrow('Subset: index 4 out of range [0, 4)');
  });

  it('rejects mismatched first extents and inconsistent data', () => {
    expect(() => new TensorDataset({ data: new Float32Array(6), shape: [3, 2], dtype: 'f32' }, { data: new Int32Array(2), shape: [2], dtype: 'i32' })).toThrow(
      'TensorDataset: inputs [3, 2] and targets [2] need the same first extent',
    );
    expect(() => new TensorDataset({ data: new Float32Array(5), shape: [3, 2], dtype: 'f32' }, { data: new Int32Array(3), shape: [3], dtype: 'i32' })).toThrow(ShapeError);
  });
});

describe('randomSplit and trainValidationSplit', () => {
  it('partitions datasets by counts or fractions, deterministically by seed', () => {
    const big = new TensorDataset({ data: new Float32Array(10), shape: [10], dtype: 'f32' }, { data: new Int32Array(10), shape: [10], dtype: 'i32' });
    const parts = randomSplit(big, [0.5, 0.3, 0.2], { seed: 5 });
    expect(parts.map((part) => part.length)).toEqual([5, 3, 2]);
    expect(parts.flatMap((part) => part.indices).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(randomSplit(big, [0.5, 0.3, 0.2], { seed: 5 }).map((part) => part.indices)).toEqual(parts.map((part) => part.indices));
    expect(randomSplit(big, [7, 3]).map((part) => part.length)).toEqual([7, 3]);
    // floor(3.33) = 3 each, the remaining sample goes to the first part.
    expect(randomSplit(big, [1 / 3, 1 / 3, 1 / 3]).map((part) => part.length)).toEqual([4, 3, 3]);
    expect(() => randomSplit(big, [4, 4])).toThrow('randomSplit: lengths [4, 4] must be counts summing to 10 or fractions summing to 1');
  });

  it('holds out a validation fraction of arrays and datasets', () => {
    const items = Array.from({ length: 20 }, (_, i) => `item${i}`);
    const { train, validation } = trainValidationSplit(items, 0.25, { seed: 2 });
    expect([train.length, validation.length]).toEqual([15, 5]);
    expect([...train, ...validation].sort()).toEqual([...items].sort());
    expect(trainValidationSplit(items, 0.25, { seed: 2 })).toEqual({ train, validation });
    expect(trainValidationSplit(items, 0.25, { seed: 3 }).validation).not.toEqual(validation);
    const split = trainValidationSplit(dataset, 0.5, { seed: 1 });
    expect(split.train).toBeInstanceOf(Subset);
    expect([...split.train.indices, ...split.validation.indices].sort()).toEqual([0, 1, 2, 3]);
    expect(() => trainValidationSplit(items, 1.5)).toThrow('trainValidationSplit: validationFraction must be in [0, 1] (got 1.5)');
  });
});
