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

  it('rejects arrays of different lengths', () => {
    const a = new Float32Array(2);
    expect(() => adamStep(parameters(1), a, new Float32Array(3), a, a, null)).toThrow(ShapeError);
    expect(() => adamStep(parameters(1), a, a, a, a, new Float32Array(1))).toThrow(/adamStep: arrays differ in length \(2, 2, 2, 2, 1\)/);
  });
});
