import { describe, expect, it } from 'vitest';
import { ShapeError } from '../errors';
import { normalizeForward } from './normalize-forward';

/** The channel of element `k` of a dense (outer, channels, inner) array. */
const channelOf = (k: number, channels: number, inner: number): number => Math.floor(k / inner) % channels;

/** Per-channel statistics and outputs written the plain way: gather each channel's values, then apply the formula. */
function reference(outer: number, channels: number, inner: number, epsilon: number, x: number[], weight: number[] | null, bias: number[] | null) {
  const values = Array.from({ length: channels }, (_, c) => x.filter((_, k) => channelOf(k, channels, inner) === c));
  const mean = values.map((v) => v.reduce((a, b) => a + b, 0) / v.length);
  const variance = values.map((v, c) => v.reduce((a, b) => a + (b - mean[c]!) ** 2, 0) / v.length);
  const inverseStd = variance.map((v) => 1 / Math.sqrt(v + epsilon));
  const normalized = x.map((value, k) => {
    const c = channelOf(k, channels, inner);
    return (value - mean[c]!) * inverseStd[c]!;
  });
  const out = normalized.map((value, k) => {
    const c = channelOf(k, channels, inner);
    return value * (weight?.[c] ?? 1) + (bias?.[c] ?? 0);
  });
  expect(outer * channels * inner).toBe(x.length);
  return { mean, variance, inverseStd, normalized, out };
}

function run(outer: number, channels: number, inner: number, epsilon: number, x: number[], weight: number[] | null, bias: number[] | null) {
  const out = new Float64Array(x.length);
  const normalized = new Float64Array(x.length);
  const [mean, variance, inverseStd] = [0, 1, 2].map(() => new Float64Array(channels)) as [Float64Array, Float64Array, Float64Array];
  normalizeForward(
    outer, channels, inner, epsilon, Float64Array.from(x), weight && Float64Array.from(weight), bias && Float64Array.from(bias),
    out, normalized, mean, variance, inverseStd,
  );
  return { mean: [...mean], variance: [...variance], inverseStd: [...inverseStd], normalized: [...normalized], out: [...out] };
}

function expectClose(actual: number[], expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 12));
}

describe('normalizeForward', () => {
  const shapes: [number, number, number][] = [[3, 2, 4], [1, 5, 6], [7, 3, 1], [2, 1, 3]];
  for (const [outer, channels, inner] of shapes) {
    it(`matches the plain reference for (outer, channels, inner) = (${outer}, ${channels}, ${inner}), affine or not`, () => {
      const x = Array.from({ length: outer * channels * inner }, (_, k) => Math.sin(k * 1.7) * 3 + (k % 5));
      const weight = Array.from({ length: channels }, (_, c) => 0.5 + c);
      const bias = Array.from({ length: channels }, (_, c) => c - 1);
      for (const [w, b] of [[null, null], [weight, bias], [weight, null]] as const) {
        const actual = run(outer, channels, inner, 1e-3, x, w, b);
        const expected = reference(outer, channels, inner, 1e-3, x, w, b);
        for (const key of ['mean', 'variance', 'inverseStd', 'normalized', 'out'] as const) expectClose(actual[key], expected[key]);
      }
    });
  }

  it('gives the hand-computed statistics of a small batch', () => {
    // Channel 0 holds 1, 2, 5, 6; channel 1 holds 3, 4, 7, 8 (outer 2, inner 2): means 3.5 and 5.5, variance 4.25.
    const result = run(2, 2, 2, 0, [1, 2, 3, 4, 5, 6, 7, 8], [2, 1], [0, 10]);
    expect(result.mean).toEqual([3.5, 5.5]);
    expect(result.variance).toEqual([4.25, 4.25]);
    expect(result.out[0]).toBeCloseTo((2 * (1 - 3.5)) / Math.sqrt(4.25), 14);
    expect(result.out[7]).toBeCloseTo(10 + (8 - 5.5) / Math.sqrt(4.25), 14);
  });

  it('writes an infinite inverseStd and NaN outputs for a constant channel with epsilon 0', () => {
    const result = run(1, 2, 3, 0, [2, 2, 2, 1, 2, 3], null, null);
    expect(result.variance).toEqual([0, 2 / 3]);
    expect(result.inverseStd[0]).toBe(Infinity);
    expect(result.out.slice(0, 3).every(Number.isNaN)).toBe(true);
    expect(result.out[5]).toBeCloseTo(1 / Math.sqrt(2 / 3), 14);
  });

  it('accumulates f32 input in double precision', () => {
    // 2^24 + 1 is not an f32, so an f32 running sum of these would drift; the mean of 1e4 copies of 1 + 2^-20 is exact.
    const x = new Float32Array(10_000).fill(1 + 2 ** -20);
    x[0] = 1 + 2 ** -19;
    const mean = new Float32Array(1);
    const out = new Float32Array(x.length);
    normalizeForward(1, 1, x.length, 1e-5, x, null, null, out, null, mean, new Float32Array(1), new Float32Array(1));
    expect(mean[0]).toBe(Math.fround(1 + 2 ** -20 + 2 ** -20 / 10_000));
  });

  it('rejects arrays of the wrong length with a ShapeError naming the layout', () => {
    const c = (): Float64Array => new Float64Array(2);
    expect(() => normalizeForward(2, 2, 2, 0, new Float64Array(7), null, null, new Float64Array(8), null, c(), c(), c())).toThrow(
      /^normalizeForward: x has 7 elements, expected 8 \(outer x channels x inner 2x2x2\)$/,
    );
    expect(() => normalizeForward(2, 2, 2, 0, new Float64Array(8), new Float64Array(3), null, new Float64Array(8), null, c(), c(), c())).toThrow(
      /^normalizeForward: weight has 3 elements, expected one per channel/,
    );
    expect(() => normalizeForward(-1, 2, 2, 0, new Float64Array(8), null, null, new Float64Array(8), null, c(), c(), c())).toThrow(ShapeError);
  });
});
