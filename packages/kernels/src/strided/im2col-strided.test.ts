import { describe, expect, it } from 'vitest';
import type { ConvGeometry } from '../backend';
import type { FloatDType } from '../dtype';
import { DTypeError } from '../errors';
import { randomArray, randomLayout, type LayoutKind } from '../internal/nd-layout';
import { describeMismatch, forEachIndex, offsetOf } from '../internal/nd-naive';
import { Random } from '../random';
import { col2imStrided } from './col2im-strided';
import { im2colStrided } from './im2col-strided';

const GEOMETRIES: ConvGeometry[] = [
  { channels: 2, height: 5, width: 4, kernelHeight: 3, kernelWidth: 2, strideHeight: 1, strideWidth: 2, padTop: 1, padBottom: 0, padLeft: 1, padRight: 1, dilationHeight: 1, dilationWidth: 1 },
  { channels: 1, height: 6, width: 6, kernelHeight: 2, kernelWidth: 3, strideHeight: 2, strideWidth: 1, padTop: 0, padBottom: 2, padLeft: 0, padRight: 0, dilationHeight: 2, dilationWidth: 1 },
  { channels: 3, height: 3, width: 3, kernelHeight: 1, kernelWidth: 1, strideHeight: 1, strideWidth: 1, padTop: 0, padBottom: 0, padLeft: 0, padRight: 0, dilationHeight: 1, dilationWidth: 1 },
];
const KINDS: LayoutKind[] = ['contiguous', 'transposed', 'offset', 'negative', 'gapped', 'mixed'];

function outputSize(g: ConvGeometry): [number, number] {
  const oh = Math.floor((g.height + g.padTop + g.padBottom - g.dilationHeight * (g.kernelHeight - 1) - 1) / g.strideHeight) + 1;
  const ow = Math.floor((g.width + g.padLeft + g.padRight - g.dilationWidth * (g.kernelWidth - 1) - 1) / g.strideWidth) + 1;
  return [oh, ow];
}

/** Calls `visit(n, c, ki, kj, oh, ow, h, w)` for every tap; h/w may fall in the padding. */
function forEachTap(batch: number, g: ConvGeometry, visit: (tap: number[], row: number, column: number, h: number, w: number) => void): void {
  const [oh, ow] = outputSize(g);
  for (let n = 0; n < batch; n++)
    for (let c = 0; c < g.channels; c++)
      for (let ki = 0; ki < g.kernelHeight; ki++)
        for (let kj = 0; kj < g.kernelWidth; kj++)
          for (let y = 0; y < oh; y++)
            for (let x = 0; x < ow; x++) {
              const h = y * g.strideHeight - g.padTop + ki * g.dilationHeight;
              const w = x * g.strideWidth - g.padLeft + kj * g.dilationWidth;
              visit([n, c], (c * g.kernelHeight + ki) * g.kernelWidth + kj, y * ow + x, h, w);
            }
}

describe('im2colStrided and col2imStrided', () => {
  for (const dtype of ['f32', 'f64'] as FloatDType[]) {
    it(`unfold and fold like a naive tap loop on every layout (${dtype})`, () => {
      const random = new Random(dtype === 'f32' ? 41 : 42);
      for (const g of GEOMETRIES) {
        const [oh, ow] = outputSize(g);
        for (const kind of KINDS) {
          const batch = 1 + random.integer(3);
          const imageShape = [batch, g.channels, g.height, g.width];
          const columnsShape = [batch, g.channels * g.kernelHeight * g.kernelWidth, oh * ow];
          const xLayout = randomLayout(random, imageShape, kind, false);
          const colLayout = randomLayout(random, columnsShape, kind, false);
          const x = randomArray(random, dtype, xLayout.length);
          const columns = randomArray(random, dtype, colLayout.length);
          const padValue = random.uniform() < 0.5 ? 0 : -Infinity;
          const expectedColumns = columns.slice();
          forEachTap(batch, g, ([n, c], row, column, h, w) => {
            const inside = h >= 0 && h < g.height && w >= 0 && w < g.width;
            const value = inside ? x[offsetOf([n, c, h, w], xLayout.strides, xLayout.offset)] : padValue;
            expectedColumns[offsetOf([n, row, column], colLayout.strides, colLayout.offset)] = value;
          });
          im2colStrided(batch, g, x, xLayout.strides, xLayout.offset, columns, colLayout.strides, colLayout.offset, padValue);
          expect(describeMismatch(columns, expectedColumns), `im2col ${kind}`).toBeNull();

          // Fold fresh columns back into the image buffer: overwrite the view, sum overlapping taps.
          const folded = randomArray(random, dtype, colLayout.length);
          const expectedImage = x.slice();
          forEachIndex(imageShape, (index) => (expectedImage[offsetOf(index, xLayout.strides, xLayout.offset)] = 0));
          forEachTap(batch, g, ([n, c], row, column, h, w) => {
            if (h < 0 || h >= g.height || w < 0 || w >= g.width) return;
            expectedImage[offsetOf([n, c, h, w], xLayout.strides, xLayout.offset)] += folded[offsetOf([n, row, column], colLayout.strides, colLayout.offset)];
          });
          col2imStrided(batch, g, folded, colLayout.strides, colLayout.offset, x, xLayout.strides, xLayout.offset);
          const [rtol, atol] = dtype === 'f32' ? [1e-6, 1e-6] : [1e-14, 1e-14];
          expect(describeMismatch(x, expectedImage, rtol, atol), `col2im ${kind}`).toBeNull();
        }
      }
    });
  }

  it('rejects mixed element types and bad geometry with its own name', () => {
    const g = GEOMETRIES[2];
    expect(() => im2colStrided(1, g, new Float32Array(27), [27, 9, 3, 1], 0, new Float64Array(27), [27, 9, 1], 0, 0)).toThrow(DTypeError);
    expect(() => im2colStrided(1, { ...g, kernelHeight: 9 }, new Float32Array(27), [27, 9, 3, 1], 0, new Float32Array(27), [27, 9, 1], 0, 0)).toThrow(
      /^im2colStrided: window 9x1/,
    );
    expect(() => col2imStrided(1, g, new Float32Array(27), [27, 9, 1], 1, new Float32Array(27), [27, 9, 3, 1], 0)).toThrow(
      /^col2imStrided: columns/,
    );
  });
});
