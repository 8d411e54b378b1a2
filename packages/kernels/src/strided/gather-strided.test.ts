import { describe, expect, it } from 'vitest';
import type { DType } from '../dtype';
import { BackendError, ShapeError } from '../errors';
import { LAYOUT_KINDS, randomArray, randomLayout } from '../internal/nd-layout';
import { describeMismatch, forEachIndex, offsetOf } from '../internal/nd-naive';
import { Random } from '../random';
import { gatherStrided } from './gather-strided';

const DTYPES: DType[] = ['f32', 'f64', 'i32'];
const X_SHAPES = [[5], [3, 4], [2, 3, 4], [4, 1, 3], [1, 6]];

describe('gatherStrided', () => {
  for (const dtype of DTYPES) {
    it(`matches PyTorch gather semantics on every layout (${dtype})`, () => {
      const random = new Random(11 + dtype.length);
      for (const xShape of X_SHAPES) {
        for (const kind of LAYOUT_KINDS) {
          for (let axis = 0; axis < xShape.length; axis++) {
            // Index extents: anything along `axis` (0 included), at most x's elsewhere.
            const shape = xShape.map((extent, d) => (d === axis ? random.integer(5) : 1 + random.integer(extent)));
            const xLayout = randomLayout(random, xShape, kind);
            const indexLayout = randomLayout(random, shape, random.uniform() < 0.5 ? 'mixed' : kind);
            const outLayout = randomLayout(random, shape, kind === 'broadcast' ? 'transposed' : kind, false);
            const x = randomArray(random, dtype, xLayout.length);
            const index = new Int32Array(indexLayout.length).map(() => random.integer(xShape[axis]));
            const out = randomArray(random, dtype, outLayout.length);
            const expected = out.slice();
            forEachIndex(shape, (position) => {
              const k = index[offsetOf(position, indexLayout.strides, indexLayout.offset)];
              const source = position.map((v, d) => (d === axis ? k : v));
              expected[offsetOf(position, outLayout.strides, outLayout.offset)] = x[offsetOf(source, xLayout.strides, xLayout.offset)];
            });
            const signedAxis = random.uniform() < 0.5 ? axis : axis - xShape.length;
            gatherStrided(
              shape, signedAxis,
              xShape, x, xLayout.strides, xLayout.offset,
              index, indexLayout.strides, indexLayout.offset,
              out, outLayout.strides, outLayout.offset,
            );
            expect(describeMismatch(out, expected), `${kind} x ${xShape.join('x')} index ${shape.join('x')} axis ${axis}`).toBeNull();
          }
        }
      }
    });
  }

  it('rejects out-of-range and negative indices before writing, naming index and extent', () => {
    const x = new Float32Array([1, 2, 3, 4, 5, 6]);
    const out = new Float32Array(4).fill(9);
    const run = (index: number[]): void =>
      gatherStrided([2, 2], 1, [2, 3], x, [3, 1], 0, Int32Array.from(index), [2, 1], 0, out, [2, 1], 0);
    expect(() => run([0, 1, 2, 3])).toThrow(BackendError);
    expect(() => run([0, 1, 2, 3])).toThrow('gatherStrided: index 3 is out of range for axis 1 of extent 3');
    expect(() => run([0, -1, 2, 0])).toThrow('gatherStrided: index -1 is out of range for axis 1 of extent 3');
    expect(Array.from(out)).toEqual([9, 9, 9, 9]);
    run([2, 2, 0, 1]);
    expect(Array.from(out)).toEqual([3, 3, 4, 5]);
  });

  it('rejects mismatched ranks, oversized index extents and bad axes', () => {
    const x = new Float32Array(6);
    const out = new Float32Array(8);
    const index = new Int32Array(8);
    expect(() => gatherStrided([8], 0, [2, 3], x, [3, 1], 0, index, [1], 0, out, [1], 0)).toThrow(
      'gatherStrided: index and x differ in rank (index 8, x 2x3)',
    );
    expect(() => gatherStrided([4, 2], 1, [2, 3], x, [3, 1], 0, index, [2, 1], 0, out, [2, 1], 0)).toThrow(ShapeError);
    expect(() => gatherStrided([4, 2], 1, [2, 3], x, [3, 1], 0, index, [2, 1], 0, out, [2, 1], 0)).toThrow(
      /^gatherStrided: index is larger than x on axis 0/,
    );
    expect(() => gatherStrided([2, 2], 2, [2, 3], x, [3, 1], 0, index, [2, 1], 0, out, [2, 1], 0)).toThrow(
      /^gatherStrided: axis 2 is out of range/,
    );
    expect(() => gatherStrided([2, 2], 1, [2, 3], x, [3, 1], 1, index, [2, 1], 0, out, [2, 1], 0)).toThrow(/^gatherStrided: x/);
  });
});
