import { tensor64 } from '@nanograd/autograd';
import { describe, expect, it } from 'vitest';
import { Adam } from '../adam';
import { SGD } from '../sgd';
import { gradientSequence, makeParams, runSequence, valuesOf } from '../internal/test-harness';
import { OptimizerError } from '../optimizer-error';
import { LRScheduler } from './lr-scheduler';
import { OneCycleLR } from './one-cycle-lr';
import { StepLR } from './step-lr';

const sgd = (learningRate = 1) => new SGD([tensor64([1], [1], { requiresGrad: true })], { learningRate });

describe('LRScheduler', () => {
  it('sets the step-0 rate at creation and follows the curve per group', () => {
    const a = tensor64([1], [1], { requiresGrad: true });
    const b = tensor64([1], [1], { requiresGrad: true });
    const optimizer = new SGD([{ params: [a] }, { params: [b], learningRate: 0.2 }], { learningRate: 1 });
    const scheduler = new LRScheduler(optimizer, (step, base) => base / (step + 2));
    expect([optimizer.getLearningRate(0), optimizer.getLearningRate(1)]).toEqual([0.5, 0.1]);
    expect(scheduler.lastLearningRates).toEqual([0.5, 0.1]);
    expect(scheduler.baseLearningRates).toEqual([1, 0.2]);
    scheduler.step();
    expect(scheduler.stepCount).toBe(1);
    expect(scheduler.lastLearningRate).toBeCloseTo(1 / 3, 15);
    expect(scheduler.getLearningRate(1)).toBeCloseTo(0.2 / 3, 15);
    expect(optimizer.getLearningRate(1)).toBeCloseTo(0.2 / 3, 15);
    expect(() => scheduler.getLearningRate(2)).toThrow('LRScheduler: getLearningRate: group 2 does not exist (2 groups)');
  });

  it('rejects curves that give invalid rates', () => {
    expect(() => new LRScheduler(sgd(), () => -1)).toThrow('LRScheduler: the rate for step 0 of group 0 is -1');
    expect(() => new LRScheduler(sgd(), () => 0, { baseLearningRates: [1, 2] })).toThrow('LRScheduler: got 2 base learning rates for 1 parameter groups');
  });

  it('round-trips its state dict and rejects foreign ones', () => {
    const optimizer = sgd(0.1);
    const scheduler = new StepLR(optimizer, { stepSize: 2, gamma: 0.5 });
    for (let i = 0; i < 5; i++) scheduler.step();
    const saved = JSON.parse(JSON.stringify(scheduler.stateDict()));
    expect(saved).toEqual({ scheduler: 'StepLR', step: 5, baseLearningRates: [0.1] });
    const other = sgd(0.1);
    const restored = new StepLR(other, { stepSize: 2, gamma: 0.5 });
    restored.loadStateDict(saved);
    expect(other.getLearningRate()).toBe(optimizer.getLearningRate());
    restored.step();
    scheduler.step();
    expect(other.getLearningRate()).toBe(optimizer.getLearningRate());
    expect(() => restored.loadStateDict({ ...saved, scheduler: 'ExponentialLR' })).toThrow(OptimizerError);
    expect(() => restored.loadStateDict({ ...saved, baseLearningRates: [0.1, 0.2] })).toThrow('StepLR: loadStateDict: expected 1 non-negative base learning rates');
  });

  it('resumes optimizer and scheduler together bit-identically', () => {
    const total = 10;
    const k = 4;
    const make = (params: ReturnType<typeof makeParams>) => {
      const optimizer = new Adam(params, { learningRate: 0.1 });
      return { optimizer, scheduler: new OneCycleLR(optimizer, { totalSteps: total }) };
    };
    const sequence = gradientSequence(total, 3);
    const straight = makeParams(sequence.initial, 'f32');
    const a = make(straight);
    runSequence(a.optimizer, straight, sequence, 0, total, a.scheduler);
    const first = makeParams(sequence.initial, 'f32');
    const b = make(first);
    runSequence(b.optimizer, first, sequence, 0, k, b.scheduler);
    const saved = JSON.parse(JSON.stringify({ optimizer: b.optimizer.stateDict(), scheduler: b.scheduler.stateDict() }));
    const second = makeParams(valuesOf(first), 'f32');
    const c = make(second);
    c.optimizer.loadStateDict(saved.optimizer);
    c.scheduler.loadStateDict(saved.scheduler);
    runSequence(c.optimizer, second, sequence, k, total, c.scheduler);
    expect(valuesOf(second)).toEqual(valuesOf(straight));
    expect(c.optimizer.getLearningRate()).toBe(a.optimizer.getLearningRate());
  });
});
