import { describe, expect, it } from 'vitest';
import type { FloatArray } from '../dtype';
import { DTypeError, ShapeError } from '../errors';
import { Random } from '../random';
import { dgemmStridedBatched, sgemmStridedBatched } from './gemm-batched';
import type { FloatCtor, GemmShape, Operand } from './internal/gemm-reference';
import { findMismatch, randomOperand, referenceGemm } from './internal/gemm-reference';

type BatchedFn = (
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: FloatArray,
  lda: number,
  strideA: number,
  b: FloatArray,
  ldb: number,
  strideB: number,
  beta: number,
  c: FloatArray,
  ldc: number,
  strideC: number,
  batchCount: number,
  offsetA?: number,
  offsetB?: number,
  offsetC?: number,
) => void;

const DTYPES = [
  {
    name: 'sgemmStridedBatched',
    Ctor: Float32Array as FloatCtor,
    Other: Float64Array as FloatCtor,
    tol: 1e-5,
    batched: sgemmStridedBatched as BatchedFn,
  },
  {
    name: 'dgemmStridedBatched',
    Ctor: Float64Array as FloatCtor,
    Other: Float32Array as FloatCtor,
    tol: 1e-12,
    batched: dgemmStridedBatched as BatchedFn,
  },
];

interface Layout {
  /** Extra elements between consecutive matrices (-1 for stride 0, one shared matrix). */
  gapA: number;
  gapB: number;
  gapC: number;
}

/** Checks a batch on random operands against one reference product per batch item. */
function checkBatch(
  random: Random,
  Ctor: FloatCtor,
  batched: BatchedFn,
  tol: number,
  shape: GemmShape,
  count: number,
  layout: Layout,
): void {
  const { transA, transB, m, n, k, alpha, beta } = shape;
  const operand = (rows: number, cols: number, gap: number): { op: Operand; stride: number } => {
    const pad = random.integer(3);
    const ld = Math.max(1, cols) + pad;
    const stride = gap < 0 ? 0 : rows * ld + gap;
    return { op: randomOperand(random, Ctor, rows, cols, pad, random.integer(4), stride, count), stride };
  };
  const a = operand(transA ? k : m, transA ? m : k, layout.gapA);
  const b = operand(transB ? n : k, transB ? k : n, layout.gapB);
  const c = operand(m, n, layout.gapC);
  // Expected: apply the reference item by item to a float64 copy of C (outputs do not overlap).
  let expected: Float64Array = Float64Array.from(c.op.data);
  const scale = new Float64Array(expected.length);
  for (let i = 0; i < count; i++) {
    const at = (x: { op: Operand; stride: number }, data: FloatArray): Operand => ({
      data,
      ld: x.op.ld,
      offset: x.op.offset + i * x.stride,
    });
    const item = referenceGemm(shape, at(a, a.op.data), at(b, b.op.data), at(c, expected));
    for (let r = 0; r < m; r++) {
      for (let j = 0; j < n; j++) scale[c.op.offset + i * c.stride + r * c.op.ld + j] = item.scale[c.op.offset + i * c.stride + r * c.op.ld + j];
    }
    expected = item.expected;
  }
  batched(transA, transB, m, n, k, alpha, a.op.data, a.op.ld, a.stride, b.op.data, b.op.ld, b.stride, beta, c.op.data, c.op.ld, c.stride, count, a.op.offset, b.op.offset, c.op.offset);
  const mismatch = findMismatch(c.op.data, expected, scale, tol);
  if (mismatch !== null) expect.fail(`${JSON.stringify({ ...shape, count, ...layout })}: ${mismatch}`);
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

describe.each(DTYPES)('$name', ({ name, Ctor, Other, tol, batched }) => {
  it('matches one reference product per batch item for all transposes, strides, gaps and offsets', () => {
    const random = new Random(11);
    const sizes = [1, 2, 5, 7, 13, 31];
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        for (let trial = 0; trial < 12; trial++) {
          const m = sizes[random.integer(sizes.length)];
          const n = sizes[random.integer(sizes.length)];
          const k = sizes[random.integer(sizes.length)];
          const alpha = [1, -1.25][random.integer(2)];
          const beta = [0, 1, 0.5][random.integer(3)];
          const layout = { gapA: random.integer(3), gapB: random.integer(3), gapC: random.integer(3) };
          checkBatch(random, Ctor, batched, tol, { transA, transB, m, n, k, alpha, beta }, 1 + random.integer(4), layout);
        }
      }
    }
  });

  it('broadcasts a shared matrix with stride 0 (strideB = 0 for shared weights, strideA = 0)', () => {
    const random = new Random(12);
    for (const [m, n, k] of [[3, 4, 5], [37, 20, 70]]) {
      checkBatch(random, Ctor, batched, tol, { transA: false, transB: true, m, n, k, alpha: 1, beta: 0 }, 3, { gapA: 0, gapB: -1, gapC: 1 });
      checkBatch(random, Ctor, batched, tol, { transA: true, transB: false, m, n, k, alpha: 2, beta: 1 }, 3, { gapA: -1, gapB: 2, gapC: 0 });
    }
  });

  it('runs the blocked path per batch item, with NaN-filled C and beta = 0', () => {
    const random = new Random(13);
    const shape = { transA: false, transB: false, m: 45, n: 50, k: 130, alpha: 0.5, beta: 0 };
    checkBatch(random, Ctor, batched, tol, shape, 3, { gapA: 1, gapB: -1, gapC: 0 });
    const c = new Ctor(2 * 4 * 5).fill(NaN);
    const a = random.fillUniform(new Ctor(2 * 4 * 6), -1, 1);
    const b = random.fillUniform(new Ctor(6 * 5), -1, 1);
    batched(false, false, 4, 5, 6, 1, a, 6, 24, b, 5, 0, 0, c, 5, 20, 2);
    expect(c.every((v) => Number.isFinite(v))).toBe(true);
  });

  it('accepts interleaved, non-overlapping outputs (strideC = n, ldc = batchCount * n)', () => {
    // C laid out as [m, batch, n]: item i's row r is at r * 3n + i * n.
    const m = 2;
    const n = 2;
    const count = 3;
    const a = new Ctor([1, 0, 0, 1, 2, 0, 0, 2, 3, 0, 0, 3]); // I, 2I, 3I (2x2 each)
    const b = new Ctor([1, 2, 3, 4]); // shared
    const c = new Ctor(m * count * n);
    batched(false, false, m, n, 2, 1, a, 2, 4, b, 2, 0, 0, c, count * n, n, count);
    expect(Array.from(c)).toEqual([1, 2, 2, 4, 3, 6, 3, 4, 6, 8, 9, 12]);
  });

  it('does nothing for batchCount = 0 and treats batchCount = 1 like gemm', () => {
    const c = new Ctor([NaN, 1]);
    batched(false, false, 1, 2, 1, 1, new Ctor(0), 1, 0, new Ctor(0), 2, 0, 0, c, 2, 0, 0);
    expect(Array.from(c)).toEqual([NaN, 1]);
    batched(false, false, 1, 2, 1, 1, new Ctor([2]), 1, 0, new Ctor([3, 4]), 2, 0, 0, c, 2, 0, 1);
    expect(Array.from(c)).toEqual([6, 8]);
  });

  it('runs the documented examples', () => {
    const c = new Ctor(2);
    batched(false, false, 1, 1, 2, 1, new Ctor([1, 2, 3, 4]), 2, 2, new Ctor([10, 100]), 1, 0, 0, c, 1, 1, 2);
    expect(Array.from(c)).toEqual([210, 430]);
    const c2 = new Ctor(8);
    const a = new Ctor([1, 0, 0, 1, 2, 0, 0, 2]);
    batched(false, false, 2, 2, 2, 1, a, 2, 4, new Ctor([1, 2, 3, 4, 5, 6, 7, 8]), 2, 4, 0, c2, 2, 4, 2);
    expect(Array.from(c2)).toEqual([1, 2, 3, 4, 10, 12, 14, 16]);
  });

  it('rejects overlapping outputs', () => {
    const a = new Ctor(2 * 6);
    const b = new Ctor(6);
    const c = new Ctor(20);
    const run = (strideC: number, ldc = 3, count = 2) => () =>
      batched(false, false, 2, 3, 2, 1, a, 2, 4, b, 3, 0, 0, c, ldc, strideC, count);
    expectThrows(run(0), ShapeError, new RegExp(`^${name}: strideC \\(0\\) makes the 2x3 outputs \\(ldc=3\\) of batch items 0 and 1 overlap$`));
    expectThrows(run(5), ShapeError, new RegExp(`^${name}: strideC \\(5\\) makes the 2x3 outputs`));
    // Interleaved rows overlap when the gap between them is too small.
    expectThrows(run(2, 6), ShapeError, new RegExp(`^${name}: strideC \\(2\\)`));
    // Neighbours are disjoint here, but item 2 starts 6 elements in and its first row runs into row 1 of item 0.
    expectThrows(run(3, 8, 3), ShapeError, new RegExp(`^${name}: strideC \\(3\\) makes the 2x3 outputs \\(ldc=8\\) of batch items 0 and 2`));
    expect(run(6)).not.toThrow();
    expect(run(3, 6)).not.toThrow();
  });

  it('rejects bad sizes, strides, offsets, short buffers and dtypes', () => {
    const a = new Ctor(3 * 8);
    const b = new Ctor(12);
    const c = new Ctor(3 * 6);
    const run = (strideA: number, strideB: number, strideC: number, count: number, offsets: number[] = []) => () =>
      batched(false, false, 2, 3, 4, 1, a, 4, strideA, b, 3, strideB, 0, c, 3, strideC, count, ...offsets);
    expect(run(8, 0, 6, 3)).not.toThrow();
    expectThrows(run(8, 0, 6, -1), ShapeError, new RegExp(`^${name}: batchCount must be a non-negative integer \\(got -1\\)`));
    expectThrows(run(8, 0, 6, 1.5), ShapeError, new RegExp(`^${name}: batchCount must be a non-negative integer`));
    expectThrows(run(-8, 0, 6, 3), ShapeError, new RegExp(`^${name}: strideA must be a non-negative integer \\(got -8\\)`));
    expectThrows(run(8, 0.5, 6, 3), ShapeError, new RegExp(`^${name}: strideB must be a non-negative integer`));
    expectThrows(run(8, 0, NaN, 3), ShapeError, new RegExp(`^${name}: strideC must be a non-negative integer`));
    expectThrows(run(9, 0, 6, 3), ShapeError, new RegExp(`^${name}: a is too short \\(3 matrices of 2x4 with lda=4 and strideA=9 from offset 0 need 26, buffer has 24\\)$`));
    expectThrows(run(8, 1, 6, 3), ShapeError, new RegExp(`^${name}: b is too short \\(3 matrices of 4x3`));
    expectThrows(run(8, 0, 7, 3), ShapeError, new RegExp(`^${name}: c is too short \\(3 matrices of 2x3 with ldc=3 and strideC=7`));
    expectThrows(run(8, 0, 6, 3, [0, 0, 1]), ShapeError, new RegExp(`^${name}: c is too short`));
    expectThrows(run(8, 0, 6, 3, [-2]), ShapeError, new RegExp(`^${name}: offset of a must be a non-negative integer`));
    expectThrows(() => batched(false, false, 2, 3, 4, 1, a, 3, 8, b, 3, 0, 0, c, 3, 6, 3), ShapeError, new RegExp(`^${name}: lda \\(3\\) is smaller than the row length of a \\(2x4\\)$`));
    // ld is checked even when there is nothing to compute.
    expectThrows(() => batched(false, false, 2, 3, 4, 1, a, 3, 8, b, 3, 0, 0, c, 3, 6, 0), ShapeError, new RegExp(`^${name}: lda \\(3\\)`));
    expectThrows(() => batched(false, false, 2, 3, 4, 1, new Other(24), 4, 8, b, 3, 0, 0, c, 3, 6, 3), DTypeError, new RegExp(`^${name}: a must be a ${Ctor.name}`));
    expectThrows(() => batched(false, false, 2, 3, 4, 1, a, 4, 8, b, 3, 0, 0, new Other(18), 3, 6, 3), DTypeError, new RegExp(`^${name}: c must be a ${Ctor.name}`));
    // The As span elements [0, 24) of the buffer: C items from element 20 overlap them, from element 24 they do not.
    const shared = new Ctor(64);
    expectThrows(() => batched(false, false, 2, 3, 4, 1, shared, 4, 8, b, 3, 0, 0, shared.subarray(20), 3, 6, 3), ShapeError, new RegExp(`^${name}: c shares memory with a`));
    expect(() => batched(false, false, 2, 3, 4, 1, shared, 4, 8, b, 3, 0, 0, shared.subarray(24), 3, 6, 3)).not.toThrow();
  });

  it('validates before writing any batch item', () => {
    const c = new Ctor(12).fill(5);
    expect(() => batched(false, false, 2, 3, 1, 1, new Ctor(2), 1, 2, new Ctor(3), 3, 0, 0, c, 3, 6, 2)).toThrow(ShapeError);
    expect(c.every((v) => v === 5)).toBe(true);
  });
});
