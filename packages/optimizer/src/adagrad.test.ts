import { tensor64 } from '@nanograd/autograd';
import { describe, expect, it } from 'vitest';
import { Adagrad } from './adagrad';
import {
  cartesian,
  gradientSequence,
  logisticData,
  logisticOptimum,
  makeParams,
  minimiseLogistic,
  minimiseQuadratic,
  quadratic,
  resumeRun,
  runSequence,
  solve,
  valuesOf,
} from './internal/test-harness';

interface Options {
  learningRate: number;
  lrDecay: number;
  weightDecay: number;
  initialAccumulatorValue: number;
  epsilon: number;
  maximize: boolean;
}

// PyTorch's Adagrad in float64 on plain arrays.
function referenceAdagrad(initial: number[][], grads: number[][][], o: Options): number[][] {
  const theta = initial.map((row) => [...row]);
  const sums = theta.map((row) => row.map(() => o.initialAccumulatorValue));
  grads.forEach((stepGrads, step) => {
    const t = step + 1;
    const rate = o.learningRate / (1 + (t - 1) * o.lrDecay);
    theta.forEach((param, p) => {
      param.forEach((value, i) => {
        const g = (o.maximize ? -stepGrads[p]![i]! : stepGrads[p]![i]!) + o.weightDecay * value;
        sums[p]![i] = sums[p]![i]! + g * g;
        param[i] = value - (rate * g) / (Math.sqrt(sums[p]![i]!) + o.epsilon);
      });
    });
  });
  return theta;
}

const space = cartesian({ lrDecay: [0, 0.1], weightDecay: [0, 0.1], initialAccumulatorValue: [0, 0.5], maximize: [false, true] });

describe('Adagrad', () => {
  it.each(space.map((o) => [JSON.stringify(o), o] as const))('matches the PyTorch formulas for %s (f64)', (_, combo) => {
    const options = { learningRate: 0.1, epsilon: 1e-10, ...combo };
    const sequence = gradientSequence(6);
    const params = makeParams(sequence.initial, 'f64');
    runSequence(new Adagrad(params, options), params, sequence, 0, 6);
    const expected = referenceAdagrad(sequence.initial, sequence.grads, options);
    valuesOf(params).forEach((row, p) => row.forEach((value, i) => expect(value).toBeCloseTo(expected[p]![i]!, 12)));
  });

  it('matches the reference in f32 to single precision', () => {
    const options = { learningRate: 0.1, epsilon: 1e-10, lrDecay: 0.1, weightDecay: 0.1, initialAccumulatorValue: 0.5, maximize: false };
    const sequence = gradientSequence(6);
    const params = makeParams(sequence.initial, 'f32');
    runSequence(new Adagrad(params, options), params, sequence, 0, 6);
    const expected = referenceAdagrad(sequence.initial, sequence.grads, options);
    valuesOf(params).forEach((row, p) => row.forEach((value, i) => expect(value).toBeCloseTo(expected[p]![i]!, 5)));
  });

  it('resumes bit-identically from a JSON round trip of stateDict', () => {
    for (const dtype of ['f32', 'f64'] as const) {
      const { uninterrupted, resumed } = resumeRun((params) => new Adagrad(params, { learningRate: 0.1, lrDecay: 0.01, initialAccumulatorValue: 0.1 }), dtype, 5, 9);
      expect(resumed).toEqual(uninterrupted);
    }
  });

  it('drives a quadratic to A⁻¹b and a logistic regression to its optimum', () => {
    const optimum = solve(quadratic.a, quadratic.b);
    const x = minimiseQuadratic((params) => ({ optimizer: new Adagrad(params, { learningRate: 0.5 }) }), 3000);
    x.forEach((value, i) => expect(value).toBeCloseTo(optimum[i]!, 5));
    const logistic = logisticOptimum(logisticData());
    const { w, gradNorm } = minimiseLogistic((params) => ({ optimizer: new Adagrad(params, { learningRate: 1 }) }), 1500);
    expect(gradNorm).toBeLessThan(1e-5);
    w.forEach((value, i) => expect(value).toBeCloseTo(logistic[i]!, 3));
  });

  it('fills the accumulator with initialAccumulatorValue and validates options', () => {
    const w = tensor64([1], [1], { requiresGrad: true });
    const optimizer = new Adagrad([w], { initialAccumulatorValue: 0.25 });
    w.grad = tensor64([0], [1]);
    optimizer.step();
    expect(optimizer.stateDict().state[0]?.buffers['sum']).toEqual([0.25]);
    expect(() => new Adagrad([w], { lrDecay: -1 })).toThrow('Adagrad: lrDecay must be non-negative (got -1)');
    expect(() => new Adagrad([w], { initialAccumulatorValue: -1 })).toThrow('Adagrad: initialAccumulatorValue must be non-negative (got -1)');
  });
});
