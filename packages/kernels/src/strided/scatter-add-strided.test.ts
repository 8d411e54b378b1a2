import { describe, expect, it } from 'vitest';
import type { DType } from '../dtype';
import { BackendError } from '../errors';
import { LAYOUT_KINDS, randomArray, randomLayout } from '../internal/nd-layout';
import { describeMismatch, forEachIndex, offsetOf } from '../internal/nd-naive';
import { Random } from '../random';
import { scatterAddStrided } from './scatter-add-strided';

const DTYPES: DType[] = ['f32', 'f64'];
const OUT_SHAPES = [[5], [3, 4], [2, 3, 4], [4, 1, 3], [1, 6]];

describe('scatterAddStrided', () => {
  for (const dtype of DTYPES) {
    it(`matches PyTorch scatter_add_ on every layout, repeated indices accumulating (${dtype})`, () => {
      const random = new Random(23 + dtype.length);
      for (const outShape of OUT_SHAPES) {
        for (const kind of LAYOUT_KINDS) {
          for (let axis = 0; axis < outShape.length; axis++) {
            const shape = outShape.map((extent, d) => (d === axis ? random.integer(7) : 1 + random.integer(extent)));
            const updatesLayout = randomLayout(random, shape, kind);
            const indexLayout = randomLayout(random, shape, random.uniform() < 0.5 ? 'mixed' : kind);
            const outLayout = randomLayout(random, outShape, kind === 'broadcast' ? 'negative' : kind, false);
            const updates = randomArray(random, dtype, updatesLayout.length, 'ties');
            const index = new Int32Array(indexLayout.length).map(() => random.integer(outShape[axis]));
            const out = randomArray(random, dtype, outLayout.length, 'ties');
            const expected = out.slice();
            forEachIndex(shape, (position) => {
              const k = index[offsetOf(position, indexLayout.strides, indexLayout.offset)];
              const target = position.map((v, d) => (d === axis ? k : v));
              expected[offsetOf(target, outLayout.strides, outLayout.offset)] +=
                updates[offsetOf(position, updatesLayout.strides, updatesLayout.offset)];
            });
            scatterAddStrided(
              shape, axis,
              updates, updatesLayout.strides, updatesLayout.offset,
              index, indexLayout.strides, indexLayout.offset,
              outShape, out, outLayout.strides, outLayout.offset,
            );
            expect(describeMismatch(out, expected), `${kind} out ${outShape.join('x')} index ${shape.join('x')} axis ${axis}`).toBeNull();
          }
        }
      }
    });
  }

  it('accumulates repeated indices (the adjoint of gather)', () => {
    const out = new Float64Array(3);
    scatterAddStrided([4], -1, new Float64Array([1, 2, 3, 4]), [1], 0, new Int32Array([1, 1, 0, 1]), [1], 0, [3], out, [1], 0);
    expect(Array.from(out)).toEqual([3, 7, 0]);
  });

  it('leaves out untouched when any index is out of range', () => {
    const out = new Float32Array([5, 5, 5]);
    const run = (index: number[]): void =>
      scatterAddStrided([3], 0, new Float32Array([1, 1, 1]), [1], 0, Int32Array.from(index), [1], 0, [3], out, [1], 0);
    expect(() => run([0, 1, 3])).toThrow(BackendError);
    expect(() => run([0, 1, 3])).toThrow('scatterAddStrided: index 3 is out of range for axis 0 of extent 3');
    expect(() => run([-2, 1, 0])).toThrow('scatterAddStrided: index -2 is out of range for axis 0 of extent 3');
    expect(Array.from(out)).toEqual([5, 5, 5]);
    expect(() => scatterAddStrided([4], 0, new Float32Array(3), [1], 0, new Int32Array(4), [1], 0, [3], out, [1], 0)).toThrow(
      /^scatterAddStrided: updates/,
    );
  });
});
