import { describe, expect, it } from 'vitest';
import { ShapeError } from '../errors';
import { adamStep, type AdamStepParameters } from './adam-step';

/** The textbook update with bias-corrected moments, written independently of the kernel. */
function textbook(p: number, g: number, m: number, v: number, t: number, options: { lr: number; b1: number; b2: number; eps: number }): number[] {
  const m1 = options.b1 * m + (1 - options.b1) * g;
  const v1 = options.b2 * v + (1 - options.b2) * g * g;
  const mHat = m1 / (1 - options.b1 ** t);
  const vHat = v1 / (1 - options.b2 ** t);
  return [p - (options.lr * mHat) / (Math.sqrt(vHat) + options.eps), m1, v1];
}

function parameters(t: number, extra: Partial<AdamStepParameters> = {}): AdamStepParameters {
  return { beta1: 0.9, beta2: 0.99, epsilon: 1e-6, stepSize: 0.1 / (1 - 0.9 ** t), biasCorrection2Sqrt: Math.sqrt(1 - 0.99 ** t), l2: 0, shrink: 1, maximize: false, ...extra };
}

describe('adamStep', () => {
  it('follows the textbook bias-corrected update over several steps', () => {
    const param = new Float64Array([1, -2, 0.5]);
    const grad = new Float64Array([0.3, -1, 2]);
    const m = new Float64Array(3);
    const v = new Float64Array(3);
    const expected = [...param].map((p) => [p, 0, 0]);
    for (let t = 1; t <= 4; t++) {
      adamStep(parameters(t), param, grad, m, v, null);
      expected.forEach((state, i) => expected.splice(i, 1, textbook(state[0]!, grad[i]!, state[1]!, state[2]!, t, { lr: 0.1, b1: 0.9, b2: 0.99, eps: 1e-6 })));
    }
    expected.forEach(([p, m1, v1], i) => {
      expect(param[i]).toBeCloseTo(p!, 12);
      expect(m[i]).toBeCloseTo(m1!, 12);
      expect(v[i]).toBeCloseTo(v1!, 12);
    });
  });

  it('adds the L2 term, shrinks first, flips the sign to maximize and keeps the AMSGrad maximum', () => {
    const run = (extra: Partial<AdamStepParameters>, max: Float64Array | null, v0 = 0): number => {
      const param = new Float64Array([2]);
      adamStep(parameters(1, extra), param, new Float64Array([1]), new Float64Array(1), new Float64Array([v0]), max);
      return param[0]!;
    };
    // One step moves by stepSize·m/(√v/√bc2 + ε) = 0.1·g/(|g| + ε) whatever g is: the sign decides the direction.
    expect(run({}, null)).toBeCloseTo(2 - 0.1 / (1 + 1e-6), 12);
    expect(run({ maximize: true }, null)).toBeCloseTo(2 + 0.1 / (1 + 1e-6), 12);
    expect(run({ l2: -1 }, null)).toBeCloseTo(2 + 0.1 / (1 + 1e-6), 12); // g + l2·θ = 1 − 2 = −1
    expect(run({ shrink: 0.5 }, null)).toBeCloseTo(1 - 0.1 / (1 + 1e-6), 12);
    // AMSGrad with a large stored maximum: the denominator uses it, so the step is much smaller.
    const max = new Float64Array([100]);
    const withMax = run({}, max);
    expect(max[0]).toBe(100);
    expect(2 - withMax).toBeCloseTo((0.1 * 0.1) / (Math.sqrt(100) / Math.sqrt(0.01) + 1e-6) / 0.1, 12);
  });

  it('computes f32 arrays in f32 arithmetic, rounding after every operation (PyTorch f32 semantics)', () => {
    const f = Math.fround;
    const n = 64;
    const values = (seed: number): Float32Array => Float32Array.from({ length: n }, (_, i) => Math.sin(seed + i * 1.37) * 3);
    for (const extra of [{}, { l2: 0.01, shrink: 0.999 }, { maximize: true }]) {
      const param = values(1);
      const grad = values(2);
      const m = values(3);
      const v = values(4).map(Math.abs);
      const expected = Float32Array.from(param);
      const options = parameters(3, extra);
      const parts = [options.beta1, options.beta2, 1 - options.beta1, 1 - options.beta2, options.epsilon, options.stepSize].map(f);
      const [b1, b2, k1, k2, eps, size] = parts as [number, number, number, number, number, number];
      const correction = f(options.biasCorrection2Sqrt);
      // The f64 result rounded once at the end differs in the last bits for some elements; f32 arithmetic must not.
      let differsFromF64 = false;
      for (let i = 0; i < n; i++) {
        const value = f(param[i]! * f(options.shrink));
        const g = f((options.maximize ? -grad[i]! : grad[i]!) + f(f(options.l2) * value));
        const m1 = f(f(b1 * m[i]!) + f(k1 * g));
        const v1 = f(f(b2 * v[i]!) + f(f(k2 * g) * g));
        expected[i] = f(value - f(f(size * m1) / f(f(f(Math.sqrt(v1)) / correction) + eps)));
        const wide = value - (options.stepSize * m1) / (Math.sqrt(v1) / options.biasCorrection2Sqrt + options.epsilon);
        if (f(wide) !== expected[i]) differsFromF64 = true;
      }
      adamStep(options, param, grad, m, v, null);
      expect(Array.from(param)).toEqual(Array.from(expected));
      expect(differsFromF64).toBe(true);
    }
  });

  it('rejects arrays of different lengths', () => {
    const a = new Float32Array(2);
    expect(() => adamStep(parameters(1), a, new Float32Array(3), a, a, null)).toThrow(ShapeError);
    expect(() => adamStep(parameters(1), a, a, a, a, new Float32Array(1))).toThrow(/adamStep: arrays differ in length \(2, 2, 2, 2, 1\)/);
  });
});
