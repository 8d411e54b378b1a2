import { describe, expect, it } from 'vitest';
import { cosineAnnealing, exponentialDecay, oneCycle, stepDecay, warmupCosine } from './curves';

describe('learning-rate curves', () => {
  it('step and exponential decay follow their closed forms', () => {
    expect(stepDecay(0, { baseLr: 0.1, stepSize: 10, gamma: 0.5 })).toBe(0.1);
    expect(stepDecay(9, { baseLr: 0.1, stepSize: 10, gamma: 0.5 })).toBe(0.1);
    expect(stepDecay(10, { baseLr: 0.1, stepSize: 10, gamma: 0.5 })).toBe(0.05);
    expect(exponentialDecay(3, { baseLr: 2, gamma: 0.5 })).toBe(0.25);
    expect(() => stepDecay(1, { baseLr: 0.1, stepSize: 0, gamma: 0.5 })).toThrow('stepDecay: stepSize must be a positive integer (got 0)');
    expect(() => exponentialDecay(-1, { baseLr: 1, gamma: 0.9 })).toThrow(RangeError);
  });

  it('cosine annealing goes from base to min and stays there', () => {
    const options = { baseLr: 0.1, totalSteps: 100, minLr: 0.001 };
    expect(cosineAnnealing(0, options)).toBeCloseTo(0.1, 15);
    expect(cosineAnnealing(50, options)).toBeCloseTo(0.0505, 15);
    expect(cosineAnnealing(100, options)).toBeCloseTo(0.001, 15);
    expect(cosineAnnealing(150, options)).toBeCloseTo(0.001, 15);
    expect(cosineAnnealing(25, options)).toBeGreaterThan(cosineAnnealing(26, options));
  });

  it('warm-up rises linearly, then decays by cosine', () => {
    const options = { baseLr: 6e-4, warmupSteps: 10, totalSteps: 110, minLr: 6e-5 };
    expect(warmupCosine(0, options)).toBe(0);
    expect(warmupCosine(5, options)).toBeCloseTo(3e-4, 15);
    expect(warmupCosine(10, options)).toBeCloseTo(6e-4, 15);
    expect(warmupCosine(60, options)).toBeCloseTo((6e-4 + 6e-5) / 2, 15);
    expect(warmupCosine(110, options)).toBeCloseTo(6e-5, 15);
    expect(() => warmupCosine(0, { baseLr: 1, warmupSteps: 5, totalSteps: 5 })).toThrow(RangeError);
  });

  it('one-cycle matches PyTorch OneCycleLR values', () => {
    // PyTorch OneCycleLR(max_lr=1, total_steps=100): peak at step 29, end at 99, cosine phases.
    const options = { maxLr: 1, totalSteps: 100 };
    expect(oneCycle(0, options)).toBeCloseTo(0.04, 12);
    expect(oneCycle(29, options)).toBeCloseTo(1, 12);
    expect(oneCycle(99, options)).toBeCloseTo(0.04 / 1e4, 12);
    const rising = oneCycle(14, options);
    expect(rising).toBeCloseTo(0.04 + (0.96 * (1 - Math.cos((Math.PI * 14) / 29))) / 2, 12);
    expect(() => oneCycle(101, options)).toThrow('oneCycle: step 101 is past totalSteps 100');
  });
});
