import { describe, expect, it } from 'vitest';
import { manualSeed, ones, sum, tensor64 } from '@nanograd/autograd';
import { Dropout } from './dropout';

describe('Dropout', () => {
  it('zeroes about p of the elements in training and scales the rest by 1 / (1 − p)', () => {
    manualSeed(0);
    const layer = new Dropout(0.25);
    const y = Array.from(layer.forward(ones([4000], { dtype: 'f64' })).data);
    const zeros = y.filter((v) => v === 0).length;
    expect(y.every((v) => v === 0 || Math.abs(v - 4 / 3) < 1e-12)).toBe(true);
    expect(zeros / y.length).toBeGreaterThan(0.22);
    expect(zeros / y.length).toBeLessThan(0.28);
  });

  it('is the identity in eval mode and for p = 0', () => {
    const x = tensor64([1, 2, 3]);
    expect(new Dropout(0.9).eval().forward(x)).toBe(x);
    expect(new Dropout(0).forward(x)).toBe(x);
    expect(new Dropout(1).forward(x).toList()).toEqual([0, 0, 0]);
  });

  it('passes gradients through the kept elements only', () => {
    manualSeed(1);
    const x = tensor64([1, 1, 1, 1, 1, 1, 1, 1], undefined, { requiresGrad: true });
    const y = new Dropout(0.5).forward(x);
    sum(y).backward();
    expect(Array.from(x.grad?.data ?? [])).toEqual(Array.from(y.data));
  });

  it('rejects p outside [0, 1]', () => {
    expect(() => new Dropout(1.5)).toThrow('Dropout: p must be in [0, 1] (got 1.5)');
    expect(new Dropout().p).toBe(0.5);
  });
});
