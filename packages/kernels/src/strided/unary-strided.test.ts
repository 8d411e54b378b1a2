import { describe, expect, it } from 'vitest';
import { allocTypedArray, type DType } from '../dtype';
import { ShapeError } from '../errors';
import { LAYOUT_KINDS, randomArray, randomLayout } from '../internal/nd-layout';
import { describeMismatch, forEachIndex, offsetOf } from '../internal/nd-naive';
import { UNARY_OPS, type UnaryOp } from '../ops';
import { Random } from '../random';
import { unaryStrided } from './unary-strided';

// Reference erf from its everywhere-positive series, 2/√π·e^(−x²)·Σ 2ⁿx^(2n+1)/(1·3···(2n+1)), fine for |x| < 6.
function seriesErf(x: number): number {
  if (Math.abs(x) >= 6) return Math.sign(x);
  let term = x;
  let sum = x;
  for (let n = 1; n < 400 && Math.abs(term) > 1e-18 * Math.abs(sum); n++) {
    term *= (2 * x * x) / (2 * n + 1);
    sum += term;
  }
  return (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
}

// Reference Φ: (1 + erf(x/√2))/2 from the series above x = -2, below it erfc from Laplace's continued fraction
// (300 levels, converged to double precision for x/√2 < -1.4), so the negative tail keeps relative accuracy.
function normalCdf(x: number): number {
  if (x >= -2) return 0.5 * (1 + seriesErf(x / Math.SQRT2));
  const t = -x / Math.SQRT2;
  let fraction = t;
  for (let k = 300; k >= 1; k--) fraction = t + k / 2 / fraction;
  return (0.5 * Math.exp(-0.5 * x * x)) / (Math.sqrt(Math.PI) * fraction);
}
const normalDensity = (x: number): number => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

const REFERENCE: Record<UnaryOp, (x: number) => number> = {
  neg: (x) => -x,
  abs: (x) => (x < 0 ? -x : x),
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : x),
  exp: Math.exp,
  expm1: Math.expm1,
  log: Math.log,
  log1p: Math.log1p,
  sqrt: Math.sqrt,
  reciprocal: (x) => 1 / x,
  square: (x) => x ** 2,
  sin: Math.sin,
  cos: Math.cos,
  tanh: Math.tanh,
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  erf: seriesErf,
  gelu: (x) => x * normalCdf(x),
  geluDerivative: (x) => normalCdf(x) + x * normalDensity(x),
  floor: Math.floor,
  ceil: Math.ceil,
  round: (x) => {
    const floor = Math.floor(x);
    const fraction = x - floor;
    if (fraction !== 0.5) return fraction < 0.5 ? floor : floor + 1;
    return floor % 2 === 0 ? floor : floor + 1;
  },
};

const SHAPES = [[], [0], [1], [7], [2, 3], [3, 1, 5], [2, 0, 3], [4, 3, 2, 2], [1, 1], [13, 2, 3]];
const DTYPES: DType[] = ['f32', 'f64'];

describe('unaryStrided', () => {
  for (const op of UNARY_OPS) {
    for (const dtype of DTYPES) {
      it(`${op} (${dtype}) matches the naive reference on every layout`, () => {
        const random = new Random(op.length * 31 + dtype.length);
        const [rtol, atol] = dtype === 'f32' ? [1e-6, 1e-7] : [1e-14, 1e-15];
        for (const shape of SHAPES) {
          for (const kind of LAYOUT_KINDS) {
            const xLayout = randomLayout(random, shape, kind);
            const outLayout = randomLayout(random, shape, kind === 'broadcast' ? 'transposed' : kind, false);
            const x = randomArray(random, dtype, xLayout.length);
            const out = randomArray(random, dtype, outLayout.length);
            const expected = out.slice();
            forEachIndex(shape, (index) => {
              const value = x[offsetOf(index, xLayout.strides, xLayout.offset)];
              expected[offsetOf(index, outLayout.strides, outLayout.offset)] = REFERENCE[op](value);
            });
            unaryStrided(op, shape, x, xLayout.strides, xLayout.offset, out, outLayout.strides, outLayout.offset);
            const mismatch = describeMismatch(out, expected, rtol, atol);
            expect(mismatch, `${kind} ${shape.join('x')}`).toBeNull();
          }
        }
      });
    }
  }

  it('rounds halves to even, like NumPy', () => {
    const x = new Float64Array([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.49999999999999994, 4503599627370497, -3.7]);
    const out = new Float64Array(x.length);
    unaryStrided('round', [x.length], x, [1], 0, out, [1], 0);
    expect(Array.from(out)).toEqual([0, 2, 2, -0, -2, -2, 0, 4503599627370497, -4]);
  });

  it('computes sigmoid without overflow for large |x|', () => {
    const x = new Float64Array([-1000, -745, -40, 0, 40, 1000, Infinity, -Infinity]);
    const out = new Float64Array(x.length);
    unaryStrided('sigmoid', [x.length], x, [1], 0, out, [1], 0);
    expect(out.every((value) => Number.isFinite(value))).toBe(true);
    expect(out[0]).toBe(0);
    expect(out[2]).toBeCloseTo(4.248354255291589e-18, 30);
    expect(out[3]).toBe(0.5);
    expect(out[5]).toBe(1);
  });

  it('computes erf to about 1e-16 against high-precision values', () => {
    // erf at these points, computed with mpmath at 30 digits.
    const points: [number, number][] = [
      [1e-10, 1.1283791670955126e-10],
      [0.3, 0.32862675945912745],
      [0.5, 0.5204998778130465],
      [1, 0.8427007929497149],
      [-1.5, -0.9661051464753108],
      [2, 0.9953222650189527],
      [3, 0.9999779095030014],
      [4.5, 0.9999999998033839],
      [6.5, 1],
    ];
    const x = new Float64Array(points.map(([point]) => point));
    const out = new Float64Array(x.length);
    unaryStrided('erf', [x.length], x, [1], 0, out, [1], 0);
    points.forEach(([, value], i) => expect(Math.abs(out[i] - value)).toBeLessThanOrEqual(2e-16 * Math.max(1, Math.abs(value))));
    const dense = Float64Array.from({ length: 2001 }, (_, i) => -7 + i * 0.007);
    const denseOut = new Float64Array(dense.length);
    unaryStrided('erf', [dense.length], dense, [1], 0, denseOut, [1], 0);
    let worst = 0;
    dense.forEach((value, i) => (worst = Math.max(worst, Math.abs(denseOut[i] - seriesErf(value)))));
    expect(worst).toBeLessThan(1e-14); // the series itself loses a few ulps for large |x|
    const nan = new Float64Array([Number.NaN]);
    unaryStrided('erf', [1], nan, [1], 0, nan, [1], 0);
    expect(nan[0]).toBeNaN();
  });

  it('computes gelu and geluDerivative to a few ulps against high-precision values, tails included', () => {
    // x·Φ(x) and Φ(x) + x·φ(x), computed with mpmath at 40 digits.
    const points: [number, number, number][] = [
      [-30, -1.472014178144456e-196, -4.416031690708495e-195],
      [-10, -7.619853024160526e-23, -7.618400096464814e-22],
      [-8.5, -8.057604598872821e-17, -6.846504938697084e-16],
      [-6, -5.919525870226189e-9, -3.5468709453902015e-8],
      [-3, -0.0040496940948902835, -0.011945647204183927],
      [-1, -0.15865525393145705, -0.0833154705876863],
      [-0.5, -0.15426876936299344, 0.13250487534383715],
      [1e-10, 5.000000000398942e-11, 0.5000000000797885],
      [0.5, 0.34573123063700656, 0.8674951246561629],
      [1, 0.8413447460685429, 1.0833154705876864],
      [3, 2.99595030590511, 1.011945647204184],
      [6, 5.999999994080474, 1.0000000354687095],
      [10, 10, 1],
    ];
    const x = new Float64Array(points.map(([point]) => point));
    for (const [op, column] of [['gelu', 1], ['geluDerivative', 2]] as const) {
      const out = new Float64Array(x.length);
      unaryStrided(op, [x.length], x, [1], 0, out, [1], 0);
      points.forEach((point, i) => expect(Math.abs(out[i] - point[column]), `${op}(${point[0]})`).toBeLessThanOrEqual(1e-15 * Math.abs(point[column])));
    }
  });

  it('saturates gelu and geluDerivative without NaN: ±Infinity, far out, signed zeros', () => {
    const x = new Float64Array([Infinity, -Infinity, 1e300, -1e300, 40, -40, 0, -0, Number.NaN]);
    const gelu = new Float64Array(x.length);
    const derivative = new Float64Array(x.length);
    unaryStrided('gelu', [x.length], x, [1], 0, gelu, [1], 0);
    unaryStrided('geluDerivative', [x.length], x, [1], 0, derivative, [1], 0);
    expect(Array.from(gelu)).toEqual([Infinity, -0, 1e300, -0, 40, -0, 0, -0, Number.NaN]);
    expect(Array.from(derivative)).toEqual([1, 0, 1, 0, 1, 0, 0.5, 0.5, Number.NaN]);
  });

  it('works in place and on 1e5 contiguous float32 elements', () => {
    const x = Float32Array.from({ length: 100_000 }, (_, i) => i / 1000 - 50);
    const copy = x.slice();
    unaryStrided('abs', [100, 1000], x, [1000, 1], 0, x, [1000, 1], 0);
    expect(x.every((value, i) => value === Math.abs(copy[i]))).toBe(true);
  });

  it('rejects bad shapes, strides and too-short buffers before writing', () => {
    const x = new Float32Array(6);
    const out = new Float32Array(6).fill(9);
    expect(() => unaryStrided('exp', [2, 3], x, [3, 1], 1, out, [3, 1], 0)).toThrow(ShapeError);
    expect(() => unaryStrided('exp', [2, 3], x, [3, 1], 1, out, [3, 1], 0)).toThrow(
      /^unaryStrided: x \(shape 2x3, strides \[3, 1\], offset 1\) reaches elements 1\.\.6 but its buffer has 6/,
    );
    expect(() => unaryStrided('exp', [2, 3], x, [3, -1], 0, out, [3, 1], 0)).toThrow(/^unaryStrided: x .* reaches elements -2\.\.3/);
    expect(() => unaryStrided('exp', [2, 3], x, [3, 1], 0, out, [4, 1], 0)).toThrow(/^unaryStrided: out/);
    expect(() => unaryStrided('exp', [2, 3], x, [3], 0, out, [3, 1], 0)).toThrow(/^unaryStrided: x has 1 strides/);
    expect(() => unaryStrided('exp', [2, -3], x, [3, 1], 0, out, [3, 1], 0)).toThrow(/^unaryStrided: shape \[2, -3\]/);
    expect(() => unaryStrided('exp', [2, 3], x, [3, 1.5], 0, out, [3, 1], 0)).toThrow(/^unaryStrided: stride 1 of x/);
    expect(() => unaryStrided('exp', [2, 3], x, [3, 1], 0.5, out, [3, 1], 0)).toThrow(/^unaryStrided: offset of x/);
    expect(() => unaryStrided('nope' as UnaryOp, [1], x, [1], 0, out, [1], 0)).toThrow(/^unaryStrided: unknown op 'nope'/);
    expect(Array.from(out)).toEqual([9, 9, 9, 9, 9, 9]);
    // An empty view fits any buffer, even an empty one.
    unaryStrided('exp', [0, 3], new Float32Array(0), [3, 1], 0, new Float32Array(0), [3, 1], 5);
  });

  it('converts between element types by assignment', () => {
    const x = new Float64Array([1.7, -2.2, 3.5]);
    const out = allocTypedArray('i32', 3);
    unaryStrided('neg', [3], x, [1], 0, out, [1], 0);
    expect(Array.from(out)).toEqual([-1, 2, -3]);
  });
});
