import { describe, expect, it } from 'vitest';
import { ShapeError } from '../errors';
import { normalizeBackward } from './normalize-backward';
import { normalizeForward } from './normalize-forward';

/** Σ g·(normalize(x)·weight + bias), the scalar whose gradient in x the backward kernel returns. */
function objective(outer: number, channels: number, inner: number, epsilon: number, x: Float64Array, weight: Float64Array, g: Float64Array): number {
  const out = new Float64Array(x.length);
  const stats = [0, 1, 2].map(() => new Float64Array(channels)) as [Float64Array, Float64Array, Float64Array];
  normalizeForward(outer, channels, inner, epsilon, x, weight, null, out, null, ...stats);
  return out.reduce((total, value, k) => total + value * g[k]!, 0);
}

describe('normalizeBackward', () => {
  const shapes: [number, number, number][] = [[3, 2, 4], [1, 4, 5], [6, 3, 1]];
  for (const [outer, channels, inner] of shapes) {
    it(`equals the central finite difference of the forward pass for (${outer}, ${channels}, ${inner})`, () => {
      const size = outer * channels * inner;
      const epsilon = 1e-3;
      const x = Float64Array.from({ length: size }, (_, k) => Math.cos(k * 2.3) * 2 + (k % 3));
      const g = Float64Array.from({ length: size }, (_, k) => Math.sin(k * 0.9 + 1));
      const weight = Float64Array.from({ length: channels }, (_, c) => 1.5 - c * 0.7);
      const normalized = new Float64Array(size);
      const [mean, variance, inverseStd] = [0, 1, 2].map(() => new Float64Array(channels)) as [Float64Array, Float64Array, Float64Array];
      normalizeForward(outer, channels, inner, epsilon, x, null, null, new Float64Array(size), normalized, mean, variance, inverseStd);
      const scale = weight.map((w, c) => w * inverseStd[c]!);
      const out = new Float64Array(size);
      const gradSum = new Float64Array(channels);
      const gradNormalizedSum = new Float64Array(channels);
      normalizeBackward(outer, channels, inner, g, normalized, scale, out, gradSum, gradNormalizedSum);
      const h = 1e-6;
      for (let k = 0; k < size; k++) {
        const plus = Float64Array.from(x);
        const minus = Float64Array.from(x);
        plus[k]! += h;
        minus[k]! -= h;
        const numeric = (objective(outer, channels, inner, epsilon, plus, weight, g) - objective(outer, channels, inner, epsilon, minus, weight, g)) / (2 * h);
        expect(out[k]).toBeCloseTo(numeric, 6);
      }
      // The sums are the bias and weight gradients: Σg and Σg·normalized per channel.
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        let weighted = 0;
        for (let k = 0; k < size; k++) {
          if (Math.floor(k / inner) % channels !== c) continue;
          sum += g[k]!;
          weighted += g[k]! * normalized[k]!;
        }
        expect(gradSum[c]).toBeCloseTo(sum, 12);
        expect(gradNormalizedSum[c]).toBeCloseTo(weighted, 12);
      }
    });
  }

  it('works in place (out = grad)', () => {
    const grad = new Float64Array([1, 3, -2, 5]);
    const normalized = new Float64Array([-1, 1, 1, -1]);
    const expected = new Float64Array(4);
    const sums = (): Float64Array => new Float64Array(2);
    normalizeBackward(1, 2, 2, grad, normalized, new Float64Array([2, 0.5]), expected, sums(), sums());
    normalizeBackward(1, 2, 2, grad, normalized, new Float64Array([2, 0.5]), grad, sums(), sums());
    expect([...grad]).toEqual([...expected]);
    // Channel 0: Σg = 4, Σg·xhat = 2, so 2·(g − 2 − xhat·1) = [0, 0].
    expect(expected[0]).toBe(0);
    expect(expected[1]).toBe(0);
  });

  it('rejects arrays of the wrong length with a ShapeError', () => {
    const full = (): Float32Array => new Float32Array(6);
    const c = (): Float32Array => new Float32Array(3);
    expect(() => normalizeBackward(2, 3, 1, full(), new Float32Array(5), c(), full(), c(), c())).toThrow(
      /^normalizeBackward: normalized has 5 elements, expected 6 \(outer x channels x inner 2x3x1\)$/,
    );
    expect(() => normalizeBackward(2, 3, 1, full(), full(), c(), full(), new Float32Array(2), c())).toThrow(ShapeError);
  });
});
