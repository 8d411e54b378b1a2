import { describe, expect, it } from 'vitest';
import { calculateGain, computeFans } from './fans';

describe('computeFans', () => {
  it('matches PyTorch for dense and convolution weights', () => {
    expect(computeFans([128, 784])).toEqual({ fanIn: 784, fanOut: 128 });
    expect(computeFans([16, 3, 5, 5])).toEqual({ fanIn: 75, fanOut: 400 });
    expect(computeFans([8, 4, 3])).toEqual({ fanIn: 12, fanOut: 24 });
  });

  it('rejects shapes without fans', () => {
    expect(() => computeFans([10])).toThrow('computeFans: a weight needs rank 2 or more to have fans (got shape [10])');
  });
});

describe('calculateGain', () => {
  it('gives the standard gains', () => {
    expect(calculateGain('linear')).toBe(1);
    expect(calculateGain('tanh')).toBeCloseTo(5 / 3, 15);
    expect(calculateGain('relu')).toBeCloseTo(Math.sqrt(2), 15);
    expect(calculateGain('leakyRelu', 0.2)).toBeCloseTo(Math.sqrt(2 / 1.04), 15);
    expect(calculateGain('selu')).toBe(0.75);
    expect(() => calculateGain('leakyRelu', Number.NaN)).toThrow(RangeError);
  });
});
