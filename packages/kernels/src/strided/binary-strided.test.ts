import { describe, expect, it } from 'vitest';
import type { DType } from '../dtype';
import { LAYOUT_KINDS, randomArray, randomLayout } from '../internal/nd-layout';
import { describeMismatch, forEachIndex, offsetOf } from '../internal/nd-naive';
import { BINARY_OPS, type BinaryOp } from '../ops';
import { Random } from '../random';
import { binaryStrided } from './binary-strided';

const nan = Number.NaN;

const REFERENCE: Record<BinaryOp, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: (a, b) => a ** b,
  maximum: (a, b) => (a !== a || b !== b ? nan : a > b ? a : b),
  minimum: (a, b) => (a !== a || b !== b ? nan : a < b ? a : b),
  equal: (a, b) => Number(a === b),
  notEqual: (a, b) => Number(a !== b),
  less: (a, b) => Number(a < b),
  lessEqual: (a, b) => Number(a <= b),
  greater: (a, b) => Number(a > b),
  greaterEqual: (a, b) => Number(a >= b),
};

const SHAPES = [[], [0], [1], [5], [2, 3], [3, 1, 4], [2, 0, 3], [3, 2, 2, 2], [11, 3]];
const DTYPES: DType[] = ['f32', 'f64'];

describe('binaryStrided', () => {
  for (const op of BINARY_OPS) {
    for (const dtype of DTYPES) {
      it(`${op} (${dtype}) matches the naive reference on every layout, broadcast included`, () => {
        const random = new Random(op.length * 17 + dtype.length);
        for (const shape of SHAPES) {
          for (const kind of LAYOUT_KINDS) {
            const aLayout = randomLayout(random, shape, kind);
            const bLayout = randomLayout(random, shape, random.uniform() < 0.5 ? 'mixed' : kind);
            const outLayout = randomLayout(random, shape, kind === 'broadcast' ? 'offset' : kind, false);
            const valueKind = op.startsWith('less') || op.startsWith('greater') || op.endsWith('qual') ? 'ties' : 'normal';
            const a = randomArray(random, dtype, aLayout.length, valueKind);
            const b = randomArray(random, dtype, bLayout.length, valueKind);
            if (a.length > 0 && random.uniform() < 0.5) a[random.integer(a.length)] = nan;
            const out = randomArray(random, dtype, outLayout.length);
            const expected = out.slice();
            forEachIndex(shape, (index) => {
              const av = a[offsetOf(index, aLayout.strides, aLayout.offset)];
              const bv = b[offsetOf(index, bLayout.strides, bLayout.offset)];
              expected[offsetOf(index, outLayout.strides, outLayout.offset)] = REFERENCE[op](av, bv);
            });
            binaryStrided(
              op, shape,
              a, aLayout.strides, aLayout.offset,
              b, bLayout.strides, bLayout.offset,
              out, outLayout.strides, outLayout.offset,
            );
            expect(describeMismatch(out, expected), `${kind} ${shape.join('x')}`).toBeNull();
          }
        }
      });
    }
  }

  it('propagates NaN through maximum and minimum from either side', () => {
    const a = new Float64Array([nan, 1, 2, -Infinity]);
    const b = new Float64Array([1, nan, 3, -1]);
    const out = new Float64Array(4);
    binaryStrided('maximum', [4], a, [1], 0, b, [1], 0, out, [1], 0);
    expect(Array.from(out)).toEqual([nan, nan, 3, -1]);
    binaryStrided('minimum', [4], a, [1], 0, b, [1], 0, out, [1], 0);
    expect(Array.from(out)).toEqual([nan, nan, 2, -Infinity]);
    binaryStrided('equal', [4], a, [1], 0, a, [1], 0, out, [1], 0);
    expect(Array.from(out)).toEqual([0, 1, 1, 1]);
  });

  it('broadcasts a row and a column into an outer sum', () => {
    const column = new Float32Array([1, 2, 3]);
    const row = new Float32Array([10, 20]);
    const out = new Float32Array(6);
    binaryStrided('add', [3, 2], column, [1, 0], 0, row, [0, 1], 0, out, [2, 1], 0);
    expect(Array.from(out)).toEqual([11, 21, 12, 22, 13, 23]);
  });

  it('names itself and the operand when a buffer is too short', () => {
    const x = new Float32Array(6);
    expect(() => binaryStrided('add', [2, 3], x, [3, 1], 0, x, [3, 1], 1, x, [3, 1], 0)).toThrow(
      /^binaryStrided: b \(shape 2x3, strides \[3, 1\], offset 1\)/,
    );
  });
});
