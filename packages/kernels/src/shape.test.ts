import { describe, expect, it } from 'vitest';
import { ShapeError } from './errors';
import { broadcastShapes, broadcastStrides, contiguousStrides, formatShape, isContiguous, normalizeAxis, sizeOf } from './shape';

describe('shape helpers', () => {
  it('computes sizes and row-major strides', () => {
    expect(sizeOf([])).toBe(1);
    expect(sizeOf([2, 0, 3])).toBe(0);
    expect(contiguousStrides([2, 3, 4])).toEqual([12, 4, 1]);
    expect(contiguousStrides([])).toEqual([]);
    expect(() => sizeOf([2, -1])).toThrow(ShapeError);
  });

  it('recognises contiguous layouts, ignoring extent-1 axes', () => {
    expect(isContiguous([2, 3], [3, 1])).toBe(true);
    expect(isContiguous([2, 1, 3], [3, 99, 1])).toBe(true);
    expect(isContiguous([2, 3], [1, 2])).toBe(false);
    expect(isContiguous([2, 3], [0, 1])).toBe(false);
  });

  it('broadcasts NumPy-style and explains failures with both shapes', () => {
    expect(broadcastShapes('add', [4, 1, 3], [5, 1])).toEqual([4, 5, 3]);
    expect(broadcastShapes('add', [], [2])).toEqual([2]);
    expect(() => broadcastShapes('add', [2, 3], [4, 3])).toThrow('add: shapes 2x3 and 4x3 cannot be broadcast');
    expect(broadcastStrides('mul', [3], [1], [2, 3])).toEqual([0, 1]);
    expect(broadcastStrides('mul', [2, 1], [1, 1], [2, 5])).toEqual([1, 0]);
    expect(() => broadcastStrides('mul', [3], [1], [2, 4])).toThrow(ShapeError);
  });

  it('normalises axes and rejects out-of-range ones', () => {
    expect(normalizeAxis('sum', -1, 3)).toBe(2);
    expect(() => normalizeAxis('sum', 3, 3)).toThrow('sum: axis 3 is out of range for rank 3');
    expect(formatShape([])).toBe('scalar');
  });
});
