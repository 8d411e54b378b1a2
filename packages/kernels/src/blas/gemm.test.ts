import { describe, expect, it } from 'vitest';
import type { FloatArray } from '../dtype';
import { DTypeError, ShapeError } from '../errors';
import { Random } from '../random';
import { dgemm, sgemm } from './gemm';
import { KC, MC, MR, NC, NR } from './internal/gemm-engine';
import type { FloatCtor, GemmShape } from './internal/gemm-reference';
import { findMismatch, randomOperand, referenceGemm } from './internal/gemm-reference';

type GemmFn = (
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: FloatArray,
  lda: number,
  b: FloatArray,
  ldb: number,
  beta: number,
  c: FloatArray,
  ldc: number,
  offsetA?: number,
  offsetB?: number,
  offsetC?: number,
) => void;

const DTYPES = [
  { name: 'sgemm', Ctor: Float32Array as FloatCtor, Other: Float64Array as FloatCtor, tol: 1e-5, gemm: sgemm as GemmFn },
  { name: 'dgemm', Ctor: Float64Array as FloatCtor, Other: Float32Array as FloatCtor, tol: 1e-12, gemm: dgemm as GemmFn },
];
const TRANSPOSES: [boolean, boolean][] = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
];

interface Scalars {
  alpha?: number;
  beta?: number;
}

/** Runs one product on random operands with random ld padding and offsets and checks it against the reference. */
function check(random: Random, Ctor: FloatCtor, gemm: GemmFn, tol: number, shape: GemmShape, nanC = false): void {
  const { transA, transB, m, n, k, alpha, beta } = shape;
  const extra = (): number => random.integer(4);
  const a = randomOperand(random, Ctor, transA ? k : m, transA ? m : k, extra(), extra());
  const b = randomOperand(random, Ctor, transB ? n : k, transB ? k : n, extra(), extra());
  const c = randomOperand(random, Ctor, m, n, extra(), extra());
  if (nanC) c.data.fill(NaN);
  const { expected, scale } = referenceGemm(shape, a, b, c);
  gemm(transA, transB, m, n, k, alpha, a.data, a.ld, b.data, b.ld, beta, c.data, c.ld, a.offset, b.offset, c.offset);
  const mismatch = findMismatch(c.data, expected, scale, tol);
  if (mismatch !== null) expect.fail(`${JSON.stringify(shape)}: ${mismatch}`);
}

function shapeOf(transA: boolean, transB: boolean, m: number, n: number, k: number, scalars: Scalars = {}): GemmShape {
  return { transA, transB, m, n, k, alpha: scalars.alpha ?? 1, beta: scalars.beta ?? 0 };
}

function expectThrows(fn: () => unknown, errorClass: typeof ShapeError | typeof DTypeError, message: RegExp): void {
  let error: unknown;
  try {
    fn();
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(errorClass);
  expect((error as Error).message).toMatch(message);
}

describe.each(DTYPES)('$name', ({ name, Ctor, Other, tol, gemm }) => {
  it('matches the naive product on random sizes (primes, 1, tile remainders) for all transposes', () => {
    const random = new Random(1);
    const sizes = [1, 2, 3, 4, 5, 7, 8, 13, 31, 67];
    for (const [transA, transB] of TRANSPOSES) {
      for (let trial = 0; trial < 40; trial++) {
        const m = sizes[random.integer(sizes.length)];
        const n = sizes[random.integer(sizes.length)];
        const k = sizes[random.integer(sizes.length)];
        const alpha = [1, -0.75, 2.5][random.integer(3)];
        const beta = [0, 1, -0.5][random.integer(3)];
        check(random, Ctor, gemm, tol, { transA, transB, m, n, k, alpha, beta });
      }
    }
  });

  it('crosses every blocking boundary (k > KC, m > MC, n > NC) with edge tiles', () => {
    const random = new Random(2);
    // m = MC + 2 and n = NC + 4 split into uneven blocks with partial MR x NR tiles; k = KC + 44 splits k.
    const m = MC + 2;
    const n = NC + 4;
    const k = KC + 44;
    expect(m % MR).not.toBe(0);
    expect(n % NR).not.toBe(0);
    for (const [transA, transB] of TRANSPOSES) {
      check(random, Ctor, gemm, tol, shapeOf(transA, transB, m, 37, k, { alpha: 0.5, beta: -1.5 }));
      check(random, Ctor, gemm, tol, shapeOf(transA, transB, 29, n, 2 * KC + 1, { beta: 1 }));
    }
    check(random, Ctor, gemm, tol, shapeOf(false, false, 2 * MC + 1, 2 * NR + 1, 3, { alpha: -1 }));
  });

  it('handles skinny shapes on both paths (single rows and columns, k = 1, long k)', () => {
    const random = new Random(3);
    const shapes = [
      [1, 1, 1],
      [1, 50, 40],
      [50, 1, 40],
      [2, 50, 40],
      [50, 2, 40],
      [40, 50, 1],
      [3, 5, 700],
      [MR, NR, 1],
      [MR + 1, NR + 1, 9],
    ];
    for (const [transA, transB] of TRANSPOSES) {
      for (const [m, n, k] of shapes) check(random, Ctor, gemm, tol, shapeOf(transA, transB, m, n, k, { alpha: 1.5, beta: 0.25 }));
    }
  });

  it('with beta = 0 overwrites C without reading it (NaN in C does not propagate)', () => {
    const random = new Random(4);
    for (const [transA, transB] of TRANSPOSES) {
      for (const [m, n, k] of [[3, 4, 5], [40, 33, 70]]) {
        check(random, Ctor, gemm, tol, shapeOf(transA, transB, m, n, k, { alpha: -2 }), true);
      }
    }
    const c = new Ctor([NaN, Infinity, NaN, -Infinity]);
    gemm(false, false, 2, 2, 1, 1, new Ctor([1, 2]), 1, new Ctor([3, 4]), 2, 0, c, 2);
    expect(Array.from(c)).toEqual([3, 4, 6, 8]);
  });

  it('with alpha = 0 or k = 0 only scales C, without reading A or B', () => {
    const nanA = new Ctor(6).fill(NaN);
    const nanB = new Ctor(6).fill(NaN);
    const c = new Ctor([1, 2, 3, 4]);
    gemm(false, false, 2, 2, 3, 0, nanA, 3, nanB, 2, -2, c, 2);
    expect(Array.from(c)).toEqual([-2, -4, -6, -8]);
    gemm(false, false, 2, 2, 0, 1, new Ctor(0), 1, new Ctor(0), 2, 0.5, c, 2);
    expect(Array.from(c)).toEqual([-1, -2, -3, -4]);
    const nanC = new Ctor([NaN, NaN, NaN, NaN]);
    gemm(true, true, 2, 2, 3, 0, nanA, 2, nanB, 3, 0, nanC, 2);
    expect(Array.from(nanC)).toEqual([0, 0, 0, 0]);
    const big = new Ctor(40 * 40).fill(1);
    gemm(false, false, 40, 40, 40, 0, new Ctor(1600).fill(NaN), 40, new Ctor(1600).fill(NaN), 40, 1, big, 40);
    expect(big.every((v) => v === 1)).toBe(true);
  });

  it('with m = 0 or n = 0 does nothing', () => {
    const c = new Ctor([NaN, 5]);
    gemm(false, false, 0, 2, 3, 1, new Ctor(0), 3, new Ctor(6), 2, 0, c, 2);
    gemm(false, false, 2, 0, 3, 1, new Ctor(6), 3, new Ctor(0), 1, 0, c, 1);
    expect(Array.from(c)).toEqual([NaN, 5]);
  });

  it('keeps non-finite values out of neighbouring elements and padding (edge tiles)', () => {
    // m and n are not multiples of the tile, so zero-padded rows meet the Inf in B; they must not be written.
    for (const [m, n, k] of [[5, 7, 9], [41, 38, 20]]) {
      const a = new Ctor(m * k).fill(1);
      const b = new Ctor(k * n).fill(1);
      b[n - 1] = Infinity;
      const ldc = n + 2;
      const c = new Ctor(m * ldc).fill(7);
      gemm(false, false, m, n, k, 1, a, k, b, n, 0, c, ldc);
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < ldc; j++) {
          const want = j < n - 1 ? k : j === n - 1 ? Infinity : 7;
          if (c[i * ldc + j] !== want) expect.fail(`C[${i}][${j}] = ${c[i * ldc + j]}, expected ${want}`);
        }
      }
    }
  });

  it('gives the same result when called again with other sizes in between (packing buffers are reused)', () => {
    const random = new Random(5);
    const a = random.fillUniform(new Ctor(90 * 70), -1, 1);
    const b = random.fillUniform(new Ctor(70 * 80), -1, 1);
    const first = new Ctor(90 * 80);
    gemm(false, false, 90, 80, 70, 1, a, 70, b, 80, 0, first, 80);
    check(random, Ctor, gemm, tol, shapeOf(true, true, 150, 400, 300));
    const second = new Ctor(90 * 80);
    gemm(false, false, 90, 80, 70, 1, a, 70, b, 80, 0, second, 80);
    expect(Array.from(second)).toEqual(Array.from(first));
  });

  it('rejects bad sizes, leading dimensions and offsets with a ShapeError naming the kernel', () => {
    const a = new Ctor(12);
    const b = new Ctor(12);
    const c = new Ctor(12);
    const call = (m: number, n: number, k: number, lda: number, ldb: number, ldc: number, offsets: number[] = []) => () =>
      gemm(false, false, m, n, k, 1, a, lda, b, ldb, 0, c, ldc, ...offsets);
    expectThrows(call(-1, 3, 4, 4, 3, 3), ShapeError, new RegExp(`^${name}: m must be a non-negative integer \\(got -1\\)`));
    expectThrows(call(3, 1.5, 4, 4, 3, 3), ShapeError, new RegExp(`^${name}: n must be a non-negative integer`));
    expectThrows(call(3, 3, NaN, 4, 3, 3), ShapeError, new RegExp(`^${name}: k must be a non-negative integer`));
    expectThrows(call(3, 3, 4, 2, 3, 3), ShapeError, new RegExp(`^${name}: lda \\(2\\) is smaller than the row length of a \\(3x4\\)$`));
    expectThrows(call(3, 3, 4, 4, 2, 3), ShapeError, new RegExp(`^${name}: ldb \\(2\\) is smaller than the row length of b \\(4x3\\)$`));
    expectThrows(call(3, 3, 4, 4, 3, 2), ShapeError, new RegExp(`^${name}: ldc \\(2\\) is smaller than the row length of c \\(3x3\\)$`));
    expectThrows(call(3, 3, 4, 4.5, 3, 3), ShapeError, new RegExp(`^${name}: lda must be an integer`));
    expectThrows(call(3, 3, 4, 5, 3, 3), ShapeError, new RegExp(`^${name}: a is too short \\(3x4 with lda=5 from offset 0 needs 14, buffer has 12\\)$`));
    expectThrows(call(3, 3, 4, 4, 3, 3, [0, 1]), ShapeError, new RegExp(`^${name}: b is too short`));
    expectThrows(call(3, 4, 4, 4, 4, 4), ShapeError, new RegExp(`^${name}: b is too short`));
    expectThrows(call(3, 3, 4, 4, 3, 3, [0, 0, 4]), ShapeError, new RegExp(`^${name}: c is too short \\(3x3 with ldc=3 from offset 4 needs 13, buffer has 12\\)$`));
    expectThrows(call(3, 3, 4, 4, 3, 3, [-1]), ShapeError, new RegExp(`^${name}: offset of a must be a non-negative integer \\(got -1\\)`));
    expectThrows(call(3, 3, 4, 4, 3, 3, [0, 0.5]), ShapeError, new RegExp(`^${name}: offset of b must be a non-negative integer`));
    // Transposed operands are checked in their stored shape: A is k x m, B is n x k.
    expectThrows(() => gemm(true, true, 3, 2, 4, 1, a, 2, b, 4, 0, c, 2), ShapeError, new RegExp(`^${name}: lda \\(2\\) is smaller than the row length of a \\(4x3\\)$`));
    expectThrows(() => gemm(true, true, 3, 2, 4, 1, a, 3, b, 3, 0, c, 2), ShapeError, new RegExp(`^${name}: ldb \\(3\\) is smaller than the row length of b \\(2x4\\)$`));
  });

  it('rejects the wrong dtype with a DTypeError and an aliased output with a ShapeError', () => {
    const ok = (): FloatArray => new Ctor(4);
    const wrong = (): FloatArray => new Other(4);
    const run = (a: FloatArray, b: FloatArray, c: FloatArray) => () => gemm(false, false, 2, 2, 2, 1, a, 2, b, 2, 0, c, 2);
    const expectedType = Ctor.name;
    expectThrows(run(wrong(), ok(), ok()), DTypeError, new RegExp(`^${name}: a must be a ${expectedType} \\(got ${Other.name}\\)`));
    expectThrows(run(ok(), wrong(), ok()), DTypeError, new RegExp(`^${name}: b must be a ${expectedType}`));
    expectThrows(run(ok(), ok(), wrong()), DTypeError, new RegExp(`^${name}: c must be a ${expectedType}`));
    expectThrows(run(ok(), ok(), [1, 2, 3, 4] as unknown as FloatArray), DTypeError, new RegExp(`^${name}: c must be a ${expectedType} \\(got Array\\)`));
    const shared = new Ctor(12);
    expectThrows(run(shared, ok(), shared.subarray(2, 6)), ShapeError, new RegExp(`^${name}: c shares memory with a`));
    expectThrows(() => gemm(false, false, 2, 2, 2, 1, ok(), 2, shared, 2, 0, shared, 2, 0, 0, 2), ShapeError, new RegExp(`^${name}: c shares memory with b`));
    // Disjoint views of one buffer are fine.
    shared.set([1, 2, 3, 4, 1, 0, 0, 1]);
    gemm(false, false, 2, 2, 2, 1, shared, 2, shared, 2, 0, shared, 2, 0, 4, 8);
    expect(Array.from(shared.subarray(8))).toEqual([1, 2, 3, 4]);
  });

  it('validates everything before writing C', () => {
    const c = new Ctor([1, 2, 3, 4]);
    expect(() => gemm(false, false, 2, 2, 2, 1, new Ctor(4), 2, new Ctor(3), 2, 0, c, 2)).toThrow(ShapeError);
    expect(Array.from(c)).toEqual([1, 2, 3, 4]);
  });
});

describe('sgemm and dgemm', () => {
  it('run the documented examples', () => {
    const c32 = new Float32Array(4);
    sgemm(false, false, 2, 2, 3, 1, new Float32Array([1, 2, 3, 4, 5, 6]), 3, new Float32Array([1, 0, 0, 1, 1, 1]), 2, 0, c32, 2);
    expect(Array.from(c32)).toEqual([4, 5, 10, 11]);
    const c64 = new Float64Array([1, 1, 1, 1]);
    dgemm(false, true, 2, 2, 2, 1, new Float64Array([1, 2, 3, 4]), 2, new Float64Array([5, 6, 7, 8]), 2, 1, c64, 2);
    expect(Array.from(c64)).toEqual([18, 24, 40, 54]);
  });

  it('sum f32 products in double precision (no catastrophic f32 accumulation)', () => {
    // 1 + 1e-8 * 4096 cancels to 0 in float32 step by step but not in a double accumulator.
    const k = 4097;
    const a = new Float32Array(k).fill(1);
    const b = new Float32Array(k).fill(1e-8);
    b[0] = 1;
    const c = new Float32Array(1);
    sgemm(false, false, 1, 1, k, 1, a, k, b, 1, 0, c, 1);
    expect(c[0]).toBe(Math.fround(1 + Math.fround(1e-8) * 4096));
  });
});
