import { describe, expect, it } from 'vitest';
import type { FloatArray } from '../dtype';
import { DTypeError, ShapeError } from '../errors';
import { Random } from '../random';
import { daxpy, dcopy, ddot, dscal, saxpy, scopy, sdot, sscal } from './level1';

type Ctor = Float32ArrayConstructor | Float64ArrayConstructor;
type AxpyFn = (
  n: number,
  alpha: number,
  x: FloatArray,
  incX: number,
  y: FloatArray,
  incY: number,
  ox: number,
  oy: number,
) => void;
type DotFn = (n: number, x: FloatArray, incX: number, y: FloatArray, incY: number, ox: number, oy: number) => number;
type ScalFn = (n: number, alpha: number, x: FloatArray, incX: number, ox: number) => void;
type CopyFn = (n: number, x: FloatArray, incX: number, y: FloatArray, incY: number, ox: number, oy: number) => void;

const SIZES = [0, 1, 2, 3, 7, 13, 31];
const STEPS = [1, 2, 3, -1, -3];
const DTYPES = [
  {
    name: 'f32',
    Ctor: Float32Array as Ctor,
    tol: 1e-5,
    axpy: saxpy as AxpyFn,
    dot: sdot as DotFn,
    scal: sscal as ScalFn,
    copy: scopy as CopyFn,
  },
  {
    name: 'f64',
    Ctor: Float64Array as Ctor,
    tol: 1e-12,
    axpy: daxpy as AxpyFn,
    dot: ddot as DotFn,
    scal: dscal as ScalFn,
    copy: dcopy as CopyFn,
  },
];

/** A random buffer holding a strided vector of n elements; negative steps need the offset at the far end. */
function strided(random: Random, Ctor: Ctor, n: number, inc: number): { data: FloatArray; offset: number } {
  const span = n === 0 ? 0 : (n - 1) * Math.abs(inc);
  const offset = (inc < 0 ? span : 0) + random.integer(3);
  const length = offset + (inc > 0 ? span : 0) + 1 + random.integer(3);
  return { data: random.fillUniform(new Ctor(length), -1, 1), offset };
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (Math.abs(actual[i] - expected[i]) > tol * (1 + Math.abs(expected[i]))) {
      expect.fail(`element ${i}: got ${actual[i]}, expected ${expected[i]}`);
    }
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

/** Every (n, incX, incY) combination, with incX = 0 included where x is only read. */
function* cases(): Generator<[number, number, number]> {
  for (const n of SIZES) for (const incX of [0, ...STEPS]) for (const incY of STEPS) yield [n, incX, incY];
}

describe.each(DTYPES)('level-1 BLAS ($name)', ({ Ctor, tol, axpy, dot, scal, copy }) => {
  it('axpy matches y[i] += alpha * x[i] and touches nothing else', () => {
    const random = new Random(1);
    for (const [n, incX, incY] of cases()) {
      const x = strided(random, Ctor, n, incX);
      const y = strided(random, Ctor, n, incY);
      const alpha = random.uniform() * 4 - 2;
      const expected = Float64Array.from(y.data);
      for (let i = 0; i < n; i++) expected[y.offset + i * incY] += alpha * x.data[x.offset + i * incX];
      axpy(n, alpha, x.data, incX, y.data, incY, x.offset, y.offset);
      expectClose(y.data, expected, tol);
    }
  });

  it('axpy with alpha = 0 leaves y untouched even when x holds NaN', () => {
    const y = new Ctor([1, 2, 3]);
    axpy(3, 0, new Ctor([NaN, Infinity, NaN]), 1, y, 1, 0, 0);
    expect(Array.from(y)).toEqual([1, 2, 3]);
  });

  it('dot matches sum(x[i] * y[i]) for every stride, including 0', () => {
    const random = new Random(2);
    for (const [n, incX, incY] of cases()) {
      const x = strided(random, Ctor, n, incX);
      const y = strided(random, Ctor, n, incY);
      let expected = 0;
      for (let i = 0; i < n; i++) expected += x.data[x.offset + i * incX] * y.data[y.offset + i * incY];
      // incY = 0 is legal for dot too: y is only read.
      expect(Math.abs(dot(n, x.data, incX, y.data, incY, x.offset, y.offset) - expected)).toBeLessThanOrEqual(tol * (1 + n));
      let broadcast = 0;
      for (let i = 0; i < n; i++) broadcast += x.data[x.offset + i * incX] * y.data[y.offset];
      expect(Math.abs(dot(n, x.data, incX, y.data, 0, x.offset, y.offset) - broadcast)).toBeLessThanOrEqual(tol * (1 + n));
    }
  });

  it('scal multiplies only the strided elements', () => {
    const random = new Random(3);
    for (const n of SIZES) {
      for (const inc of STEPS) {
        const x = strided(random, Ctor, n, inc);
        const alpha = random.uniform() * 4 - 2;
        const expected = Float64Array.from(x.data);
        for (let i = 0; i < n; i++) expected[x.offset + i * inc] *= alpha;
        scal(n, alpha, x.data, inc, x.offset);
        expectClose(x.data, expected, tol);
      }
    }
  });

  it('copy matches y[i] = x[i], and incX = 0 fills', () => {
    const random = new Random(4);
    for (const [n, incX, incY] of cases()) {
      const x = strided(random, Ctor, n, incX);
      const y = strided(random, Ctor, n, incY);
      const expected = Float64Array.from(y.data);
      for (let i = 0; i < n; i++) expected[y.offset + i * incY] = x.data[x.offset + i * incX];
      copy(n, x.data, incX, y.data, incY, x.offset, y.offset);
      expectClose(y.data, expected, 0);
    }
  });
});

describe('level-1 BLAS specifics', () => {
  it('sdot accumulates in double precision', () => {
    // In f32, 2^24 + 1 rounds back to 2^24, so an f32 accumulator would return 0.
    const x = new Float32Array([2 ** 24, 1, -(2 ** 24)]);
    expect(sdot(3, x, 1, new Float32Array([1, 1, 1]), 1)).toBe(1);
  });

  it('walks negative increments backwards from the offset', () => {
    const y = new Float64Array(3);
    dcopy(3, new Float64Array([1, 2, 3]), 1, y, -1, 0, 2);
    expect(Array.from(y)).toEqual([3, 2, 1]);
    expect(ddot(2, new Float64Array([1, 2, 3]), 2, new Float64Array([5, 6]), -1, 0, 1)).toBe(21);
    const z = new Float32Array([10, 20, 30]);
    saxpy(2, 1, new Float32Array([1, 2]), -1, z, 2, 1, 0);
    expect(Array.from(z)).toEqual([12, 20, 31]);
  });

  it('runs the documented examples', () => {
    const y = new Float32Array([10, 20, 30]);
    saxpy(3, 2, new Float32Array([1, 2, 3]), 1, y, 1);
    expect(Array.from(y)).toEqual([12, 24, 36]);
    const x = new Float32Array([1, 2, 3, 4]);
    sscal(2, 10, x, 2);
    expect(Array.from(x)).toEqual([10, 2, 30, 4]);
    const filled = new Float64Array(4);
    dcopy(4, new Float64Array([7]), 0, filled, 1);
    expect(Array.from(filled)).toEqual([7, 7, 7, 7]);
  });
});

describe('level-1 BLAS validation', () => {
  const f32 = (n: number) => new Float32Array(n);
  const f64 = (n: number) => new Float64Array(n);
  const wrong32 = new Float64Array(4) as unknown as Float32Array;
  const wrong64 = new Float32Array(4) as unknown as Float64Array;

  it('rejects bad sizes, strides and offsets with ShapeError', () => {
    const shape: [string, () => unknown][] = [
      ['saxpy', () => saxpy(-1, 1, f32(4), 1, f32(4), 1)],
      ['daxpy', () => daxpy(1.5, 1, f64(4), 1, f64(4), 1)],
      ['saxpy', () => saxpy(2, 1, f32(4), 1, f32(4), 0)],
      ['daxpy', () => daxpy(3, 1, f64(2), 1, f64(4), 1)],
      ['saxpy', () => saxpy(3, 1, f32(4), 1, f32(4), 2)],
      ['daxpy', () => daxpy(2, 1, f64(4), -1, f64(4), 1)],
      ['saxpy', () => saxpy(2, 1, f32(4), 1, f32(4), 1, -1)],
      ['daxpy', () => daxpy(2, 1, f64(4), 1.5, f64(4), 1)],
      ['sdot', () => sdot(5, f32(4), 1, f32(5), 1)],
      ['ddot', () => ddot(2, f64(4), 1, f64(4), 1, 0, 3)],
      ['sscal', () => sscal(2, 1, f32(4), 0)],
      ['dscal', () => dscal(3, 1, f64(4), 2)],
      ['sscal', () => sscal(-2, 1, f32(4), 1)],
      ['scopy', () => scopy(2, f32(4), 1, f32(4), 0)],
      ['dcopy', () => dcopy(2, f64(4), 1, f64(1), 1)],
      ['dcopy', () => dcopy(2, f64(4), 1, f64(4), 1, 0, 0.5)],
    ];
    for (const [kernel, call] of shape) expectThrows(call, ShapeError, kernel);
  });

  it('rejects the other dtype with DTypeError', () => {
    const dtype: [string, () => unknown][] = [
      ['saxpy', () => saxpy(1, 1, wrong32, 1, f32(4), 1)],
      ['daxpy', () => daxpy(1, 1, f64(4), 1, wrong64, 1)],
      ['sdot', () => sdot(1, f32(4), 1, wrong32, 1)],
      ['ddot', () => ddot(1, wrong64, 1, f64(4), 1)],
      ['sscal', () => sscal(1, 1, wrong32, 1)],
      ['dscal', () => dscal(1, 1, wrong64, 1)],
      ['scopy', () => scopy(1, wrong32, 1, f32(4), 1)],
      ['dcopy', () => dcopy(1, f64(4), 1, wrong64, 1)],
    ];
    for (const [kernel, call] of dtype) expectThrows(call, DTypeError, kernel);
  });

  it('names the short buffer and leaves y untouched on error', () => {
    const y = new Float64Array([1, 2]);
    expect(() => daxpy(3, 1, f64(3), 1, y, 1)).toThrow(
      'daxpy: y is too short (3 elements from offset 0 with stride 1 need 3, buffer has 2)',
    );
    expect(Array.from(y)).toEqual([1, 2]);
    expect(() => saxpy(1, 1, f32(1), 1, f32(1), 0)).toThrow('saxpy: incY must be a non-zero integer (got 0)');
  });

  it('accepts n = 0 with empty buffers', () => {
    expect(sdot(0, f32(0), 1, f32(0), 1)).toBe(0);
    expect(() => dscal(0, 2, f64(0), -1)).not.toThrow();
    expect(() => saxpy(0, 2, f32(0), 1, f32(0), 1)).not.toThrow();
  });
});
