import { describe, expect, it } from 'vitest';
import type { DType } from '../dtype';
import { LAYOUT_KINDS, randomArray, randomLayout } from '../internal/nd-layout';
import { describeMismatch, forEachIndex, offsetOf } from '../internal/nd-naive';
import { ARG_REDUCE_OPS, type ArgReduceOp } from '../ops';
import { Random } from '../random';
import { argReduceStrided } from './arg-reduce-strided';

// Returns true when `value` should replace `best`: strictly better, or the first NaN.
const BEATS: Record<ArgReduceOp, (value: number, best: number) => boolean> = {
  argmax: (value, best) => !Number.isNaN(best) && (Number.isNaN(value) || value > best),
  argmin: (value, best) => !Number.isNaN(best) && (Number.isNaN(value) || value < best),
};

const SHAPES = [[1], [7], [2, 3], [3, 1, 4], [2, 3, 2, 3], [13, 2], [0, 3]];
const DTYPES: DType[] = ['f32', 'f64'];

describe('argReduceStrided', () => {
  for (const op of ARG_REDUCE_OPS) {
    for (const dtype of DTYPES) {
      it(`${op} (${dtype}) finds the first extreme along every axis on every layout`, () => {
        const random = new Random(op.length + dtype.length * 3);
        for (const shape of SHAPES) {
          for (const kind of LAYOUT_KINDS) {
            for (let axis = -1; axis < shape.length; axis++) {
              const along = axis < 0 ? axis + shape.length : axis;
              if (shape[along] === 0) continue;
              const outShape = shape.map((extent, i) => (i === along ? 1 : extent));
              const xLayout = randomLayout(random, shape, kind);
              const outLayout = randomLayout(random, outShape, kind === 'broadcast' ? 'mixed' : kind, false);
              const x = randomArray(random, dtype, xLayout.length, 'ties');
              if (x.length > 0 && random.uniform() < 0.3) x[random.integer(x.length)] = Number.NaN;
              const out = randomArray(random, 'i32', outLayout.length);
              const expected = out.slice();
              forEachIndex(outShape, (index) => {
                let best = 0;
                const at = (i: number): number => x[offsetOf(index.map((v, d) => (d === along ? i : v)), xLayout.strides, xLayout.offset)];
                for (let i = 1; i < shape[along]; i++) if (BEATS[op](at(i), at(best))) best = i;
                expected[offsetOf(index, outLayout.strides, outLayout.offset)] = best;
              });
              argReduceStrided(op, shape, axis, x, xLayout.strides, xLayout.offset, out, outLayout.strides, outLayout.offset);
              expect(describeMismatch(out, expected), `${kind} ${shape.join('x')} axis ${axis}`).toBeNull();
            }
          }
        }
      });
    }
  }

  it('breaks ties toward the first element and lets the first NaN win', () => {
    const out = new Int32Array(1);
    argReduceStrided('argmax', [4], 0, new Float32Array([1, 3, 3, 2]), [1], 0, out, [1], 0);
    expect(out[0]).toBe(1);
    argReduceStrided('argmin', [4], 0, new Float32Array([1, 0, 2, 0]), [1], 0, out, [1], 0);
    expect(out[0]).toBe(1);
    argReduceStrided('argmax', [4], 0, new Float64Array([1, Number.NaN, 5, Number.NaN]), [1], 0, out, [1], 0);
    expect(out[0]).toBe(1);
    argReduceStrided('argmin', [3], 0, new Float64Array([Number.NaN, -1, Number.NaN]), [1], 0, out, [1], 0);
    expect(out[0]).toBe(0);
  });

  it('rejects an empty or out-of-range axis', () => {
    const out = new Int32Array(2);
    expect(() => argReduceStrided('argmax', [2, 0], 1, new Float32Array(0), [0, 1], 0, out, [1, 1], 0)).toThrow(
      'argReduceStrided: argmax of an empty axis (axis 1 of 2x0)',
    );
    expect(() => argReduceStrided('argmax', [2, 3], 2, new Float32Array(6), [3, 1], 0, out, [1, 1], 0)).toThrow(
      /^argReduceStrided: axis 2 is out of range for shape 2x3/,
    );
  });
});
