import { tensor64 } from '@nanograd/autograd';
import { describe, expect, it } from 'vitest';
import { AdamW } from './adamw';
import { CosineAnnealingLR } from './schedule/cosine-annealing-lr';
import {
  cartesian,
  gradientSequence,
  logisticData,
  logisticOptimum,
  makeParams,
  minimiseLogistic,
  minimiseQuadratic,
  referenceAdam,
  quadratic,
  resumeRun,
  runSequence,
  solve,
  valuesOf,
} from './internal/test-harness';

const space = cartesian({ amsgrad: [false, true], weightDecay: [0, 0.1], maximize: [false, true] });

describe('AdamW', () => {
  it.each(space.map((o) => [JSON.stringify(o), o] as const))('matches the PyTorch formulas for %s (f64)', (_, combo) => {
    const options = { learningRate: 0.05, beta1: 0.8, beta2: 0.95, epsilon: 1e-8, ...combo };
    const sequence = gradientSequence(6);
    const params = makeParams(sequence.initial, 'f64');
    runSequence(new AdamW(params, options), params, sequence, 0, 6);
    const expected = referenceAdam(sequence.initial, sequence.grads, options, true);
    valuesOf(params).forEach((row, p) => row.forEach((value, i) => expect(value).toBeCloseTo(expected[p]![i]!, 12)));
  });

  it('matches the reference in f32 to single precision', () => {
    const options = { learningRate: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.1, amsgrad: false, maximize: false };
    const sequence = gradientSequence(6);
    const params = makeParams(sequence.initial, 'f32');
    runSequence(new AdamW(params, options), params, sequence, 0, 6);
    const expected = referenceAdam(sequence.initial, sequence.grads, options, true);
    valuesOf(params).forEach((row, p) => row.forEach((value, i) => expect(value).toBeCloseTo(expected[p]![i]!, 5)));
  });

  it('decays weights even when the gradient is zero (decoupled), unlike Adam', () => {
    const w = tensor64([2], [1], { requiresGrad: true });
    const optimizer = new AdamW([w], { learningRate: 0.1, weightDecay: 0.5 });
    w.grad = tensor64([0], [1]);
    optimizer.step();
    expect(w.toList()).toEqual([2 * (1 - 0.1 * 0.5)]);
    expect(optimizer.state().weightDecay).toBe(0.5);
    expect(new AdamW([tensor64([1], [1], { requiresGrad: true })]).state().weightDecay).toBe(0.01);
  });

  it('resumes bit-identically from a JSON round trip of stateDict', () => {
    for (const dtype of ['f32', 'f64'] as const) {
      const { uninterrupted, resumed } = resumeRun((params) => new AdamW(params, { learningRate: 0.05, amsgrad: true }), dtype, 2, 7);
      expect(resumed).toEqual(uninterrupted);
    }
  });

  it('drives a quadratic to A⁻¹b and a logistic regression to its optimum (no decay)', () => {
    const optimum = solve(quadratic.a, quadratic.b);
    const x = minimiseQuadratic((params) => {
      const optimizer = new AdamW(params, { learningRate: 0.05, weightDecay: 0 });
      return { optimizer, scheduler: new CosineAnnealingLR(optimizer, { totalSteps: 1500 }) };
    }, 1500);
    x.forEach((value, i) => expect(value).toBeCloseTo(optimum[i]!, 5));
    const logistic = logisticOptimum(logisticData());
    const { w, gradNorm } = minimiseLogistic((params) => {
      const optimizer = new AdamW(params, { learningRate: 0.1, weightDecay: 0 });
      return { optimizer, scheduler: new CosineAnnealingLR(optimizer, { totalSteps: 1500 }) };
    }, 1500);
    expect(gradNorm).toBeLessThan(1e-4);
    w.forEach((value, i) => expect(value).toBeCloseTo(logistic[i]!, 3));
  });
});
