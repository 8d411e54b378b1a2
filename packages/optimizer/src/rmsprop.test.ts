import { tensor64 } from '@nanograd/autograd';
import { describe, expect, it } from 'vitest';
import { RMSprop } from './rmsprop';
import { CosineAnnealingLR } from './schedule/cosine-annealing-lr';
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
  alpha: number;
  epsilon: number;
  weightDecay: number;
  momentum: number;
  centered: boolean;
  maximize: boolean;
}

// PyTorch's RMSprop in float64 on plain arrays.
function referenceRMSprop(initial: number[][], grads: number[][][], o: Options): number[][] {
  const theta = initial.map((row) => [...row]);
  const v = theta.map((row) => row.map(() => 0));
  const gAvg = theta.map((row) => row.map(() => 0));
  const buffer = theta.map((row) => row.map(() => 0));
  for (const stepGrads of grads) {
    theta.forEach((param, p) => {
      param.forEach((value, i) => {
        const g = (o.maximize ? -stepGrads[p]![i]! : stepGrads[p]![i]!) + o.weightDecay * value;
        v[p]![i] = o.alpha * v[p]![i]! + (1 - o.alpha) * g * g;
        let vTilde = v[p]![i]!;
        if (o.centered) {
          gAvg[p]![i] = o.alpha * gAvg[p]![i]! + (1 - o.alpha) * g;
          vTilde -= gAvg[p]![i]! ** 2;
        }
        if (o.momentum > 0) {
          buffer[p]![i] = o.momentum * buffer[p]![i]! + g / (Math.sqrt(vTilde) + o.epsilon);
          param[i] = value - o.learningRate * buffer[p]![i]!;
        } else {
          param[i] = value - (o.learningRate * g) / (Math.sqrt(vTilde) + o.epsilon);
        }
      });
    });
  }
  return theta;
}

const space = cartesian({ centered: [false, true], momentum: [0, 0.9], weightDecay: [0, 0.1], maximize: [false, true] });

describe('RMSprop', () => {
  it.each(space.map((o) => [JSON.stringify(o), o] as const))('matches the PyTorch formulas for %s (f64)', (_, combo) => {
    const options = { learningRate: 0.01, alpha: 0.9, epsilon: 1e-8, ...combo };
    const sequence = gradientSequence(6);
    const params = makeParams(sequence.initial, 'f64');
    runSequence(new RMSprop(params, options), params, sequence, 0, 6);
    const expected = referenceRMSprop(sequence.initial, sequence.grads, options);
    valuesOf(params).forEach((row, p) => row.forEach((value, i) => expect(value).toBeCloseTo(expected[p]![i]!, 12)));
  });

  it('matches the reference in f32 to single precision', () => {
    const options = { learningRate: 0.01, alpha: 0.99, epsilon: 1e-8, weightDecay: 0.1, momentum: 0.9, centered: true, maximize: false };
    const sequence = gradientSequence(6);
    const params = makeParams(sequence.initial, 'f32');
    runSequence(new RMSprop(params, options), params, sequence, 0, 6);
    const expected = referenceRMSprop(sequence.initial, sequence.grads, options);
    valuesOf(params).forEach((row, p) => row.forEach((value, i) => expect(value).toBeCloseTo(expected[p]![i]!, 5)));
  });

  it('resumes bit-identically from a JSON round trip of stateDict', () => {
    for (const dtype of ['f32', 'f64'] as const) {
      const { uninterrupted, resumed } = resumeRun((params) => new RMSprop(params, { learningRate: 0.01, momentum: 0.5, centered: true }), dtype, 3, 8);
      expect(resumed).toEqual(uninterrupted);
    }
  });

  it('drives a quadratic to A⁻¹b and a logistic regression to its optimum', () => {
    const optimum = solve(quadratic.a, quadratic.b);
    const x = minimiseQuadratic((params) => {
      const optimizer = new RMSprop(params, { learningRate: 0.01, momentum: 0.5 });
      return { optimizer, scheduler: new CosineAnnealingLR(optimizer, { totalSteps: 2000 }) };
    }, 2000);
    x.forEach((value, i) => expect(value).toBeCloseTo(optimum[i]!, 4));
    const logistic = logisticOptimum(logisticData());
    const { w, gradNorm } = minimiseLogistic((params) => {
      const optimizer = new RMSprop(params, { learningRate: 0.02, centered: true });
      return { optimizer, scheduler: new CosineAnnealingLR(optimizer, { totalSteps: 1500 }) };
    }, 1500);
    expect(gradNorm).toBeLessThan(1e-3);
    w.forEach((value, i) => expect(value).toBeCloseTo(logistic[i]!, 2));
  });

  it('allocates only the buffers its options need and validates them', () => {
    const w = tensor64([1, 2], [2], { requiresGrad: true });
    const optimizer = new RMSprop([w], { centered: true });
    w.grad = tensor64([1, 1], [2]);
    optimizer.step();
    expect(Object.keys(optimizer.stateDict().state[0]!.buffers).sort()).toEqual(['gradAvg', 'squareAvg']);
    expect(optimizer.state()).toMatchObject({ learningRate: 0.01, alpha: 0.99, momentum: 0, centered: true, step: 1 });
    expect(() => new RMSprop([w], { alpha: -1 })).toThrow('RMSprop: alpha must be non-negative (got -1)');
    expect(() => new RMSprop([w], { epsilon: Number.NaN })).toThrow('RMSprop: epsilon must be a finite number (got NaN)');
  });
});
