import { describe, expect, it } from 'vitest';
import type { DType } from '../dtype';
import { ShapeError } from '../errors';
import { LAYOUT_KINDS, randomArray, randomLayout } from '../internal/nd-layout';
import { describeMismatch, forEachIndex, offsetOf } from '../internal/nd-naive';
import { REDUCE_OPS, type ReduceOp } from '../ops';
import { Random } from '../random';
import { contiguousStrides } from '../shape';
import { reduceStrided } from './reduce-strided';

// Naive folds; `max`/`min` written without Math.max so a NaN is caught explicitly.
const REFERENCE: Record<ReduceOp, { identity: number; fold: (acc: number, value: number) => number }> = {
  sum: { identity: 0, fold: (acc, value) => acc + value },
  prod: { identity: 1, fold: (acc, value) => acc * value },
  max: { identity: -Infinity, fold: (acc, value) => (Number.isNaN(acc) || Number.isNaN(value) ? Number.NaN : value > acc ? value : acc) },
  min: { identity: Infinity, fold: (acc, value) => (Number.isNaN(acc) || Number.isNaN(value) ? Number.NaN : value < acc ? value : acc) },
};

const SHAPES = [[], [1], [7], [2, 3], [3, 1, 4], [2, 3, 2, 3], [13, 2], [2, 0, 3], [0]];
const DTYPES: DType[] = ['f32', 'f64'];

function randomAxes(random: Random, rank: number): number[] {
  const axes = [...Array(rank).keys()].filter(() => random.uniform() < 0.5);
  // Any order, and negative spellings of the same axis.
  for (let i = axes.length - 1; i > 0; i--) {
    const j = random.integer(i + 1);
    [axes[i], axes[j]] = [axes[j], axes[i]];
  }
  return axes.map((axis) => (random.uniform() < 0.3 ? axis - rank : axis));
}

describe('reduceStrided', () => {
  for (const op of REDUCE_OPS) {
    for (const dtype of DTYPES) {
      it(`${op} (${dtype}) matches the naive reference for random axes on every layout`, () => {
        const random = new Random(op.length * 13 + dtype.length);
        for (const shape of SHAPES) {
          for (const kind of LAYOUT_KINDS) {
            for (let trial = 0; trial < 3; trial++) {
              const rank = shape.length;
              const axes = trial === 0 ? [...Array(rank).keys()] : randomAxes(random, rank);
              const reduced = shape.map((_, axis) => axes.some((a) => (a + rank) % rank === axis));
              if ((op === 'max' || op === 'min') && shape.some((extent, axis) => reduced[axis] && extent === 0)) continue;
              const outShape = shape.map((extent, axis) => (reduced[axis] ? 1 : extent));
              const xLayout = randomLayout(random, shape, kind);
              const outLayout = randomLayout(random, outShape, kind === 'broadcast' ? 'mixed' : kind, false);
              const x = randomArray(random, dtype, xLayout.length, op === 'prod' ? 'nearOne' : 'normal');
              if (op !== 'sum' && x.length > 0 && random.uniform() < 0.3) x[random.integer(x.length)] = Number.NaN;
              const out = randomArray(random, dtype, outLayout.length);
              // Garbage strides on reduced axes must be ignored.
              const outStrides = outLayout.strides.map((stride, axis) => (reduced[axis] ? 1000 : stride));
              const acc = new Float64Array(outShape.reduce((a, b) => a * b, 1)).fill(REFERENCE[op].identity);
              const accStrides = contiguousStrides(outShape);
              forEachIndex(shape, (index) => {
                const target = offsetOf(index.map((i, axis) => (reduced[axis] ? 0 : i)), accStrides, 0);
                acc[target] = REFERENCE[op].fold(acc[target], x[offsetOf(index, xLayout.strides, xLayout.offset)]);
              });
              const expected = out.slice();
              forEachIndex(outShape, (index) => {
                expected[offsetOf(index, outLayout.strides, outLayout.offset)] = acc[offsetOf(index, accStrides, 0)];
              });
              reduceStrided(op, shape, axes, x, xLayout.strides, xLayout.offset, out, outStrides, outLayout.offset);
              const [rtol, atol] = dtype === 'f32' ? [1e-6, 1e-6] : [1e-12, 1e-12];
              expect(describeMismatch(out, expected, rtol, atol), `${kind} ${shape.join('x')} axes [${axes.join(', ')}]`).toBeNull();
            }
          }
        }
      });
    }
  }

  it('sums 1e6 float32 ones exactly, accumulating in double precision', () => {
    const x = new Float32Array(1_000_000).fill(1);
    const out = new Float32Array(1);
    reduceStrided('sum', [1000, 1000], [0, 1], x, [1000, 1], 0, out, [0, 0], 0);
    expect(out[0]).toBe(1_000_000);
    const x2 = new Float32Array(1 << 24).fill(1);
    const out2 = new Float32Array(1);
    reduceStrided('sum', [1 << 24], [0], x2, [1], 0, out2, [0], 0);
    expect(out2[0]).toBe(1 << 24);
    const tenth = new Float32Array(1_000_000).fill(0.1);
    reduceStrided('sum', [1000, 1000], [1, 0], tenth, [1000, 1], 0, out, [0, 0], 0);
    expect(Math.abs(out[0] - 100000.00149011612)).toBeLessThan(0.01);
  });

  it('sums a leading axis (bias gradient) and keeps NaN in max/min', () => {
    const x = new Float64Array([1, 2, 3, 4, 5, 6]);
    const out = new Float64Array(3);
    reduceStrided('sum', [2, 3], [0], x, [3, 1], 0, out, [0, 1], 0);
    expect(Array.from(out)).toEqual([5, 7, 9]);
    const withNaN = new Float64Array([1, Number.NaN, 3]);
    const scalar = new Float64Array(1);
    reduceStrided('max', [3], [0], withNaN, [1], 0, scalar, [1], 0);
    expect(scalar[0]).toBeNaN();
    reduceStrided('min', [3], [-1], withNaN, [1], 0, scalar, [1], 0);
    expect(scalar[0]).toBeNaN();
  });

  it('gives 0 for an empty sum and 1 for an empty product; throws for an empty max', () => {
    const out = new Float32Array([7, 7]);
    reduceStrided('sum', [2, 0], [1], new Float32Array(0), [0, 1], 0, out, [1, 1], 0);
    expect(Array.from(out)).toEqual([0, 0]);
    reduceStrided('prod', [2, 0], [1], new Float32Array(0), [0, 1], 0, out, [1, 1], 0);
    expect(Array.from(out)).toEqual([1, 1]);
    expect(() => reduceStrided('max', [2, 0], [1], new Float32Array(0), [0, 1], 0, out, [1, 1], 0)).toThrow(ShapeError);
    expect(() => reduceStrided('min', [2, 0], [1], new Float32Array(0), [0, 1], 0, out, [1, 1], 0)).toThrow(
      'reduceStrided: min of an empty axis (axis 1 of 2x0)',
    );
    // No reduced axes: a copy.
    const copy = new Float32Array(2);
    reduceStrided('max', [2], [], new Float32Array([3, 4]), [1], 0, copy, [1], 0);
    expect(Array.from(copy)).toEqual([3, 4]);
  });

  it('validates axes and views before writing', () => {
    const x = new Float32Array(6);
    const out = new Float32Array(3).fill(5);
    expect(() => reduceStrided('sum', [2, 3], [2], x, [3, 1], 0, out, [0, 1], 0)).toThrow(
      /^reduceStrided: axis 2 is out of range for shape 2x3/,
    );
    expect(() => reduceStrided('sum', [2, 3], [-3], x, [3, 1], 0, out, [0, 1], 0)).toThrow(/^reduceStrided: axis -3/);
    expect(() => reduceStrided('sum', [2, 3], [1.5], x, [3, 1], 0, out, [0, 1], 0)).toThrow(ShapeError);
    expect(() => reduceStrided('sum', [2, 3], [0, -2], x, [3, 1], 0, out, [0, 1], 0)).toThrow(
      /^reduceStrided: axis -2 is repeated in axes \[0, -2\] for shape 2x3/,
    );
    expect(() => reduceStrided('sum', [2, 3], [0], x, [3, 1], 0, out, [0, 1], 1)).toThrow(/^reduceStrided: out/);
    expect(() => reduceStrided('sum', [2, 3], [0], x, [3, 1], 1, out, [0, 1], 0)).toThrow(/^reduceStrided: x/);
    expect(Array.from(out)).toEqual([5, 5, 5]);
  });
});
