import { describe, expect, it } from 'vitest';
import type { FloatArray } from '../dtype';
import { DTypeError, ShapeError } from '../errors';
import { Random } from '../random';
import { dgemv, dger, sgemv, sger } from './level2';

type Ctor = Float32ArrayConstructor | Float64ArrayConstructor;
type GemvFn = (
  trans: boolean,
  m: number,
  n: number,
  alpha: number,
  a: FloatArray,
  lda: number,
  x: FloatArray,
  incX: number,
  beta: number,
  y: FloatArray,
  incY: number,
  offsetA: number,
  offsetX: number,
  offsetY: number,
) => void;
type GerFn = (
  m: number,
  n: number,
  alpha: number,
  x: FloatArray,
  incX: number,
  y: FloatArray,
  incY: number,
  a: FloatArray,
  lda: number,
  offsetX: number,
  offsetY: number,
  offsetA: number,
) => void;

const SIZES = [0, 1, 2, 5, 7, 13];
const STEPS = [1, 2, -1, -3];
const DTYPES = [
  { name: 'f32', Ctor: Float32Array as Ctor, tol: 1e-5, gemv: sgemv as GemvFn, ger: sger as GerFn },
  { name: 'f64', Ctor: Float64Array as Ctor, tol: 1e-13, gemv: dgemv as GemvFn, ger: dger as GerFn },
];

/** A random buffer holding a strided vector of n elements; negative steps need the offset at the far end. */
function strided(random: Random, Ctor: Ctor, n: number, inc: number): { data: FloatArray; offset: number } {
  const span = n === 0 ? 0 : (n - 1) * Math.abs(inc);
  const offset = (inc < 0 ? span : 0) + random.integer(3);
  const length = offset + (inc > 0 ? span : 0) + 1 + random.integer(3);
  return { data: random.fillUniform(new Ctor(length), -1, 1), offset };
}

/** A random row-major m x n matrix with padding lda > n and a non-zero offset. */
function matrix(random: Random, Ctor: Ctor, m: number, n: number): { data: FloatArray; offset: number; lda: number } {
  const lda = Math.max(1, n) + random.integer(3);
  const offset = random.integer(4);
  const data = random.fillUniform(new Ctor(offset + m * lda + random.integer(2)), -1, 1);
  return { data, offset, lda };
}

function pick<T>(random: Random, values: readonly T[]): T {
  return values[random.integer(values.length)];
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const ok = Object.is(actual[i], expected[i]) || Math.abs(actual[i] - expected[i]) <= tol * (1 + Math.abs(expected[i]));
    if (!ok) expect.fail(`element ${i}: got ${actual[i]}, expected ${expected[i]}`);
  }
}

function expectThrows(fn: () => unknown, errorClass: typeof ShapeError | typeof DTypeError, kernel: string): void {
  let error: unknown;
  try {
    fn();
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(errorClass);
  expect((error as Error).message).toMatch(new RegExp(`^${kernel}: `));
}

describe.each(DTYPES)('level-2 BLAS ($name)', ({ Ctor, tol, gemv, ger }) => {
  it('gemv matches a naive product for both transposes, strides, offsets and lda > n', () => {
    const random = new Random(21);
    for (const m of SIZES) {
      for (const n of SIZES) {
        for (const trans of [false, true]) {
          const a = matrix(random, Ctor, m, n);
          const incX = pick(random, STEPS);
          const incY = pick(random, STEPS);
          const lenX = trans ? m : n;
          const lenY = trans ? n : m;
          const x = strided(random, Ctor, lenX, incX);
          const y = strided(random, Ctor, lenY, incY);
          const alpha = pick(random, [0, 1, random.uniform() * 4 - 2]);
          const beta = pick(random, [0, 1, random.uniform() * 4 - 2]);
          const expected = Float64Array.from(y.data);
          for (let i = 0; i < lenY; i++) {
            let sum = 0;
            for (let j = 0; j < lenX; j++) {
              const aij = trans ? a.data[a.offset + j * a.lda + i] : a.data[a.offset + i * a.lda + j];
              sum += aij * x.data[x.offset + j * incX];
            }
            const iy = y.offset + i * incY;
            expected[iy] = alpha * sum + (beta === 0 ? 0 : beta * y.data[iy]);
          }
          gemv(trans, m, n, alpha, a.data, a.lda, x.data, incX, beta, y.data, incY, a.offset, x.offset, y.offset);
          expectClose(y.data, expected, tol);
        }
      }
    }
  });

  it('gemv with beta = 0 overwrites y without reading it', () => {
    for (const trans of [false, true]) {
      const y = new Ctor([NaN, NaN]);
      gemv(trans, 2, 2, 1, new Ctor([1, 2, 3, 4]), 2, new Ctor([1, 1]), 1, 0, y, 1, 0, 0, 0);
      expect(Array.from(y)).toEqual(trans ? [4, 6] : [3, 7]);
      const cleared = new Ctor([NaN, Infinity]);
      gemv(trans, 2, 2, 0, new Ctor([NaN, NaN, NaN, NaN]), 2, new Ctor([1, 1]), 1, 0, cleared, 1, 0, 0, 0);
      expect(Array.from(cleared)).toEqual([0, 0]);
    }
  });

  it('ger with alpha = 0 leaves A untouched even when x holds NaN', () => {
    const a = new Ctor([1, 2, 3, 4]);
    ger(2, 2, 0, new Ctor([NaN, 1]), 1, new Ctor([Infinity, 1]), 1, a, 2, 0, 0, 0);
    expect(Array.from(a)).toEqual([1, 2, 3, 4]);
  });

  it('ger matches A[i][j] += alpha * x[i] * y[j] and leaves the lda padding alone', () => {
    const random = new Random(22);
    for (const m of SIZES) {
      for (const n of SIZES) {
        const a = matrix(random, Ctor, m, n);
        const incX = pick(random, STEPS);
        const incY = pick(random, STEPS);
        const x = strided(random, Ctor, m, incX);
        const y = strided(random, Ctor, n, incY);
        const alpha = pick(random, [0, 1, random.uniform() * 4 - 2]);
        const expected = Float64Array.from(a.data);
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < n; j++) {
            expected[a.offset + i * a.lda + j] += alpha * x.data[x.offset + i * incX] * y.data[y.offset + j * incY];
          }
        }
        ger(m, n, alpha, x.data, incX, y.data, incY, a.data, a.lda, x.offset, y.offset, a.offset);
        expectClose(a.data, expected, tol);
      }
    }
  });
});

describe('level-2 BLAS examples and validation', () => {
  const f32 = (n: number) => new Float32Array(n);
  const f64 = (n: number) => new Float64Array(n);

  it('runs the documented examples', () => {
    const y = new Float32Array(2);
    sgemv(false, 2, 3, 1, new Float32Array([1, 2, 3, 4, 5, 6]), 3, new Float32Array([1, 1, 1]), 1, 0, y, 1);
    expect(Array.from(y)).toEqual([6, 15]);
    const z = new Float64Array(3);
    dgemv(true, 2, 3, 1, new Float64Array([1, 2, 3, 4, 5, 6]), 3, new Float64Array([1, -1]), 1, 0, z, 1);
    expect(Array.from(z)).toEqual([-3, -3, -3]);
    const a = new Float32Array(4);
    sger(2, 2, 1, new Float32Array([1, 2]), 1, new Float32Array([3, 4]), 1, a, 2);
    expect(Array.from(a)).toEqual([3, 4, 6, 8]);
    const b = new Float64Array([1, 1, 1, 1]);
    dger(2, 2, -1, new Float64Array([1, 0]), 1, new Float64Array([2, 3]), 1, b, 2);
    expect(Array.from(b)).toEqual([-1, -2, 1, 1]);
  });

  it('rejects bad arguments with ShapeError before touching y or A', () => {
    const y = new Float64Array([5, 5]);
    const cases: [string, () => unknown][] = [
      ['sgemv', () => sgemv(false, -1, 2, 1, f32(4), 2, f32(2), 1, 0, f32(2), 1)],
      ['dgemv', () => dgemv(false, 2, 3, 1, f64(6), 2, f64(3), 1, 0, y, 1)],
      ['dgemv', () => dgemv(false, 2, 3, 1, f64(5), 3, f64(3), 1, 0, y, 1)],
      ['sgemv', () => sgemv(false, 2, 2, 1, f32(4), 2, f32(2), 0, 0, f32(2), 1)],
      ['dgemv', () => dgemv(false, 2, 2, 1, f64(4), 2, f64(2), 1, 0, y, 0)],
      // With trans the vector lengths swap: x needs m = 3 elements.
      ['dgemv', () => dgemv(true, 3, 2, 1, f64(6), 2, f64(2), 1, 0, y, 1)],
      ['sgemv', () => sgemv(false, 2, 2, 1, f32(4), 2, f32(2), 1, 0, f32(2), -1)],
      ['sgemv', () => sgemv(false, 2, 2, 1, f32(4), 2, f32(2), 1, 0, f32(2), 1, 1)],
      ['sger', () => sger(2, 2, 1, f32(2), 1, f32(2), 1, f32(4), 1)],
      ['dger', () => dger(2, 2, 1, f64(2), 0, f64(2), 1, f64(4), 2)],
      ['sger', () => sger(2, 3, 1, f32(2), 1, f32(2), 1, f32(6), 3)],
      ['dger', () => dger(2, 2, 1, f64(2), 1, f64(2), 1, f64(4), 2, 0, 0, 1)],
      ['dger', () => dger(2, 2.5, 1, f64(2), 1, f64(2), 1, f64(4), 2)],
    ];
    for (const [kernel, call] of cases) expectThrows(call, ShapeError, kernel);
    expect(Array.from(y)).toEqual([5, 5]);
    expect(() => dgemv(false, 2, 3, 1, f64(6), 2, f64(3), 1, 0, y, 1)).toThrow(
      'dgemv: lda (2) is smaller than the row length of a (2x3)',
    );
  });

  it('rejects the other dtype with DTypeError', () => {
    const w32 = f64(4) as unknown as Float32Array;
    const w64 = f32(4) as unknown as Float64Array;
    const cases: [string, () => unknown][] = [
      ['sgemv', () => sgemv(false, 2, 2, 1, w32, 2, f32(2), 1, 0, f32(2), 1)],
      ['sgemv', () => sgemv(false, 2, 2, 1, f32(4), 2, w32, 1, 0, f32(2), 1)],
      ['dgemv', () => dgemv(false, 2, 2, 1, f64(4), 2, f64(2), 1, 0, w64, 1)],
      ['sger', () => sger(2, 2, 1, f32(2), 1, f32(2), 1, w32, 2)],
      ['dger', () => dger(2, 2, 1, w64, 1, f64(2), 1, f64(4), 2)],
    ];
    for (const [kernel, call] of cases) expectThrows(call, DTypeError, kernel);
  });
});
