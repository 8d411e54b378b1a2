import { describe, expect, it } from 'vitest';
import { planNd } from './nd-plan';

describe('planNd', () => {
  it('collapses views contiguous in every operand into one 1-d loop', () => {
    expect(planNd([2, 3, 4], [[12, 4, 1], [12, 4, 1]])).toEqual({ size: 24, shape: [24], strides: [[1], [1]] });
    // Extent-1 axes are dropped whatever their stride.
    expect(planNd([2, 1, 4], [[4, 99, 1], [4, 0, 1]])).toEqual({ size: 8, shape: [8], strides: [[1], [1]] });
  });

  it('keeps a broadcast axis apart and merges what it can', () => {
    expect(planNd([5, 2, 3], [[6, 3, 1], [0, 3, 1]])).toEqual({ size: 30, shape: [5, 6], strides: [[6, 1], [0, 1]] });
  });

  it('orders axes by one operand so a fully transposed set of views becomes contiguous', () => {
    expect(planNd([3, 4], [[1, 3], [1, 3]], 1)).toEqual({ size: 12, shape: [12], strides: [[1], [1]] });
    expect(planNd([3, 4], [[1, 3], [4, 1]], 1)).toEqual({ size: 12, shape: [3, 4], strides: [[1, 3], [4, 1]] });
  });

  it('plans scalars as one element and empty shapes as size 0', () => {
    expect(planNd([], [[], []])).toEqual({ size: 1, shape: [1], strides: [[0], [0]] });
    expect(planNd([3, 0], [[1, 1]]).size).toBe(0);
  });

  it('moves a short innermost run outwards', () => {
    expect(planNd([1000, 3], [[3, 1], [0, 1]])).toEqual({ size: 3000, shape: [3, 1000], strides: [[1, 3], [1, 0]] });
  });
});
