import { tensor64, mul, sum, tensor, noGrad, transpose, DTypeError } from '@nanograd/autograd';
import { describe, expect, it } from 'vitest';
import { SGD } from './sgd';
import { OptimizerError } from './optimizer-error';
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
  momentum: number;
  dampening: number;
  nesterov: boolean;
  weightDecay: number;
  maximize: boolean;
}

// PyTorch's documented SGD, in float64 on plain arrays (maximize negates the gradient first, as torch does).
function referenceSGD(initial: number[][], grads: number[][][], o: Options): number[][] {
  const theta = initial.map((row) => [...row]);
  const buffers: (number[] | null)[] = theta.map(() => null);
  for (const stepGrads of grads) {
    theta.forEach((param, p) => {
      const g = stepGrads[p]!.map((value, i) => (o.maximize ? -value : value) + o.weightDecay * param[i]!);
      let direction = g;
      if (o.momentum !== 0) {
        const previous = buffers[p] ?? null;
        const buffer = previous === null ? [...g] : previous.map((b, i) => o.momentum * b + (1 - o.dampening) * g[i]!);
        buffers[p] = buffer;
        direction = o.nesterov ? g.map((value, i) => value + o.momentum * buffer[i]!) : buffer;
      }
      theta[p] = param.map((value, i) => value - o.learningRate * direction[i]!);
    });
  }
  return theta;
}

const space = cartesian({ momentum: [0, 0.9], dampening: [0, 0.5], nesterov: [false, true], weightDecay: [0, 0.1], maximize: [false, true] });
const valid = space.filter((o) => !o.nesterov || (o.momentum > 0 && o.dampening === 0));

describe('SGD', () => {
  it.each(valid.map((o) => [JSON.stringify(o), o] as const))('matches the PyTorch formulas for %s (f64)', (_, combo) => {
    const options = { learningRate: 0.05, ...combo };
    const sequence = gradientSequence(5);
    const params = makeParams(sequence.initial, 'f64');
    runSequence(new SGD(params, options), params, sequence, 0, 5);
    const expected = referenceSGD(sequence.initial, sequence.grads, options);
    valuesOf(params).forEach((row, p) => row.forEach((value, i) => expect(value).toBeCloseTo(expected[p]![i]!, 13)));
  });

  it('matches the reference in f32 to single precision and keeps f32 state', () => {
    const options = { learningRate: 0.05, momentum: 0.9, dampening: 0, nesterov: true, weightDecay: 0.1, maximize: false };
    const sequence = gradientSequence(5);
    const params = makeParams(sequence.initial, 'f32');
    const optimizer = new SGD(params, options);
    runSequence(optimizer, params, sequence, 0, 5);
    const expected = referenceSGD(sequence.initial, sequence.grads, options);
    valuesOf(params).forEach((row, p) => row.forEach((value, i) => expect(value).toBeCloseTo(expected[p]![i]!, 5)));
    expect(params[0]!.dtype).toBe('f32');
    expect(optimizer.stateDict().state[0]?.buffers['momentumBuffer']).toHaveLength(6);
  });

  it('resumes bit-identically from a JSON round trip of stateDict', () => {
    for (const dtype of ['f32', 'f64'] as const) {
      const { uninterrupted, resumed } = resumeRun((params) => new SGD(params, { learningRate: 0.05, momentum: 0.9, dampening: 0.1, weightDecay: 0.01 }), dtype, 3, 8);
      expect(resumed).toEqual(uninterrupted);
    }
    const grouped = resumeRun(
      (params) => new SGD([{ params: [params[0]!] }, { params: [params[1]!], weightDecay: 0, momentum: 0.5 }], { learningRate: 0.05, momentum: 0.9, weightDecay: 0.1 }),
      'f32',
      3,
      8,
    );
    expect(grouped.resumed).toEqual(grouped.uninterrupted);
  });

  it('never mutates .grad and skips parameters without a gradient', () => {
    const [a, b] = makeParams([[1, 2], [3]], 'f64');
    const optimizer = new SGD([a!, b!], { learningRate: 0.5, weightDecay: 1 });
    a!.grad = tensor64([1, 1], [2]);
    optimizer.step();
    expect(a!.grad.toList()).toEqual([1, 1]);
    expect(a!.toList()).toEqual([1 - 0.5 * 2, 2 - 0.5 * 3]);
    expect(b!.toList()).toEqual([3]);
    expect(optimizer.stateDict().state[1]).toBeNull();
  });

  it('updates a non-contiguous parameter through assign', () => {
    const base = tensor64([1, 2, 3, 4, 5, 6], [2, 3]);
    const view = noGrad(() => transpose(base));
    view.requiresGrad = true;
    expect(view.isContiguous).toBe(false);
    const optimizer = new SGD([view], { learningRate: 0.5 });
    view.grad = tensor64([1, 2, 3, 4, 5, 6], [3, 2]);
    optimizer.step();
    // The transposed view holds [[1,4],[2,5],[3,6]]; each element moves by −0.5·g in that row-major order.
    expect(view.toList()).toEqual([[0.5, 3], [0.5, 3], [0.5, 3]]);
    expect(base.toList()).toEqual([[0.5, 0.5, 0.5], [3, 3, 3]]);
  });

  it('drives a quadratic to A⁻¹b, and to (A + λI)⁻¹b with weight decay', () => {
    const optimum = solve(quadratic.a, quadratic.b);
    const x = minimiseQuadratic((params) => ({ optimizer: new SGD(params, { learningRate: 0.1, momentum: 0.9 }) }), 600);
    x.forEach((value, i) => expect(value).toBeCloseTo(optimum[i]!, 8));
    const lambda = 0.5;
    const shifted = solve(quadratic.a.map((row, i) => row.map((value, j) => value + (i === j ? lambda : 0))), quadratic.b);
    const decayed = minimiseQuadratic((params) => ({ optimizer: new SGD(params, { learningRate: 0.1, momentum: 0.5, nesterov: true, weightDecay: lambda }) }), 600);
    decayed.forEach((value, i) => expect(value).toBeCloseTo(shifted[i]!, 8));
  });

  it('fits a logistic regression to the Newton optimum', () => {
    const optimum = logisticOptimum(logisticData());
    const { w, gradNorm } = minimiseLogistic((params) => {
      const optimizer = new SGD(params, { learningRate: 2, momentum: 0.9 });
      return { optimizer, scheduler: new CosineAnnealingLR(optimizer, { totalSteps: 1500, minLr: 0.5 }) };
    }, 1500);
    expect(gradNorm).toBeLessThan(1e-7);
    w.forEach((value, i) => expect(value).toBeCloseTo(optimum[i]!, 5));
  });

  it('applies per-group options (no weight decay on the bias group)', () => {
    const weight = tensor64([1, 1], [2], { requiresGrad: true });
    const bias = tensor64([1], [1], { requiresGrad: true });
    const optimizer = new SGD([{ params: [weight] }, { params: [bias], weightDecay: 0, learningRate: 1 }], { learningRate: 0.1, weightDecay: 0.5 });
    weight.grad = tensor64([0, 0], [2]);
    bias.grad = tensor64([0], [1]);
    optimizer.step();
    expect(weight.toList()).toEqual([1 - 0.1 * 0.5, 1 - 0.1 * 0.5]);
    expect(bias.toList()).toEqual([1]);
    expect(optimizer.getLearningRate(1)).toBe(1);
    expect(optimizer.paramGroups[1]?.options.weightDecay).toBe(0);
    optimizer.setLearningRate(0.2);
    expect([optimizer.getLearningRate(0), optimizer.getLearningRate(1)]).toEqual([0.2, 0.2]);
    optimizer.setLearningRate(0.3, 1);
    expect([optimizer.getLearningRate(0), optimizer.getLearningRate(1)]).toEqual([0.2, 0.3]);
  });

  it('reports its options and step count through state()', () => {
    const w = tensor64([1], [1], { requiresGrad: true });
    const optimizer = new SGD([w], { learningRate: 0.1, momentum: 0.9, nesterov: true });
    w.grad = tensor64([1], [1]);
    optimizer.step();
    expect(optimizer.state()).toEqual({ learningRate: 0.1, momentum: 0.9, dampening: 0, nesterov: true, weightDecay: 0, maximize: false, step: 1 });
  });

  it('zeroGrad clears every gradient', () => {
    const w = tensor64([1], [1], { requiresGrad: true });
    const optimizer = new SGD([w]);
    sum(mul(w, w)).backward();
    optimizer.zeroGrad();
    expect(w.grad).toBeNull();
  });

  it('validates its options and parameters with clear errors', () => {
    const w = tensor64([1], [1], { requiresGrad: true });
    expect(() => new SGD([w], { nesterov: true })).toThrow('SGD: nesterov needs momentum > 0 and dampening 0');
    expect(() => new SGD([w], { nesterov: true, momentum: 0.9, dampening: 0.1 })).toThrow('SGD: nesterov needs momentum > 0 and dampening 0');
    expect(() => new SGD([w], { learningRate: -1 })).toThrow('SGD: learningRate must be non-negative (got -1)');
    expect(() => new SGD([{ params: [w], momentum: -0.5 }])).toThrow('SGD: momentum must be non-negative (got -0.5) (group 0)');
    expect(() => new SGD([])).toThrow(OptimizerError);
    expect(() => new SGD([{ params: [w] }, { params: [w] }])).toThrow('SGD: parameter 0 of group 1 is the same tensor as parameter 0 of group 0');
    expect(() => new SGD([w, w])).toThrow(OptimizerError);
    expect(() => new SGD([tensor([1, 2], { dtype: 'i32' })])).toThrow(DTypeError);
    expect(() => new SGD([mul(w, 2)])).toThrow('SGD: parameter 0 of group 0 is not a leaf');
    expect(() => new SGD([w], { lr: 0.1 } as never)).toThrow('SGD: unknown option "lr"');
    expect(() => new SGD([w]).setLearningRate(-0.1)).toThrow(RangeError);
    expect(() => new SGD([w]).getLearningRate(3)).toThrow('SGD: getLearningRate: group 3 does not exist (1 groups)');
  });

  it('rejects a gradient whose shape differs from the parameter', () => {
    const w = tensor64([1, 2], [2], { requiresGrad: true });
    const optimizer = new SGD([w]);
    w.grad = tensor64([1, 2, 3], [3]);
    expect(() => optimizer.step()).toThrow('SGD: gradient shape [3] differs from parameter 0');
  });
});
