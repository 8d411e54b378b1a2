import { describe, expect, it } from 'vitest';
import type { ConvGeometry } from '../backend';
import { DTypeError, ShapeError } from '../errors';
import { randomConvGeometry } from '../internal/random-conv-geometry';
import { Random } from '../random';
import { im2col } from './im2col';

/** im2col straight from its definition: one branch per tap. */
function naiveIm2col(x: ArrayLike<number>, g: ConvGeometry, padValue: number): Float64Array {
  const outH = Math.floor((g.height + g.padTop + g.padBottom - g.dilationHeight * (g.kernelHeight - 1) - 1) / g.strideHeight) + 1;
  const outW = Math.floor((g.width + g.padLeft + g.padRight - g.dilationWidth * (g.kernelWidth - 1) - 1) / g.strideWidth) + 1;
  const out = new Float64Array(g.channels * g.kernelHeight * g.kernelWidth * outH * outW);
  for (let c = 0; c < g.channels; c++) {
    for (let ki = 0; ki < g.kernelHeight; ki++) {
      for (let kj = 0; kj < g.kernelWidth; kj++) {
        const row = (c * g.kernelHeight + ki) * g.kernelWidth + kj;
        for (let oh = 0; oh < outH; oh++) {
          for (let ow = 0; ow < outW; ow++) {
            const ih = oh * g.strideHeight - g.padTop + ki * g.dilationHeight;
            const iw = ow * g.strideWidth - g.padLeft + kj * g.dilationWidth;
            const inside = ih >= 0 && ih < g.height && iw >= 0 && iw < g.width;
            out[row * outH * outW + oh * outW + ow] = inside ? x[(c * g.height + ih) * g.width + iw] : padValue;
          }
        }
      }
    }
  }
  return out;
}

const GEOMETRY: ConvGeometry = {
  channels: 1,
  height: 2,
  width: 2,
  kernelHeight: 2,
  kernelWidth: 2,
  strideHeight: 1,
  strideWidth: 1,
  padTop: 0,
  padBottom: 0,
  padLeft: 0,
  padRight: 1,
  dilationHeight: 1,
  dilationWidth: 1,
};

describe('im2col', () => {
  it('runs the documented example', () => {
    const columns = new Float32Array(8);
    im2col(new Float32Array([1, 2, 3, 4]), 0, GEOMETRY, columns, 0);
    expect(Array.from(columns)).toEqual([1, 2, 2, 0, 3, 4, 4, 0]);
  });

  it('matches the naive definition on random geometries, offsets and pad values, f32 and f64', () => {
    const random = new Random(31);
    for (let trial = 0; trial < 300; trial++) {
      const g = randomConvGeometry(random, 3);
      const Ctor = trial % 2 === 0 ? Float32Array : Float64Array;
      const padValue = [0, -Infinity, 7.5][trial % 3];
      const xOffset = random.integer(4);
      const image = random.fillUniform(new Ctor(g.channels * g.height * g.width), -1, 1);
      const x = new Ctor(xOffset + image.length + random.integer(3)).fill(99);
      x.set(image, xOffset);
      const expected = naiveIm2col(image, g, padValue);
      const columnsOffset = random.integer(4);
      // NaN before the call proves every element of the matrix is written; 1234 around it proves nothing else is.
      const columns = new Ctor(columnsOffset + expected.length + 2).fill(1234);
      columns.fill(NaN, columnsOffset, columnsOffset + expected.length);
      im2col(x, xOffset, g, columns, columnsOffset, padValue);
      expect(Array.from(columns.subarray(columnsOffset, columnsOffset + expected.length))).toEqual(Array.from(expected));
      expect(Array.from(columns.subarray(0, columnsOffset)).every((v) => v === 1234)).toBe(true);
      expect(Array.from(columns.subarray(columnsOffset + expected.length))).toEqual([1234, 1234]);
    }
  });

  it('handles an MNIST-size same convolution', () => {
    const pads = { padTop: 1, padBottom: 1, padLeft: 1, padRight: 1 };
    const g = { ...GEOMETRY, ...pads, height: 28, width: 28, kernelHeight: 3, kernelWidth: 3 };
    const x = new Random(32).fillUniform(new Float32Array(28 * 28), -1, 1);
    const columns = new Float32Array(9 * 28 * 28);
    im2col(x, 0, g, columns, 0);
    expect(Array.from(columns)).toEqual(Array.from(naiveIm2col(x, g, 0)));
  });

  it('writes rows a given stride apart and nothing between them (taps-major batches), f32 and f64', () => {
    const random = new Random(33);
    for (let trial = 0; trial < 100; trial++) {
      const g = randomConvGeometry(random, 3);
      const Ctor = trial % 2 === 0 ? Float32Array : Float64Array;
      const image = random.fillUniform(new Ctor(g.channels * g.height * g.width), -1, 1);
      const expected = naiveIm2col(image, g, -1);
      const rows = g.channels * g.kernelHeight * g.kernelWidth;
      const positions = expected.length / rows;
      const rowStride = positions * (1 + random.integer(3)) + random.integer(2);
      const columnsOffset = random.integer(3);
      const columns = new Ctor(columnsOffset + (rows - 1) * rowStride + positions + 1).fill(1234);
      im2col(image, 0, g, columns, columnsOffset, -1, rowStride);
      for (let i = 0; i < columns.length; i++) {
        const relative = i - columnsOffset;
        const row = Math.floor(relative / rowStride);
        const position = relative - row * rowStride;
        const inside = relative >= 0 && row < rows && position < positions;
        expect(columns[i]).toBe(inside ? expected[row * positions + position] : 1234);
      }
    }
  });

  it('rejects a row stride shorter than a row, naming im2col', () => {
    const columns = new Float64Array(16);
    expect(() => im2col(new Float64Array(4), 0, GEOMETRY, columns, 0, 0, 1)).toThrow(
      'im2col: columnsRowStride must be an integer >= 2, the row length (got 1)',
    );
    expect(() => im2col(new Float64Array(4), 0, GEOMETRY, columns, 0, 0, 5)).toThrow(
      'im2col: columns is too short (4x2 with row stride 5 from offset 0 needs 17, buffer has 16)',
    );
  });

  it('validates the geometry and buffers, naming im2col', () => {
    const x = new Float64Array(4);
    const columns = new Float64Array(8);
    expect(() => im2col(x, 0, { ...GEOMETRY, kernelHeight: 5, kernelWidth: 5, padRight: 0 }, columns, 0)).toThrow(
      'im2col: window 5x5 (dilation 1x1) does not fit input 2x2 with padding 0,0,0,0',
    );
    expect(() => im2col(x, 1, GEOMETRY, columns, 0)).toThrow(
      'im2col: x is too short (image 1x2x2 from offset 1 needs 5, buffer has 4)',
    );
    expect(() => im2col(x, 0, GEOMETRY, columns, 1)).toThrow(
      'im2col: columns is too short (4x2 from offset 1 needs 9, buffer has 8)',
    );
    const shape: (() => unknown)[] = [
      () => im2col(x, -1, GEOMETRY, columns, 0),
      () => im2col(x, 0, GEOMETRY, columns, 0.5),
      () => im2col(x, 0, { ...GEOMETRY, strideWidth: 0 }, columns, 0),
      () => im2col(x, 0, { ...GEOMETRY, padLeft: -1 }, columns, 0),
      () => im2col(x, 0, GEOMETRY, new Float64Array(7), 0),
    ];
    for (const call of shape) {
      expect(call).toThrow(ShapeError);
      expect(call).toThrow(/^im2col: /);
    }
    const mixed = () => im2col(new Float32Array(4), 0, GEOMETRY, columns as unknown as Float32Array, 0);
    expect(mixed).toThrow(DTypeError);
    expect(mixed).toThrow('im2col: columns must have the dtype of x (Float32Array, got Float64Array)');
    const ints = () => im2col(new Int32Array(4) as unknown as Float32Array, 0, GEOMETRY, new Float32Array(8), 0);
    expect(ints).toThrow(DTypeError);
    expect(ints).toThrow(/^im2col: x must be a Float32Array or Float64Array/);
  });
});
