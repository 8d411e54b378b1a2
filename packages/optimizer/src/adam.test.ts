import { tensor64 } from '@nanograd/autograd';
import { describe, expect, it } from 'vitest';
import { Adam } from './adam';
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

const space = cartesian({ amsgrad: [false, true], weightDecay: [0, 0.1], maximize: [false, true], betas: [[0.9, 0.999], [0.5, 0.8]] as const });

describe('Adam', () => {
  it.each(space.map((o) => [JSON.stringify(o), o] as const))('matches the PyTorch formulas for %s (f64)', (_, combo) => {
    const options = { learningRate: 0.05, beta1: combo.betas[0], beta2: combo.betas[1], epsilon: 1e-8, weightDecay: combo.weightDecay, amsgrad: combo.amsgrad, maximize: combo.maximize };
    const sequence = gradientSequence(6);
    const params = makeParams(sequence.initial, 'f64');
    runSequence(new Adam(params, options), params, sequence, 0, 6);
    const expected = referenceAdam(sequence.initial, sequence.grads, options, false);
    valuesOf(params).forEach((row, p) => row.forEach((value, i) => expect(value).toBeCloseTo(expected[p]![i]!, 12)));
  });

  it('matches the reference in f32 to single precision', () => {
    const options = { learningRate: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.1, amsgrad: true, maximize: false };
    const sequence = gradientSequence(6);
    const params = makeParams(sequence.initial, 'f32');
    runSequence(new Adam(params, options), params, sequence, 0, 6);
    const expected = referenceAdam(sequence.initial, sequence.grads, options, false);
    valuesOf(params).forEach((row, p) => row.forEach((value, i) => expect(value).toBeCloseTo(expected[p]![i]!, 5)));
  });

  it('resumes bit-identically from a JSON round trip of stateDict', () => {
    for (const dtype of ['f32', 'f64'] as const) {
      for (const amsgrad of [false, true]) {
        const { uninterrupted, resumed } = resumeRun((params) => new Adam(params, { learningRate: 0.05, amsgrad, weightDecay: 0.01 }), dtype, 4, 9);
        expect(resumed).toEqual(uninterrupted);
      }
    }
  });

  it('drives a quadratic to A⁻¹b', () => {
    const optimum = solve(quadratic.a, quadratic.b);
    const x = minimiseQuadratic((params) => {
      const optimizer = new Adam(params, { learningRate: 0.05 });
      return { optimizer, scheduler: new CosineAnnealingLR(optimizer, { totalSteps: 1500, minLr: 0 }) };
    }, 1500);
    x.forEach((value, i) => expect(value).toBeCloseTo(optimum[i]!, 5));
  });

  it('fits a logistic regression to the Newton optimum', () => {
    const optimum = logisticOptimum(logisticData());
    const { w, gradNorm } = minimiseLogistic((params) => {
      const optimizer = new Adam(params, { learningRate: 0.1, amsgrad: true });
      return { optimizer, scheduler: new CosineAnnealingLR(optimizer, { totalSteps: 1500 }) };
    }, 1500);
    expect(gradNorm).toBeLessThan(1e-4);
    w.forEach((value, i) => expect(value).toBeCloseTo(optimum[i]!, 3));
  });

  it('reports camelCase options in state() and validates betas', () => {
    const w = tensor64([1], [1], { requiresGrad: true });
    expect(new Adam([w]).state()).toEqual({ learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0, amsgrad: false, maximize: false, step: 0 });
    expect(() => new Adam([w], { beta1: 1 })).toThrow('Adam: beta1 must be in [0, 1) (got 1)');
    expect(() => new Adam([w], { beta2: -0.1 })).toThrow('Adam: beta2 must be in [0, 1) (got -0.1)');
    expect(() => new Adam([w], { learningRate: -1e-3 })).toThrow('Adam: learningRate must be non-negative (got -0.001)');
    expect(() => new Adam([w], { amsgrad: 1 as never })).toThrow('Adam: amsgrad must be a boolean (got 1)');
  });

  it('loadStateDict rejects mismatched groups, parameters and buffers', () => {
    const a = tensor64([1, 2], [2], { requiresGrad: true });
    const b = tensor64([3], [1], { requiresGrad: true });
    const source = new Adam([a, b]);
    a.grad = tensor64([1, 1], [2]);
    source.step();
    const dict = JSON.parse(JSON.stringify(source.stateDict()));
    expect(() => new Adam([{ params: [a] }, { params: [b] }]).loadStateDict(dict)).toThrow('Adam: loadStateDict: the dict has 1 parameter groups, the optimizer 2');
    expect(() => new Adam([a]).loadStateDict(dict)).toThrow('Adam: loadStateDict: group 0 has 2 parameters in the dict, 1 in the optimizer');
    const wide = tensor64([1, 2, 3], [3], { requiresGrad: true });
    expect(() => new Adam([wide, b]).loadStateDict(dict)).toThrow('Adam: loadStateDict: buffer expAvg of parameter 0 has 2 elements, the parameter 3');
    expect(() => new Adam([a, b], { amsgrad: true }).loadStateDict({ ...dict, paramGroups: [{ ...dict.paramGroups[0], options: { ...dict.paramGroups[0].options, amsgrad: true } }] })).toThrow(
      'Adam: loadStateDict: parameter 0 has buffers [expAvg, expAvgSq], expected [expAvg, expAvgSq, maxExpAvgSq]',
    );
    expect(() => new Adam([a, b]).loadStateDict({ ...dict, optimizer: 'SGD' })).toThrow('Adam: loadStateDict got a state dict written by SGD');
  });
});
