import { describe, expect, it } from 'vitest';
import type { ConvGeometry } from '../backend';
import { DTypeError, ShapeError } from '../errors';
import { randomConvGeometry } from '../internal/random-conv-geometry';
import { Random } from '../random';
import { argReduceStrided } from '../strided/arg-reduce-strided';
import { im2colStrided } from '../strided/im2col-strided';
import { reduceStrided } from '../strided/reduce-strided';
import { maxPoolIndex } from './max-pool-index';

/** True if some tap of every window along one axis lands inside the input. */
function windowsTouch(size: number, kernelSize: number, stride: number, padBefore: number, padAfter: number, dilation: number): boolean {
  const outSize = Math.floor((size + padBefore + padAfter - dilation * (kernelSize - 1) - 1) / stride) + 1;
  for (let o = 0; o < outSize; o++) {
    const taps = Array.from({ length: kernelSize }, (_, k) => o * stride - padBefore + k * dilation);
    if (!taps.some((t) => t >= 0 && t < size)) return false;
  }
  return true;
}

/** A random geometry in which every window holds at least one input element. */
function randomGeometry(random: Random): ConvGeometry {
  return randomConvGeometry(
    random,
    2,
    (g) =>
      windowsTouch(g.height, g.kernelHeight, g.strideHeight, g.padTop, g.padBottom, g.dilationHeight) &&
      windowsTouch(g.width, g.kernelWidth, g.strideWidth, g.padLeft, g.padRight, g.dilationWidth),
  );
}

function outputSize(g: ConvGeometry): [number, number] {
  const outH = Math.floor((g.height + g.padTop + g.padBottom - g.dilationHeight * (g.kernelHeight - 1) - 1) / g.strideHeight) + 1;
  const outW = Math.floor((g.width + g.padLeft + g.padRight - g.dilationWidth * (g.kernelWidth - 1) - 1) / g.strideWidth) + 1;
  return [outH, outW];
}

/** The winner straight from the definition: valid taps in row-major order, first NaN, else first strict maximum. */
function naiveIndex(x: ArrayLike<number>, batch: number, g: ConvGeometry): number[] {
  const [outH, outW] = outputSize(g);
  const out: number[] = [];
  for (let plane = 0; plane < batch * g.channels; plane++) {
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++) {
        const taps: number[] = [];
        for (let ki = 0; ki < g.kernelHeight; ki++) {
          for (let kj = 0; kj < g.kernelWidth; kj++) {
            const h = oh * g.strideHeight - g.padTop + ki * g.dilationHeight;
            const w = ow * g.strideWidth - g.padLeft + kj * g.dilationWidth;
            if (h >= 0 && h < g.height && w >= 0 && w < g.width) taps.push(h * g.width + w);
          }
        }
        const value = (i: number): number => x[plane * g.height * g.width + i] as number;
        const nan = taps.find((i) => Number.isNaN(value(i)));
        const best = taps.reduce((a, b) => (value(b) > value(a) ? b : a));
        out.push(nan ?? best);
      }
    }
  }
  return out;
}

/** Values with ties, NaN and both infinities. */
function awkward(random: Random, length: number, Ctor: Float32ArrayConstructor | Float64ArrayConstructor): Float32Array | Float64Array {
  const specials = [NaN, Infinity, -Infinity, 0, 1, 1];
  const values = new Ctor(length);
  for (let i = 0; i < length; i++) values[i] = random.uniform() < 0.3 ? specials[random.integer(specials.length)]! : random.integer(5) - 2;
  return values;
}

const GEOMETRY: ConvGeometry = {
  channels: 1, height: 2, width: 4, kernelHeight: 2, kernelWidth: 2, strideHeight: 2, strideWidth: 2,
  padTop: 0, padBottom: 0, padLeft: 0, padRight: 0, dilationHeight: 1, dilationWidth: 1,
};

describe('maxPoolIndex', () => {
  it('runs the documented example', () => {
    const out = new Int32Array(2);
    maxPoolIndex(1, GEOMETRY, new Float32Array([1, 5, 2, 2, 3, 4, 2, 0]), [8, 8, 4, 1], 0, out, 0);
    expect(Array.from(out)).toEqual([1, 2]);
  });

  it('matches the definition on random geometries with ties, NaN and infinities, f32 and f64', () => {
    const random = new Random(41);
    for (let trial = 0; trial < 300; trial++) {
      const g = randomGeometry(random);
      const batch = 1 + random.integer(2);
      const Ctor = trial % 2 === 0 ? Float32Array : Float64Array;
      const x = awkward(random, batch * g.channels * g.height * g.width, Ctor);
      const [outH, outW] = outputSize(g);
      const expected = naiveIndex(x, batch, g);
      const outOffset = random.integer(3);
      const out = new Int32Array(outOffset + expected.length + 2).fill(-7);
      maxPoolIndex(batch, g, x, [g.channels * g.height * g.width, g.height * g.width, g.width, 1], 0, out, outOffset);
      expect(Array.from(out.subarray(outOffset, outOffset + expected.length))).toEqual(expected);
      expect([...out.subarray(0, outOffset), ...out.subarray(outOffset + expected.length)].every((v) => v === -7)).toBe(true);
      expect(expected.length).toBe(batch * g.channels * outH * outW);
    }
  });

  it('gathers exactly the max reduction of -Infinity-padded windows (the op it replaces)', () => {
    const random = new Random(42);
    for (let trial = 0; trial < 200; trial++) {
      const g = { ...randomGeometry(random), channels: 1 };
      const planes = 1 + random.integer(3);
      const x = awkward(random, planes * g.height * g.width, Float64Array);
      const [outH, outW] = outputSize(g);
      const positions = outH * outW;
      const taps = g.kernelHeight * g.kernelWidth;
      const windows = new Float64Array(planes * taps * positions);
      im2colStrided(planes, g, x, [g.height * g.width, g.height * g.width, g.width, 1], 0, windows, [taps * positions, positions, 1], 0, -Infinity);
      const maxima = new Float64Array(planes * positions);
      reduceStrided('max', [planes, taps, positions], [1], windows, [taps * positions, positions, 1], 0, maxima, [positions, positions, 1], 0);
      const argmax = new Int32Array(planes * positions);
      argReduceStrided('argmax', [planes, taps, positions], 1, windows, [taps * positions, positions, 1], 0, argmax, [positions, positions, 1], 0);
      const index = new Int32Array(planes * positions);
      maxPoolIndex(planes, g, x, [g.height * g.width, g.height * g.width, g.width, 1], 0, index, 0);
      for (let i = 0; i < index.length; i++) {
        const plane = Math.floor(i / positions);
        expect(x[plane * g.height * g.width + index[i]!]).toBe(maxima[i]);
        // The winner is argmax's unless argmax picked a padded tap (all valid taps -Infinity).
        const tap = argmax[i]!;
        if (windows[(plane * taps + tap) * positions + (i % positions)] !== -Infinity || maxima[i] !== -Infinity) {
          const ki = Math.floor(tap / g.kernelWidth);
          const kj = tap % g.kernelWidth;
          const p = i % positions;
          const h = Math.floor(p / outW) * g.strideHeight - g.padTop + ki * g.dilationHeight;
          const w = (p % outW) * g.strideWidth - g.padLeft + kj * g.dilationWidth;
          expect(index[i]).toBe(h * g.width + w);
        }
      }
    }
  });

  it('never lets padding win, even over -Infinity', () => {
    const x = new Float32Array([-Infinity, -Infinity, -Infinity, -Infinity]);
    const g = { ...GEOMETRY, height: 2, width: 2, strideHeight: 1, strideWidth: 1 };
    const out = new Int32Array(4);
    // Padding first in window order: the first valid tap wins, not the padded one before it.
    maxPoolIndex(1, { ...g, padTop: 1, padLeft: 1 }, x, [4, 4, 2, 1], 0, out, 0);
    expect(Array.from(out)).toEqual([0, 0, 0, 0]);
    maxPoolIndex(1, { ...g, padBottom: 1, padRight: 1 }, x, [4, 4, 2, 1], 0, out, 0);
    expect(Array.from(out)).toEqual([0, 1, 2, 3]);
    maxPoolIndex(1, { ...g, padBottom: 1, padRight: 1 }, new Float32Array([-Infinity, -Infinity, -Infinity, -1e30]), [4, 4, 2, 1], 0, out, 0);
    expect(Array.from(out)).toEqual([3, 3, 3, 3]);
  });

  it('reads any strides: transposed, negative and broadcast', () => {
    const random = new Random(43);
    const g = { ...GEOMETRY, channels: 2, height: 3, width: 4, kernelHeight: 2, kernelWidth: 3, strideHeight: 1, strideWidth: 1, padLeft: 1 };
    const dense = awkward(random, 2 * 2 * 3 * 4, Float64Array);
    const expected = naiveIndex(dense, 2, g);
    // The same images stored width-major and reversed along the batch axis.
    const stored = new Float64Array(dense.length);
    for (let n = 0; n < 2; n++) for (let c = 0; c < 2; c++) for (let h = 0; h < 3; h++) for (let w = 0; w < 4; w++) {
      stored[(1 - n) * 24 + c * 12 + w * 3 + h] = dense[n * 24 + c * 12 + h * 4 + w]!;
    }
    const out = new Int32Array(expected.length);
    maxPoolIndex(2, g, stored, [-24, 12, 1, 3], 24, out, 0);
    expect(Array.from(out)).toEqual(expected);
    const broadcast = new Int32Array(expected.length);
    maxPoolIndex(2, g, dense, [0, 12, 4, 1], 0, broadcast, 0);
    expect(Array.from(broadcast)).toEqual([...expected.slice(0, expected.length / 2), ...expected.slice(0, expected.length / 2)]);
  });

  it('validates the geometry, windows and buffers, naming maxPoolIndex', () => {
    const x = new Float64Array(8);
    const strides = [8, 8, 4, 1];
    expect(() => maxPoolIndex(1, { ...GEOMETRY, kernelHeight: 3 }, x, strides, 0, new Int32Array(2), 0)).toThrow(
      'maxPoolIndex: window 3x2 (dilation 1x1) does not fit input 2x4 with padding 0,0,0,0',
    );
    expect(() => maxPoolIndex(1, { ...GEOMETRY, kernelWidth: 1, padLeft: 2, strideWidth: 1 }, x, strides, 0, new Int32Array(6), 0)).toThrow(
      'maxPoolIndex: window 0 along the width lies entirely in the padding (input 4, window 1, stride 1, padding 2, dilation 1)',
    );
    const shape: (() => unknown)[] = [
      () => maxPoolIndex(1, GEOMETRY, x, strides, 1, new Int32Array(2), 0),
      () => maxPoolIndex(1, GEOMETRY, x, [8, 8, 4], 0, new Int32Array(2), 0),
      () => maxPoolIndex(1, GEOMETRY, x, strides, 0, new Int32Array(2), 1),
      () => maxPoolIndex(-1, GEOMETRY, x, strides, 0, new Int32Array(2), 0),
      () => maxPoolIndex(1, { ...GEOMETRY, strideWidth: 0 }, x, strides, 0, new Int32Array(2), 0),
    ];
    for (const call of shape) {
      expect(call).toThrow(ShapeError);
      expect(call).toThrow(/^maxPoolIndex: /);
    }
    const ints = () => maxPoolIndex(1, GEOMETRY, new Int32Array(8) as unknown as Float32Array, strides, 0, new Int32Array(2), 0);
    expect(ints).toThrow(DTypeError);
    expect(ints).toThrow('maxPoolIndex: x must be a Float32Array or Float64Array (got Int32Array)');
    const floats = () => maxPoolIndex(1, GEOMETRY, x, strides, 0, new Float64Array(2) as unknown as Int32Array, 0);
    expect(floats).toThrow(DTypeError);
    expect(floats).toThrow('maxPoolIndex: out must be an Int32Array (got Float64Array)');
  });
});
