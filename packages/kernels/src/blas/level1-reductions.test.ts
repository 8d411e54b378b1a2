import { describe, expect, it } from 'vitest';
import type { FloatArray } from '../dtype';
import { DTypeError, ShapeError } from '../errors';
import { Random } from '../random';
import { dasum, dnrm2, idamax, isamax, sasum, snrm2 } from './level1-reductions';

type Ctor = Float32ArrayConstructor | Float64ArrayConstructor;
type ReduceFn = (n: number, x: FloatArray, incX: number, offsetX: number) => number;

const SIZES = [0, 1, 2, 3, 7, 13, 31, 101];
const STEPS = [1, 2, 3, -1, -2];
const DTYPES = [
  { name: 'f32', Ctor: Float32Array as Ctor, nrm2: snrm2 as ReduceFn, asum: sasum as ReduceFn, iamax: isamax as ReduceFn },
  { name: 'f64', Ctor: Float64Array as Ctor, nrm2: dnrm2 as ReduceFn, asum: dasum as ReduceFn, iamax: idamax as ReduceFn },
];

/** A random buffer holding a strided vector of n elements; negative steps need the offset at the far end. */
function strided(random: Random, Ctor: Ctor, n: number, inc: number): { data: FloatArray; offset: number } {
  const span = n === 0 ? 0 : (n - 1) * Math.abs(inc);
  const offset = (inc < 0 ? span : 0) + random.integer(3);
  const length = offset + (inc > 0 ? span : 0) + 1 + random.integer(3);
  return { data: random.fillUniform(new Ctor(length), -1, 1), offset };
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

describe.each(DTYPES)('level-1 reductions ($name)', ({ Ctor, nrm2, asum, iamax }) => {
  it('nrm2 and asum match naive sums for every stride and offset', () => {
    const random = new Random(11);
    for (const n of SIZES) {
      for (const inc of STEPS) {
        const { data, offset } = strided(random, Ctor, n, inc);
        let squares = 0;
        let absolutes = 0;
        for (let i = 0; i < n; i++) {
          const v = data[offset + i * inc];
          squares += v * v;
          absolutes += Math.abs(v);
        }
        expect(nrm2(n, data, inc, offset)).toBeCloseTo(Math.sqrt(squares), 12);
        expect(asum(n, data, inc, offset)).toBeCloseTo(absolutes, 12);
      }
    }
  });

  it('iamax returns the position of the first largest magnitude', () => {
    const random = new Random(12);
    for (const n of SIZES) {
      for (const inc of STEPS) {
        const { data, offset } = strided(random, Ctor, n, inc);
        // Few distinct magnitudes of both signs, so ties are common and "first" matters.
        for (let i = 0; i < data.length; i++) data[i] = Math.round(data[i] * 3);
        let best = n === 0 ? -1 : 0;
        for (let i = 1; i < n; i++) {
          if (Math.abs(data[offset + i * inc]) > Math.abs(data[offset + best * inc])) best = i;
        }
        expect(iamax(n, data, inc, offset)).toBe(best);
      }
    }
  });

  it('iamax ranks NaN above every number and returns the first NaN', () => {
    expect(iamax(4, new Ctor([1, NaN, 5, NaN]), 1, 0)).toBe(1);
    expect(iamax(2, new Ctor([NaN, 9]), 1, 0)).toBe(0);
    expect(iamax(2, new Ctor([NaN, NaN]), 1, 0)).toBe(0);
    expect(iamax(3, new Ctor([-Infinity, 2, NaN]), 1, 0)).toBe(2);
    expect(iamax(3, new Ctor([1, -7, 3]), -1, 2)).toBe(1);
    expect(iamax(0, new Ctor(0), 1, 0)).toBe(-1);
  });

  it('nrm2 propagates NaN and Infinity, and is 0 for zeros', () => {
    expect(nrm2(2, new Ctor([Infinity, 1]), 1, 0)).toBe(Infinity);
    expect(nrm2(2, new Ctor([-Infinity, -Infinity]), 1, 0)).toBe(Infinity);
    expect(nrm2(3, new Ctor([1, NaN, Infinity]), 1, 0)).toBeNaN();
    expect(nrm2(3, new Ctor(3), 1, 0)).toBe(0);
    expect(nrm2(2, new Ctor([3, 4]), 1, 0)).toBe(5);
  });
});

describe('nrm2 range safety', () => {
  it('dnrm2 neither overflows nor underflows', () => {
    expect(dnrm2(2, new Float64Array([1e200, 1e200]), 1) / (Math.SQRT2 * 1e200)).toBeCloseTo(1, 14);
    expect(dnrm2(2, new Float64Array([3e200, -4e200]), 1) / 5e200).toBeCloseTo(1, 14);
    expect(dnrm2(2, new Float64Array([1e-200, 1e-200]), 1) / (Math.SQRT2 * 1e-200)).toBeCloseTo(1, 14);
    expect(dnrm2(2, new Float64Array([3e-320, 4e-320]), 1) / 5e-320).toBeCloseTo(1, 3);
    expect(dnrm2(3, new Float64Array([1e300, 1e-300, 1]), 1) / 1e300).toBeCloseTo(1, 14);
    expect(dnrm2(2, new Float64Array([1.7e308, 1.7e308]), 1)).toBe(Infinity);
  });

  it('snrm2 is exact for f32 extremes', () => {
    expect(snrm2(2, new Float32Array([3e38, 3e38]), 1) / (Math.SQRT2 * Math.fround(3e38))).toBeCloseTo(1, 14);
    expect(snrm2(2, new Float32Array([3e-45, 4e-45]), 1)).toBeGreaterThan(0);
  });

  it('sasum accumulates in double precision', () => {
    expect(sasum(3, new Float32Array([2 ** 24, 1, 1]), 1)).toBe(2 ** 24 + 2);
  });
});

describe('level-1 reduction validation', () => {
  const f32 = (n: number) => new Float32Array(n);
  const f64 = (n: number) => new Float64Array(n);
  it('rejects bad arguments with ShapeError and DTypeError', () => {
    const cases: [string, typeof ShapeError, () => unknown][] = [
      ['snrm2', ShapeError, () => snrm2(-1, f32(2), 1)],
      ['dnrm2', ShapeError, () => dnrm2(2, f64(2), 0)],
      ['snrm2', ShapeError, () => snrm2(3, f32(4), 2)],
      ['sasum', ShapeError, () => sasum(2, f32(4), -1)],
      ['dasum', ShapeError, () => dasum(2, f64(4), 1, 3)],
      ['isamax', ShapeError, () => isamax(2, f32(4), 0)],
      ['idamax', ShapeError, () => idamax(1.5, f64(4), 1)],
      ['idamax', ShapeError, () => idamax(1, f64(4), 1, -1)],
      ['snrm2', DTypeError, () => snrm2(1, f64(2) as unknown as Float32Array, 1)],
      ['dnrm2', DTypeError, () => dnrm2(1, f32(2) as unknown as Float64Array, 1)],
      ['sasum', DTypeError, () => sasum(1, [1] as unknown as Float32Array, 1)],
      ['dasum', DTypeError, () => dasum(1, f32(2) as unknown as Float64Array, 1)],
      ['isamax', DTypeError, () => isamax(1, new Int32Array(2) as unknown as Float32Array, 1)],
      ['idamax', DTypeError, () => idamax(1, f32(2) as unknown as Float64Array, 1)],
    ];
    for (const [kernel, errorClass, call] of cases) expectThrows(call, errorClass, kernel);
    expect(() => idamax(2, f64(2), 0)).toThrow('idamax: incX must be a non-zero integer (got 0)');
  });
});
