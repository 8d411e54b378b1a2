import { describe, expect, it } from 'vitest';
import { allocTypedArray, type DType } from '../dtype';
import { LAYOUT_KINDS, randomArray, randomLayout } from '../internal/nd-layout';
import { describeMismatch, forEachIndex, offsetOf } from '../internal/nd-naive';
import { Random } from '../random';
import { copyStrided } from './copy-strided';

const DTYPES: DType[] = ['f32', 'f64', 'i32'];

describe('copyStrided', () => {
  for (const from of DTYPES) {
    for (const to of DTYPES) {
      it(`copies ${from} into ${to} on every layout`, () => {
        const random = new Random(from.length + 5 * to.length);
        for (const shape of [[], [0], [1], [7], [2, 3], [4, 1, 3], [2, 0], [3, 2, 2, 3], [5, 70]]) {
          for (const kind of LAYOUT_KINDS) {
            const xLayout = randomLayout(random, shape, kind);
            const outLayout = randomLayout(random, shape, kind === 'broadcast' ? 'contiguous' : kind, false);
            const x = randomArray(random, from, xLayout.length);
            const out = randomArray(random, to, outLayout.length);
            const expected = out.slice();
            forEachIndex(shape, (index) => {
              expected[offsetOf(index, outLayout.strides, outLayout.offset)] = x[offsetOf(index, xLayout.strides, xLayout.offset)];
            });
            copyStrided(shape, x, xLayout.strides, xLayout.offset, out, outLayout.strides, outLayout.offset);
            expect(describeMismatch(out, expected), `${kind} ${shape.join('x')}`).toBeNull();
          }
        }
      });
    }
  }

  it('truncates floats written to Int32Array and materialises a transpose', () => {
    const x = new Float64Array([1.9, -1.9, 2.5, 3, 4, 5]);
    const out = allocTypedArray('i32', 6);
    copyStrided([3, 2], x, [1, 3], 0, out, [2, 1], 0);
    expect(Array.from(out)).toEqual([1, 3, -1, 4, 2, 5]);
  });

  it('copies long contiguous rows (the memcpy path) and names itself on errors', () => {
    const x = Float32Array.from({ length: 1000 }, (_, i) => i);
    const out = new Float32Array(1002);
    copyStrided([10, 100], x, [100, 1], 0, out, [100, 1], 2);
    expect(out[2]).toBe(0);
    expect(out[1001]).toBe(999);
    expect(() => copyStrided([10, 100], x, [100, 1], 1, out, [100, 1], 0)).toThrow(/^copyStrided: x/);
  });
});
