import { describe, expect, it } from 'vitest';
import { arange, ones, ShapeError } from '@nanograd/autograd';
import { Flatten } from './flatten';

describe('Flatten', () => {
  it('keeps the batch axis and merges the rest in row-major order', () => {
    const x = arange(0, 24).reshape([2, 3, 2, 2]);
    const y = new Flatten().forward(x);
    expect(y.shape).toEqual([2, 12]);
    expect(y.toList()).toEqual([Array.from({ length: 12 }, (_, i) => i), Array.from({ length: 12 }, (_, i) => i + 12)]);
    expect(new Flatten().forward(ones([5, 7])).shape).toEqual([5, 7]);
  });

  it('has no parameters and a name', () => {
    expect(new Flatten().parameters()).toEqual([]);
    expect(new Flatten({ name: 'f' }).name).toBe('f');
  });

  it('rejects input without a batch axis', () => {
    expect(() => new Flatten().forward(ones([4]))).toThrow(ShapeError);
    expect(() => new Flatten().forward(ones([4]))).toThrow("Flatten 'flatten': expected input (N, …) of rank 2 or more, got 4");
  });
});
