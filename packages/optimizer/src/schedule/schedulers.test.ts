import { tensor64 } from '@nanograd/autograd';
import { describe, expect, it } from 'vitest';
import { SGD } from '../sgd';
import { ConstantLR } from './constant-lr';
import { CosineAnnealingLR } from './cosine-annealing-lr';
import { CosineWarmupLR } from './cosine-warmup-lr';
import { ExponentialLR } from './exponential-lr';
import { LinearWarmupLR } from './linear-warmup-lr';
import type { LRScheduler, SchedulableOptimizer } from './lr-scheduler';
import { OneCycleLR } from './one-cycle-lr';
import { StepLR } from './step-lr';

const sgd = (learningRate: number) => new SGD([tensor64([1], [1], { requiresGrad: true })], { learningRate });

/** The optimizer's rate at creation and after each of `steps` scheduler steps. */
function rates(make: (optimizer: SchedulableOptimizer) => LRScheduler, base: number, steps: number): number[] {
  const optimizer = sgd(base);
  const scheduler = make(optimizer);
  const seen = [optimizer.getLearningRate()];
  for (let i = 0; i < steps; i++) {
    scheduler.step();
    seen.push(optimizer.getLearningRate());
    expect(scheduler.getLearningRate()).toBe(optimizer.getLearningRate());
  }
  return seen;
}

function expectClose(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 14));
}

describe('schedulers', () => {
  it('ConstantLR keeps the rate, or scales it for totalSteps', () => {
    expectClose(rates((o) => new ConstantLR(o), 0.1, 3), [0.1, 0.1, 0.1, 0.1]);
    // PyTorch ConstantLR(factor=1/3, total_iters=2).
    expectClose(rates((o) => new ConstantLR(o, { factor: 1 / 3, totalSteps: 2 }), 0.3, 3), [0.1, 0.1, 0.3, 0.3]);
  });

  it('StepLR matches base · γ^⌊t/stepSize⌋', () => {
    expectClose(rates((o) => new StepLR(o, { stepSize: 3, gamma: 0.5 }), 0.1, 7), [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025]);
    expectClose(rates((o) => new StepLR(o, { stepSize: 1 }), 1, 2), [1, 0.1, 0.01]);
    expect(() => new StepLR(sgd(1), { stepSize: 0 })).toThrow('StepLR: stepSize must be an integer >= 1 (got 0)');
  });

  it('ExponentialLR matches base · γᵗ', () => {
    expectClose(rates((o) => new ExponentialLR(o, { gamma: 0.9 }), 2, 4), [0, 1, 2, 3, 4].map((t) => 2 * 0.9 ** t));
  });

  it('CosineAnnealingLR matches η_min + (base − η_min)(1 + cos(πt/T))/2 and holds η_min after T', () => {
    const expected = [0, 1, 2, 3, 4, 5, 6].map((t) => 0.01 + ((0.1 - 0.01) * (1 + Math.cos((Math.PI * Math.min(t, 5)) / 5))) / 2);
    expectClose(rates((o) => new CosineAnnealingLR(o, { totalSteps: 5, minLr: 0.01 }), 0.1, 6), expected);
  });

  it('LinearWarmupLR ramps from 0 or from a start factor (PyTorch LinearLR)', () => {
    expectClose(rates((o) => new LinearWarmupLR(o, { warmupSteps: 4 }), 1, 6), [0, 0.25, 0.5, 0.75, 1, 1, 1]);
    // PyTorch LinearLR(start_factor=0.25, end_factor=1, total_iters=4) on lr 0.4.
    expectClose(rates((o) => new LinearWarmupLR(o, { warmupSteps: 4, startFactor: 0.25 }), 0.4, 5), [0.1, 0.175, 0.25, 0.325, 0.4, 0.4]);
  });

  it('CosineWarmupLR warms up linearly from 0, then anneals to minLr', () => {
    const base = 6e-4;
    const minLr = 6e-5;
    const expected = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((t) => (t < 2 ? (base * t) / 2 : minLr + ((base - minLr) * (1 + Math.cos((Math.PI * Math.min(t - 2, 5)) / 5))) / 2));
    expectClose(rates((o) => new CosineWarmupLR(o, { warmupSteps: 2, totalSteps: 7, minLr }), base, 8), expected);
    expect(() => new CosineWarmupLR(sgd(1), { warmupSteps: 5, totalSteps: 5 })).toThrow('CosineWarmupLR: totalSteps must be an integer >= 6 (got 5)');
  });

  it('OneCycleLR follows PyTorch cosine annealing with divFactor, finalDivFactor and pctStart', () => {
    const maxLr = 0.1;
    const total = 10;
    const initial = maxLr / 25;
    const final = initial / 1e4;
    // PyTorch: phase 1 ends at step 0.3·10 − 1 = 2, phase 2 at step 9; _annealing_cos(start, end, pct).
    const cos = (start: number, end: number, pct: number) => end + ((start - end) / 2) * (1 + Math.cos(Math.PI * pct));
    const expected = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((t) => (t <= 2 ? cos(initial, maxLr, t / 2) : cos(maxLr, final, (t - 2) / 7)));
    expectClose(rates((o) => new OneCycleLR(o, { maxLr, totalSteps: total }), 1, 9), expected);
    expect(expected[1]).toBeCloseTo(0.052, 15);
    const custom = (t: number) => (t <= 4 ? cos(0.1, 1, t / 4) : cos(1, 0.1 / 100, (t - 4) / 5));
    expectClose(rates((o) => new OneCycleLR(o, { maxLr: 1, totalSteps: 10, pctStart: 0.5, divFactor: 10, finalDivFactor: 100 }), 1, 9), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(custom));
    const optimizer = sgd(0.5);
    const scheduler = new OneCycleLR(optimizer, { totalSteps: 10 });
    expect(optimizer.getLearningRate()).toBeCloseTo(0.02, 15);
    for (let i = 0; i < 10; i++) scheduler.step();
    expect(() => scheduler.step()).toThrow('OneCycleLR: stepped 11 times, past totalSteps 10');
    expect(scheduler.stepCount).toBe(10);
    expect(() => new OneCycleLR(sgd(1), { totalSteps: 10, pctStart: 1 })).toThrow('OneCycleLR: pctStart must be in (0, 1) (got 1)');
  });
});
