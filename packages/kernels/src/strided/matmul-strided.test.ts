import { describe, expect, it } from 'vitest';
import type { FloatDType } from '../dtype';
import { DTypeError, ShapeError } from '../errors';
import { LAYOUT_KINDS, randomArray, randomLayout, type StridedLayout } from '../internal/nd-layout';
import { describeMismatch, forEachIndex, offsetOf } from '../internal/nd-naive';
import { Random } from '../random';
import { matmulStrided } from './matmul-strided';

const DTYPES: FloatDType[] = ['f32', 'f64'];
const CASES: [number[], number, number, number][] = [
  [[], 3, 4, 5],
  [[], 1, 7, 1],
  [[], 5, 1, 3],
  [[], 4, 0, 3],
  [[], 0, 3, 2],
  [[2], 3, 5, 2],
  [[3, 2], 2, 3, 4],
  [[2, 1, 3], 4, 2, 3],
  [[0], 2, 2, 2],
  [[], 17, 13, 11],
];

function layoutFor(random: Random, shape: number[], kind: (typeof LAYOUT_KINDS)[number], input: boolean): StridedLayout {
  // Broadcast only batch axes of inputs; inner axes keep distinct elements so transposes stay meaningful.
  if (kind === 'broadcast') {
    const layout = randomLayout(random, shape, input ? 'mixed' : 'transposed', false);
    if (!input || shape.length < 3) return layout;
    const strides = layout.strides.map((stride, axis) => (axis === 0 ? 0 : stride));
    return { ...layout, strides };
  }
  return randomLayout(random, shape, kind, false);
}

describe('matmulStrided', () => {
  for (const dtype of DTYPES) {
    it(`matches a naive triple loop on every layout (${dtype})`, () => {
      const random = new Random(dtype === 'f32' ? 5 : 6);
      for (const [batch, m, k, n] of CASES) {
        for (const kind of LAYOUT_KINDS) {
          const aShape = [...batch, m, k];
          const bShape = [...batch, k, n];
          const outShape = [...batch, m, n];
          const aLayout = layoutFor(random, aShape, kind, true);
          const bLayout = layoutFor(random, bShape, random.uniform() < 0.5 ? 'mixed' : kind, true);
          const outLayout = layoutFor(random, outShape, kind, false);
          const a = randomArray(random, dtype, aLayout.length);
          const b = randomArray(random, dtype, bLayout.length);
          const out = randomArray(random, dtype, outLayout.length);
          // NaN in out must be overwritten, never read.
          forEachIndex(outShape, (index) => (out[offsetOf(index, outLayout.strides, outLayout.offset)] = Number.NaN));
          const expected = out.slice();
          forEachIndex(outShape, (index) => {
            const i = index[index.length - 2];
            const j = index[index.length - 1];
            const lead = index.slice(0, -2);
            let sum = 0;
            for (let p = 0; p < k; p++) {
              sum += a[offsetOf([...lead, i, p], aLayout.strides, aLayout.offset)] * b[offsetOf([...lead, p, j], bLayout.strides, bLayout.offset)];
            }
            expected[offsetOf(index, outLayout.strides, outLayout.offset)] = sum;
          });
          matmulStrided(batch, m, k, n, a, aLayout.strides, aLayout.offset, b, bLayout.strides, bLayout.offset, out, outLayout.strides, outLayout.offset);
          const [rtol, atol] = dtype === 'f32' ? [1e-5, 1e-5] : [1e-12, 1e-12];
          expect(describeMismatch(out, expected, rtol, atol), `${kind} ${batch.join('x')}|${m}x${k}x${n}`).toBeNull();
        }
      }
    });
  }

  it('multiplies transposed views in place of copies and handles an aliased output', () => {
    // a = [[1, 2], [3, 4]] stored column-major; out written column-major too.
    const a = new Float64Array([1, 3, 2, 4]);
    const b = new Float64Array([5, 6, 7, 8]);
    const out = new Float64Array(4);
    matmulStrided([], 2, 2, 2, a, [1, 2], 0, b, [2, 1], 0, out, [1, 2], 0);
    expect(Array.from(out)).toEqual([19, 43, 22, 50]);
    // out lives in the same buffer as a.
    const shared = new Float64Array([1, 2, 3, 4, 0, 0, 0, 0]);
    matmulStrided([], 2, 2, 2, shared, [2, 1], 0, shared, [2, 1], 0, shared, [2, 1], 4);
    expect(Array.from(shared)).toEqual([1, 2, 3, 4, 7, 10, 15, 22]);
  });

  it('rejects mixed element types and short buffers', () => {
    const f32 = new Float32Array(4);
    expect(() => matmulStrided([], 2, 2, 2, f32, [2, 1], 0, new Float64Array(4), [2, 1], 0, f32, [2, 1], 0)).toThrow(DTypeError);
    expect(() => matmulStrided([], 2, 2, 2, f32, [2, 1], 1, f32.slice(), [2, 1], 0, new Float32Array(4), [2, 1], 0)).toThrow(
      /^matmulStrided: a \(shape 2x2/,
    );
    expect(() => matmulStrided([], 2, -1, 2, f32, [2, 1], 0, f32, [2, 1], 0, f32, [2, 1], 0)).toThrow(ShapeError);
  });
});
