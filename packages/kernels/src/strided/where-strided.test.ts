import { describe, expect, it } from 'vitest';
import type { DType } from '../dtype';
import { LAYOUT_KINDS, randomArray, randomLayout } from '../internal/nd-layout';
import { describeMismatch, forEachIndex, offsetOf } from '../internal/nd-naive';
import { Random } from '../random';
import { whereStrided } from './where-strided';

const SHAPES = [[], [0], [1], [6], [2, 3], [3, 1, 4], [2, 2, 3, 2]];
const DTYPES: DType[] = ['f32', 'f64'];

describe('whereStrided', () => {
  for (const dtype of DTYPES) {
    it(`selects like the naive reference on every layout (${dtype}, i32 and float conditions)`, () => {
      const random = new Random(7);
      for (const shape of SHAPES) {
        for (const kind of LAYOUT_KINDS) {
          const layouts = [0, 1, 2].map(() => randomLayout(random, shape, random.uniform() < 0.5 ? 'mixed' : kind));
          const [cLayout, aLayout, bLayout] = layouts;
          const outLayout = randomLayout(random, shape, kind === 'broadcast' ? 'negative' : kind, false);
          const condition = randomArray(random, random.uniform() < 0.5 ? 'i32' : dtype, cLayout.length, 'ties');
          if (condition.length > 0 && dtype !== 'f32' && condition instanceof Float64Array) condition[0] = Number.NaN;
          const a = randomArray(random, dtype, aLayout.length);
          const b = randomArray(random, dtype, bLayout.length);
          const out = randomArray(random, dtype, outLayout.length);
          const expected = out.slice();
          forEachIndex(shape, (index) => {
            const c = condition[offsetOf(index, cLayout.strides, cLayout.offset)];
            const value = c === 0 ? b[offsetOf(index, bLayout.strides, bLayout.offset)] : a[offsetOf(index, aLayout.strides, aLayout.offset)];
            expected[offsetOf(index, outLayout.strides, outLayout.offset)] = value;
          });
          whereStrided(
            shape,
            condition, cLayout.strides, cLayout.offset,
            a, aLayout.strides, aLayout.offset,
            b, bLayout.strides, bLayout.offset,
            out, outLayout.strides, outLayout.offset,
          );
          expect(describeMismatch(out, expected), `${kind} ${shape.join('x')}`).toBeNull();
        }
      }
    });
  }

  it('rejects a too-short condition', () => {
    const x = new Float64Array(4);
    expect(() => whereStrided([5], new Int32Array(4), [1], 0, x, [0], 0, x, [0], 0, new Float64Array(5), [1], 0)).toThrow(
      /^whereStrided: condition/,
    );
  });
});
