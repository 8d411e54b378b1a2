import { describe, expect, it } from 'vitest';
import type { ConvGeometry } from '../backend';
import { DTypeError, ShapeError } from '../errors';
import { randomConvGeometry } from '../internal/random-conv-geometry';
import { Random } from '../random';
import { col2im } from './col2im';
import { im2col } from './im2col';

function outputSize(g: ConvGeometry): [number, number] {
  const outH = Math.floor((g.height + g.padTop + g.padBottom - g.dilationHeight * (g.kernelHeight - 1) - 1) / g.strideHeight) + 1;
  const outW = Math.floor((g.width + g.padLeft + g.padRight - g.dilationWidth * (g.kernelWidth - 1) - 1) / g.strideWidth) + 1;
  return [outH, outW];
}

/** col2im straight from its definition: every in-image tap adds its column entry. */
function naiveCol2im(columns: ArrayLike<number>, g: ConvGeometry, x: Float64Array): void {
  const [outH, outW] = outputSize(g);
  for (let c = 0; c < g.channels; c++) {
    for (let ki = 0; ki < g.kernelHeight; ki++) {
      for (let kj = 0; kj < g.kernelWidth; kj++) {
        const row = (c * g.kernelHeight + ki) * g.kernelWidth + kj;
        for (let oh = 0; oh < outH; oh++) {
          for (let ow = 0; ow < outW; ow++) {
            const ih = oh * g.strideHeight - g.padTop + ki * g.dilationHeight;
            const iw = ow * g.strideWidth - g.padLeft + kj * g.dilationWidth;
            if (ih >= 0 && ih < g.height && iw >= 0 && iw < g.width) {
              x[(c * g.height + ih) * g.width + iw] += columns[row * outH * outW + oh * outW + ow];
            }
          }
        }
      }
    }
  }
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

describe('col2im', () => {
  it('runs the documented example: overlapping taps sum', () => {
    const g: ConvGeometry = {
      channels: 1, height: 1, width: 3, kernelHeight: 1, kernelWidth: 2, strideHeight: 1, strideWidth: 1,
      padTop: 0, padBottom: 0, padLeft: 0, padRight: 0, dilationHeight: 1, dilationWidth: 1,
    };
    const x = new Float64Array(3);
    col2im(new Float64Array([1, 1, 1, 1]), 0, g, x, 0);
    expect(Array.from(x)).toEqual([1, 2, 1]);
    // It accumulates: a second fold adds on top.
    col2im(new Float64Array([1, 1, 1, 1]), 0, g, x, 0);
    expect(Array.from(x)).toEqual([2, 4, 2]);
  });

  it('matches a naive fold added onto existing values, f32 and f64, with offsets', () => {
    const random = new Random(41);
    for (let trial = 0; trial < 300; trial++) {
      const g = randomConvGeometry(random, 3);
      const [outH, outW] = outputSize(g);
      const Ctor = trial % 2 === 0 ? Float32Array : Float64Array;
      const columnsOffset = random.integer(4);
      const rows = g.channels * g.kernelHeight * g.kernelWidth;
      const columns = random.fillUniform(new Ctor(columnsOffset + rows * outH * outW + 1), -1, 1);
      const xOffset = random.integer(4);
      const size = g.channels * g.height * g.width;
      const x = random.fillUniform(new Ctor(xOffset + size + 2), -1, 1);
      const expected = Float64Array.from(x);
      const fold = new Float64Array(size);
      naiveCol2im(columns.subarray(columnsOffset), g, fold);
      for (let i = 0; i < size; i++) expected[xOffset + i] += fold[i];
      col2im(columns, columnsOffset, g, x, xOffset);
      const tol = Ctor === Float32Array ? 1e-5 : 1e-12;
      for (let i = 0; i < x.length; i++) {
        if (Math.abs(x[i] - expected[i]) > tol) expect.fail(`trial ${trial}, element ${i}: got ${x[i]}, expected ${expected[i]}`);
      }
    }
  });

  it('is the adjoint of im2col: <im2col(x), C> = <x, col2im(C)>', () => {
    const random = new Random(42);
    for (let trial = 0; trial < 200; trial++) {
      const g = randomConvGeometry(random, 3);
      const [outH, outW] = outputSize(g);
      const x = random.fillUniform(new Float64Array(g.channels * g.height * g.width), -1, 1);
      const c = random.fillUniform(new Float64Array(g.channels * g.kernelHeight * g.kernelWidth * outH * outW), -1, 1);
      const unfolded = new Float64Array(c.length);
      im2col(x, 0, g, unfolded, 0);
      const folded = new Float64Array(x.length);
      col2im(c, 0, g, folded, 0);
      expect(dot(unfolded, c)).toBeCloseTo(dot(x, folded), 10);
    }
  });

  it('reads rows a given stride apart (taps-major batches) like the dense fold of those rows', () => {
    const random = new Random(43);
    for (let trial = 0; trial < 100; trial++) {
      const g = randomConvGeometry(random, 3);
      const [outH, outW] = outputSize(g);
      const rows = g.channels * g.kernelHeight * g.kernelWidth;
      const positions = outH * outW;
      const dense = random.fillUniform(new Float64Array(rows * positions), -1, 1);
      const rowStride = positions * (1 + random.integer(3)) + random.integer(2);
      // Values between the rows must not be read: fill them with NaN.
      const strided = new Float64Array(2 + (rows - 1) * rowStride + positions).fill(NaN);
      for (let row = 0; row < rows; row++) strided.set(dense.subarray(row * positions, (row + 1) * positions), 2 + row * rowStride);
      const expected = new Float64Array(g.channels * g.height * g.width).fill(0.5);
      naiveCol2im(dense, g, expected);
      const x = new Float64Array(expected.length).fill(0.5);
      col2im(strided, 2, g, x, 0, rowStride);
      Array.from(x).forEach((value, i) => expect(value).toBeCloseTo(expected[i], 12));
    }
    const line: ConvGeometry = {
      channels: 1, height: 1, width: 3, kernelHeight: 1, kernelWidth: 2, strideHeight: 1, strideWidth: 1,
      padTop: 0, padBottom: 0, padLeft: 0, padRight: 0, dilationHeight: 1, dilationWidth: 1,
    };
    expect(() => col2im(new Float64Array(8), 0, line, new Float64Array(3), 0, 1)).toThrow(
      'col2im: columnsRowStride must be an integer >= 2, the row length (got 1)',
    );
  });

  it('validates the geometry and buffers, naming col2im', () => {
    const g: ConvGeometry = {
      channels: 2, height: 3, width: 3, kernelHeight: 2, kernelWidth: 2, strideHeight: 1, strideWidth: 1,
      padTop: 0, padBottom: 0, padLeft: 0, padRight: 0, dilationHeight: 1, dilationWidth: 1,
    };
    const columns = new Float32Array(2 * 4 * 4);
    const x = new Float32Array(18);
    expect(() => col2im(columns, 0, { ...g, dilationHeight: 3 }, x, 0)).toThrow(
      'col2im: window 2x2 (dilation 3x1) does not fit input 3x3 with padding 0,0,0,0',
    );
    expect(() => col2im(columns, 0, g, x, 2)).toThrow(
      'col2im: x is too short (image 2x3x3 from offset 2 needs 20, buffer has 18)',
    );
    expect(() => col2im(columns, 3, g, x, 0)).toThrow(
      'col2im: columns is too short (8x4 from offset 3 needs 35, buffer has 32)',
    );
    const shape: (() => unknown)[] = [
      () => col2im(columns, -2, g, x, 0),
      () => col2im(columns, 0, g, x, 1.5),
      () => col2im(columns, 0, { ...g, channels: 0 }, x, 0),
      () => col2im(columns, 0, { ...g, dilationWidth: 0.5 }, x, 0),
      () => col2im(new Float32Array(31), 0, g, x, 0),
    ];
    for (const call of shape) {
      expect(call).toThrow(ShapeError);
      expect(call).toThrow(/^col2im: /);
    }
    const mixed = () => col2im(new Float64Array(32) as unknown as Float32Array, 0, g, x, 0);
    expect(mixed).toThrow(DTypeError);
    expect(mixed).toThrow(/^col2im: columns must have the dtype of x/);
    expect(Array.from(x).every((v) => v === 0)).toBe(true);
  });
});
